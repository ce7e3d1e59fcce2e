"""PostgreSQL: a GiST index on (status, category, envelope) for a category's notices active at a moment

"What roads are closed" is one category's notices active at a moment. ``ix_notices_envelope_range``
holds every category's envelopes: at 1,000,000 notices it gave 7,351 for the planner to intersect with
a btree of the category (80,000 entries read) to keep 776. With ``btree_gist`` the category and the
status are keys of the same GiST index and the scan returns just those 776; the notice's id, period
count and envelope are included, so the answer's order is read from the index alone.

``btree_gist`` is created (in ``public``) when missing, as 0010 creates ``pg_trgm``; on a server where
that is not allowed the index is left out with a warning and answers use the older indexes. The index
is built CONCURRENTLY, so the running bot goes on storing notices meanwhile; an INVALID index left by
an interrupted build is built again. SQLite is unchanged.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

NAME = "ix_notices_category_range"
_EXTENSION_SCHEMA = sa.text(
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
    " WHERE e.extname = 'btree_gist'"
)
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
        return
    extension = _extension_schema(bind)
    if extension is None:
        log.warning("btree_gist is not available: a category's active notices are found by older indexes")
        return
    schema = _schema(bind)
    ops = f"{_quote(extension)}.gist_text_ops"
    with op.get_context().autocommit_block():
        if bind.execute(_INDEX_VALID, {"schema": schema, "name": NAME}).scalar() is False:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(NAME)}")
        op.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {_quote(NAME)} ON {_quote(schema)}.notices"
            f" USING gist (status {ops}, category {ops}, tsrange(active_since, active_until, '[]'))"
            " INCLUDE (id, period_count, active_since, active_until) WHERE active_until IS NOT NULL"
        )


def _extension_schema(bind: sa.Connection) -> str | None:
    """The schema btree_gist lives in, creating the extension (in ``public``) when it is missing."""
    schema = bind.execute(_EXTENSION_SCHEMA).scalar()
    if schema is not None:
        return str(schema)
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public"))
    except sa.exc.DBAPIError as error:  # not allowed here, or created at this moment by another upgrade
        log.warning("cannot create btree_gist: %s", str(error).splitlines()[0])
    schema = bind.execute(_EXTENSION_SCHEMA).scalar()
    return None if schema is None else str(schema)


def _schema(bind: sa.Connection) -> str:
    schema = bind.execute(_TABLE_SCHEMA).scalar()
    if schema is None:
        raise RuntimeError("no table notices on the search_path")
    return str(schema)


def _quote(name: str) -> str:
    return op.get_bind().dialect.identifier_preparer.quote(name)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = _schema(bind)
        with op.get_context().autocommit_block():
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(NAME)}")
