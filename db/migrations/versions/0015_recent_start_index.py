"""notices by latest start, and the few with several periods apart, for "what is on" in any category

"Everything active on a day" (or at a moment) in no category lists the notices whose period began most
recently. At 1,000,000 notices some 7,000 are active on a day: the GiST scan read all of them to sort
out the first page (8-20 ms, more with cold buffers). ``ix_notices_recent_start`` (status, latest start
first, id) lets a notice with one period be read in that order from the starts of the last week
(``db.filters.RECENT``) and stop at the page; ``ix_notices_multi_range`` holds only the notices with
several periods (``period_count <> 1``), whose order comes from their periods, so they are found
without the others (``db.search`` merges the two).

On PostgreSQL both are built CONCURRENTLY, so the running bot goes on storing notices; an INVALID index
left by an interrupted build is built again. SQLite gets btree equivalents.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = "ix_notices_recent_start"
MULTI = "ix_notices_multi_range"

# What each index is on ``notices``, per dialect. ``period_count <> 1`` is written as the queries write
# it (inline), so that the planners see the partial index applies; the notices without periods have no
# envelope and are left out.
_PG = {
    RECENT: "(status, active_since DESC, id) INCLUDE (active_until, period_count)",
    MULTI: "USING gist (tsrange(active_since, active_until, '[]')) INCLUDE (id, status, active_since,"
    " active_until) WHERE period_count <> 1 AND active_until IS NOT NULL",
}
_SQLITE = {
    RECENT: "(status, active_since DESC, id, active_until, period_count)",
    MULTI: "(status, active_until, active_since) WHERE period_count <> 1 AND active_until IS NOT NULL",
}
_TABLE_SCHEMA = sa.text(
    "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = to_regclass('notices')"
)
_INDEX_VALID = sa.text(
    "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relname = :name"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name, definition in _SQLITE.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON notices {definition}")
        return
    schema = _schema(bind)
    with op.get_context().autocommit_block():
        for name, definition in _PG.items():
            if bind.execute(_INDEX_VALID, {"schema": schema, "name": name}).scalar() is False:
                op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(name)}")
            op.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {_quote(name)} ON {_quote(schema)}.notices"
                f" {definition}"
            )


def _schema(bind: sa.Connection) -> str:
    schema = bind.execute(_TABLE_SCHEMA).scalar()
    if schema is None:
        raise RuntimeError("no table notices on the search_path")
    return str(schema)


def _quote(name: str) -> str:
    return op.get_bind().dialect.identifier_preparer.quote(name)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name in _SQLITE:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    schema = _schema(bind)
    with op.get_context().autocommit_block():
        for name in _PG:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(name)}")
