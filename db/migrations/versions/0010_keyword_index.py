"""keyword index over the folded notice text; envelope ranges on PostgreSQL

A keyword that matches nothing must not read every notice. PostgreSQL gets a ``pg_trgm`` GIN index on
``notices.search_text`` (answering ``LIKE '%needle%'``); the extension is created when missing and the
index is left out, with a warning, on a server where that is not allowed (the search is then a scan, as
before). SQLite gets ``notices_fts``, an FTS5 trigram table over the same text with ``notices`` as its
content, kept in step by triggers. A later batch migration that rebuilds ``notices`` on SQLite drops
these triggers with the old table and must create them again (``db.textsearch.SQLITE_TRIGGERS``).

PostgreSQL also gets ``ix_notices_envelope_range``, a GiST index on the notice's envelope as a closed
``tsrange``, for "active at/on" without reading every notice that ends later, and two indexes in
the order answers list notices without periods (newest first, NULL publication days last).

The SQL is written out here rather than imported, so this migration keeps meaning what it meant.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

_TRGM_SCHEMA = sa.text(
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
    " WHERE e.extname = 'pg_trgm'"
)

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE notices_fts USING fts5(search_text, content='notices', content_rowid='id',"
    " tokenize='trigram')",
    """CREATE TRIGGER notices_fts_ai AFTER INSERT ON notices BEGIN
  INSERT INTO notices_fts(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    """CREATE TRIGGER notices_fts_ad AFTER DELETE ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END""",
    """CREATE TRIGGER notices_fts_au AFTER UPDATE OF search_text ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO notices_fts(rowid, search_text) VALUES (new.id, new.search_text);
END""",
    "INSERT INTO notices_fts(notices_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        # "Active on a day": the envelope as a range in a GiST index, so a day in the past does not
        # read every notice that ends after it (what the btree on the bounds does).
        op.execute(
            "CREATE INDEX ix_notices_envelope_range ON notices"
            " USING gist (tsrange(active_since, active_until, '[]')) WHERE active_until IS NOT NULL"
        )
        # Newest first is ``published DESC NULLS LAST``, which a backward walk of an ascending index
        # does not give: without these, a common keyword or the recent undated notices of a category
        # are sorted whole (0.4-0.6 s at a million notices) instead of read in order up to the page.
        op.execute("CREATE INDEX ix_notices_newest ON notices (status, published DESC NULLS LAST, id DESC)")
        op.execute(
            "CREATE INDEX ix_notices_undated_newest ON notices"
            " (status, category, published DESC NULLS LAST, id DESC) WHERE active_until IS NULL"
        )
        schema = _trgm_schema(bind)
        if schema is None:
            log.warning("pg_trgm is not available: keyword searches will scan the notices")
            return
        opclass = f'"{schema}".gin_trgm_ops'
        op.execute(
            f"CREATE INDEX IF NOT EXISTS ix_notices_search_trgm ON notices USING gin (search_text {opclass})"
        )


def _trgm_schema(bind: sa.Connection) -> str | None:
    """The schema pg_trgm lives in, creating the extension (in ``public``) when it is missing. One
    extension serves the whole database; it is never created in a per-deployment schema, which may be
    dropped."""
    schema = bind.execute(_TRGM_SCHEMA).scalar()
    if schema is not None:
        return str(schema)
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except sa.exc.DBAPIError as error:  # not allowed here, or created at this moment by another upgrade
        log.warning("cannot create pg_trgm: %s", str(error).splitlines()[0])
    schema = bind.execute(_TRGM_SCHEMA).scalar()
    return None if schema is None else str(schema)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS notices_fts_{name}")
        op.execute("DROP TABLE IF EXISTS notices_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_notices_search_trgm")
        op.execute("DROP INDEX IF EXISTS ix_notices_envelope_range")
        op.execute("DROP INDEX IF EXISTS ix_notices_undated_newest")
        op.execute("DROP INDEX IF EXISTS ix_notices_newest")
