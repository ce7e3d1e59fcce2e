"""The schema comes from the migrations and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import current_revision, upgrade
from db.models import Base
from db.textsearch import is_search_index_object


async def test_migrations_reach_head_and_match_models(engine: AsyncEngine) -> None:
    assert await current_revision(engine) is not None

    def diff(connection: Connection) -> list[object]:
        # The keyword index (an FTS5 table, a pg_trgm index) is not in the models: see db.textsearch.
        opts = {
            "compare_type": True,
            "include_name": lambda name, type_, _parents: not is_search_index_object(name, type_),
        }
        context = MigrationContext.configure(connection, opts=opts)
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrade_twice_is_harmless(engine: AsyncEngine) -> None:
    before = await current_revision(engine)
    await upgrade(engine)
    assert await current_revision(engine) == before
