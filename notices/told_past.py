"""Sentences that tell what already happened: "had received … today", "was cut off from 1pm on
Nov 12", "were published on the portal on 23rd February", 昨晚八时起停电，…凌晨零时11分全面恢复.
A day told that way is a report, not a plan; a sentence that says will, until or from (将, 预计)
still speaks of one."""

from __future__ import annotations

import re

from notices.labels import clause_span

#: An English sentence told in the past: "had received … today", "was reopened yesterday".
_DONE_EN = re.compile(
    r"(?i)\b(?:had|has|have)\s+(?:been\s+)?[a-z]+(?:ed|en|ne)\b|\b(?:was|were)\s+[a-z]+ed\b"
)
#: What makes an English sentence speak of a plan after all: will, would, shall, is to.
_PLAN_EN = re.compile(r"(?i)\b(?:will|would|shall|(?:is|are) to|until|from)\b")

#: An English sentence telling what befell before the page: "was cut off from 1pm on Nov 12".
_BEFELL_EN = re.compile(r"(?i)\b(?:was|were|had\s+been)\s+(?:[a-z]+ed|cut|shut|hit|held|run|built)\b")
_FUTURE_EN = re.compile(r"(?i)\b(?:will|would|shall|(?:is|are)\s+to|expected|scheduled|planned)\b")

#: What ends an English sentence (the dots of www.example.gov.hk end nothing).
SENTENCE_BREAK = re.compile(r"[!?;\n]|\.(?=\s|$)")


def _sentence(norm: str, begin: int, end: int) -> str:
    low, high = clause_span(norm, begin, end, SENTENCE_BREAK)
    return norm[low:high]


def done_that_day(norm: str, begin: int, end: int) -> bool:
    """The day's sentence tells what was done on it, and no plan."""
    sentence = _sentence(norm, begin, end)
    return _DONE_EN.search(sentence) is not None and _PLAN_EN.search(sentence) is None


def befell_since(norm: str, begin: int, end: int) -> bool:
    """The sentence of an open start tells what befell from then, and nothing to come."""
    sentence = _sentence(norm, begin, end)
    return _BEFELL_EN.search(sentence) is not None and _FUTURE_EN.search(sentence) is None


#: A supply or a road said to be back, as done, in the sentence of a start before the page's day:
#: …凌晨零时11分全面恢复 / 已恢复供电. One still expected (预计…恢复, 将恢复) is a plan's end.
_RESTORED_DONE = re.compile(
    r"[^。；;！？!?\n]{0,60}?(?<!预计)(?<!将)(?<!计划)(?<!可望)(?:已经?|全面|陆续|逐步)?恢复(?:供电|供水|供气|通车|通行|正常)?"
    r"(?:了|[,，。；;]|$)"
)
_EXPECTED = re.compile(r"预计|将|计划|可望|有望|争取")


def restored_since(norm: str, end: int) -> bool:
    """The rest of the start's sentence tells the thing restored, as done."""
    found = _RESTORED_DONE.match(norm, end)
    return found is not None and _EXPECTED.search(found.group()) is None
