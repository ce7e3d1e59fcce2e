"""An English window said before the days it repeats on.

``from 7.00 am to 4.00 pm daily on 17, 22 to 26 April 2025`` and ``from 12.30 a.m. to 5.30 a.m. daily
on every Mondays to Saturdays … from 27 November 2024 to 27 December 2024`` give the window first and
the days after it. Each span of days after the window, in the same sentence, takes it as its daily
window; a single day takes it as its hours (the conventions' one window on one day is a timed range).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from notices.dates.resolve import _at
from notices.lazy import LazyPattern
from notices.model import Period

_HOUR = r"(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\b\.?"
#: The window and the word that makes it repeat: 7.00 am to 4.00 pm daily.
_WINDOW_DAILY = LazyPattern(
    rf"(?i){_HOUR}\s*(?:to|until|till|and|-|–)\s*{_HOUR}\s*"
    r"(?:daily|every\s+day|each\s+day|(?:on\s+)?(?:weekdays|every\s+weekday|mondays\s+to\s+(?:fridays|saturdays)))\b"
)
#: What ends an English sentence.
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.;!?\n](?:\s|$)")  # not the dot of a.m. / p.m.
#: How far a window may stand before the first day it applies to.
_REACH = 160


def daily_before(periods: list[Period], norm: str, tz: ZoneInfo) -> list[Period]:
    """Days that follow an English window said to repeat daily take it."""
    if "daily" not in norm and "day" not in norm:
        return periods
    out: list[Period] = []
    for period in periods:
        window = _window_before(period, norm)
        out.append(period if window is None else _with_window(period, window, tz))
    return out


def _window_before(period: Period, norm: str) -> tuple[time, time] | None:
    if not period.all_day or period.daily is not None or period.span is None:
        return None
    if period.start is None or period.end is None:
        return None
    begin = period.span[0]
    before = norm[max(0, begin - _REACH) : begin]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = before[ends[-1].end() :] if ends else before
    windows = list(_WINDOW_DAILY.finditer(sentence))
    if not windows:
        return None
    found = windows[-1]
    if found is None:
        return None
    return _clock(found.group(1, 2, 3)), _clock(found.group(4, 5, 6))


def _clock(parts: tuple[str | None, ...]) -> time:
    hour_s, minute_s, half = parts
    hour, minute = int(hour_s or 0) % 12, int(minute_s or 0)
    if (half or "").lower() == "p":
        hour += 12
    return time(hour, minute)


def _with_window(period: Period, window: tuple[time, time], tz: ZoneInfo) -> Period:
    start, end = period.start, period.end
    assert isinstance(start, date)
    assert isinstance(end, date)
    opening, closing = window
    if start != end or closing <= opening:
        return replace(period, daily=window)
    first: datetime = _at(start, opening.hour, opening.minute, tz)
    last: datetime = _at(start, closing.hour, closing.minute, tz)
    return replace(period, start=first, end=last, all_day=False)
