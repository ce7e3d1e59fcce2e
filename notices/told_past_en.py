"""English sentences that tell what already happened: "had received … today", "was cut off from
1pm on Nov 12", "were published on the portal on 23rd February". A day told that way is a report,
not a plan; a sentence that says will, until or from still speaks of one."""

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
