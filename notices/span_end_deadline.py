"""A deadline said within a span that ends the same day (公示期为7月14日至20日。公示期间如有质疑，
请于7月20日前以书面形式反映): the objections are due by the span's own end, which the span already
tells; a second, open-start period for the same day would remind a subscriber twice."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.labels import clause_span
from notices.model import Period

#: What ties a deadline's sentence to the span before it: said during it, or objections to it.
_WITHIN = re.compile(r"期间|期内|期限内|异议|质疑|(?i:during\s+the|objection)")
_SENTENCE = re.compile(r"[。！？!?\n]")


def drop_deadlines_at_span_end(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """The periods, less each deadline that falls on the last day of a span told before it and is
    said within it."""
    # spans by their end (a day, or an instant), so each deadline looks up its own: linear in periods
    ends: dict[date | datetime, int] = {}
    for p in periods:
        if p.start is not None and p.end is not None and p.start != p.end and p.span is not None:
            key = _key(p.end, tz)
            ends[key] = min(ends.get(key, p.span[1]), p.span[1])  # the earliest span ending there
    if not ends:
        return periods
    out: list[Period] = []
    for p in periods:
        if p.start is None and p.end is not None and p.span is not None:
            told = ends.get(_key(p.end, tz))
            if told is not None and told <= p.span[0] and _said_within(norm, p.span):
                continue
        out.append(p)
    return out


def _key(end: date | datetime, tz: ZoneInfo) -> date | datetime:
    """A whole day for a whole day, the instant for a timed end (a deadline at an hour inside a day of
    timed windows, 7时前驶离, is no span's end)."""
    return end.astimezone(tz) if isinstance(end, datetime) else end


def _said_within(norm: str, span: tuple[int, int]) -> bool:
    low, high = clause_span(norm, span[0], span[1], _SENTENCE)
    return _WITHIN.search(norm, low, high) is not None
