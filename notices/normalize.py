"""Character-level normalisation of newspaper text before parsing.

The map is strictly one character to one character, so ``normalize(text)`` has the
same length as ``text`` and every offset found in the result is an offset in the
original: spans reported to users point at the text they pasted.

What it does:

* full-width ASCII (``０-９``, ``Ａ-Ｚ``, ``：``, ``（）``, ``，``, ``．``, ``～`` …) becomes ASCII.
  The full-width colon becomes ``:`` on purpose: times are written ``8：00`` and
  labels ``封闭期限：``, and both then read the same way;
* every dash variant (``—``, ``–``, ``―``, ``－``, ``﹣``, ``−`` …) becomes ``-`` and the
  wave dashes (``〜``, ``∼``) become ``~``: notices use them interchangeably as range
  connectors;
* the ratio sign ``∶`` (common in typeset times) becomes ``:``, ``○``/``◯`` used as a
  zero in years become ``〇``, the ideographic and no-break spaces become spaces;
* traditional characters become simplified, character by character, by OpenCC's
  table, so one grammar reads both scripts.

* a character lost on the way (the replacement character ``\ufffd``, or a ``?`` standing where an
  emoji or a no-break space was: at a line's start or after a space) becomes a space, so
  ``2021年10月21日 ?08:00-17:00`` still reads as one date with its hours.

* a full date whose 月 was dropped in typing (``2020年1028日``: four digits between 年 and 日)
  becomes ``2020-10-28``, the same length: four digits there have no other reading when the first
  two are a month and the last two a day of it. Three digits (``2020年128日``: 1月28日 or 12月8日?)
  are left alone.

* a year in Chinese numerals whose zero was typed as a digit or a letter (``二0二一年``, ``二O一九年``)
  takes ``〇`` there, the same length, so it reads as the year it is.

* a half-width full stop right after a Chinese character, ending its sentence (``检测.此次``),
  becomes ``。``: the sentence ends the same however the page typed it.

Ideographic punctuation with no ASCII twin (``。``, ``、``, ``“”``) is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

#: Code points whose traditional → simplified folding comes from OpenCC's character table.
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
#: Characters OpenCC folds that are also ordinary simplified characters with another
#: meaning (乾坤 is not 干坤): folding them would change simplified text.
_KEEP = frozenset("乾")


@functools.cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _script_map(chars: Sequence[str]) -> dict[int, int]:
    """Traditional → simplified for ``chars``, one character to one character, from OpenCC's ``t2s``
    conversion applied to each character alone (no phrase may change the length)."""
    converted = _converter().convert("\n".join(chars)).split("\n")
    return {
        ord(trad): ord(simp)
        for trad, simp in zip(chars, converted, strict=True)
        if len(simp) == 1 and simp != trad and trad not in _KEEP
    }


def opencc_pairs() -> str:
    """The map of every character of the CJK blocks from OpenCC itself, as ``notices.script_table``
    stores it (each traditional character followed by its simplified one)."""
    chars = [chr(code) for low, high in _CJK_BLOCKS for code in range(low, high)]
    return "".join(chr(trad) + chr(simp) for trad, simp in sorted(_script_map(chars).items()))


@functools.cache
def _script_table() -> dict[int, int]:
    """The map of every character of the CJK blocks, as shipped (``notices.script_table``): reading
    it costs a fraction of loading OpenCC's dictionaries, which a question would otherwise pay."""
    from notices.script_table import PAIRS

    return {ord(trad): ord(simp) for trad, simp in zip(PAIRS[::2], PAIRS[1::2], strict=True)}


def _build_table() -> dict[int, int]:
    table = dict(_script_table())
    table.update(_fixed_table())
    return table


