"""A pattern opened with a lookahead of the characters its matches can begin with.

The engine skips to the characters a pattern can begin with only when it opens with a literal, a
character class or an alternation of literals. A pattern opening with a lookbehind, a word boundary,
an optional group or a case-insensitive word is instead tried in full at every character of the
text. ``(?=[…])`` first, the class of every character a match can begin with, turns most of those
tries into one test of the character, and changes no match: a match begins with one of them.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The first characters cannot be told (any character, a negated class, a back-reference)."""


def gated(source: str, flags: int = 0) -> str:
    """``source`` opened with a lookahead of the characters a match of it begins with, or ``source``
    unchanged when a match may be empty or may begin with any character. ``flags`` are those the
    pattern is compiled with (re.IGNORECASE, re.MULTILINE, re.DOTALL)."""
    if flags & (re.VERBOSE | re.LOCALE | re.ASCII):
        return source
    if _parser.parse(source).state.flags & ~re.UNICODE:
        return source  # global flags ((?i) at the start) must stay first
    parsed = _parser.parse(source, flags)
    plain: list[str] = []
    folded: list[str] = []
    try:
        empty = _firsts(list(parsed), bool(flags & re.IGNORECASE), plain, folded)
    except _Unknown:
        return source
    if empty:
        return source
    classes = [f"[{''.join(dict.fromkeys(plain))}]"] if plain else []
    classes += [f"(?i:[{''.join(dict.fromkeys(folded))}])"] if folded else []
    return "(?=" + "|".join(classes) + ")(?:" + source + ")"


def _firsts(items: list[tuple[Any, Any]], ignorecase: bool, plain: list[str], folded: list[str]) -> bool:
    """Add the class items the first character of ``items`` may match; whether they may match empty."""
    return all(_first_of(op, av, ignorecase, plain, folded) for op, av in items)


def _first_of(op: Any, av: Any, ignorecase: bool, plain: list[str], folded: list[str]) -> bool:
    """Add what the first character of one item may be; whether the item may match empty."""
    into = folded if ignorecase else plain
    if op is sre.LITERAL:
        into.append(re.escape(chr(av)))
        return False
    if op is sre.IN:
        for kind, value in av:
            if kind is sre.LITERAL:
                into.append(re.escape(chr(value)))
            elif kind is sre.RANGE:
                into.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                into.append(_CATEGORIES[value])
            else:
                raise _Unknown  # NEGATE and the rest
        return False
    if op in _ZERO_WIDTH:
        return True
    if op is sre.SUBPATTERN:
        _group, add, remove, items = av
        if (add | remove) & (re.LOCALE | re.ASCII):
            raise _Unknown
        folds = bool(add & re.IGNORECASE) or (ignorecase and not remove & re.IGNORECASE)
        return _firsts(list(items), folds, plain, folded)
    if op is sre.ATOMIC_GROUP:
        return _firsts(list(av), ignorecase, plain, folded)
    if op is sre.BRANCH:
        empties = [_firsts(list(branch), ignorecase, plain, folded) for branch in av[1]]
        return any(empties)
    if op in _REPEATS:
        low, _high, item = av
        return _firsts(list(item), ignorecase, plain, folded) or low == 0
    raise _Unknown  # ANY, NOT_LITERAL, back-references
