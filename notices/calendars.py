"""Calendars the notices count in, from libraries that keep them: mainland China's official
working days and holidays (``chinesecalendar``: make-up working days included), the lunar
calendar and its festivals (``lunar-python``).

Everything here is pure: a date in, a date out. Years a library has no data for fall back
to the plain rule (Monday to Friday are working days) rather than failing.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from notices import lunar_table

#: Festivals by name: (calendar, month, day). "lunar" months count from 正月 = 1; day 0 is
#: the lunar year's last day (除夕); "term" names a solar term by lunar-python's name.
_FESTIVALS: dict[str, tuple[str, int, int]] = {
    "元旦": ("solar", 1, 1),
    "除夕": ("lunar", 12, 0),
    "年三十": ("lunar", 12, 0),
    "春节": ("lunar", 1, 1),
    "大年初一": ("lunar", 1, 1),
    "年初一": ("lunar", 1, 1),
    "年初二": ("lunar", 1, 2),
    "年初三": ("lunar", 1, 3),
    "年初四": ("lunar", 1, 4),
    "元宵节": ("lunar", 1, 15),
    "元宵": ("lunar", 1, 15),
    "清明节": ("term", 0, 0),
    "清明": ("term", 0, 0),
    "劳动节": ("solar", 5, 1),
    "端午节": ("lunar", 5, 5),
    "端午": ("lunar", 5, 5),
    "七夕": ("lunar", 7, 7),
    "中秋节": ("lunar", 8, 15),
    "中秋": ("lunar", 8, 15),
    "重阳节": ("lunar", 9, 9),
    "国庆节": ("solar", 10, 1),
    "冬至": ("term", 1, 0),
    "平安夜": ("solar", 12, 24),
    "圣诞节": ("solar", 12, 25),
    "圣诞": ("solar", 12, 25),
}
FESTIVAL_NAMES = tuple(sorted(_FESTIVALS, key=len, reverse=True))
#: Months only the lunar calendar names: 正月十三 and 腊月廿三 are lunar dates without 农历.
LUNAR_MONTH_NAMES = ("正月", "腊月", "冬月")
_TERMS = ("清明", "冬至")


@functools.cache
def _workday_data() -> object | None:
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - a dependency; kept optional for the fallback's sake
        return None
    return chinese_calendar  # type: ignore[no-any-return]


def is_workday(day: date) -> bool:
    """A working day in mainland China: holidays off, make-up Saturdays and Sundays on."""
    calendar = _workday_data()
    if calendar is not None:
        try:
            return bool(calendar.is_workday(day))  # type: ignore[attr-defined]
        except NotImplementedError:
            pass  # a year the library has no data for
    return day.weekday() < 5


def add_workdays(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (之日起10个工作日内 ends there)."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_workday(current):
            days -= 1
    return current


@functools.lru_cache(maxsize=2048)
def months_last_day(start: date, months: int) -> date | None:
    """The last day of ``months`` months from ``start`` (the day before the same day that many months
    on), or None when that day does not exist (a month from 31 January): the text is not stretched."""
    index = start.year * 12 + start.month - 1 + months
    try:
        return date(index // 12, index % 12 + 1, start.day) - timedelta(days=1)
    except ValueError:
        return None


@functools.lru_cache(maxsize=64)
def _lunar_year(year: int) -> Any:
    """lunar-python's year (its months and their first days), kept per year: the library keeps only
    the last one it made, and a notice's festivals go back and forth between neighbouring years."""
    from lunar_python import LunarYear

    return LunarYear(year)


@functools.lru_cache(maxsize=2048)
def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a lunar date in the lunar year that starts in ``year``; day 0 is
    the year's last day (除夕). None when there is no such day (a 30th in a short month).
    Years 1900 to 2100 are read from lunar-python's own figures kept in :mod:`notices.lunar_table`."""
    if lunar_table.FIRST_YEAR <= year <= lunar_table.LAST_YEAR:
        return lunar_table.lunar_to_solar(year, month, day)
    return library_lunar_to_solar(year, month, day)


def library_lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """:func:`lunar_to_solar` worked out by lunar-python (a few milliseconds for each new year)."""
    from lunar_python import Solar

    try:
        month_info = _lunar_year(year).getMonth(month)
        if month_info is None:
            return None
        count = month_info.getDayCount()
        if day == 0:
            day = count
        if not 1 <= day <= count:
            return None
        noon = Solar.fromJulianDay(month_info.getFirstJulianDay() + day - 1)
    except Exception:  # lunar-python raises plain exceptions for years it cannot compute
        return None
    return date(noon.getYear(), noon.getMonth(), noon.getDay())


def _term(year: int, name: str) -> date | None:
    if lunar_table.FIRST_YEAR <= year <= lunar_table.LAST_YEAR:
        return lunar_table.term(year, name)
    return library_term(year, name)


def library_term(year: int, name: str) -> date | None:
    """清明 or 冬至 in a Gregorian year, worked out by lunar-python."""
    from lunar_python import Solar

    table = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()
    key = {"清明": "清明", "冬至": "DONG_ZHI" if "DONG_ZHI" in table else "冬至"}[name]
    solar = table.get(key) or table.get(name)
    if solar is None:
        return None
    found = date(solar.getYear(), solar.getMonth(), solar.getDay())
    return found if found.year == year else None


@functools.lru_cache(maxsize=512)
def festival(name: str, year: int) -> date | None:
    """The day a festival falls on in the Gregorian ``year`` (lunar festivals: the one whose
    lunar year begins in ``year``; 除夕: the eve of that year's 春节)."""
    kind, month, day = _FESTIVALS[name]
    if kind == "solar":
        return date(year, month, day)
    if kind == "term":
        return _term(year, _TERMS[month])
    if month == 12 and day == 0:
        new_year = lunar_to_solar(year, 1, 1)
        return None if new_year is None else new_year - timedelta(days=1)
    return lunar_to_solar(year, month, day)


def nearest_festival(name: str, base: date) -> date | None:
    """The festival's day nearest ``base`` (a notice speaks of the coming or the current one)."""
    days = [
        d for year in (base.year - 1, base.year, base.year + 1) if (d := festival(name, year)) is not None
    ]
    return min(days, key=lambda d: abs((d - base).days), default=None)


def nearest_lunar(month: int, day: int, base: date) -> date | None:
    """A lunar month and day (农历正月初六) in the lunar year that puts it nearest ``base``."""
    days = [
        d
        for year in (base.year - 1, base.year, base.year + 1)
        if (d := lunar_to_solar(year, month, day)) is not None
    ]
    return min(days, key=lambda d: abs((d - base).days), default=None)


def holiday_run(day: date) -> tuple[date, date]:
    """The official days off around a festival (国庆节期间: 1 to 7 October that year), or the
    day alone when the library has no data for the year or it is no official holiday."""
    calendar = _workday_data()
    if calendar is None:
        return day, day

    def name_of(d: date) -> str | None:
        try:
            on, name = calendar.get_holiday_detail(d)  # type: ignore[attr-defined]
        except NotImplementedError:
            return None
        return str(name) if on and name else None

    name = name_of(day)
    if name is None:
        return day, day
    first = last = day
    while name_of(first - timedelta(days=1)) == name:
        first -= timedelta(days=1)
    while name_of(last + timedelta(days=1)) == name:
        last += timedelta(days=1)
    return first, last
