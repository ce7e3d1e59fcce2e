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
    spans = [p for p in periods if p.start is not None and p.end is not None and p.start != p.end]
    if not spans:
        return periods
    out: list[Period] = []
    for p in periods:
        if (
            p.start is None
            and p.end is not None
            and p.span is not None
            and _within_a_span(norm, p, spans, tz)
        ):
            continue
        out.append(p)
    return out


def _within_a_span(norm: str, deadline: Period, spans: list[Period], tz: ZoneInfo) -> bool:
    assert deadline.end is not None
    assert deadline.span is not None
    for span in spans:
        assert span.end is not None
        if span.span is None or span.span[1] > deadline.span[0] or not _same_end(span.end, deadline.end, tz):
            continue
        low, high = clause_span(norm, deadline.span[0], deadline.span[1], _SENTENCE)
        if _WITHIN.search(norm, low, high):
            return True
    return False


def _same_end(end: date | datetime, due: date | datetime, tz: ZoneInfo) -> bool:
    """The same last day (both whole days), or the same instant (both timed); a deadline at an hour
    inside a day of timed windows (7时前驶离) is no span's end."""
    if isinstance(end, datetime) != isinstance(due, datetime):
        return False
    return end == due if isinstance(end, datetime) else _day(end, tz) == _day(due, tz)


def _day(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value
