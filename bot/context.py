"""Opening the database the way every command and the bot do: ensure the schema, hand out sessions.

Only the standard library is imported at the top: ``noticebot ask`` opens the database through
:func:`open_reader` without the async engine, the ORM or Alembic.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.settings_light import DatabaseConfig
    from db.reader import GreenletConnection


def _data_dir(settings: DatabaseConfig) -> None:
    """The SQLite file's directory, created; one line naming DATABASE_URL when it cannot be."""
    from db.url import DatabaseUnavailable, safe_url

    try:
        settings.ensure_data_dir()
    except OSError as error:
        where = safe_url(settings.database_url)
        raise DatabaseUnavailable(
            f"DATABASE_URL {where}: cannot create the SQLite file's directory ({error.strerror or error})"
        ) from None


@asynccontextmanager
async def open_database(settings: DatabaseConfig) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an upgraded schema, so every command works on a fresh database. A database that
    cannot be reached is one line naming DATABASE_URL (raised as DatabaseUnavailable)."""
    from db.engine import check_connection, ensure_schema, make_engine, make_sessionmaker
    from db.url import DatabaseUnavailable

    _data_dir(settings)
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


@asynccontextmanager
async def open_reader(settings: DatabaseConfig) -> AsyncIterator[GreenletConnection | None]:
    """A light read connection (``db.light``) when the schema is current, else None: the caller then
    goes through :func:`open_database`, which upgrades it. Errors read as :func:`open_database`'s."""
    from db.light import open_reader as open_light
    from db.url import DatabaseUnavailable

    _data_dir(settings)
    try:
        async with open_light(settings.database_url, schema=settings.database_schema) as reader:
            yield reader
    except DatabaseUnavailable as error:  # only connecting raises it
        raise DatabaseUnavailable(f"DATABASE_URL {error}") from None
