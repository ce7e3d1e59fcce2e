"""A disruption told in stages: the works inside it, and the supply coming back at its end.

``The repair works will be carried out on 3 June from 8am till 6pm … supply is cut from 8am, 3 June
… fully restored at 6am on 5 June``: the works' hours sit inside the cut and share its start, so the
cut is the one period. ``Water will be off from 12 to 15 June … supply returns in stages from 4pm on
14 June and fully by 10pm on 15 June``: the return is the cut's last hours, so the cut ends at 10pm;
so does a return told alone (``off from 12 to 15 June … fully restored at 10pm on 15 June``).
``将于6月3日22:00暂停供水，预计6月4日5:00恢复供水``: the moment the supply stops and the moment it is
back are one window.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.labels import clause_span
from notices.model import Period
from notices.superseded import superseded

#: What works are called, and what a disruption is called.
_WORKS = re.compile(r"(?i)\bworks?\b|carried out|executed|施工|作业|工程|检修|维修")
_DISRUPTS = re.compile(
    r"(?i)disrupt|outage|\bcuts?\b|interrupt|closed|closure|shut|suspend|停水|停电|停气|制水|断水|断电|封闭|中断|暂停|停止供"
)
#: A supply coming back, or in stages.
_RESTORES = re.compile(r"(?i)restor|recover|resum|in stages|恢复|复水|复电|复气|逐步|分阶段")
_SENTENCE_BREAK = re.compile(r"[.!?;。；！？\n]")
_BACK = 80
#: How far after a return's hour its word may come (Chinese says it after: 7日18时全部恢复供水).
_AFTER = 12


def fold_stages(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Drop a works window that opens a longer disruption; end a disruption at its full return."""
    periods = stop_then_return(norm, periods, tz)
    timed = [p for p in periods if not p.all_day and p.start is not None and p.end is not None]
    # a return told alone (… fully restored at 5 pm on Oct 16) is an end with no start
    backs = [p for p in periods if p.start is None and isinstance(p.end, datetime)]
    if not timed and not backs:
        return periods
    # Looked up by start and by the day of the end, so a notice of many windows stays linear.
    longest: dict[object, object] = {}
    ending: dict[date, list[Period]] = {}
    for q in timed:
        assert q.start is not None
        assert q.end is not None
        known = longest.get(q.start)
        if known is None or known < q.end:  # type: ignore[operator]
            longest[q.start] = q.end
        ending.setdefault(_as_date(q.end, tz), []).append(q)
    for q in backs:
        ending.setdefault(_as_date(q.end, tz), []).append(q)  # type: ignore[arg-type]
    out: list[Period] = []
    folded: set[int] = set()
    for p in periods:
        if id(p) in folded:
            continue
        if not p.all_day and _works_window(norm, p, longest):
            continue
        if p.all_day and p.start is not None and p.end is not None and p.start < p.end and p.daily is None:
            tail = _return_stage(norm, p, ending, tz)
            if tail is not None:
                folded.add(id(tail))
                start = datetime.combine(p.start, time(0), tzinfo=tz)  # type: ignore[arg-type]
                p = replace(p, start=start, end=tail.end, all_day=False)
        out.append(p)
    return [p for p in out if id(p) not in folded]


def _works_window(norm: str, p: Period, longest: dict[object, object]) -> bool:
    if p.span is None or p.start is None or p.end is None:
        return False
    further = longest.get(p.start)
    if further is None or not p.end < further:  # type: ignore[operator]
        return False  # no longer window opens with it
    low, high = clause_span(norm, p.span[0], p.span[1], _SENTENCE_BREAK)
    return _WORKS.search(norm, low, high) is not None and _DISRUPTS.search(norm, low, high) is None


def _return_stage(norm: str, p: Period, ending: dict[date, list[Period]], tz: ZoneInfo) -> Period | None:
    first, last = _as_date(p.start, tz), _as_date(p.end, tz)  # type: ignore[arg-type]
    for q in ending.get(last, ()):
        if q.span is None or (q.start is not None and not first < _as_date(q.start, tz) <= last):
            continue
        # the word comes before the hour in English (restored at 6 pm), after it in Chinese (18时恢复)
        if _RESTORES.search(norm, max(0, q.span[0] - _BACK), q.span[1] + _AFTER):
            return q
    return None


_NEAR = 12


#: Works said done at a moment inside a cut: 维修工作料在23日凌晨3时完工.
_WORKS_DONE = re.compile(r"[^，。；,;\n]{0,4}?(?:完工|竣工|完成)")


def stop_then_return(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A timed moment the supply stops at, or a day it stopped from (已从1月4日凌晨开始停水), then an
    end it is back by: one window. The hour the works inside it are done (22日9时开始制水 … 23日3时完工
    … 24日21时完全恢复供应) is part of that window, no moment of its own."""
    out: list[Period] = []
    for q in periods:
        p = out[-1] if out else None
        if (
            p is not None
            and len(out) > 1
            and p.is_moment
            and p.span is not None
            and _WORKS_DONE.match(norm, p.span[1])
            and _back_by(norm, out[-2], q, tz) is not None
        ):
            out.pop()  # the works' end inside the window
            p = out[-1]
        window = None if p is None else _back_by(norm, p, q, tz)
        if window is not None:
            out[-1] = window
            continue
        out.append(q)
    return out


def _back_by(norm: str, p: Period, q: Period, tz: ZoneInfo) -> Period | None:
    """The window from ``p``, where the supply stops, to ``q``, the end it is back by, or None."""
    if q.start is not None or not isinstance(q.end, datetime):
        return None  # (asked of every two periods in a row: most are no end the supply is back by)
    if q.span is not None and superseded(norm, q.span[0]):
        return None  # originally expected to resume at 6 am: an end the notice has since moved
    if p.end is None and p.start is not None and not isinstance(p.start, datetime):
        p_start: datetime | None = datetime.combine(p.start, time(0), tzinfo=tz)
    else:
        p_start = p.start if isinstance(p.start, datetime) else None
    if (
        q.start is None
        and isinstance(q.end, datetime)
        and p_start is not None
        and (p.start == p.end or p.end is None)
        and p_start < q.end
        and p.span is not None
        and q.span is not None
        and p.span[1] <= q.span[0]
        and _DISRUPTS.search(norm, p.span[1], min(q.span[0], p.span[1] + _NEAR))
        and _RESTORES.search(norm, max(p.span[1], q.span[0] - _NEAR), q.span[1] + _NEAR)
    ):
        return replace(p, start=p_start, end=q.end, all_day=False, span=(p.span[0], q.span[1]))
    return None
