"""Items of a list that open on the same unwritten day (即日起) are parallel measures: an open
one is not the shorthand of another item's span (1、甲即日起至3月2日关闭；2、乙即日起关闭)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page


def _periods(text: str, published: date) -> list[tuple[str | None, str | None]]:
    result = parse_page(text, published=published, tz=ZoneInfo("Asia/Shanghai"))
    return [(p["start"], p["end"]) for n in result.notices for p in n.to_json()["periods"]]


@pytest.mark.parametrize(
    "text",
    [
        "关于部分场馆暂停开放的通知\n1、青松体育馆暂停开放，关闭时间为即日起至2024年6月9日；\n"
        "2、青松游泳馆即日起关闭，恢复开放时间另行通知。\n青松区文体中心\n2024年6月3日",
        "關於部分場館暫停開放的通知\n1、青松體育館暫停開放，關閉時間為即日起至2024年6月9日；\n"
        "2、青松游泳館即日起關閉，恢復開放時間另行通知。\n青松區文體中心\n2024年6月3日",
        "关于部分路段封闭的通告\n一、青松路封闭时间为即日起至6月9日；\n二、青松桥即日起封闭，开放时间另行通知。\n"
        "青松区交通局\n2024年6月3日",
    ],
)
def test_an_item_open_from_today_stays_beside_another_items_span(text: str) -> None:
    found = _periods(text, date(2024, 6, 3))
    assert sorted(found, key=str) == sorted([("2024-06-03", "2024-06-09"), ("2024-06-03", None)], key=str)


def test_an_opening_said_again_with_its_end_in_one_item_is_one_period() -> None:
    text = (
        "关于青松体育馆暂停开放的通知\n青松体育馆即日起暂停开放，关闭时间为即日起至6月9日。\n"
        "青松区文体中心\n2024年6月3日"
    )
    assert _periods(text, date(2024, 6, 3)) == [("2024-06-03", "2024-06-09")]
