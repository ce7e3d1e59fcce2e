"""One notice told twice on a page: a report of it, then its own text quoted under the report.

``4月28日，交警大队发布《关于演唱会期间交通管制的通告》称，……交通管制时段为5月3日15时至演唱会结束``
and then the notice itself, ``一、交通管制时段 5月3日15时至演唱会结束``: two items, the same
periods. Periods on the same days for different places are one period to a subscriber
(CONVENTIONS.md, rule 8), so an item whose every period the item just above it already gave,
and no other, adds nothing: it is that notice again, however differently worded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from notices.categories import Category
from notices.model import ParsedNotice

#: Kinds a report and the notice it quotes may be read as apart: a report calls a race's
#: closures 交通管制, the notice itself 封闭.
_TRAFFIC_KINDS = frozenset({Category.ROAD_CLOSURE, Category.TRAFFIC_CONTROL, Category.EVENT})


def told_again(last: ParsedNotice, notice: ParsedNotice) -> bool:
    """Whether ``notice`` gives exactly the periods ``last`` gave, is of its kind, and names no
    place apart from it (one's places are among the other's)."""
    if not notice.periods or not last.periods:
        return False
    kinds = {notice.category, last.category}
    if len(kinds) > 1 and not kinds <= _TRAFFIC_KINDS and Category.OTHER not in kinds:
        return False  # (a report too short to name a kind is the notice's own kind)
    if not (_among(notice.places, last.places) or _among(last.places, notice.places)):
        return False  # two villages cut on the same day: two notices, each with its place
    said = Counter((p.start, p.end) for p in last.periods)
    return Counter((p.start, p.end) for p in notice.periods) == said


def _among(some: Sequence[str], others: Sequence[str]) -> bool:
    """Every place of ``some`` is one of ``others``, give or take a word read into its name
    (为某某路 is 某某路)."""
    return all(any(a in b or b in a for b in others) for a in some)


#: How long a header block that restates the notice under it may be: a page title said twice and
#: the lines of buttons run into it.
_HEADER_CHARS = 480


def header_restated(header: ParsedNotice, notice: ParsedNotice) -> bool:
    """Whether ``header``, an unsigned block above ``notice`` (a web page's title line, printed
    twice), says only what ``notice`` says in the same words: each of its periods is one of the
    notice's, to the minute, and is written word for word in the notice's text. The words make it
    the same plan whatever kind the short block alone is read as."""
    if header.issuer is not None or not header.periods or len(header.body) > _HEADER_CHARS:
        return False
    spans = {(p.start, p.end) for p in notice.periods}
    for p in header.periods:
        said = p.text.strip()
        if (p.start, p.end) not in spans or p.all_day or len(said) < _WORDS_SAID or said not in notice.body:
            return False
    return True


#: A period's own words shorter than this (5月12日) say too little to tell that a text repeats another.
_WORDS_SAID = 12