@functools.cache
def _fixed_table() -> dict[int, int]:
    """Everything but the script: full-width ASCII, dashes, colons, zeros, spaces."""
    table: dict[int, int] = {}
    # Full-width ASCII block U+FF01..U+FF5E maps onto U+0021..U+007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = code - 0xFEE0
    dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2500\u2501\u23af"
    for ch in dashes:
        table[ord(ch)] = ord("-")
    for ch in "\u301c\u223c\u02dc":
        table[ord(ch)] = ord("~")
    for ch in "\u2236\ufe55\ufe13":
        table[ord(ch)] = ord(":")
    for ch in "\u25cb\u25ef\u3007":
        table[ord(ch)] = ord("〇")
    for ch in "\u3000\u00a0\u2002\u2003\u2009\u202f":
        table[ord(ch)] = ord(" ")
    for ch in "\ufe59\u207d":
        table[ord(ch)] = ord("(")
    for ch in "\ufe5a\u207e":
        table[ord(ch)] = ord(")")
    table[ord("\ufe50")] = ord(",")
    table[ord("\ufe52")] = ord(".")
    return table


#: Whether ``_tables`` has built the whole table: a flag, as a parse normalises thousands of
#: snippets and ``cache_info()`` builds a named tuple each time it is asked.
_built = False


@functools.cache
def _tables() -> tuple[dict[str, str], Callable[[str], list[str]]]:
    """The character map and the split of a text around each character that changes, built on
    first use (reading OpenCC's table costs tens of milliseconds a command that never parses need
    not pay)."""
    global _built
    mapping = {chr(k): chr(v) for k, v in _build_table().items()}
    _built = True
    # One scan for the characters that change and a lookup per hit is several times
    # faster than str.translate's per-character lookups on mostly-CJK text.
    changing = "".join(re.escape(ch) for ch in sorted(mapping))
    return mapping, re.compile(f"([{changing}])").split


#: A lost character: U+FFFD anywhere, or a "?" no sentence ends with: after a space or at a
#: line's start, where a question mark never stands, or between a bracket or a number and a
#: number (检测时间:10月21日(星期四)?08:00—17:00?二、检测方式), where a lost bullet or space
#: stood: no question ends with a number or a bracket.
_LOST = re.compile(
    r"\ufffd|(?:(?<=[ \t])|^)\?+(?=\S)|(?<=[)）\d])\?+(?=[\d一二三四五六七八九十])",
    re.MULTILINE,
)


SHORT = 200
"""Characters: a text this short (a question, a category's name) is mapped character by character
while the whole table is not built yet. The result is the same; building the table and its pattern
(tens of milliseconds) is left to the first long text."""


#: Full-width marks most Chinese text is full of (a page has a comma every thirty characters): each
#: is replaced by one ``str.replace`` in C, which a text full of them splits into fewer pieces.
#: Their ASCII twins are no keys of the map, so replacing them first changes no result.
_FREQUENT = "，：（）；！？　"
#: Characters: a shorter text (a period's words, a label) holds too few such marks to pay for the tests.
_FREQUENT_FROM = 64


def _by_table(text: str) -> str:
    mapping, pieces_of = _tables()
    if len(text) > _FREQUENT_FROM:
        for ch in _FREQUENT:
            if ch in text:
                text = text.replace(ch, mapping[ch])
    # the text cut around each character that changes (split in C: plain, changing, plain, …),
    # each changing one mapped by a lookup in C, not by a Python call per match as ``sub`` makes
    pieces = pieces_of(text)
    if len(pieces) == 1:
        return text
    pieces[1::2] = map(mapping.__getitem__, pieces[1::2])
    return "".join(pieces)


def _short(text: str) -> str:
    """``text`` mapped character by character (without the pattern of the whole table)."""
    script, fixed = _script_table(), _fixed_table()
    return "".join(chr(fixed.get(code) or script.get(code, code)) for code in map(ord, text))


#: Characters: a text this long (a notice's body, its title and body) is normalised by several
#: steps of one parse (segmenting, dating, places, the plan test), so the last few are kept; a
#: page's whole text, much longer, is normalised once and not held on to.
_KEPT_FROM = 400
_KEPT_UP_TO = 1 << 16


