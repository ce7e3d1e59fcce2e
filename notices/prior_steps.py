"""The steps a procedure has already taken, told before the date a notice withdraws (9月8日发布资格
预审公告…10月12日发布了招标文件，原定于11月2日开标，现延期): a postponement retells the tender's
history to say which step moves, and those earlier days are over, whether or not the page carries
the day it was published on. A step told as still to come (将于, 截止, 须) stays."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.labels import clause_span
from notices.model import Period

#: A step of a procedure, told as taken: published, held, examined, opened.
_DONE = re.compile(r"发布|发出|印发|公示|进行|召开|举行|组织|完成|开标|受理|审查|评审|批复")
#: A step still to come, or a duty: a plan, not history.
_AHEAD = re.compile(r"将|拟|定于|计划|预计|截止|截至|之前|以前|须|应当|请|届时|起")
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")


def drop_prior_steps(norm: str, periods: list[Period], withdrawn: list[Period], tz: ZoneInfo) -> list[Period]:
    """Periods without the single days of steps told before the first withdrawn date and earlier
    than it."""
    told = [(w.span[0], w.start if w.start is not None else w.end) for w in withdrawn if w.span is not None]
    days = [(at, _as_date(day, tz)) for at, day in told if day is not None]
    if not days:
        return periods
    first, day = min(at for at, _ in days), min(d for _, d in days)
    return [p for p in periods if not _prior(norm, p, first, day, tz)]


def _prior(norm: str, period: Period, first: int, day: date, tz: ZoneInfo) -> bool:
    """Whether ``period`` is one day's step, told before ``first`` and taken before ``day``."""
    if period.span is None or period.start is None or period.start != period.end:
        return False
    if period.span[1] > first or not _as_date(period.start, tz) < day:
        return False
    low, high = clause_span(norm, *period.span, _CLAUSE)
    return _DONE.search(norm, period.span[1], high) is not None and not _AHEAD.search(norm, low, high)
