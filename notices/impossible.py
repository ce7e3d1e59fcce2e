"""Dates a notice writes that no calendar has, and ranges that run backwards.

``2023年2月29日``, ``12月40日``, ``9999年5月1日`` or ``2023年6月10日至2023年6月1日`` are typing
slips. Reading them as some other date (2024-02-29, 12-31, this year) would tell a subscriber a
day the notice never said, so they are found first, masked out of the text the grammar reads
(offsets kept), and reported as warnings for an administrator to correct.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

_DATE = r"(?:(?P<{p}y>\d{{1,4}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*[日号]"
#: Every match opens with a digit: ``(?=\d)`` first lets the engine pass over every other character
#: at the first test, not after the lookbehind and the optional year have been tried there.
_WRITTEN = re.compile(r"(?=\d)(?<![\d.])" + _DATE.format(p="a"))
_RANGE = re.compile(
    r"(?=\d)(?<![\d.])" + _DATE.format(p="a") + r"\s*(?:起)?\s*(?:至|到|—|–|-|~|～)+\s*" + _DATE.format(p="b")
)
#: Where a range's first date ends and its connector follows, which every match of ``_RANGE``
#: holds: a text without one (a list of days, each with its hours) is not scanned for ranges.
_RANGE_TURN = re.compile(r"[日号]\s*(?:起)?\s*[至到—–\-~～]")


@dataclass(frozen=True, slots=True)
class Impossible:
    """A written date or range that cannot be: where it stands and why."""

    start: int
    end: int
    text: str
    reason: str


def _day(year: int | None, month: int, day: int) -> tuple[date | None, str | None]:
    """The date written, or why there is none. A yearless February 29 is possible (a leap year)."""
    if year is not None and not 1900 <= year <= 2100 and year >= 1000:
        return None, f"the year {year} is not a plausible year"
    if year == 0:
        return None, "the year 0000 does not exist"
    if not 1 <= month <= 12:
        return None, f"there is no month {month}"
    leap_or_year = year if year is not None and year >= 1900 else 2000
    last = calendar.monthrange(leap_or_year, month)[1]
    if not 1 <= day <= last:
        where = f"{year}年{month}月" if year is not None and year >= 1900 else f"{month}月"
        return None, f"{where} has no day {day}"
    if year is None or year < 1900:
        return None, None  # a possible yearless or era date: the grammar resolves it
    return date(year, month, day), None


def _value(m: re.Match[str], p: str) -> tuple[date | None, str | None]:
    year = m.group(f"{p}y")
    return _day(int(year) if year else None, int(m.group(f"{p}m")), int(m.group(f"{p}d")))


@functools.lru_cache(maxsize=16)  # the parser asks twice of the same text: masking, then warnings
def find_impossible(norm: str) -> tuple[Impossible, ...]:
    """Impossible dates and backwards ranges in normalised text, in order, not overlapping."""
    found: list[Impossible] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(norm) if _RANGE_TURN.search(norm) is not None else ():
        first, why_first = _value(m, "a")
        last, why_last = _value(m, "b")
        why = why_first or why_last
        if why is None and first is not None and last is not None and last < first:
            why = "the range ends before it starts"
        if why is not None:
            # the whole range goes: half of it ("至6月2日") would read as another period
            found.append(Impossible(m.start(), m.end(), m.group(0), why))
            taken.append((m.start(), m.end()))
    for m in _WRITTEN.finditer(norm):
        if any(a <= m.start() < b for a, b in taken):
            continue
        _, why = _value(m, "a")
        if why is not None:
            found.append(Impossible(m.start(), m.end(), m.group(0), why))
    return tuple(sorted(found, key=lambda x: x.start))


def masked(text: str, spans: tuple[Impossible, ...]) -> str:
    """``text`` with each impossible span blanked (same length, so offsets stay true)."""
    if not spans:
        return text
    pieces: list[str] = []
    at = 0
    for item in spans:
        pieces.append(text[at : item.start])
        pieces.append(" " * (item.end - item.start))
        at = item.end
    pieces.append(text[at:])
    return "".join(pieces)
