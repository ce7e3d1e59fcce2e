"""A bid opening said to be at the closing time: ``开标时间同投标截止时间`` / ``开标时间：同递交投标文件
截止时间``. The opening is a moment of its own (the conventions' start = end), at the deadline's
minute; the notice writes it only by pointing back at the deadline.
"""

from __future__ import annotations

from datetime import datetime

from notices.lazy import LazyPattern
from notices.model import Period

_SAME = LazyPattern(
    r"开标(?:时间|日期及时间)?\s*[:：为]?\s*(?:同|与|即)\s*"
    r"(?:投标|递交投标文件|递交响应文件|响应文件提交|提交投标文件)?(?:的)?截止时间(?:相同)?"
)


def opening_at_deadline(periods: list[Period], text: str, norm: str) -> list[Period]:
    """``periods`` with the bid opening that a notice puts at its timed deadline."""
    if "开标" not in norm:
        return periods
    found = _SAME.search(norm)
    if found is None:
        return periods
    deadlines = [p for p in periods if p.start is None and isinstance(p.end, datetime)]
    if not deadlines or any(p.is_moment and p.start == deadlines[-1].end for p in periods):
        return periods
    due = deadlines[-1].end
    opening = Period(
        due, due, all_day=False, label="开标时间", text=text[found.start() : found.end()], span=found.span()
    )
    at = next(
        (i for i, p in enumerate(periods) if p.span is not None and p.span[0] > found.start()), len(periods)
    )
    return [*periods[:at], opening, *periods[at:]]
