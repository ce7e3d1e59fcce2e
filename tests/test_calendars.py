"""Working days, lunar dates and festivals come from calendar libraries, not hand tables."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from notices.calendars import (
    add_workdays,
    festival,
    holiday_run,
    is_workday,
    lunar_to_solar,
    nearest_festival,
)


def test_official_holidays_and_make_up_days() -> None:
    assert not is_workday(date(2023, 10, 2))  # National Day holiday, a Monday
    assert is_workday(date(2023, 10, 7))  # a make-up working Saturday
    assert add_workdays(date(2023, 9, 27), 5) == date(2023, 10, 10)


def test_years_without_data_fall_back_to_monday_to_friday() -> None:
    assert is_workday(date(2099, 1, 2))  # a Friday
    assert not is_workday(date(2099, 1, 3))


def test_lunar_dates_and_festivals() -> None:
    assert lunar_to_solar(2023, 1, 6) == date(2023, 1, 27)  # 正月初六
    assert lunar_to_solar(2023, 3, 30) is None  # 三月 of that year is short: no 30th
    assert festival("春节", 2024) == date(2024, 2, 10)
    assert festival("除夕", 2024) == date(2024, 2, 9)
    assert festival("中秋节", 2014) == date(2014, 9, 8)
    assert festival("冬至", 2023) == date(2023, 12, 22)
    assert nearest_festival("元旦", date(2023, 12, 20)) == date(2024, 1, 1)
    assert holiday_run(date(2023, 10, 1)) == (date(2023, 9, 30), date(2023, 10, 6))


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 30))
def test_working_days_move_forward_onto_working_days(start: date, days: int) -> None:
    end = add_workdays(start, days)
    assert end >= start
    assert days == 0 or is_workday(end)