def normalize(text: str) -> str:
    """Same length as ``text``; see the module docstring for what is mapped and why."""
    if _KEPT_FROM <= len(text) <= _KEPT_UP_TO:
        return _kept(text)
    return _normalized(text)


@functools.lru_cache(maxsize=16)
def _kept(text: str) -> str:
    return _normalized(text)


def _normalized(text: str) -> str:
    out = _short(text) if len(text) <= SHORT and not _built else _by_table(text)
    if "?" in out or "\ufffd" in out:
        out = _LOST.sub(lambda m: " " * len(m.group()), out)
    if "年" in out and _NO_MONTH_AT.search(out) is not None:
        out = _NO_MONTH.sub(_month_put_back, out)
    if "." in out:
        out = _CJK_FULL_STOP.sub(_full_stop, out)
    if "年" in out and _LATIN_ZERO_YEAR_AT.search(out) is not None:
        out = _LATIN_ZERO_YEAR.sub(_zero_put_back, out)
    return out


#: A year in Chinese numerals typed with a digit or a letter for its zero (二0二一年, 二O一九年).
_LATIN_ZERO_YEAR = re.compile(
    r"(?<![〇零一二三四五六七八九十0-9A-Za-z])[一二][〇0oO一二三四五六七八九]{3}(?=\s*年)"
)
#: The zero typed so between numerals and 年, found by one scan before the full pattern is tried.
_LATIN_ZERO_YEAR_AT = re.compile(r"[一二九][0oO]|[0oO][一二三四五六七八九〇][〇0oO一二三四五六七八九]?\s*年")


def _zero_put_back(found: re.Match[str]) -> str:
    """``二0二一`` as ``二〇二一`` (same length), when the year holds a numeral besides its zeros."""
    year = found.group()
    if not any(ch in "一二三四五六七八九" for ch in year[1:]) and "〇" not in year:
        return year
    return year.translate(_LATIN_ZERO)


_LATIN_ZERO = str.maketrans("0oO", "〇〇〇")


#: A half-width full stop ending a Chinese sentence (健康检测.此次…, 停电.⏎): the 。 it stands for.
#: After a number (8.5, 第3.2条) or a Latin word (www.gov.cn) it is no sentence's end.
_CJK_FULL_STOP = re.compile(r"[\u3400-\u9fff」』”]\.(?=[\u3400-\u9fff「『“]|\s|$)")


def _full_stop(found: re.Match[str]) -> str:
    return found.group()[0] + "。"


#: 年, then a month and a day run together with no 月, then 日 (or 号).
_NO_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)年(0[1-9]|1[0-2])([0-3]\d)[日号](?!\d)")
#: What every match of ``_NO_MONTH`` holds, found by a scan from 年 to 年: the full pattern opens
#: with a lookbehind, so the engine would try it at every character of a page.
_NO_MONTH_AT = re.compile(r"年\d{4}[日号]")


def _month_put_back(found: re.Match[str]) -> str:
    """``2020年1028日`` as ``2020-10-28`` (same length), when the day is one of that month's."""
    year, month, day = (int(part) for part in found.groups())
    try:
        date(year, month, day)
    except ValueError:
        return found.group()
    return f"{found.group(1)}-{found.group(2)}-{found.group(3)}"


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


if __name__ == "__main__":  # python -m notices.normalize: write notices/script_table.py from OpenCC
    from pathlib import Path

    target = Path(__file__).with_name("script_table.py")
    target.write_text(
        '"""Traditional → simplified, one character to one character: OpenCC\'s ``t2s`` table for every\n'
        "character of the CJK blocks, each traditional character followed by its simplified one. Written\n"
        'by ``python -m notices.normalize``; ``tests/test_normalize.py`` checks it against OpenCC."""\n\n'
        "PAIRS = (\n" + "".join(f"    {chunk!r}\n" for chunk in _chunks(opencc_pairs(), 40)) + ")\n",
        encoding="utf-8",
    )
