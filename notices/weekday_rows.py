"""Weekdays listed under a span of dates are the days of the week it recurs on, not dates of their own.

``接种时间 ⏎ 2023年9月18日至11月30日 ⏎ 周一上午8:30-11:00 ⏎ 周四上午8:30-11:00``: the clinic opens every
Monday and Thursday of the span. Read alone, 周四 would be the first Thursday after the notice's day,
and its hours a one-off window beside the span. A weekday row (a line opening with a weekday and no
date) right under a span, or under other such rows, that falls inside the span is dropped: the span
is the period, its window said by the rows.
"""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
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
    breaks = list(_ROW_BREAK.finditer(norm, max(0, day.span[0] - 200), day.span[0]))
    row_start = breaks[-1].end() if breaks else 0
    row_end = _ROW_BREAK.search(norm, day.span[0])
    row = norm[row_start : len(norm) if row_end is None else row_end.start()]
    if not _WEEKDAY_ROW.match(row) or _DATE.search(row):
        return False
    between = norm[span.span[1] : row_start]
    if _ROW_BREAK.search(norm, span.span[0], row_start) is None or len(between) > 200:
        return False  # (a row under the span, not beside it in its row)
    # the rest of the span's row, then only weekday rows (or empty ones) down to this one
    rows = _ROW_BREAK.split(between)[1:-1]
    return all(not r.strip() or (_WEEKDAY_ROW.match(r) and not _DATE.search(r)) for r in rows)


#: Where a row ends: a line break, or a full stop or semicolon between rows run into one line.
_ROW_BREAK = re.compile(r"\n|[。;；]|\.(?!\d)")


def _multi_day(period: Period, tz: ZoneInfo) -> bool:
    days = _days(period, tz)
    return days is not None and days[0] < days[1]


def _days(period: Period, tz: ZoneInfo) -> tuple[date, date] | None:
    if period.start is None or period.end is None:
        return None
    return _as_date(period.start, tz), _as_date(period.end, tz)
