"""Weekdays listed under a span of dates are the days of the week it recurs on, not dates of their own.

``接种时间 ⏎ 2023年9月18日至11月30日 ⏎ 周一上午8:30-11:00 ⏎ 周四上午8:30-11:00``: the clinic opens every
Monday and Thursday of the span. Read alone, 周四 would be the first Thursday after the notice's day,
and its hours a one-off window beside the span. A weekday row (a line opening with a weekday and no
date) right under a span, or under other such rows, that falls inside the span is dropped: the span
is the period, its window said by the rows.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.model import Period

#: A line that opens with a weekday (每周一, 星期四, 逢周二) and holds no date.
_WEEKDAY_ROW = re.compile(
    r"[ \t]*(?:[(（]?\d{1,2}[)）.、]?)?[ \t]*(?:每|逢)?(?:周|星期|礼拜)[一二三四五六日天]"
)
_DATE = re.compile(r"\d\s*[月日号/]|[一二三四五六七八九十]\s*[月日号]")


def drop_weekday_rows(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """``periods`` (in text order) without the one-day periods read off weekday rows under a span that
    holds them: each is weighed against the last span before it only (a page of thousands of dated
    lines stays linear)."""
    kept: list[Period] = []
    last: Period | None = None
    for p in periods:
        if last is not None and _row_of(norm, p, last, tz):
            continue
        kept.append(p)
        if p.span is not None and _multi_day(p, tz):
            last = p
    return kept


def _row_of(norm: str, day: Period, span: Period, tz: ZoneInfo) -> bool:
    if day is span or day.span is None or span.span is None or span.span[1] > day.span[0]:
        return False
    days, within = _days(day, tz), _days(span, tz)
    if days is None or within is None or days[0] != days[1] or not within[0] <= days[0] <= within[1]:
        return False
    line_start = norm.rfind("\n", 0, day.span[0]) + 1
    row_end = norm.find("\n", day.span[0])
    row = norm[line_start : len(norm) if row_end < 0 else row_end]
    if not _WEEKDAY_ROW.match(row) or _DATE.search(row):
        return False
    between = norm[span.span[1] : line_start]
    lines = between.split("\n")[1:-1]  # whole lines between the span's line and the row's
    if "\n" not in between or len(between) > 200:
        return False
    return all(_WEEKDAY_ROW.match(line) and not _DATE.search(line) for line in lines)


def _multi_day(period: Period, tz: ZoneInfo) -> bool:
    days = _days(period, tz)
    return days is not None and days[0] < days[1]


def _days(period: Period, tz: ZoneInfo) -> tuple[date, date] | None:
    if period.start is None or period.end is None:
        return None
    return _as_day(period.start, tz), _as_day(period.end, tz)


def _as_day(moment: date | datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
