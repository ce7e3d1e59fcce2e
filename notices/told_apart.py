"""A span whose start and end are told in two clauses of one sentence.

``The closure, which began on December 15, is scheduled to last until December 26`` and
``工程于6月23日展开，将于6月30日结束`` (or ``…展开，至6月30日结束``, ``审核从6月23日开始，将延续到6月30日``)
or ``今日起报名，至3月6日截止`` (``即日起报名，报名截止时间为3月6日``)
each name one period: from the day something starts to the day it ends. Read alone, the first day
looks like a one-day event (or a start with no end) and the second like a deadline.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from notices.model import Period

#: Words that start what the first day dates, before it (English) or after it (Chinese).
_STARTS_BEFORE = re.compile(
    r"(?i:\b(?:begins?|began|start(?:s|ed)?|commenc(?:e|es|ed)|open(?:s|ed)?)\s+(?:on\s+|at\s+)?)$"
)
_STARTS_AFTER = re.compile(r"\s*(?:起)?[^，。；;\n\d]{0,6}?(?:开始|展开|开展|启动|开工|动工)")
#: Words that end what the second day dates: 结束 / 完工 after it, until before it.
_ENDS_BEFORE = re.compile(r"(?i:\b(?:last|run|continue)s?\s+)$|(?:延续|持续|延长|一直)$")
_ENDS_AFTER = re.compile(r"\s*(?:[^，。；;\n\d]{0,4}?)(?:结束|完工|竣工|止)")
#: Words right before the one day something ends on, in English: ends tomorrow, will close on 5 May.
_ENDS_ON_BEFORE = re.compile(
    r"(?i:\b(?:ends?|ending|clos(?:es?|ing)|finish(?:es)?|conclud(?:es?|ing))\s+(?:on\s+|at\s+)?)$"
)
#: What may stand between the two days: no sentence end.
_SENTENCE_END = re.compile(r"[。；;!?！？\n]|\.\s")
_REACH = 80


def join_told_apart(norm: str, periods: list[Period], *, before: date | None = None) -> list[Period]:
    """Each start day followed in its sentence by the day it ends on becomes one span; with
    ``before``, only spans that start before that day (the fair opened yesterday and ends tomorrow:
    joined before the day gone by is put aside as history)."""
    out: list[Period] = []
    i = 0
    while i < len(periods):
        first = periods[i]
        second = periods[i + 1] if i + 1 < len(periods) else None
        if (
            second is not None
            and _opens(norm, first)
            and (before is None or _gone_by(first, before) or _since_issue(norm, first))
            and _closes(norm, first, second)
        ):
            out.append(_joined(first, second))
            i += 2
            continue
        out.append(first)
        i += 1
    return out


def _gone_by(period: Period, before: date) -> bool:
    return period.start is not None and _day(period.start) < before


def _since_issue(norm: str, period: Period) -> bool:
    """自本公告发布之日起: a start with no digits, counted from the notice's own day; alone it
    says when rules apply (and is left out), so its end a clause on is joined to it first."""
    if period.span is None or period.end is not None:
        return False
    text = norm[period.span[0] : period.span[1]]
    return "之日" in text and not any(ch.isdigit() for ch in text)


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _joined(first: Period, second: Period) -> Period:
    """One span from the first's start to the second's end; a whole day beside a clock time is the
    day's midnight (open from 3 June and close at 5pm on 28 June), or, as an end, the whole day."""
    assert first.span is not None
    assert second.span is not None
    assert first.start is not None
    assert second.end is not None
    span = (first.span[0], second.span[1])
    start, end = first.start, second.end
    if first.all_day == second.all_day:
        return replace(first, end=end, span=span)
    if isinstance(end, datetime):  # a day opens, an hour closes
        begin = datetime.combine(start, time(0), tzinfo=end.tzinfo)
        return replace(first, start=begin, end=end, all_day=False, span=span)
    assert isinstance(start, datetime)
    after = datetime.combine(end + timedelta(days=1), time(0), tzinfo=start.tzinfo)
    return replace(first, end=after, end_is_day=True, span=span)


def _single_day(period: Period) -> bool:
    """One day, or one moment: what a start or an end told alone looks like."""
    return period.start is not None and period.start == period.end


def _opens(norm: str, period: Period) -> bool:
    # a day, or a start with no end (从6月23日开始) whose end the next clause tells
    opening = period.start is not None and period.end is None
    if not (_single_day(period) or opening) or period.span is None:
        return False
    begin, end = period.span
    if opening and _FROM_SAID.search(norm, begin, end):
        return True  # 今日起报名，至3月6日截止: a start said by 起, its end in the next clause
    return bool(_STARTS_BEFORE.search(norm[max(0, begin - 24) : begin]) or _STARTS_AFTER.match(norm, end))


#: An end said by its own word at its end (3月6日截止, 6月30日止).
_ENDS_SAID = re.compile(r"(?:截止|为止|止|结束)\s*$")
#: An end named by a closing field just before its day (，报名截止时间为9月11日; 截止日期：9月11日).
#: The field may stand in the day's own text (截止时间为9月11日) or just before it.
_ENDS_FIELD = re.compile(r"(?:截止|结束)(?:时间|日期)?\s*(?:为|是|定为|[:：])?\s*(?=\d|$)")
#: A start said by its own word at its end (今日起, 3月1日起, 即日开始).
_FROM_SAID = re.compile(r"(?:起|开始)\s*$")


def _closes(norm: str, first: Period, second: Period) -> bool:
    if first.span is None or second.span is None or second.end is None:
        return False
    last = first.end if first.end is not None else first.start
    if last is None:
        return False
    if isinstance(last, datetime) == isinstance(second.end, datetime):
        if not last < second.end:  # type: ignore[operator]
            return False
    elif not _day(last) < _day(second.end):
        return False
    between = norm[first.span[1] : second.span[0]]
    if len(between) > _REACH or _SENTENCE_END.search(between):
        return False
    if second.start is None:
        # until December 26; 至9月30日结束: an end the second day's own words say
        return (
            "until" in norm[second.span[0] : second.span[0] + 6].lower()
            or _ENDS_BEFORE.search(between) is not None
            or _ENDS_AFTER.match(norm, second.span[1]) is not None
            or _ENDS_ON_BEFORE.search(between) is not None
            or _ENDS_SAID.search(norm, second.span[0], second.span[1]) is not None
            or _ENDS_FIELD.search(between[-12:] + norm[second.span[0] : second.span[0] + 12]) is not None
        )
    return _single_day(second) and (
        _ENDS_AFTER.match(norm, second.span[1]) is not None or _ENDS_ON_BEFORE.search(between) is not None
    )
