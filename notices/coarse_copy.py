"""A day said on a line of its own over the hours the body gives it: the notice's subtitle
(``停电通知 ⏎ 5月12日（星期日） ⏎ …5月12日8时至17时停电``) or a bare ``Date:`` field (``Date: 12 May
2024 (Sunday) ⏎ …from 10am to 6pm on 12 May 2024``). The coarser copy is no second range.

A day alone on a later line is a table's row (``2月14日 ⏎ 司打口``) and a day under a field that
names a thing (``比赛时间：5月12日``) is that thing's: both stay.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.model import Period

#: A field that names only the day: Date:, 日期：, 时间：.
_BARE_FIELD = re.compile(r"[^\S\n]*(?i:date|day|日期|时间)[^\S\n]*[:：]?[^\S\n]*")
#: What may follow the day on its line: its weekday in brackets, punctuation.
_GLOSS = re.compile(r"[^\S\n]*(?:[(（][^)）\n]{0,12}[)）])?[^\S\n]*[,，.。]?[^\S\n]*")
#: Any character but a space, looked for in the text above a line.
_NOT_SPACE = re.compile(r"\S")


def drop_coarse_copies(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Whole days said on the body's first line, or under a bare date field, whose day a timed
    period of the notice starts on."""
    timed_days = {_local(q.start, tz) for q in periods if not q.all_day and q.start is not None}
    if not timed_days:
        return periods
    return [
        p
        for p in periods
        if not (_coarse(norm, p) and p.start is not None and _local(p.start, tz) in timed_days)
    ]


def _coarse(norm: str, period: Period) -> bool:
    if not period.all_day or period.start is None or period.start != period.end or period.span is None:
        return False
    begin, end = period.span
    line_begin = norm.rfind("\n", 0, begin) + 1
    line_end = norm.find("\n", end)
    after = norm[end : len(norm) if line_end < 0 else line_end]
    before = norm[line_begin:begin]
    if _BARE_FIELD.fullmatch(before) is not None:
        return True  # (a paragraph's lines may have run together after the field)
    first_line = _NOT_SPACE.search(norm, 0, line_begin) is None  # (no copy of the text above)
    return first_line and not before.strip() and _GLOSS.fullmatch(after) is not None


def _local(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value
