"""Alembic environment: uses the connection handed in by ``db.engine.upgrade``, or DATABASE_URL.

Each migration runs in a transaction of its own (the connection comes in outside any transaction), so
a migration may step out of it with ``op.get_context().autocommit_block()``, e.g. to build an index
``CONCURRENTLY`` on PostgreSQL; the revision is stamped in each migration's transaction."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection

from db.models import Base
from db.textsearch import is_search_index_object

target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transaction_per_migration=True,
        include_name=lambda name, type_, _parents: not is_search_index_object(name, type_),
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_url(url: str) -> None:
    from db.engine import make_engine, migration_lock

    engine = make_engine(url)
    async with engine.connect() as connection, migration_lock(connection):
        await connection.run_sync(run_with)
        await connection.commit()
    await engine.dispose()


given = context.config.attributes.get("connection")
if given is not None:
    run_with(given)
else:
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get(
        "DATABASE_URL", "sqlite+aiosqlite:///./data/noticebot.sqlite3"
    )
    asyncio.run(run_from_url(url))
