"""English hours with no day of their own take the one day an English notice names."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.dates import find_periods

TZ = ZoneInfo("Asia/Singapore")
BASE = date(2023, 5, 8)


def _pairs(text: str) -> list[tuple[object, object]]:
    return [(p.start, p.end) for p in find_periods(text, base=BASE, tz=TZ)]


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2023, 5, day, hour, minute, tzinfo=TZ)


def test_later_hours_fall_on_the_day_named_before() -> None:
    text = (
        "Two streets near the stadium will close from 6am to 11pm on Saturday (May 13) for the parade.\n\n"
        "Buses will be diverted from 4.30pm to 10 p.m. along Harbour Road."
    )
    assert _pairs(text) == [(_at(13, 6), _at(13, 23)), (_at(13, 16, 30), _at(13, 22))]


def test_hours_under_two_named_days_are_left_alone() -> None:
    text = (
        "Lane closures will take place on May 13 and on May 20 along Harbour Road.\n\n"
        "Drivers should expect delays from 9am to 5pm."
    )
    assert all(isinstance(s, date) and not isinstance(s, datetime) for s, _ in _pairs(text))


def test_hours_said_to_repeat_take_no_day() -> None:
    text = (
        "The library will be closed on Saturday (May 13) for repairs.\n\n"
        "The reading room is open daily from 9am to 5pm."
    )
    assert _pairs(text) == [(date(2023, 5, 13), date(2023, 5, 13))]
