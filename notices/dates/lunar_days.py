"""Lunar days as notices write them: 初五, 廿九, and the last day of a lunar range said after its
first (农历正月初一至初五)."""

from __future__ import annotations

from datetime import date, timedelta

from notices.calendars import nearest_lunar
from notices.dates.vocabulary import _LUNAR_END, _LUNAR_MONTHS
from notices.numerals import to_int


def _lunar_day(text: str) -> int | None:
    return to_int(text.replace("初", "").replace("廿", "二十").replace("卅", "三十"))


def _lunar_end(text: str, at: int, month: int, first: date) -> tuple[date | None, int]:
    """The last day of a lunar range said after its first (农历正月初一至初五: 初五 of the same
    month unless another is named), and where it ends; (None, ``at``) when no range follows."""
    m = _LUNAR_END.match(text, at)
    if m is None:
        return None, at
    end_month = (_LUNAR_MONTHS.get(m.group(1)) or to_int(m.group(1))) if m.group(1) else month
    end_day = _lunar_day(m.group(2))
    if not end_month or not end_day or not 1 <= end_month <= 12:
        return None, at
    last = nearest_lunar(end_month, end_day, first)
    if last is None or not first < last <= first + timedelta(days=120):
        return None, at
    return last, m.end()
