"""The same hours on days in a row, each written out in full: one span with its daily window.

``1月23日22时-次日7时、1月24日22时-次日7时`` repeats one nightly window over two nights, as
``1月23日至24日每晚22时至次日7时`` would say it; the conventions write it the same way, one span of
the days the window opens on with the window as its daily hours. Only windows listed one right after
the other count: a place or a sentence between them makes each its own period.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from notices.model import Period

#: What may stand between two windows of one list: 、 / ， / 及 / 和 / and.
_LIST_GAP = re.compile(r"\s*(?:[、，,;；]|及|和|与|以及|and|&)?\s*")


def merged_nights(periods: list[Period], text: str) -> list[Period]:
    """Windows one day apart with the same hours, listed together, as one span of days."""
    if len(periods) < 2:
        return periods
    out: list[Period] = []
    run: list[Period] = []
    for period in periods:
        if run and _next_of(run[-1], period, text):
            run.append(period)
            continue
        out.extend(_joined(run, text))
        run = [period] if _window(period) else []
        if not run:
            out.append(period)
    out.extend(_joined(run, text))
    return out


def _window(period: Period) -> bool:
    """A timed period shorter than a day, with its place in the text."""
    start, end = period.start, period.end
    return (
        not period.all_day
        and isinstance(start, datetime)
        and isinstance(end, datetime)
        and period.span is not None
        and _ZERO < end - start < _DAY
    )


_ZERO, _DAY = timedelta(0), timedelta(days=1)  # made once: every period is asked


def _next_of(before: Period, period: Period, text: str) -> bool:
    if not _window(period) or before.span is None or period.span is None:
        return False
    day = timedelta(days=1)
    if period.start - before.start != day or period.end - before.end != day:  # type: ignore[operator]
        return False
    return _LIST_GAP.fullmatch(text, before.span[1], period.span[0]) is not None


def _joined(run: list[Period], text: str) -> list[Period]:
    if len(run) < 2:
        return run
    first, last = run[0], run[-1]
    assert isinstance(first.start, datetime)
    assert isinstance(first.end, datetime)
    assert isinstance(last.start, datetime)
    assert first.span is not None
    assert last.span is not None
    return [
        Period(
            first.start.date(),
            last.start.date(),
            label=first.label,
            note=first.note,
            text=text[first.span[0] : last.span[1]],
            span=(first.span[0], last.span[1]),
            daily=(first.start.timetz().replace(tzinfo=None), first.end.timetz().replace(tzinfo=None)),
            places=first.places,
        )
    ]
