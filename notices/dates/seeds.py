"""Where a text may hold a date: seeds (a number before a unit, a month's name, 今明, 本周…) and the
windows of text around them. Only the windows are tokenised: most of a newspaper page is prose with
no seed, and a window reaches far enough past its seeds for the words a date needs around it
(截止日期为, 起/止/前, a weekday in brackets)."""

from __future__ import annotations

import functools
import re

from notices.calendars import FESTIVAL_NAMES, LUNAR_MONTH_NAMES
from notices.dates.tokens import _CN_NUM

# What every date expression contains at least once. Only the text around these
# seeds is tokenised: most of a newspaper page is prose with none of them.
_SEED_TEXT = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july"
    " august september october november december monday tuesday wednesday thursday friday saturday"
    " sunday today tomorrow tonight yesterday next this coming noon midnight"
    # Malay and Portuguese months and halves of the day (foreign_words reads them as English)
    " januari februari mac mei julai ogos okt oktober dis disember pagi petang malam esok"
    " janeiro fevereiro abril maio junho julho agosto setembro outubro novembro dezembro"
)
_SEED_WORDS = frozenset(_SEED_TEXT.split())
# The leading lookahead lets the regex engine skip to candidate characters.
_NAMED_DAYS = ("农历", *LUNAR_MONTH_NAMES, *FESTIVAL_NAMES)
SEED = re.compile(
    r"(?=[0-9"
    + _CN_NUM
    + r"即之月今明后本这下公异同周星礼A-Za-z"
    + "".join({w[0] for w in _NAMED_DAYS})
    + r"])"
    # (a run of numerals is tried from its first one only: where that finds no unit after the run,
    # none of its later ones can, and trying each would make a long run of digits quadratic)
    r"(?:(?<![0-9])[0-9]+\s*(?:[年月日号时点个天:./~,-]|[AaPp]\.?[Mm]|st|nd|rd|th)"
    r"|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])|(?<!["
    + _CN_NUM
    + r"])["
    + _CN_NUM
    + r"]+\s*[年月日号时点]|即日|之日起|月底|月末|[今明][日天晚早晨起]|后天|同(?:日|一天)|是日"
    r"|[今明昨]\s*\(\s*(?:\d|周|星期|礼拜)"
    r"|[本这下]?(?:周|星期|礼拜)[一二三四五六日天]|[本这下](?:周|星期|礼拜)"
    r"|公示期|公告期|异议期|[A-Za-z]{2,}|" + "|".join(_NAMED_DAYS) + r")"
)
_BEFORE_SEED = 16  # room for 截止日期为: / 下午 / until / from before the first seed
_AFTER_SEED = 32  # room for units, 起/止/前, (星期三) and a bracketed note after the last


def windows(text: str) -> list[tuple[int, int]]:
    """Merged spans of ``text`` around seeds; everything outside them cannot hold a date."""
    return list(_windows(text))


@functools.lru_cache(maxsize=8)
def _windows(text: str) -> tuple[tuple[int, int], ...]:
    """``windows``, kept for the last few texts: a report's body is searched for a plan word near
    its dates before its dates are read, and both need the same windows."""
    spans: list[tuple[int, int]] = []
    size = len(text)
    open_start, open_end = -1, -1  # the span being merged into, appended when the next one is apart
    for m in SEED.finditer(text):
        begin, finish = m.span()
        first = text[begin]
        if "A" <= first <= "z" and first.isalpha() and text[begin:finish].lower() not in _SEED_WORDS:
            continue
        start = begin - _BEFORE_SEED if begin > _BEFORE_SEED else 0
        end = finish + _AFTER_SEED
        if start > 0 and _cuts_word(text, start):
            start = _word_start(text, start)  # Closing date: not "losing date"
        if end < size and _cuts_word(text, end):
            end = _word_end(text, end)
        if start <= open_end:
            if end > open_end:
                open_end = end
        else:
            if open_start >= 0:
                spans.append((open_start, min(open_end, size)))
            open_start, open_end = start, end
    if open_start >= 0:
        spans.append((open_start, min(open_end, size)))
    return tuple(spans)


#: The most letters a window reaches past its margin to keep an English word whole.
_WORD_REACH = 24


def _is_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _cuts_word(text: str, at: int) -> bool:
    """Whether a window's edge at ``at`` falls inside an English word."""
    return _is_letter(text[at - 1]) and _is_letter(text[at])


def _word_start(text: str, at: int) -> int:
    """Where the word that ``at`` falls in begins (no further back than ``_WORD_REACH``)."""
    floor = max(at - _WORD_REACH, 0)
    while at > floor and _is_letter(text[at - 1]):
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    """Where the word that ``at`` falls in ends (no further on than ``_WORD_REACH``)."""
    ceiling = min(at + _WORD_REACH, len(text))
    while at < ceiling and _is_letter(text[at]):
        at += 1
    return at
