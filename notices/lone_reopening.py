"""A closure said with no start, only when it ends (游泳池需暂停开放。预计于明日上午六时三十分重开):
the notice closes the place from its own day until the reopening, which is the period's end,
not a moment of its own."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.model import Period
from notices.reconcile import REOPENED

#: A closure told in the sentence before the reopening, with no day of its own.
_CLOSED = re.compile(
    r"暂停(?:对外)?开放|停止开放|暂停使用|暂停服务|闭馆|闭园|关闭|封闭|停航|停运|"
    r"(?i:temporarily\s+closed|will\s+be\s+closed|closed\s+until)"
)
#: How far back the closure may be said: this sentence and the one before.
_REACH = 160


def closed_until_reopening(
    norm: str, periods: list[Period], published: date | None, tz: ZoneInfo
) -> list[Period]:
    """The only period, a day or moment something reopens on after a closure said without a
    day, made the closure: from the notice's day to that moment (or to the day before)."""
    if published is None or len(periods) != 1:
        return periods
    period = periods[0]
    if period.span is None or period.start is None or period.start != period.end:
        return periods
    begin, end = period.span
    if REOPENED.match(norm, end) is None or _CLOSED.search(norm, max(0, begin - _REACH), begin) is None:
        return periods
    reopens = period.start
    if isinstance(reopens, datetime):
        start = datetime.combine(published, datetime.min.time(), tz)
        if reopens <= start:
            return periods
        return [Period(start, reopens, all_day=False, label=period.label, text=period.text, span=period.span)]
    last = reopens - timedelta(days=1)
    if last < published:
        return periods
    return [Period(published, last, label=period.label, text=period.text, span=period.span)]
