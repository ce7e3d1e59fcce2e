"""The day an office reminds or urges the public (今日（1月7日）提醒市民) is when it spoke, no period."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page


def _periods(text: str, published: date) -> list[tuple[str | None, str | None]]:
    result = parse_page(text, published=published, tz=ZoneInfo("Asia/Hong_Kong"))
    return [(p["start"], p["end"]) for n in result.notices for p in n.to_json()["periods"]]


@pytest.mark.parametrize(
    "text",
    [
        "路政署今日（3月4日）提醒市民，青松路北行线将于3月8日全日封闭。",
        "路政署今日(3月4日)呼籲駕駛人士，青松路北行線將於3月8日全日封閉。",
        "水务署今日（3月4日）再次提醒市民，青松村将于3月8日全日停水。",
        "3月4日，交警部门提醒广大驾驶人，青松路将于3月8日全日封闭施工。",
        "房屋署今日（三月四日）呼吁公众，青松邨停车场将于3月8日全日关闭。",
    ],
)
def test_the_reminding_day_is_no_period(text: str) -> None:
    assert _periods(text, date(2026, 3, 4)) == [("2026-03-08", "2026-03-08")]


def test_a_reminder_about_a_later_day_keeps_it() -> None:
    text = "请市民留意，青松路将于3月8日封闭，届时提醒驾驶人士改道。"
    assert ("2026-03-08", "2026-03-08") in _periods(text, date(2026, 3, 4))


def test_a_disruption_today_told_before_the_reminder_stays() -> None:
    text = "水务署停水通知\n青松村今日（3月4日）9时至17时停水，提醒居民预先储水。"
    assert _periods(text, date(2026, 3, 4)) == [("2026-03-04T09:00:00+08:00", "2026-03-04T17:00:00+08:00")]
