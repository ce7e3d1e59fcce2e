"""An hour a closure starts at, with the road named between the start and the verb, opens a period
with no end; the same hour starting something else stays a moment."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")
PUB = date(2026, 4, 20)


def _periods(text: str) -> list[tuple[str | None, str | None]]:
    page = parse_page(text, published=PUB, tz=TZ)
    return [
        (shape["start"], shape["end"])
        for notice in page.notices
        for shape in (p.to_json() for p in notice.periods)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "交警部门将于4月25日6时30分开始对马拉松全程路段实施交通管制，随后按赛程逐步解除管制。",
        "交警部門將於4月25日6時30分開始對馬拉松全程路段實施交通管制，隨後按賽程逐步解除管制。",
        "施工单位4月25日6时30分开始在青年路东段实行封闭，请过往车辆绕行。",
        "4月25日6时30分起对青年路东段进行临时封闭，请过往车辆绕行。",
        "4月25日6時30分起對青年路東段實行封閉，請過往車輛繞行。",
    ],
)
def test_a_closure_started_on_a_named_road_has_no_end(text: str) -> None:
    assert _periods(text) == [("2026-04-25T06:30:00+08:00", None)]


@pytest.mark.parametrize(
    "text",
    [
        "学校将于4月25日8时30分开始对全体考生进行入场安检，请提前到达。",
        "學校將於4月25日8時30分開始對全體考生進行入場安檢，請提前到達。",
    ],
)
def test_an_hour_that_starts_no_closure_stays_a_moment(text: str) -> None:
    assert _periods(text) == [("2026-04-25T08:30:00+08:00", "2026-04-25T08:30:00+08:00")]
