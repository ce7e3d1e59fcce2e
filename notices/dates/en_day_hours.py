"""English hours with no day of their own, in a notice whose dates all name one day.

``Roads will be closed from 7am to 3pm on Tuesday (April 18). … Traffic is expected to be heavy
along the route from 2pm to 3pm.``: the later window says no day, yet the notice is about one
day only, named in an earlier sentence. The window falls on that day. A notice naming two days
or more leaves such hours alone (which day they belong to is not said), as does a window said
to repeat (daily, every night).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.model import Period

_HOUR = r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])(?:\.\s*m\.|m\b)"
#: from 2pm to 3pm / between 10.30am and 1pm.
_WINDOW = re.compile(rf"(?i)\b(?:from|between)\s+{_HOUR}\s*(?:to|until|till|and|-|–)\s*{_HOUR}")
#: A window said to come back each day: no one day of its own.
_REPEATS = re.compile(r"(?i)\b(?:daily|nightly|every|each|weekdays?|weekends?)\b")
_SENTENCE = re.compile(r"[.!?\n](?:\s|$)")


def hours_on_named_day(periods: list[Period], norm: str, tz: ZoneInfo) -> list[Period]:
    """Add each free English window after the one day the notice names, timed on that day."""
    if "m" not in norm:
        return periods
    day = _only_day(periods)
    if day is None:
        return periods
    first = min(p.span[0] for p in periods if p.span is not None)
    found: list[Period] = []
    for m in _WINDOW.finditer(norm):
        if m.start() < first or any(
            p.span is not None and p.span[0] < m.end() and m.start() < p.span[1] for p in periods
        ):
            continue  # before the day is named, or already part of a period
        low = max((s.end() for s in _SENTENCE.finditer(norm, 0, m.start())), default=0)
        tail = _SENTENCE.search(norm, m.end())
        sentence = norm[low : tail.start() if tail else len(norm)]
        if not sentence.isascii() or _REPEATS.search(sentence):
            continue
        opening = _clock(m.group(1), m.group(2), m.group(3))
        closing = _clock(m.group(4), m.group(5), m.group(6))
        if opening is None or closing is None:
            continue
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
        start = midnight + timedelta(hours=opening[0], minutes=opening[1])
        end = midnight + timedelta(hours=closing[0], minutes=closing[1])
        if end <= start:
            end += timedelta(days=1)  # 10pm to 5am: into the next morning
        found.append(Period(start=start, end=end, all_day=False, text=m.group(0), span=(m.start(), m.end())))
    if not found:
        return periods
    return sorted([*periods, *found], key=lambda p: p.span[0] if p.span is not None else -1)


def _only_day(periods: list[Period]) -> date | None:
    """The one calendar day every dated period falls on, or None."""
    days: set[date] = set()
    for p in periods:
        for value in (p.start, p.end):
            if isinstance(value, datetime):
                days.add(value.date())
            elif isinstance(value, date):
                days.add(value)
    if len(days) != 1 or any(p.span is None for p in periods):
        return None
    return next(iter(days))


def _clock(hour: str, minute: str | None, half: str) -> tuple[int, int] | None:
    h, m = int(hour), int(minute or 0)
    if not 1 <= h <= 12 or m > 59:
        return None
    return (h % 12 + (12 if half.lower() == "p" else 0), m)
