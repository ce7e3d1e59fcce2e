"""The keyword index over ``notices.search_text``: what it is on each database and how a query uses it.

A keyword is a substring of the folded text (``db.keywords.fold``), so the index must answer substring
tests, not words: on PostgreSQL a ``pg_trgm`` GIN index answers ``search_text LIKE '%needle%'``; on
SQLite an FTS5 table with the trigram tokenizer (``notices_fts``, external content, kept in step with
``notices`` by triggers) answers ``MATCH '"needle"'``. Both need at least three characters: a shorter
keyword (``出租``) is a scan that stops at the first page of matches in date order, as before.

Neither object is in ``db.models`` (SQLAlchemy has no words for them); migration 0010 creates them and
:func:`is_search_index_object` keeps schema comparisons from calling them strays. On a PostgreSQL
server where the extension cannot be created the index is absent and the same query is a scan.
"""

from __future__ import annotations

FTS_TABLE = "notices_fts"
TRGM_INDEX = "ix_notices_search_trgm"
NEWEST_INDEXES = ("ix_notices_newest", "ix_notices_undated_newest")  # PostgreSQL: DESC NULLS LAST order
RANGE_INDEX = "ix_notices_envelope_range"  # PostgreSQL: GiST on the envelope (db.filters.envelope_meets)
CATEGORY_RANGE_INDEX = "ix_notices_category_range"  # PostgreSQL: the same led by status and category
RECENT_INDEXES = ("ix_notices_recent_start", "ix_notices_multi_range")  # latest start first (0015)
CATEGORY_RECENT_INDEXES = ("ix_notices_category_recent", "ix_notices_category_multi")  # the same by category
MIN_INDEXED = 3  # trigrams: a needle shorter than three characters has none

_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def is_search_index_object(name: str | None, type_: str) -> bool:
    """Whether a schema object is one of the indexes the models do not declare (for Alembic's
    ``include_name``)."""
    if name is None:
        return False
    if type_ == "table":
        return name == FTS_TABLE or any(name == FTS_TABLE + s for s in _FTS_SHADOWS)
    return type_ == "index" and name in (
        TRGM_INDEX,
        RANGE_INDEX,
        CATEGORY_RANGE_INDEX,
        *NEWEST_INDEXES,
        *RECENT_INDEXES,
        *CATEGORY_RECENT_INDEXES,
    )


def escape_like(needle: str) -> str:
    """``needle`` for a ``LIKE … ESCAPE '\\'`` pattern."""
    return needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(needle: str) -> str:
    """An FTS5 query matching ``needle`` as a substring (one quoted phrase)."""
    return '"' + needle.replace('"', '""') + '"'


SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON notices BEGIN
  INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    f"""CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON notices BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END""",
    f"""CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF search_text ON notices BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
END""",
)
