"""Opening the database the way every command and the bot do: ensure the schema, hand out sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from db.engine import check_connection, ensure_schema, make_engine, make_sessionmaker
from db.url import DatabaseUnavailable, safe_url


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an upgraded schema, so every command works on a fresh database. A database that
    cannot be reached is one line naming DATABASE_URL (raised as DatabaseUnavailable)."""
    try:
        settings.ensure_data_dir()
    except OSError as error:
        where = safe_url(settings.database_url)
        raise DatabaseUnavailable(
            f"DATABASE_URL {where}: cannot create the SQLite file's directory ({error.strerror or error})"
        ) from None
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        try:
            await check_connection(engine)
        except DatabaseUnavailable as error:
            raise DatabaseUnavailable(f"DATABASE_URL {error}") from None
        await ensure_schema(engine)
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()
