"""A table's period column flattened into lines: the start and end cells one under the other.

``Period of Closures ⏎ … ⏎ 12 p.m. on ⏎ 19 April 2017 ⏎ 2 a.m. on ⏎ 20 April 2017`` gives the closure's
start and end as two cells with nothing between them; read alone each is a moment. Under a column
heading that names a period or duration, two moments on lines in a row, the second after the first
and within a week of it, are one period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from notices.lazy import LazyPattern
from notices.model import Period

#: A column heading naming the span each row gives. (The lookahead of first letters lets the engine
#: pass over every other character at one test: no letter of these words has a case-blind twin
#: outside ASCII, and the case-blind alternatives are otherwise each tried at every character.)
_HEADING = LazyPattern(
    r"(?=[PpDdCc封管])"
    r"(?:(?i:period\s+of\s+closures?|duration|closure\s+period|date\s+and\s+time)|封闭时[间段]|管制时[间段])"
)
#: How far above its first cell the heading may stand.
_REACH = 400
#: Nothing but the line break (or the space a flattened table leaves) between the two cells.
_CELL_GAP = re.compile(r"\s+")


def paired_cells(periods: list[Period], text: str, norm: str) -> list[Period]:
    """Moments in a row under a period heading, read as one period each pair."""
    if len(periods) < 2 or _HEADING.search(norm) is None:
        return periods
    return join_pairs(periods, text, lambda first, second: _pair(first, second, norm))


def join_pairs(periods: list[Period], text: str, pair: Callable[[Period, Period], bool]) -> list[Period]:
    """Each two periods in a row that ``pair`` accepts, read as one from the first's start to the
    second's end (a table's start and end cells, a From: line and its To: line)."""
    out: list[Period] = []
    i = 0
    while i < len(periods):
        first = periods[i]
        second = periods[i + 1] if i + 1 < len(periods) else None
        if second is not None and pair(first, second):
            assert first.span is not None
            assert second.span is not None
            span = (first.span[0], second.span[1])
            out.append(replace(first, end=second.end, text=text[span[0] : span[1]], span=span))
            i += 2
            continue
        out.append(first)
        i += 1
    return out


def _pair(first: Period, second: Period, norm: str) -> bool:
    if not (first.is_moment and second.is_moment) or first.span is None or second.span is None:
        return False
    start, end = first.start, second.start
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return False
    if not timedelta(0) < end - start <= timedelta(days=7):
        return False
    if _CELL_GAP.fullmatch(norm, first.span[1], second.span[0]) is None:
        return False
    return _HEADING.compiled.search(norm, max(0, first.span[0] - _REACH), first.span[0]) is not None
