"""An English length said with a start: ``for 4 weeks with effect from 3 June 2022`` or ``from
3 June 2022 for two weeks`` is 3 June to 30 June (or 16 June): the days counted include the first,
as ``为期`` does in lasting.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from notices.calendars import months_last_day
from notices.dates.resolve import _replace
from notices.lazy import LazyPattern
from notices.model import Period

_COUNTS = {
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNT = r"(\d{1,3}|" + "|".join(_COUNTS) + r")"
_UNIT = r"(hours?|days?|weeks?|months?)"
#: The length before the start: for 4 weeks with effect from / for about two months starting.
_BEFORE = LazyPattern(
    rf"(?i)\bfor\s+(?:about\s+|around\s+|approximately\s+)?{_COUNT}\s+{_UNIT}\s*,?\s*"
    r"(?:with\s+effect\s+|starting\s+|commencing\s+|beginning\s+)?(?:from\s+|on\s+)?$"
)
#: The length after the start: from 3 June 2022 for two weeks.
_AFTER = LazyPattern(rf"(?i)\s*,?\s*for\s+(?:about\s+|around\s+|approximately\s+)?{_COUNT}\s+{_UNIT}\b")
#: How far before its start a length may stand.
_REACH = 64


def with_en_lengths(periods: list[Period], norm: str) -> list[Period]:
    """Open starts (and single days) that an English length goes with, given their end."""
    if "for" not in norm:
        return periods
    out: list[Period] = []
    for period in periods:
        out.append(_lasting(period, norm) or period)
    return out


def _lasting(period: Period, norm: str) -> Period | None:
    start = period.start
    if period.span is None or not isinstance(start, date):
        return None
    if period.end is not None and period.end != start:
        return None
    begin, end = period.span
    lead = 5 if norm[begin : begin + 5].lower() == "from " else 0
    found = _BEFORE.compiled.search(norm, max(0, begin - _REACH), begin + lead) or _AFTER.compiled.match(
        norm, end
    )
    if found is None:
        return None
    count_s, unit = found.group(1).lower(), found.group(2).lower()
    count = _COUNTS.get(count_s) or int(count_s)
    if isinstance(start, datetime):  # for 18 hours from 9am on 14 May: hours from a timed start
        return _replace(period, end=start + timedelta(hours=count)) if unit.startswith("hour") else None
    if unit.startswith("hour"):
        return None
    if unit.startswith("month"):
        last = months_last_day(start, count)
        if last is None:
            return None
    else:
        last = start + timedelta(days=count * (7 if unit.startswith("week") else 1) - 1)
    return _replace(period, end=last)
