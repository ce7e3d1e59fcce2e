"""How much of a road is shut decides road closure or traffic control; an event's arrangements
are the event's, whatever they shut."""

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
            "关于青石岭隧道至白沙湾段实施交通管制的通告",
            "因连日暴雨，青石岭隧道出口处发生山体滑坡，自6月3日起该路段全面封闭，"
            "除抢险车辆外禁止车辆通行，恢复时间另行通知。",
        ),
        (
            "關於桂林路實施交通管制的通告",
            "因排水管道搶修，桂林路（東門街至西門街）將於8月2日至8月9日全封閉，請過往車輛繞行南環路。",
        ),
        (
            "柳岸街臨時交通安排",
            "為配合渠務工程，柳岸街將於本月15日晚上11時至翌日早上6時臨時封閉，禁止車輛駛入，"
            "受影響車輛須改經河畔道。",
        ),
        (
            "Temporary traffic arrangements on Harbour Crescent",
            "Harbour Crescent will be closed to all traffic from 10pm on 4 May to 5am on 5 May "
            "for the removal of a footbridge.",
        ),
    ],
)
def test_a_road_shut_outright_is_a_road_closure(title: str, body: str) -> None:
    assert _category(title, body) is Category.ROAD_CLOSURE


def test_a_flooded_road_reported_without_a_title_is_a_road_closure() -> None:
    body = (
        "（山城5日讯）通往北岭镇的联络路第12公里处因塌方，路段已全面关闭，禁止所有车辆通行，"
        "公共工程局建议民众改走东线。"
    )
    assert _category("", body) is Category.ROAD_CLOSURE


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "东湖路施工路段半幅封闭的通告",
            "东湖路（湖滨路至花园路）自5月6日起半幅封闭施工，另一半路面保留双向通车，请车辆减速慢行。",
        ),
        (
            "松濤路施工交通管制",
            "松濤路自九月一日起進行管線工程，施工期間半側封閉，車輛交替通行，約需六十個工作天。",
        ),
        (
            "交通通告",
            "為配合路面重鋪工程，海濱道（東行）的部分行車線將會臨時封閉，其餘行車線維持雙向通車。",
        ),
    ],
)
def test_part_of_a_road_shut_with_traffic_passing_is_traffic_control(title: str, body: str) -> None:
    assert _category(title, body) is Category.TRAFFIC_CONTROL


def test_a_half_width_closure_under_a_closure_title_stays_a_closure() -> None:
    title = "道路封闭通告"
    body = "因管网改造，北环路半幅封闭施工，封闭时间为4月1日至4月30日，车辆请绕行。"
    assert _category(title, body) is Category.ROAD_CLOSURE


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "关于高峰时段禁止重型车辆通行的通告",
            "自3月1日起，工作日早7时至9时，环城大道禁止重型车辆通行，公交车除外。",
        ),
        (
            "Temporary traffic arrangements in Cedar Bay",
            "To facilitate cable laying, the nearside lane of Cedar Road eastbound will be closed to "
            "all vehicular traffic from 9am to 5pm on Sunday (June 8).",
        ),
        (
            "An intermittent closure on Ridge Road",
            "Ridge Road will be intermittently closed to traffic between 9am and 4pm on 12 June "
            "for tree felling; vehicles will be let through between cuts.",
        ),
    ],
)
def test_a_road_open_under_limits_is_traffic_control(title: str, body: str) -> None:
    assert _category(title, body) is Category.TRAFFIC_CONTROL


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "关于新年升旗典礼期间实施交通管制的通告",
            "为配合1月1日广场升旗典礼等活动，1月1日5时至9时人民广场周边道路全封闭，禁止车辆通行。",
        ),
        (
            "重陽節特別交通安排",
            "為配合舊城重陽敬老宴會，10月11日下午4時至晚上10時，廟前街將實施封路措施。",
        ),
        (
            "中秋特別交通及運輸安排",
            "為配合中秋節及灣畔燈籠活動，九月十七日至十八日晚上，灣畔道一帶將實施封路及改道措施。",
        ),
        (
            "Road closures for the regional leaders' summit",
            "Several roads around the convention centre will be closed to traffic from Monday to "
            "Thursday during the summit.",
        ),
    ],
)
def test_closures_made_for_an_event_are_the_events(title: str, body: str) -> None:
    assert _category(title, body) is Category.EVENT
