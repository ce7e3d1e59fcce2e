"""A day named only to count from an event's start or end is no whole-day period when the event
is timed on that day; with no timed window that day, the day stays."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods

_HEAD = "体育中心周边交通管制通告\n"
_SIGN = "\n市公安局交通警察支队\n"


@pytest.mark.parametrize(
    "after",
    [
        "5月20日比赛结束前15分钟，交警将在体育路口设卡，禁止车辆驶入。",
        "5月20日晚会散场后30分钟内，东门广场实行单向通行。",
        "5月20日比賽結束前15分鐘，交警將在體育路口設卡，禁止車輛駛入。",
        "5月20日晚會散場後30分鐘內，東門廣場實行單向通行。",
    ],
)
def test_a_day_counted_from_the_event_adds_no_whole_day(after: str) -> None:
    text = f"{_HEAD}足球赛将于5月20日19:30至21:30在体育中心举行。\n{after}{_SIGN}"
    assert periods(text) == [(at(5, 20, 19, 30), at(5, 20, 21, 30))]


def test_the_day_stays_with_no_timed_event_that_day() -> None:
    text = f"{_HEAD}5月20日比赛结束前15分钟，交警将在体育路口设卡，禁止车辆驶入。{_SIGN}"
    assert (date(2023, 5, 20), date(2023, 5, 20)) in periods(text)
