"""The half of the day that prose writes before a window's first hour (晚间10时至隔天上午6时):
a window found at its number would read 10时 as the morning."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from notices.dates.points import Draft
from notices.dates.tokens import GAP
from notices.dates.vocabulary import _GAP_AM, _GAP_PM

if TYPE_CHECKING:
    from notices.dates.grammar import Grammar


def with_half_before(grammar: Grammar, j: int, window: Draft | None) -> Draft | None:
    """``window`` read from the number at ``j``, with its first hour in the half of the day said
    just before that number."""
    if window is None or window.start is None or not window.start.time_only or j == 0:
        return window
    before = grammar.at(j - 1)
    if before is None or before.kind is not GAP or str(before.value).strip() not in _HALVES:
        return window
    plain, said = grammar.time(j), grammar.time(j - 1)
    if plain is None or said is None or plain[2] != said[2] or plain[:2] == said[:2]:
        return window
    start = replace(window.start, hour=said[0], minute=said[1])
    return replace(window, start=start, end=start if window.end is window.start else window.end)


_HALVES = _GAP_AM | _GAP_PM
