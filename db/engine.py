"""Engine, sessions and schema upgrades. The URL is passed in; nothing here reads the environment."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from db.url import DatabaseUnavailable, async_url, connect_failure, safe_url

if TYPE_CHECKING:
    from alembic.config import Config

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the Alembic migrations (never ``create_all``)."""

    from alembic import command

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


_REVISION = re.compile(r'^revision: str = "([^"]+)"', re.MULTILINE)
_DOWN = re.compile(r'^down_revision: str \| None = (?:"([^"]+)"|None)', re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The newest migration's revision, read from the migration files as text (importing Alembic to
    ask costs more than most commands); None when that reading does not give exactly one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


async def schema_is_current(engine: AsyncEngine) -> bool:
    """Whether the database is at the head revision, asked with one plain query (no Alembic)."""
    head = head_revision()
    if head is None:
        return False
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT version_num FROM alembic_version"))).all()
    except SQLAlchemyError:  # no alembic_version table: a fresh database
        return False
    return [row[0] for row in rows] == [head]


async def ensure_schema(engine: AsyncEngine) -> None:
    """Upgrade the schema unless it is already current (then Alembic is not even imported)."""
    if not await schema_is_current(engine):
        await upgrade(engine)


async def current_revision(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)
