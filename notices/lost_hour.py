"""A window whose opening hour was lost in a garbled page still ends when it says.

A page converted between encodings can lose a character in the middle of a time: ``28日…将于?
时30分至11时断电`` (or, in the other script, ``將於? 時30 分至11 時``). The grammar reads no window
there, and the day stands as a whole day; a subscriber would be told the supply is cut all day when
the notice says it is back at 11:00. The day keeps its end: the period runs from the day's start
(the hour it began is unknown, so the earliest it can be) to the end the notice gives, with a note
that the start hour is unreadable.

Only a start whose hour is a lost character (``?``, U+FFFD, or the space normalising left for one)
right before 时/点 counts, with a readable end hour after a range connector, in the same clause as
the day and before any other dated expression.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from notices.model import Period

_GAP = r"[^\S\n]*"

#: A lost opening hour (no digit before 时), its minutes, a connector, and a readable closing time.
_LOST_START = re.compile(
    rf"(?<![\d:])(?:[?\ufffd]+{_GAP}|[^\S\n]+)[时点](?:{_GAP}\d{{1,2}}{_GAP}分)?{_GAP}(?:至|到|-|~){_GAP}"
    rf"(\d{{1,2}}){_GAP}(?:[时点](?:{_GAP}(\d{{1,2}}){_GAP}分)?|:(\d{{2}}))"
)

#: Where the day's clause ends.
_CLAUSE_END = re.compile(r"[。；;!！\n]")

NOTE = "start hour unreadable in the text"


def end_of_lost_start(norm: str, found: list[Period], tz: ZoneInfo) -> list[Period]:
    """``found`` with each whole day followed by a window that lost its opening hour timed to its end."""
    out = list(found)
    for i, period in enumerate(found):
        if period.span is None or not period.all_day or period.start != period.end:
            continue
        day = period.start
        if not isinstance(day, date):
            continue
        stop = _CLAUSE_END.search(norm, period.span[1])
        limit = stop.start() if stop else len(norm)
        following = found[i + 1].span if i + 1 < len(found) else None
        if following is not None:
            limit = min(limit, following[0])
        lost = _LOST_START.search(norm, period.span[1], limit)
        if lost is None:
            continue
        hour, minute = int(lost.group(1)), int(lost.group(2) or lost.group(3) or 0)
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            continue
        start = datetime.combine(day, time(0), tzinfo=tz)
        end = datetime.combine(day, time(hour % 24, minute), tzinfo=tz)
        if hour == 24:
            end = datetime.combine(date.fromordinal(day.toordinal() + 1), time(0), tzinfo=tz)
        if end <= start:
            continue
        out[i] = replace(period, start=start, end=end, all_day=False, note=period.note or NOTE)
    return out
