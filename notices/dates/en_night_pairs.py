"""Nights written as pairs of days: ``from 11pm to 5am on the nights of 21/22 & 28/29 August 2022``.

Each pair is one night, the window opening on its first day and closing on its second, so each is
one timed range (the conventions' single window on one night). The grammar alone reads only the
last day with its month; this pass puts the nights in place of what it read there.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from notices.dates.en_daily import _HOUR, _clock
from notices.dates.resolve import _at
from notices.dates.vocabulary import MONTHS
from notices.lazy import LazyPattern
from notices.model import Period

_PAIR = r"(\d{1,2})\s*/\s*(\d{1,2})"
_NIGHTS = LazyPattern(
    rf"(?i){_HOUR}\s*(?:to|until|till|-|–)\s*{_HOUR}\s*(?:daily\s+)?on\s+the\s+nights?\s+of\s+"
    rf"((?:{_PAIR}\s*(?:,|&|and|,\s*and)?\s*)+)([a-z]{{3,9}})\.?(?:\s*,?\s*(\d{{4}}))?"
)
_PAIRS = re.compile(_PAIR)


def nights_of_pairs(periods: list[Period], text: str, norm: str, base: date, tz: ZoneInfo) -> list[Period]:
    """``periods`` with the nights each ``on the nights of D/D …`` names in place of what was read
    inside it (``norm`` is ``text`` normalised: the same offsets)."""
    if "night" not in norm:
        return periods
    out = list(periods)
    for found in _NIGHTS.finditer(norm):
        month = MONTHS.get(found.group(10).lower())
        if month is None:
            continue
        nights = _nights(found, text, month, base, tz)
        if not nights:
            continue
        begin, end = found.span()
        kept = [p for p in out if p.span is None or not (begin <= p.span[0] and p.span[1] <= end)]
        at = next((i for i, p in enumerate(kept) if p.span is not None and p.span[0] > begin), len(kept))
        out = kept[:at] + nights + kept[at:]
    return out


def _nights(found: re.Match[str], text: str, month: int, base: date, tz: ZoneInfo) -> list[Period]:
    opening, closing = _clock(found.group(1, 2, 3)), _clock(found.group(4, 5, 6))
    year = int(found.group(11)) if found.group(11) else _nearest_year(month, base)
    nights: list[Period] = []
    for pair in _PAIRS.finditer(found.group(7)):
        first, second = int(pair.group(1)), int(pair.group(2))
        try:
            day = date(year, month, first)
        except ValueError:
            return []
        if (day + timedelta(days=1)).day != second:
            return []  # 21/22 is a night; 21/23 is no pair of days in a row
        start = _at(day, opening.hour, opening.minute, tz)
        end_day = day + timedelta(days=1) if closing <= opening else day
        end = _at(end_day, closing.hour, closing.minute, tz)
        nights.append(
            Period(start, end, all_day=False, text=text[found.start() : found.end()], span=found.span())
        )
    return nights


def _nearest_year(month: int, base: date) -> int:
    """The year that puts the month nearest the reference date."""
    return min((base.year - 1, base.year, base.year + 1), key=lambda y: abs((date(y, month, 15) - base).days))
