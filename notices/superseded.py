"""Dates a notice cancels or replaces (CONVENTIONS rule 2): 原定于5月5日, originally scheduled to
close on 5 May, was due to be held on 5 May. The old date is no plan; the new one (延至, extended to,
postponed to) is. The same words are read for both languages, in one place."""

from __future__ import annotations

import re
from dataclasses import replace

from notices.model import Period

#: Words before a date that the notice itself replaces ("原定于", "原计划").
_SUPERSEDED = re.compile(
    # (the lookahead lets the scan pass other characters in one test: a case-blind branch is
    # otherwise entered at every position)
    r"(?=[原bcdeimoprwBCDEIMOPRW])"
    # (never past another date: 原定于5月5日举行的活动延至5月20日 keeps the day it moves to)
    # (原先预计 / 原预计 / 原估计: an estimate the notice has since replaced, 之后延至…)
    r"(?:原(?:定|计划|拟|订|本|先|预计|预期|估计)[^，。；,;:\n\d日号]{0,12}$"
    r"|(?i:(?:extended|postponed|changed|moved)\s+from|originally)[^()\n\d]{0,20}$"
    # English says the old date a few words on (originally scheduled to close on, was due to be
    # held on, initially planned for the week starting): a clause of words, no other date between
    r"|(?i:(?:(?:extended|postponed|changed|moved|deferred|rescheduled|brought\s+forward)\s+from|originally"
    r"|initially|previously|(?:was|were|had\s+been)\s+(?:due|scheduled|planned|set)\s+to)(?:[\s,]+[a-z]+){0,5}\s+)$)"
)

#: How far before a date the words that replace it may begin.
_REACH = 60


def superseded(norm: str, begin: int) -> bool:
    """Whether the date at ``begin`` is one the notice replaces (原定于…, originally …)."""
    lead = begin + 5 if norm[begin : begin + 5].lower() == "from " else begin  # (Extended from 12:00 …)
    return _SUPERSEDED.search(norm, max(0, begin - _REACH), lead) is not None


#: A move said as one range (postponed from 13 May to 27 May): the words right before its "from".
_MOVED_FROM = re.compile(
    r"(?i:\b(?:postponed|moved|changed|deferred|rescheduled|brought\s+forward|put\s+back)\s*)$"
)


def moved_to(norm: str, period: Period) -> Period | None:
    """The day a move said as a range lands on: "postponed from 13 May to 27 May" is no span from
    the one to the other but the new day, 27 May; None when the period is no such move."""
    if period.span is None or period.start is None or period.end is None or period.start == period.end:
        return None
    begin = period.span[0]
    if norm[begin : begin + 5].lower() != "from ":
        return None
    if _MOVED_FROM.search(norm, max(0, begin - 24), begin) is None:
        return None
    return replace(period, start=period.end)
