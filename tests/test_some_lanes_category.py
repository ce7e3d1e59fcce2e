"""A count of lanes shut, or lanes named by their side, leaves the rest of the road open: traffic
control, with no word of traffic kept moving needed; the road shut outright stays a closure."""

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
            "关于S305部分路段封闭一条车道施工的通告",
            "因路面养护需要，决定自6月3日至6月20日，对S305线K12+000至K14+500段封闭一条机动车道施工，"
            "请过往车辆减速慢行。",
        ),
        (
            "關於S305部分路段封閉兩條車道施工的通告",
            "因路面養護需要，決定自6月3日至6月20日，對S305線K12+000至K14+500段封閉兩條機動車道施工，"
            "請過往車輛減速慢行。",
        ),
        (
            "柳岸街臨時交通安排",
            "為配合水管工程，柳岸街近河畔道的一段左邊及中間行車線將於6月3日晚上11時至6月4日早上6時期間"
            "臨時封閉，禁止車輛駛入。",
        ),
        (
            "柳岸街临时交通安排",
            "为配合水管工程，柳岸街近河畔道的一段右边行车线将于6月3日晚上11时至6月4日早上6时期间临时封闭。",
        ),
    ],
)
def test_some_lanes_shut_is_traffic_control(title: str, body: str) -> None:
    assert _category(title, body) == Category.TRAFFIC_CONTROL


def test_the_whole_road_shut_stays_a_closure() -> None:
    body = "因桥梁加固，柳岸街自6月3日起全封闭，请过往车辆绕行河畔道。"
    assert _category("关于柳岸街封闭施工的通告", body) == Category.ROAD_CLOSURE
