"""Rows of a flattened table whose date cell was merged with the row above.

A table of windows per day often spans one date cell over two rows (morning and afternoon, or two
villages), and a flattened page keeps the date on the first row only::

    6月16日 | 上午 | 8:00-12:00 |
    下午 | 1:30-4:40 | |

The second row's hours are the same day's (13:30 to 16:40: 下午 puts them in the afternoon). A row
counts when it holds a table's bar, hours and no date of its own, and every row between it and the
dated row above is such a row too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from notices.dates import find_periods
from notices.evidence import _as_date
from notices.labels import line_start
from notices.model import Period

#: A row with no date: an empty cell or a part of the day, then a window of clock times.
_HOURS_ROW = re.compile(
    r"[ \t|]*(?P<part>(?:凌晨|早上|上午|中午|下午|傍晚|晚上|夜间)?)[ \t|]*"
    r"(?P<hours>\d{1,2}[:：]\d{2}[ \t]*[-~至到][ \t]*\d{1,2}[:：]\d{2})[ \t]*\|"
)
#: A date in a row (then it is a row of its own day, not the one above).
_DATED = re.compile(r"\d\s*[月日号/]|\d{4}-\d|[一二三四五六七八九十]\s*[月日号]")


def merged_day_rows(norm: str, found: list[Period], tz: ZoneInfo) -> list[Period]:
    """``found`` with the windows of the rows under a dated row that carry no date of their own,
    each on that row's day, in text order."""
    if "|" not in norm or not found:
        return found
    added: list[Period] = []
    by_line = {line_start(norm, p.span[0]): p for p in found if p.span is not None and _one_day(p, tz)}
    for first, period in by_line.items():
        line_end = norm.find("\n", first)
        if line_end < 0 or "|" not in norm[first:line_end]:
            continue
        day = _day(period, tz)
        at = line_end + 1
        while at < len(norm):
            end = norm.find("\n", at)
            end = len(norm) if end < 0 else end
            row = norm[at:end]
            match = _HOURS_ROW.match(row)
            if match is None or _DATED.search(row) or at in by_line:
                break
            added.extend(_window(norm, at, match, day, tz))
            at = end + 1
    if not added:
        return found
    return sorted([*found, *added], key=lambda p: p.span[0] if p.span is not None else -1)


def _window(norm: str, at: int, match: re.Match[str], day: date, tz: ZoneInfo) -> list[Period]:
    """The row's window read on ``day``, placed where the row writes it."""
    said = f"{day.year}年{day.month}月{day.day}日{match.group('part')}{match.group('hours')}"
    read = find_periods(said, base=day, tz=tz)
    if len(read) != 1 or read[0].all_day:
        return []
    begin = at + (match.start("part") if match.group("part") else match.start("hours"))
    end = at + match.end("hours")
    return [replace(read[0], text=norm[begin:end], span=(begin, end), label=None)]


def _one_day(period: Period, tz: ZoneInfo) -> bool:
    if period.start is None or period.end is None:
        return False
    return _day(period, tz) == _as_date(period.end, tz)


def _day(period: Period, tz: ZoneInfo) -> date:
    assert period.start is not None
    return _as_date(period.start, tz)
