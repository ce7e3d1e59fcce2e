"""Building indexes from a migration without stopping the bot: on PostgreSQL each is built
CONCURRENTLY (the running bot goes on storing notices) and an INVALID one left by an interrupted
build is dropped and built again; SQLite gets the equivalents the migration names."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

_TABLE_SCHEMA = sa.text(
    "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = to_regclass(:table)"
)
_INDEX_VALID = sa.text(
    "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relname = :name"
)


def has_extension(name: str) -> bool:
    """Whether the PostgreSQL extension is installed in the database (migration 0014 creates
    ``btree_gist`` where it may)."""
    found = op.get_bind().execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = :name"), {"name": name})
    return found.scalar() is not None


def create_indexes(table: str, postgresql: dict[str, str], sqlite: dict[str, str]) -> None:
    """Each index by name, from its definition after ``ON table`` (per dialect)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name, definition in sqlite.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")
        return
    schema = _schema(bind, table)
    with op.get_context().autocommit_block():
        for name, definition in postgresql.items():
            if bind.execute(_INDEX_VALID, {"schema": schema, "name": name}).scalar() is False:
                op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(name)}")
            op.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {_quote(name)} ON {_quote(schema)}.{table}"
                f" {definition}"
            )


def drop_indexes(table: str, names: list[str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name in names:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    schema = _schema(bind, table)
    with op.get_context().autocommit_block():
        for name in names:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_quote(schema)}.{_quote(name)}")


def _schema(bind: sa.Connection, table: str) -> str:
    schema = bind.execute(_TABLE_SCHEMA, {"table": table}).scalar()
    if schema is None:
        raise RuntimeError(f"no table {table} on the search_path")
    return str(schema)


def _quote(name: str) -> str:
    return op.get_bind().dialect.identifier_preparer.quote(name)
