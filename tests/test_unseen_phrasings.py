"""Phrasings met in real notices the parser had not seen, each a general rule with invented
sentences (simplified and traditional script):

* counts between a day's hours and the next round's (限电量300万瓩，影响200万户；第二轮…) do not cut the
  next round off its day;
* a length said further on in the sentence (预计工程需时7至8小时) ends a start said without an end;
* a document cited by its number (…110年7月19日南市工养一字第123号公告) and an exported page's
  ``date 2021-09-17`` field date papers, not plans;
* only a class of lanes shut (封闭及管制地下道双向慢车道) leaves the road open: traffic control;
* a reopening told with 适时 (4日适时恢复开放) restates the end of the closure before it;
* the issuer's own expected finish (水箱预计于1月10日中午前完成放置) is no deadline for anyone.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notices.parse import parse_page
from tests.periods_support import TZ, at, periods


def _categories(text: str) -> list[str]:
    return [n.category.value for n in parse_page(text, published=date(2023, 5, 10), tz=TZ).notices]


# ---------------------------------------------------------------- counts between rounds


@pytest.mark.parametrize(
    "text",
    [
        "供电公司通报：第一轮限电时间为12日下午2时至2时40分，限电量200万千瓦，影响约150万户；"
        "第二轮限电时间为下午2时40分至3时20分，限电量180万千瓦。",
        "供電公司通報：第一輪限電時間為12日下午2時至2時40分，限電量200萬瓩，影響約150萬戶；"
        "第二輪限電時間為下午2時40分至3時20分，限電量180萬瓩。",
    ],
)
def test_counts_between_rounds_keep_the_next_round_on_its_day(text: str) -> None:
    assert periods(text) == [(at(5, 12, 14), at(5, 12, 14, 40)), (at(5, 12, 14, 40), at(5, 12, 15, 20))]


def test_a_new_day_between_rounds_still_stops_the_carry() -> None:
    text = "第一轮停电为12日8时至9时，影响300户；13日另行安排，10时至11时视情况而定。"
    assert (at(5, 12, 10), at(5, 12, 11)) not in periods(text)


# ---------------------------------------------------------------- a length further on


@pytest.mark.parametrize(
    "text",
    [
        "水务公司将于今晚11时，为新华路一段直径300毫米的旧水管进行更换工程，预计工程需时6至7小时。",
        "水務公司將於今晚11時，為新華路一段直徑300毫米的舊水管進行更換工程，預計工程需時6至7小時。",
    ],
)
def test_a_length_said_further_on_ends_the_start(text: str) -> None:
    assert periods(text) == [(at(5, 10, 23), at(5, 11, 6))]


def test_a_length_after_another_hour_is_that_hours() -> None:
    text = "今晚11时起东段封闭施工；明日8时起西段施工，预计需时3小时。"
    assert (at(5, 10, 23), at(5, 11, 2)) not in periods(text)
    assert (at(5, 11, 8), at(5, 11, 11)) in periods(text)


def test_a_time_allowed_inside_a_limit_is_no_length() -> None:
    text = "考试定于5月20日上午9时开始，考生需时3小时以内完成作答。"
    assert (at(5, 20, 9), at(5, 20, 12)) not in periods(text)


# ---------------------------------------------------------------- papers, not plans


@pytest.mark.parametrize(
    "cited",
    [
        "依据：市工务局2023年5月8日工养一字第1120012345号公告。",
        "依據：市工務局112年5月8日工養一字第1120012345號公告。",
        "依据县政府2023年5月8日某政发〔2023〕15号文件。",
    ],
)
def test_a_document_cited_by_its_number_is_no_period(cited: str) -> None:
    # with no publication day to tell it is past, only the number shows the day dates a paper
    text = f"道路封闭施工公告\n{cited}\n封闭时间：2023年5月22日上午9时至下午4时。\n"
    assert periods(text, published=None) == [(at(5, 22, 9), at(5, 22, 16))]


def test_an_exported_date_field_is_the_pages_stamp() -> None:
    text = (
        " date 2023-05-10 KUALA LUMPUR: A road closure will be in place at the Jalan Melur junction "
        "from May 15 to June 30, the city council said.\n"
    )
    assert periods(text) == [(date(2023, 5, 15), date(2023, 6, 30))]


def test_a_date_field_after_the_issue_day_is_a_plan() -> None:
    text = "Road closure notice\nDate: 2023-05-20\nTime: 9am to 5pm\nJalan Melur will be closed.\n"
    assert periods(text) == [(at(5, 20, 9), at(5, 20, 17))]


# ---------------------------------------------------------------- a class of lanes shut


@pytest.mark.parametrize(
    "text",
    [
        "为办理限高设施工程，5月22日上午9时至下午4时封闭及管制和平地下道双向慢车道，请用路人提早改道。",
        "為辦理限高設施工程，5月22日上午9時至下午4時封閉及管制和平地下道雙向慢車道，請用路人提早改道。",
    ],
)
def test_only_slow_lanes_shut_is_traffic_control(text: str) -> None:
    assert _categories(f"道路施工公告\n{text}\n市工务局\n") == ["traffic_control"]


def test_the_whole_road_shut_stays_a_closure() -> None:
    text = "道路封闭公告\n5月22日至6月30日和平路全封闭施工，禁止一切车辆通行。\n市工务局\n"
    assert _categories(text) == ["road_closure"]


# ---------------------------------------------------------------- reopening with 适时


@pytest.mark.parametrize(
    "line",
    [
        "文化广场将于5月20日至22日暂停开放，5月23日适时恢复开放。",
        "文化廣場將於5月20日至22日暫停開放，5月23日適時恢復開放。",
    ],
)
def test_a_reopening_told_with_shishi_restates_the_end(line: str) -> None:
    assert periods(f"闭馆公告\n{line}\n") == [(date(2023, 5, 20), date(2023, 5, 22))]


# ---------------------------------------------------------------- the issuer's own finish


@pytest.mark.parametrize(
    "line",
    [
        "停水期间将于受影响屋苑放置水箱（预计于5月20日中午前完成放置）。",
        "停水期間將於受影響屋苑放置水箱（預計於5月20日中午前完成放置）。",
    ],
)
def test_the_issuers_own_expected_finish_is_no_deadline(line: str) -> None:
    text = f"停水通知\n因接驳工程，5月20日晚上10时至翌日早上6时暂停供水。\n{line}\n"
    assert periods(text) == [(at(5, 20, 22), at(5, 21, 6))]


def test_a_deadline_the_reader_meets_stays() -> None:
    text = "报名通知\n请有意者于5月20日中午前完成网上报名。\n"
    assert periods(text) == [(None, datetime(2023, 5, 20, 12, 0, tzinfo=TZ))]


# ---------------------------------------------------------------- a half of the day before a round


@pytest.mark.parametrize(
    "text",
    [
        "5月12日第一轮停电为下午6时至6时45分，影响约80万户；第二轮为晚间7时30分至8时15分。",
        "5月12日第一輪停電為下午6時至6時45分，影響約80萬戶；第二輪為晚間7時30分至8時15分。",
    ],
)
def test_an_evening_said_before_a_rounds_hours_puts_them_in_the_evening(text: str) -> None:
    assert periods(text) == [(at(5, 12, 18), at(5, 12, 18, 45)), (at(5, 12, 19, 30), at(5, 12, 20, 15))]


def test_an_evening_window_into_the_morning_still_ends_next_day() -> None:
    text = "5月12日上午8时至9时东段施工；西段施工为晚间10时至6时。"
    assert (at(5, 12, 22), at(5, 13, 6)) in periods(text)


def test_closed_to_all_traffic_is_a_road_closure() -> None:
    text = "Jalan Mawar will be closed to all traffic from May 20 to June 2 for resurfacing works.\n"
    assert [n.category.value for n in parse_page(text, published=date(2023, 5, 10), tz=TZ).notices] == [
        "road_closure"
    ]
