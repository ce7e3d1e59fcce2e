"""The verb that ends a Chinese clause opened by its hours.

A press release lists its measures one to a line under the day they fall on, each opened by its
hours and closed by its verb: ``由下午约二时起，介乎…的一段加路连山道将会封闭``. The hours belong to
that day when the clause they open closes or suspends something.
"""

from __future__ import annotations

import re

from notices.dates.grammar import Grammar
from notices.dates.points import Draft

#: How far a clause may run from its hours to its verb, in characters.
_CLAUSE_REACH = 120
#: Where a clause ends.
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
#: The word that opens such a clause, right before its hours.
_OPENED_BY = re.compile(r"[由自从][ \t]*$")
#: What the clause must close or suspend.
_CLOSES = re.compile(
    r"封闭|封路|管制|停电|停水|停气|暂停|改道|禁止(?:所有|一切)?车辆|禁止[^，,。；;\n]{0,10}通行"
)


#: An item of a list opening its line, right before its hours: 一、 / (二) / 3. / - (or none).
_ITEM_OPENED = re.compile(
    r"(?:^|\n|[:：])[ \t]*(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）.、．]|[-–•·●*])?[ \t]*$"
)


def closes_after(norm: str, grammar: Grammar, hours: Draft) -> bool:
    """Whether the clause the hours open (由下午二时起, 自晚上八时起) ends on a verb that closes or
    suspends something."""
    begin = grammar.t[hours.first].start
    if not _OPENED_BY.search(norm, max(0, begin - 4), begin):
        return False
    return _clause_closes(norm, grammar, hours)


def item_closes_after(norm: str, grammar: Grammar, hours: Draft) -> bool:
    """Whether hours opening an item of a list (一、6时50分起，对中山路实施封闭；) start a clause
    that closes or suspends something: one measure of those listed under the day above."""
    begin = grammar.t[hours.first].start
    if not _ITEM_OPENED.search(norm, max(0, begin - 8), begin):
        return False
    return _clause_closes(norm, grammar, hours)


def _clause_closes(norm: str, grammar: Grammar, hours: Draft) -> bool:
    end = grammar.t[hours.last - 1].end
    rest = norm[end : end + _CLAUSE_REACH]
    found = _CLAUSE_END.search(rest)
    if found is None and end + len(rest) < len(norm):
        return False  # (a clause the text's end cuts short is read to that end)
    return _CLOSES.search(rest, 0, found.start() if found is not None else len(rest)) is not None
