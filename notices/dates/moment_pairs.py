"""A start and an end each written as a day with its hour, the range read as two moments.

Malaysian outage tables give each end its own day and put the hour or the day in brackets
(``12/11/2024 (9.00 am) – 13/11/2024 (6.00 pm)``), or flatten the row into two lines
(``From: 12/11/2024 9:00 am`` ⏎ ``To: 13/11/2024 6:00 pm``). Read alone, each end is a moment;
joined only by a range word or a ``To:`` line, the two are one timed range. So are a start and an
end each under its own field in one sentence (``开始时间为10月27日7时30分，结束时间为10月27日13时30分``).
"""

from __future__ import annotations

import re
from datetime import datetime

from notices.dates.table_pairs import join_pairs
from notices.model import Period

#: What may stand between the start and the end: the start's closing bracket or cell bar, a range
#: word or dash, or a line break and the end's own field name (To:, Until:, End:).
_JOIN = re.compile(
    r"[\s)）|]*(?:(?i:to|until|till|through)\b|[-–—~至到])[\s(（|]*"
    r"|[^\S\n]*[)）|]?[^\S\n]*\n\s*(?i:to|until|till|end(?:s|ing)?|finish(?:es|ing)?)\s*(?:date\s*)?[:：]\s*"
)

#: A start said as a field of its own (起跑时间为…, 开始时间：…) and, in the next clause, its end's field
#: (，结束时间为…): the start and the end of one event.
_START_FIELD = re.compile(r"(?:开始|起始|起跑|开赛|开幕|发令)时间\s*(?:为|是|[:：])?\s*$")
_END_FIELD = re.compile(r"\s*[,，;；]?\s*(?:结束|终止|闭幕|关门)时间\s*(?:为|是|[:：])?\s*")


def joined_moments(periods: list[Period], text: str, norm: str) -> list[Period]:
    """Two moments in a row joined by a range word or a To: line, read as one timed range."""
    if len(periods) < 2:
        return periods
    return join_pairs(periods, text, lambda first, second: _pair(first, second, norm))


def _pair(first: Period, second: Period, norm: str) -> bool:
    if not (first.is_moment and second.is_moment) or first.span is None or second.span is None:
        return False
    start, end = first.start, second.start
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return False
    if not start < end:
        return False
    if _JOIN.fullmatch(norm, first.span[1], second.span[0]) is not None:
        return True
    opened = _START_FIELD.search(norm, max(0, first.span[0] - 12), first.span[0])
    return opened is not None and _END_FIELD.fullmatch(norm, first.span[1], second.span[0]) is not None
