"""Where a road notice's category comes from when it mixes measures: roads shut to every vehicle
are a closure whatever the title calls the arrangements; closures among other measures (parking
bans, bus stops moved, limited access) or in phases with partial closures are traffic control.
Also the subjects keywords alone miss: a civil-service exam that fills posts, a participatory
budget's vote, an English listing of things to do."""

from __future__ import annotations

import pytest

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


def _category(title: str, body: str) -> Category:
    return categorize(normalize(title), normalize(body)).category


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "為配合清明節而在和平山實施的特別交通及運輸安排",
            "運輸署提醒市民，四月四日及五日，松崗道及和平山道將會封閉，禁止所有車輛進入（專營巴士及持有許可證的車輛除外）。",
        ),
        (
            "青岭路临时交通安排",
            "因桥面维修，6月2日至6月9日青岭路将封闭，禁止一切车辆通行，请改道行驶。",
        ),
    ],
)
def test_every_vehicle_barred_is_a_road_closure(title: str, body: str) -> None:
    assert _category(title, body) == Category.ROAD_CLOSURE


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "多處道路臨時交通措施",
            "以下道路將實施臨時交通措施：\n封閉交通\n本年6月1日至3日，介乎甲街與乙街之間一段丙街。\n"
            "禁止泊車\n本年6月1日至3日，丁街的咪錶泊車位。\n設置臨時巴士站\n本年6月1日至3日，戊街近市場的路段。",
        ),
        (
            "道路封闭通告",
            "6月1日至3日封闭交通：东湖街一段；同期东湖街全段禁止车辆停泊，东湖街公交站暂停使用，北门街实施有限度通车。",
        ),
    ],
)
def test_closures_among_other_measures_are_traffic_control(title: str, body: str) -> None:
    assert _category(title, body) == Category.TRAFFIC_CONTROL


def test_one_other_measure_beside_a_closure_keeps_it_a_closure() -> None:
    body = "因管道施工，6月1日至3日松林路全封闭，禁止车辆停泊，请绕行。"
    assert _category("松林路封闭施工通告", body) == Category.ROAD_CLOSURE


def test_phases_of_full_and_partial_closure_are_traffic_control() -> None:
    body = (
        "本工程施工区域分两阶段：全封闭占用时间为10月4日至10月6日，部分封闭占用时间为10月7日至11月2日，"
        "敬请民众于施工期间改道行驶。"
    )
    assert _category("中山路口改善工程施工交维管制公告", body) == Category.TRAFFIC_CONTROL


def test_a_full_closure_alone_under_a_control_title_is_a_closure() -> None:
    body = "中山路口改善工程于10月4日至10月6日全封闭施工，敬请民众改道行驶。"
    assert _category("中山路口改善工程施工交维管制公告", body) == Category.ROAD_CLOSURE


@pytest.mark.parametrize(
    "body",
    [
        "一、考試類科及需用名額：一般行政類科40人。\n二、考試日期：3月8日舉行。\n三、報名日期：自1月5日起至1月14日止。",
        "本項考試由考選部辦理，用人機關依成績分發。報名日期：自2月1日起至2月10日止，考試日期：4月12日。",
    ],
)
def test_a_civil_service_exam_filling_posts_is_recruitment(body: str) -> None:
    assert _category("", body) == Category.RECRUITMENT


def test_a_licence_exam_stays_other() -> None:
    body = "一、考試日期：3月8日舉行。\n二、報名日期：自1月5日起至1月14日止，請考生攜帶准考證應試。"
    assert _category("導遊人員資格考試", body) == Category.OTHER


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "校園公告",
            "市政府參與式預算提案票選活動開跑，投票期間為5月3日至5月17日，歡迎踴躍參與投票活動。",
        ),
        (
            "",
            "Residents may vote on the city's participatory budget proposals through i-Voting "
            "from 3 to 17 May.",
        ),
    ],
)
def test_a_participatory_budget_vote_is_a_consultation(title: str, body: str) -> None:
    assert _category(title, body) == Category.PUBLIC_CONSULTATION


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "",
            "Plans for the weekend? The museum holds an open house on Saturday with guided tours, "
            "and the park has dance performances and craft workshops until 6pm.",
        ),
        (
            "",
            "Celebrate Harbour Day: all public pools and museums offer free admission on 3 June, with "
            "free activities and a family programme at the civic centre.",
        ),
    ],
)
def test_an_english_listing_of_things_to_do_is_an_event(title: str, body: str) -> None:
    assert _category(title, body) == Category.EVENT
