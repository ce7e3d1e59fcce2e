"""An opening and the deadline after it, said apart, as one window: "Opening on 13 May at 10.30 am
… Closing on 27 May at 10.30 am", "将于9月16日展开招聘工作。截止申请日期为10月6日下午5时". The
opening's day (with or without its hour) and the closing's moment bound what the public may do in
between; neither is a period of its own."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from notices.model import Period

#: English words right before a date that say something opens then: Opening on, opens on, will open
#: from, applications start on, launched on.
_OPENS_BEFORE = re.compile(
    r"(?i:\b(?:open(?:s|ing)?|launch(?:es|ed|ing)?|start(?:s|ing)?|commenc(?:e|es|ing)|begin(?:s|ning)?)"
    r"\s+(?:on|from)\s+(?:the\s+)?)$"
)
#: How far the closing may stand from the opening it closes: the next sentences or lines (the ways
#: to send an opinion may be listed between); nothing else is dated between, as the two are read
#: one after the other.
_NEAR = 500


def opened_before(norm: str, first: Period, deadline: Period) -> bool:
    """Whether ``first`` is said to open (Opening on …) and ``deadline`` follows it closely."""
    if first.span is None or deadline.span is None:
        return False
    begin = first.span[0]
    if _OPENS_BEFORE.search(norm, max(0, begin - 24), begin) is None:
        return False
    return 0 <= deadline.span[0] - first.span[1] <= _NEAR


#: What is received from a day and closes later: applications, registration, bids, entries,
#: the public's opinions.
_APPLY = re.compile(
    r"(?i:application|apply|registration|register|submission|tender|\bbids?\b|nomination|entr(?:y|ies)|booking)"
    r"|报名|申请|投标(?!人)|登记|报考|递交|预约|建议|意见|征集"
)
#: Where a clause ends, for the words of an opening and of its closing.
_CLAUSE_END = re.compile(r"[。；;！？!?\n]|\.\s")


def applications_from(norm: str, first: Period, deadline: Period) -> bool:
    """Whether ``first``, open from a day (Applications will be accepted from 1 June; 自6月1日起接受报名),
    and ``deadline`` right after it (The closing date is 30 June; 报名截止日期为6月30日) are one
    window: both say what is applied for, and nothing else is dated between them."""
    if first.span is None or deadline.span is None or first.start is None:
        return False
    if not 0 <= deadline.span[0] - first.span[1] <= _NEAR or not before_deadline(first, deadline):
        return False
    return _APPLY.search(_clause(norm, *first.span)) is not None and (
        _APPLY.search(_clause(norm, *deadline.span)) is not None
        or (deadline.label or "").startswith(("报名", "申请"))
    )


def _clause(norm: str, begin: int, end: int) -> str:
    breaks = [m.end() for m in _CLAUSE_END.finditer(norm, max(0, begin - 60), begin)]
    after = _CLAUSE_END.search(norm, end, end + 60)
    return norm[breaks[-1] if breaks else max(0, begin - 60) : after.start() if after else end + 60]


def before_deadline(first: Period, deadline: Period) -> bool:
    """Whether the opening comes before the deadline (a day compared with a moment by its date)."""
    start, end = first.start, deadline.end
    if start is None or end is None:
        return False
    if first.all_day == deadline.all_day:
        return start <= end  # type: ignore[operator]
    return _day(start) <= _day(end)


def _day(when: date | datetime) -> date:
    return when.date() if isinstance(when, datetime) else when


def window_to(first: Period, deadline: Period, label: str | None) -> Period:
    """The window from the opening to the deadline. A day that opens a window closing at an hour
    opens at that day's first moment; an hour that opens a window closing on a day runs to that
    day's end."""
    if first.all_day == deadline.all_day:
        return replace(first, end=deadline.end, label=label)
    start, end = first.start, deadline.end
    if isinstance(end, datetime) and start is not None and not isinstance(start, datetime):
        opening = datetime.combine(start, time(0), end.tzinfo)
        return replace(first, start=opening, end=end, all_day=False, label=label)
    assert isinstance(start, datetime)
    assert end is not None
    assert not isinstance(end, datetime)
    closing = datetime.combine(end + timedelta(days=1), time(0), start.tzinfo)
    return replace(first, end=closing, end_is_day=True, label=label)
