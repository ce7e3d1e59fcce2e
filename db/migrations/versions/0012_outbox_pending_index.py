"""the outbox's due index holds pending rows only, in claim order; a small index of rows being sent

``ix_reminders_status_due`` (status, due_at) held every row of the outbox, sent ones included, and gave
rows falling due at the same instant in no particular order: a dispatcher claiming the oldest 32 of a
million announcements due at once read and sorted all of them. ``ix_reminders_pending_due`` is
(due_at, id) over pending rows only, the order claims take them in; ``ix_reminders_sending`` finds the
rows a dispatcher holds (lease renewal, expired claims) among the few being sent.

On PostgreSQL the indexes are built and dropped CONCURRENTLY, outside a transaction, so the running bot
keeps writing the outbox meanwhile (see below); SQLite changes them in place.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDING = sa.text("status = 'pending'")
_SENDING = sa.text("status = 'sending'")

# PostgreSQL: what each index is on ``reminders``, written out for CREATE INDEX CONCURRENTLY.
_PG_INDEXES = {
    "ix_reminders_pending_due": "(due_at, id) WHERE status = 'pending'",
    "ix_reminders_sending": "(claimed_by) WHERE status = 'sending'",
    "ix_reminders_status_due": "(status, due_at)",
}

_TABLE_SCHEMA = sa.text(
    "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = to_regclass('reminders')"
)
_INDEX_VALID = sa.text(
    "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relname = :name"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            schema = _schema()
            _create_concurrently(schema, "ix_reminders_pending_due")
            _create_concurrently(schema, "ix_reminders_sending")
            _drop_concurrently(schema, "ix_reminders_status_due")
        return
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_pending_due",
            ["due_at", "id"],
            unique=False,
            postgresql_where=_PENDING,
            sqlite_where=_PENDING,
        )
        batch_op.create_index(
            "ix_reminders_sending",
            ["claimed_by"],
            unique=False,
            postgresql_where=_SENDING,
            sqlite_where=_SENDING,
        )
        batch_op.drop_index("ix_reminders_status_due")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            schema = _schema()
            _create_concurrently(schema, "ix_reminders_status_due")
            _drop_concurrently(schema, "ix_reminders_sending")
            _drop_concurrently(schema, "ix_reminders_pending_due")
        return
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("ix_reminders_status_due", ["status", "due_at"], unique=False)
        batch_op.drop_index("ix_reminders_sending")
        batch_op.drop_index("ix_reminders_pending_due")


# On PostgreSQL the outbox holds millions of rows and is written all the time: a plain CREATE INDEX
# takes a SHARE lock that stops every insert and update of it (planning, dispatch) until the index is
# built. CONCURRENTLY lets the writes go on; it cannot run in a transaction, hence the autocommit block
# (each migration has a transaction of its own, see env.py). The statements name the schema that
# ``reminders`` is found in through the search_path (a deployment or a test may use a schema of its own).


def _schema() -> str:
    schema = op.get_bind().execute(_TABLE_SCHEMA).scalar()
    if schema is None:
        raise RuntimeError("no table reminders on the search_path")
    return str(schema)


def _qualified(schema: str, name: str) -> str:
    return f"{_quote(schema)}.{_quote(name)}"


def _create_concurrently(schema: str, name: str) -> None:
    """Build the index unless a valid one is there. An interrupted concurrent build (a killed upgrade, a
    cancelled statement) leaves an INVALID index behind that IF NOT EXISTS would take for done: it is
    dropped and built again."""
    valid = op.get_bind().execute(_INDEX_VALID, {"schema": schema, "name": name}).scalar()
    if valid is False:
        _drop_concurrently(schema, name)
    table = _qualified(schema, "reminders")
    op.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {_quote(name)} ON {table} {_PG_INDEXES[name]}")


def _drop_concurrently(schema: str, name: str) -> None:
    op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_qualified(schema, name)}")


def _quote(name: str) -> str:
    return op.get_bind().dialect.identifier_preparer.quote(name)
