"""An open start that only opens the schedule listed under it: 从3月5日起，城区3处将陆续停电 ⏎
这三处停电的区域及时间分别为： ⏎ 3月5日8时至17时，… The rows are what to remind of; the opening
sums them up, as a span over itemised days does (notices.summaries._drop_summaries)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.model import Period
from notices.summaries import _SUMMARY_REACH, _held, _items_follow


def drop_schedule_openings(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """``periods`` without the open starts that only open the dated rows right after them."""
    return [
        p
        for index, p in enumerate(periods)
        if not _opens_schedule(p, periods[index + 1 : index + 1 + _SUMMARY_REACH], norm, tz)
        and not _opens_span_beside(p, periods[index + 1 : index + 2], norm, tz)
    ]


#: What ends a sentence: a start said in one does not open a span told in the next.
_SENTENCE_END = re.compile(r"[。；;!?！？\n]")
_REACH = 60


def _opens_span_beside(period: Period, later: list[Period], norm: str, tz: ZoneInfo) -> bool:
    """An open start with no date of its own (即日起展开整治，3月10日至3月20日封闭) beside a dated
    span in the same sentence: the campaign begins now, what to plan around is the span."""
    if period.end is not None or period.start is None or period.span is None or not later:
        return False
    nxt = later[0]
    if nxt.start is None or nxt.end is None or nxt.span is None:
        return False
    if any(ch.isdigit() for ch in norm[period.span[0] : period.span[1]]):
        return False
    between = norm[period.span[1] : nxt.span[0]]
    return (
        len(between) <= _REACH
        and not _SENTENCE_END.search(between)
        and _as_date(nxt.start, tz) >= _as_date(period.start, tz)
    )


def _opens_schedule(period: Period, later: list[Period], norm: str, tz: ZoneInfo) -> bool:
    """An open start (从3月5日起，城区3处将陆续停电) that only opens the dated rows listed right after
    it, the first on its very day: the rows are what to remind of."""
    if period.end is not None or period.start is None or not period.all_day or _held(norm, period):
        return False
    first = _as_date(period.start, tz)
    rows = [q for q in later if q.start is not None and q.end is not None]
    return (
        len(rows) >= 2
        and len(rows) == len(later)
        and _items_follow(period, later)
        and _as_date(rows[0].start, tz) == first  # type: ignore[arg-type]
        and all(_as_date(q.start, tz) >= first for q in rows)  # type: ignore[arg-type]
    )
