"""An English window said once before a list of days it holds on.

``between 9am and 3pm on Tuesday, 4, and Wednesday, 5 October 2022`` / ``from 9am to 3pm on October 4
and 5``: the grammar reads the window with the first day; each day listed after it takes the same
hours. Days in a row are one span with the window as its daily hours (the conventions' one range over
the days a repeated window starts on); a day apart is a timed window of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.dates.resolve import _at
from notices.model import Period

#: What stands between a listed day and the one before it: , and (Wednesday,)
_GLUE = re.compile(r"(?i)\s*,?\s*(?:and\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*)?")
#: An English clock hour (the window is said in English).
_EN_HOUR = re.compile(r"(?i)\d\s*(?:[ap]\.?\s*m\b|noon)|\bnoon\b|midnight")


def window_over_listed_days(periods: list[Period], text: str, norm: str, tz: ZoneInfo) -> list[Period]:
    """Days listed right after an English window said on a day take its hours (``norm`` is
    ``text`` normalised: the same offsets)."""
    if " and " not in norm and "," not in norm:
        return periods
    out: list[Period] = []
    for period in periods:
        last = out[-1] if out else None
        # (whether the day is listed after the period before is the cheaper test, and mostly false)
        hours = None if last is None or not _listed_after(last, period, norm) else _hours_of(last, norm, tz)
        if last is None or hours is None:
            out.append(period)
            continue
        day = period.start
        assert isinstance(day, date)
        first, previous = _days_of(last, tz)
        opening, closing = hours
        if day == previous + timedelta(days=1):
            out[-1] = replace(
                last,
                start=first,
                end=day,
                all_day=True,
                daily=(opening, closing),
                span=_joined(last, period),
            )
            joined = out[-1].span
            if joined is not None:
                out[-1] = replace(out[-1], text=text[joined[0] : joined[1]])
        else:
            timed = replace(
                period,
                start=_at(day, opening.hour, opening.minute, tz),
                end=_at(day, closing.hour, closing.minute, tz),
                all_day=False,
            )
            out.append(timed)
    return out


def _hours_of(period: Period, norm: str, tz: ZoneInfo) -> tuple[time, time] | None:
    """The daily hours of a window on one day said in English (or of a span this module made)."""
    if period.span is None:
        return None
    if period.all_day:
        return period.daily if period.daily is not None and _made_here(period) else None
    start, end = period.start, period.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    if start.astimezone(tz).date() != end.astimezone(tz).date() or not start < end:
        return None
    if _EN_HOUR.search(norm, period.span[0], period.span[1]) is None:
        return None
    return start.astimezone(tz).time(), end.astimezone(tz).time()


def _made_here(period: Period) -> bool:
    return period.start != period.end


def _days_of(period: Period, tz: ZoneInfo) -> tuple[date, date]:
    start, end = period.start, period.end
    if isinstance(start, datetime):
        return start.astimezone(tz).date(), end.astimezone(tz).date()  # type: ignore[union-attr]
    return start, end  # type: ignore[return-value]


def _listed_after(last: Period, period: Period, norm: str) -> bool:
    if not period.all_day or period.start is None or period.start != period.end or period.daily is not None:
        return False
    if last.span is None or period.span is None or last.span[1] > period.span[0]:
        return False
    return _GLUE.fullmatch(norm, last.span[1], period.span[0]) is not None and period.span[0] > last.span[1]


def _joined(last: Period, period: Period) -> tuple[int, int] | None:
    if last.span is None or period.span is None:
        return last.span
    return last.span[0], period.span[1]
