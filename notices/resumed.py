"""A day things come back from, told as a start: the end of a stop, not a period of its own.

``1月7日至15日体育场暂停开放……1月16日起恢复开放``: the 16th is when the closure is over, no open
period beginning then. ``13日8:30起充电站暂停营业……13日23:30起恢复营业``: the stop and the return
are one window, from 8:30 to 23:30. A return told with nothing stopped before it
(``5月1日起恢复开放``, a reopening announced alone) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.labels import clause_span
from notices.model import Period

#: What a return says, in its own clause after its date.
_RESUMES = re.compile(r"恢复|(?i:\bresum|\breopen|\brestor)")
#: What a stop says.
_STOPS = re.compile(
    r"暂停|停止|关闭|封闭|停业|停运|停水|停电|停气|闭馆|闭园|不得入内|禁止"
    r"|(?i:suspend|\bclos(?:e|ed|ure)\b|\bshut)"
)
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
#: How far back the sentence before a return is looked for.
_BACK = 120


def fold_resumptions(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Drop an open start that is a return after a stop the notice has already bounded; close an
    open stop with the return that follows it on the same day."""
    out: list[Period] = []
    for p in periods:
        if not _is_return(norm, p):
            out.append(p)
            continue
        prev = out[-1] if out else None
        if prev is not None and _open_stop_before(norm, prev, p, tz):
            assert prev.span is not None
            assert p.span is not None
            out[-1] = replace(prev, end=p.start, all_day=False, span=(prev.span[0], p.span[1]))
            continue
        back = _as_date(p.start, tz)  # type: ignore[arg-type]
        if any(_ended_by(q, back, tz) and _is_stop(norm, q) for q in out) or _stop_told_before(norm, p):
            continue  # the stop before it already ends the day before, or that day
        out.append(p)
    return out


def _is_return(norm: str, p: Period) -> bool:
    if p.end is not None or p.start is None or p.span is None:
        return False
    low, high = clause_span(norm, p.span[0], p.span[1], _CLAUSE_END)
    after = norm[p.span[1] : high]
    return _RESUMES.search(after) is not None and _STOPS.search(norm, low, high) is None


def _is_stop(norm: str, p: Period) -> bool:
    if p.span is None:
        return False
    low, high = clause_span(norm, p.span[0], p.span[1], _CLAUSE_END)
    return _STOPS.search(norm, low, high) is not None


def _stop_told_before(norm: str, p: Period) -> bool:
    """The sentence before the return's says what stopped (…暂停向公众开放。1月14日起恢复开放)."""
    assert p.span is not None
    before = norm[max(0, p.span[0] - _BACK) : p.span[0]].rstrip()
    if not before or before[-1] not in "。；;.":
        return False
    start = max(before.rfind(c, 0, len(before) - 1) for c in "。；;\n") + 1
    return _STOPS.search(before, start) is not None


def _open_stop_before(norm: str, prev: Period, p: Period, tz: ZoneInfo) -> bool:
    """``prev`` is an open stop from an hour on the day ``p`` returns at a later hour."""
    if prev.end is not None or not isinstance(prev.start, datetime) or not isinstance(p.start, datetime):
        return False
    if prev.start.astimezone(tz).date() != p.start.astimezone(tz).date() or not prev.start < p.start:
        return False
    return _is_stop(norm, prev)


def _ended_by(q: Period, back: date, tz: ZoneInfo) -> bool:
    if q.end is None:
        return False
    gap = (back - _as_date(q.end, tz)).days
    return 0 <= gap <= 1
