"""Hours said once above a list of days: ``the following slip roads will be closed from 12am to
5am: ⏎ 1) A Road ⏎ 8 January 2008 ⏎ 2) B Road ⏎ 9 January 2008``. The hours head the list, so
each day listed below them is closed in those hours, not all day."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.dates.grammar import Grammar
from notices.dates.tokens import UNIT
from notices.model import Period

#: What ends the line of hours that head a list: a colon, nothing after it.
_HEADS = re.compile(r"[^\S\n]*[:：][^\S\n]*\n")
#: A colon that ends its line, spaces apart (what the text with its spaces taken out holds as ":⏎").
_COLON_ENDS_LINE = re.compile(r"[:：] *\n")
#: The colon of each ``_HEADS``.
_HEAD_COLON = re.compile(r"[:：][^\S\n]*\n")


def hours_over_days(grammar: Grammar, periods: list[Period], norm: str, tz: ZoneInfo) -> list[Period]:
    """Whole days listed under a line that ends in hours and a colon take those hours."""
    if _COLON_ENDS_LINE.search(norm) is None:
        return periods
    # the hours end at or before the last colon that ends a line: windows starting later cannot
    last_colon = max(m.start() for m in _HEAD_COLON.finditer(norm))
    # a window's last token ends where a head's colon follows: windows starting after the last such
    # token cannot, and are not read (a window per token is most of the cost)
    heads = _last_head_token(grammar, norm, last_colon)
    for k in range(heads + 1):
        if grammar.t[k].start >= last_colon:
            break
        window = grammar.window(k)
        if window is None:
            continue
        (oh, om), (ch, cm), last = window
        finish = grammar.t[last - 1].end
        if not _HEADS.match(norm, finish) or oh >= 24 or ch > 24:
            continue
        if any(t.kind is UNIT for t in grammar.t[k:last]):
            continue  # a date of its own: no hours alone
        begin = grammar.t[k].start
        line_start = norm.rfind("\n", 0, begin) + 1
        if any(p.span is not None and p.span[1] > line_start and p.span[0] < finish for p in periods):
            continue  # the line's own day takes its hours
        below = [p for p in periods if p.span is not None and p.span[0] > finish and _one_day(p)]
        if not below:
            return periods
        return [_timed(p, (oh, om), (ch, cm), tz) if p in below else p for p in periods]
    return periods


def _last_head_token(grammar: Grammar, norm: str, last_colon: int) -> int:
    """The index of the last token before ``last_colon`` that a head's colon follows, else -1."""
    k = len(grammar.t) - 1
    while k >= 0 and grammar.t[k].start >= last_colon:
        k -= 1
    while k >= 0 and not _HEADS.match(norm, grammar.t[k].end):
        k -= 1
    return k


def _one_day(period: Period) -> bool:
    return period.all_day and isinstance(period.start, date) and period.start == period.end


def _timed(period: Period, opening: tuple[int, int], closing: tuple[int, int], tz: ZoneInfo) -> Period:
    day = period.start
    assert isinstance(day, date)
    midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
    start = midnight + timedelta(hours=opening[0], minutes=opening[1])
    end = midnight + timedelta(hours=closing[0], minutes=closing[1])
    if end <= start:
        end += timedelta(days=1)  # 10pm to 5am: into the next morning
    return replace(period, start=start, end=end, all_day=False)
