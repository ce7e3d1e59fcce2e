"""An hour a measure starts at, said of a day read before it: ``from 6 pm`` and ``from 9am until
the crowd has dispersed``, both open from that hour."""

from __future__ import annotations

from notices.dates.grammar import Grammar
from notices.dates.points import Draft
from notices.dates.vocabulary import _OPEN_END


def _from(grammar: Grammar, j: int, draft: Draft) -> Draft | None:
    """``from 6 pm`` said of the day before it: open from that hour."""
    found = grammar.point(j + 1, draft.start)
    if (
        found is None
        or not found[0].time_only
        or found[0].hour is None
        or grammar.word(found[1], "to", "until")
    ):
        return None
    return Draft(found[0], None, j, found[1])


def until_over(grammar: Grammar, i: int, day: Draft) -> Draft | None:
    """``from 9am until the parade is over``: open from that hour."""
    found = grammar.point(i + 1, day.start)
    if found is None or not found[0].time_only:
        return None
    conn = grammar.connector(found[1])
    if conn is None or conn >= len(grammar.t) or not _OPEN_END.match(grammar.text, grammar.t[conn].start):
        return None
    return Draft(found[0], None, i, conn)


def from_hour(grammar: Grammar, j: int, draft: Draft) -> Draft | None:
    """``from`` at ``j`` opening an hour with no end, or one that runs until something is over."""
    return _from(grammar, j, draft) or until_over(grammar, j, draft)
