"""Keyword matching: folding text for substring search, and the substring test each database runs.

A keyword is a substring of the folded ``notices.search_text`` (:func:`fold`), not a word. Three
characters or more go through the keyword index of ``db.textsearch`` (FTS5 trigram table on SQLite,
``pg_trgm`` on PostgreSQL); shorter ones are a plain substring test. Either way the search is linear in
the stored text when nothing narrows it (about 0.2-0.3 s for 100,000 notices when nothing matches, by
``bench/query.py``; quick when the newest notices match, because results come in date order and stop at
the limit). The SQL differs per dialect, hence the compiled constructs here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, Integer, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.sqltypes import NullType

from db.tables import notices
from db.textsearch import FTS_TABLE, MIN_INDEXED, escape_like, fts_phrase
from notices.normalize import normalize

_SPACE = re.compile(r"\s+")


class position_of(FunctionElement[int]):
    """``position_of(haystack, needle)``: 1-based position of ``needle``, 0 when absent.

    A plain substring test (SQLite ``instr``, PostgreSQL ``strpos``) instead of ``LIKE '%…%'``: the
    folded text needs no case-insensitive matching or wildcard escaping, and ``instr`` scans SQLite's
    text about a third faster than ``LIKE``.
    """

    type = Integer()
    inherit_cache = True
    name = "position_of"


@compiles(position_of)
def _strpos(element: position_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


@compiles(position_of, "sqlite")
def _instr(element: position_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


class keyword_in(FunctionElement[Any]):
    """``keyword_in(notices.id, notices.search_text, needle, like_pattern, fts_phrase)``: the folded
    text contains ``needle`` (three characters or more), through the keyword index (``db.textsearch``):
    on SQLite the FTS5 trigram table narrows the notices before the exact test, on PostgreSQL
    ``LIKE '%needle%'`` is what the pg_trgm index answers. Build it with :func:`contains_keyword`."""

    # No Boolean type: SQLite would compare it with 1, hiding the IN from its planner.
    type = NullType()
    inherit_cache = True
    name = "keyword_in"


@compiles(keyword_in)
def _keyword_like(element: keyword_in, compiler: SQLCompiler, **kw: Any) -> str:
    _id, haystack, _needle, pattern, _phrase = list(element.clauses)
    return f"({compiler.process(haystack, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\')"


@compiles(keyword_in, "sqlite")
def _keyword_fts(element: keyword_in, compiler: SQLCompiler, **kw: Any) -> str:
    notice_id, haystack, needle, _pattern, phrase = list(element.clauses)
    rowids = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {compiler.process(phrase, **kw)}"
    exact = f"instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)}) > 0"
    return f"({compiler.process(notice_id, **kw)} IN ({rowids}) AND {exact})"


class not_by_index(FunctionElement[Any]):
    """A column SQLite must not walk an index of to produce the order (``+column``): with a keyword,
    its planner otherwise walks ``ix_notices_published`` testing every notice against the FTS matches,
    a scan of them all when nothing matches, instead of starting from the matches. Plain elsewhere
    (PostgreSQL's planner weighs the keyword's selectivity itself)."""

    inherit_cache = True
    name = "not_by_index"


@compiles(not_by_index)
def _plain(element: not_by_index, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(not_by_index, "sqlite")
def _unary_plus(element: not_by_index, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(next(iter(element.clauses)), **kw)


def contains_keyword(needle: str) -> ColumnElement[bool]:
    """The folded text of a notice contains ``needle`` (folded, not empty)."""
    values = keyword_values(needle)
    if "pattern" not in values:
        return keyword_condition(literal(needle))
    return keyword_condition(literal(needle), literal(values["pattern"]), literal(values["phrase"]))


def keyword_values(needle: str) -> dict[str, str]:
    """The parameters of :func:`keyword_condition` for ``needle`` (folded, not empty): the needle, and
    for an indexed one (``MIN_INDEXED`` characters or more) its LIKE pattern and FTS phrase."""
    if len(needle) < MIN_INDEXED:
        return {"needle": needle}
    return {"needle": needle, "pattern": "%" + escape_like(needle) + "%", "phrase": fts_phrase(needle)}


def keyword_condition(
    needle: ColumnElement[Any],
    pattern: ColumnElement[Any] | None = None,
    phrase: ColumnElement[Any] | None = None,
) -> ColumnElement[bool]:
    """The folded text contains the needle: through the keyword index when given its ``pattern`` and
    ``phrase`` (:func:`keyword_values`), else the plain substring test."""
    if pattern is None or phrase is None:
        return position_of(notices.c.search_text, needle) > 0
    return keyword_in(notices.c.id, notices.c.search_text, needle, pattern, phrase)


def fold(text: str) -> str:
    """Text reduced for substring matching: one script (traditional → simplified), NFKC (full-width →
    half-width), case-folded, no whitespace.

    PDF extraction breaks lines mid-word (``忠诚\\n村``) and spaces titles out (``出 租``); folding both
    the stored text and the query makes ``忠诚村`` and ``出租`` find them, and ``壽山鎮`` find ``寿山镇``.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", normalize(text)).casefold())
