"""A day named only to anchor a time counted from an event's start or end: no period of its own.

``11月11日演唱会结束前10分钟，交警将在…设立卡点`` beside ``11月11日19:30至22:30举行``: the
control starts some minutes before the concert ends, a moment the notice leaves to the event.
The day alone is no whole-day period; the event's own timed window on that day already tells
subscribers when to plan. With no timed window on that day the day stays (it is all there is).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.model import Period

#: The event, then its start or end and how long before or after it, right after the day.
_FROM_EVENT = re.compile(
    r"\s*[^，,。；;！？!?\n\d]{0,8}?(?:结束|結束|散场|散場|开始|開始|开场|開場|开赛|開賽|终场|終場)"
    r"\s*(?:前|后|後)\s*(?:\d+|[一二两兩三四五六十半]+)\s*(?:个|個)?\s*(?:分钟|分鐘|小时|小時)"
)


def drop_event_relative_days(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Leave out a whole day said only to count from an event timed on that same day."""
    timed_days = {
        p.start.astimezone(tz).date()
        for p in periods
        if isinstance(p.start, datetime) and p.start != p.end and not p.all_day
    }
    if not timed_days:
        return periods
    return [p for p in periods if not _anchors_event(norm, p, timed_days)]


def _anchors_event(norm: str, period: Period, timed_days: set[date]) -> bool:
    if not period.all_day or period.span is None or period.start != period.end:
        return False
    day = period.start
    return isinstance(day, date) and day in timed_days and _FROM_EVENT.match(norm, period.span[1]) is not None
