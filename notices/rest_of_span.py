"""Hours said of the rest of a span's days: ``5月1日至5月5日开放，其中5月1日9:00-17:00，其余日期
8:30-18:00``. Read alone, the last hours fall on the day named before them (5月1日); they are the
daily window of the span's days no other item names (5月2日至5日)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.model import Period

#: Words right before hours that give them to the days not yet named.
_REST = re.compile(r"(?:其余|其他|其它|余下|剩余)(?:日期|日子|时间|各日|时段|日|天)\s*[:：为是]?\s*$")


def hours_of_the_rest(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """``periods`` with each window said of the rest of a span's days spread over those days, one
    period per run of days (a day named in the middle parts the rest in two)."""
    out: list[Period] = []
    for period in periods + _unread_rest_hours(norm, periods, tz):
        window = _rest_window(norm, period)
        spans = [p for p in out if _encloses(p, period, tz)] if window is not None else []
        # the widest span around the hours is the one whose rest they are (not an item's own days)
        span = max(spans, key=lambda p: p.end - p.start, default=None)  # type: ignore[operator]
        if window is None or span is None:
            out.append(period)
            continue
        assert isinstance(span.start, date)
        assert isinstance(span.end, date)
        named = {day for p in out if p is not span for day in _days_of(p, span, tz)}
        rest = [d for d in _each_day(span.start, span.end) if d not in named]
        for first, last in _runs(rest):
            out.append(
                Period(
                    first,
                    last,
                    label=period.label,
                    note=period.note,
                    text=period.text,
                    span=period.span,
                    daily=window,
                )
            )
    return out


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Days in order as runs of consecutive days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


#: Hours right after 其余日期 that the date grammar leaves unread after a span with hours.
_REST_CLOCKS = re.compile(
    r"(?:其余|其他|其它|余下|剩余)(?:日期|日子|时间|各日|时段|日|天)\s*[:：为是]?\s*"
    r"(\d{1,2})[:：](\d{2})\s*[-—–~至到]\s*(\d{1,2})[:：](\d{2})"
)


def _unread_rest_hours(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Windows after 其余日期 that no period holds (after an item that is a span with its own
    hours), each as a window on the first day of the span before it, to be spread above."""
    if "其" not in norm and "余" not in norm and "剩" not in norm:
        return []
    found: list[Period] = []
    for m in _REST_CLOCKS.finditer(norm):
        begin = m.start(1)
        if any(p.span is not None and p.span[0] <= begin < p.span[1] for p in periods):
            continue
        span = next(
            (p for p in reversed(periods) if p.span is not None and p.span[1] <= begin and _is_span(p)), None
        )
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if span is None or h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h1, m1) >= (h2, m2):
            continue
        assert isinstance(span.start, date)
        day = span.start
        opens = datetime.combine(day, time(h1, m1), tzinfo=tz)
        closes = datetime.combine(day, time(0), tzinfo=tz) + timedelta(hours=h2, minutes=m2)
        found.append(Period(opens, closes, all_day=False, text=m.group(0), span=(begin, m.end())))
    return found


def _is_span(period: Period) -> bool:
    return (
        period.all_day and period.start is not None and period.end is not None and period.start != period.end
    )


def _rest_window(norm: str, period: Period) -> tuple[time, time] | None:
    """The daily window of a period said of the rest of a span's days, or None."""
    if not _rest_hours(norm, period):
        return None
    assert isinstance(period.start, datetime)
    assert isinstance(period.end, datetime)
    return (period.start.timetz().replace(tzinfo=None), period.end.timetz().replace(tzinfo=None))


def _rest_hours(norm: str, period: Period) -> bool:
    """A window within one day (8:30-18:00) right after 其余日期 / 其他时间."""
    if period.all_day or period.span is None or period.start is None or period.end is None:
        return False
    if not isinstance(period.start, datetime) or not isinstance(period.end, datetime):
        return False
    if period.start.date() != period.end.date() or period.start == period.end:
        return False
    begin = period.span[0]
    return _REST.search(norm, max(0, begin - 8), begin) is not None


def _encloses(span: Period, period: Period, tz: ZoneInfo) -> bool:
    if not span.all_day or span.start is None or span.end is None or span.start == span.end:
        return False
    assert period.start is not None
    return span.start <= _as_date(period.start, tz) <= span.end  # type: ignore[operator]


def _days_of(period: Period, span: Period, tz: ZoneInfo) -> list[date]:
    """The days of the span an item names."""
    if period.start is None or period.end is None:
        return []
    first, last = _as_date(period.start, tz), _as_date(period.end, tz)
    assert isinstance(span.start, date)
    assert isinstance(span.end, date)
    return [d for d in _each_day(first, last) if span.start <= d <= span.end]


def _each_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]
