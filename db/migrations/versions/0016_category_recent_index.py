"""the same two indexes led by category, for "what is on" in one category (what roads are closed)

"What roads are closed" at a moment read every road closure active then from the category's GiST index
(``ix_notices_category_range``) to sort out the first page: 3,600 entries and 34 ms at 1,000,000 notices.
``ix_notices_category_recent`` (status, category, latest start first, id) lets a notice with one period
of the category be read in that order from the starts of the last week and stop at the page (0.3 ms);
``ix_notices_category_multi`` holds only the notices with several periods, led by status and category,
so the few of the category active then are found without the others (under 1 ms). ``db.recent`` reads
them as it reads 0015's indexes when no category is asked.

On PostgreSQL both are built CONCURRENTLY (the running bot goes on storing notices); an INVALID index
left by an interrupted build is built again. SQLite gets btree equivalents.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = "ix_notices_category_recent"
MULTI = "ix_notices_category_multi"

# What each index is on ``notices``, per dialect; ``period_count <> 1`` is written as the queries write
# it (inline), so that the planners see the partial index applies (see 0015).
_PG = {
    RECENT: "(status, category, active_since DESC, id) INCLUDE (active_until, period_count)",
    MULTI: "USING gist (status, category, tsrange(active_since, active_until, '[]')) INCLUDE (id,"
    " active_since, active_until) WHERE period_count <> 1 AND active_until IS NOT NULL",
}
_SQLITE = {
    RECENT: "(status, category, active_since DESC, id, active_until, period_count)",
    MULTI: "(status, category, active_until, active_since)"
    " WHERE period_count <> 1 AND active_until IS NOT NULL",
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
