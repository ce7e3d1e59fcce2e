"""Opening the database the way every command and the bot do: ensure the schema, hand out sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from db.engine import make_engine, make_sessionmaker, upgrade


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an upgraded schema, so every command works on a fresh database."""
    settings.ensure_data_dir()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        await upgrade(engine)
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()
