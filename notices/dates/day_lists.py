"""Days listed after one month with 日 written once, at the end: 5月12、13日, 十月一、二、五及九日,
四月二十五及二十七日. Each listed number is a day of that month; the reader is given the 日 the
text leaves out, as empty tokens, so the list reads as 5月12日、13日 does."""

from __future__ import annotations

import functools
import re

from notices.dates.seeds import windows
from notices.dates.tokens import GAP, NUM, SEP, UNIT, Token, tokenize
from notices.numerals import chinese_to_int

#: A Chinese numeral the tokenizer left as prose, with the word that joins it to the next day.
_CN_DAY = re.compile(r"([〇零一二三四五六七八九十廿卅]{1,3})\s*(及|和|与|、)?")
_JOINS = ("及", "和", "与")
#: What any such list has: a month, a day and a joining mark (5月12、 / 十月一、 / 4月二十五及).
_LIST_HINT = re.compile(r"月\s*[\d〇零一二三四五六七八九十廿卅]{1,3}\s*[、及和与]")


#: Characters: a text this long at most (a notice, not a page) keeps its tokens for a few reads.
_KEPT_UP_TO = 1 << 16


def text_tokens(norm: str) -> list[Token]:
    """The tokens of every date window of ``norm``, a gap token between two windows, listed days
    given their 日. A notice with no date of its own is read twice, once for the day it is read
    around and once around that day: the tokens do not depend on the day, so the last few are kept."""
    if len(norm) <= _KEPT_UP_TO:
        return list(_kept_tokens(norm))
    return _text_tokens(norm)


@functools.lru_cache(maxsize=8)
def _kept_tokens(norm: str) -> tuple[Token, ...]:
    return tuple(_text_tokens(norm))


def _text_tokens(norm: str) -> list[Token]:
    tokens: list[Token] = []
    for start, end in windows(norm):
        if tokens:
            tokens.append(Token(GAP, "", start, start))
        tokens.extend(fill_listed_days(tokenize(norm, start, end), norm, start, end))
    return tokens


def fill_listed_days(tokens: list[Token], norm: str, start: int, end: int) -> list[Token]:
    """``tokens`` (read from ``norm[start:end]``) with the 日 a list of days leaves out given back
    after each listed day."""
    if _LIST_HINT.search(norm, start, end) is None:
        return tokens
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        out.append(tok)
        i += 1
        if tok.kind is UNIT and tok.value == "月":
            listed = _listed(tokens, i)
            if listed is not None:
                out.extend(listed[0])
                i = listed[1]
    return out


def _listed(tokens: list[Token], i: int) -> tuple[list[Token], int] | None:
    """The days listed from ``i`` (just past 月) up to the last one's 日, each followed by a 日 of
    its own; None unless at least two days are listed and the last says 日."""
    items: list[Token] = []
    j, n = i, len(tokens)
    while j < n:
        tok = tokens[j]
        if tok.kind is NUM and 1 <= int(tok.value) <= 31:  # type: ignore[call-overload]
            nxt = tokens[j + 1] if j + 1 < n else None
            if nxt is not None and nxt.kind is UNIT and nxt.value == "日":
                return ([*items, tok], j + 1) if items else None
            if nxt is None or not _joins(nxt):
                return None
            items += [tok, _day_unit(tok.end), nxt]
            j += 2
            continue
        if tok.kind is GAP:
            read = _cn_days(tok)
            if read is None:
                return None
            items += read
            j += 1
            if not (items[-1].kind is GAP or items[-1].kind is SEP):
                if j >= n or not _joins(tokens[j]):
                    return None
                items.append(tokens[j])
                j += 1
            continue
        return None
    return None


def _joins(tok: Token) -> bool:
    return (tok.kind is SEP and tok.value == "、") or (tok.kind is GAP and str(tok.value).strip() in _JOINS)


def _cn_days(tok: Token) -> list[Token] | None:
    """A prose stretch holding a Chinese day and maybe its joining word (五及): as tokens."""
    text = str(tok.value)
    m = _CN_DAY.fullmatch(text)
    if m is None:
        return None
    day = chinese_to_int(m.group(1))
    if day is None or not 1 <= day <= 31:
        return None
    end = tok.start + m.end(1)
    read = [Token(NUM, day, tok.start, end), _day_unit(end)]
    if m.group(2):
        kind = SEP if m.group(2) == "、" else GAP
        read.append(Token(kind, m.group(2), tok.start + m.start(2), tok.end))
    return read


def _day_unit(at: int) -> Token:
    """The 日 a list leaves out: an empty token where it would stand."""
    return Token(UNIT, "日", at, at)
