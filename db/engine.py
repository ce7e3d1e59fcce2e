"""Engine, sessions and schema upgrades. The URL is passed in; nothing here reads the environment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from db.url import DatabaseUnavailable, async_url, connect_failure, safe_url

MIGRATIONS = Path(__file__).with_name("migrations")
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a PostgreSQL server before saying it does not answer (asyncpg waits 60)."""


def make_engine(url: str | URL, *, schema: str | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url`` in any form ``db.url.async_url`` accepts. ``schema`` pins
    PostgreSQL's search_path (tests use one per test)."""
    parsed = async_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    connect_args: dict[str, Any] = dict(kwargs.pop("connect_args", {}))
    if sqlite:
        connect_args.setdefault("timeout", 30)
    else:
        connect_args.setdefault("timeout", CONNECT_TIMEOUT)
        if schema is not None:
            connect_args.setdefault("server_settings", {})["search_path"] = schema
    engine = create_async_engine(parsed, connect_args=connect_args, **kwargs)
    if sqlite:
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


async def check_connection(engine: AsyncEngine) -> None:
    """Connect once, so an unreachable server or a missing database is one sentence naming the host
    and database rather than a driver's traceback (raised as DatabaseUnavailable)."""
    try:
        async with engine.connect():
            pass
    except (OSError, SQLAlchemyError) as error:
        reason = connect_failure(engine.url, error)
        raise DatabaseUnavailable(f"{safe_url(engine.url)}: {reason}") from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def session_scope(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session that commits on success and rolls back on any error, so bad input changes nothing."""
    async with sessions() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the Alembic migrations (never ``create_all``)."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revision(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)
