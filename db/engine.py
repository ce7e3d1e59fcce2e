"""Engine, sessions and schema upgrades. The URL is passed in; nothing here reads the environment."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.light import CONNECT_TIMEOUT as CONNECT_TIMEOUT
from db.light import (
    MIGRATIONS,
    VERSION_QUERY,
    connect_args,
    head_revision,
    is_ahead,
    is_head,
    loop_reader_engine,
    sqlite_pragmas,
)
from db.reader import GreenletConnection, Reader, lent_connection
from db.url import DatabaseUnavailable, async_url, connect_failure, safe_url

if TYPE_CHECKING:
    from alembic.config import Config


log = logging.getLogger(__name__)

POOL_SIZE = 12
POOL_OVERFLOW = 3
"""PostgreSQL connections kept open, and opened beyond them at the busiest: 15 in all, as with
SQLAlchemy's default (5 + 10), but most of them kept. A web process with 7 updates in hand uses up to 14
(``bot.runner._pool_turns``); with 5 kept, the rest were opened and closed again update after update,
each time paying a connect, the driver's setup queries and every statement prepared anew."""


def make_engine(url: str | URL, *, schema: str | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url`` in any form ``db.url.async_url`` accepts. ``schema`` pins
    PostgreSQL's search_path (tests use one per test)."""
    parsed = async_url(url)
    args = connect_args(parsed, schema, kwargs.pop("connect_args", None))
    if parsed.get_backend_name() != "sqlite" and "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", POOL_SIZE)
        kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    engine = create_async_engine(parsed, connect_args=args, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", sqlite_pragmas)
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


@asynccontextmanager
async def read_connection(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[Reader]:
    """A connection of the sessions' engine outside any transaction (autocommit), for reads that need
    no snapshot of their own: each statement is one round trip, without the BEGIN and the ROLLBACK a
    session puts around it. The connection goes back to the pool in its usual isolation level.

    On a SQLite file the reads run on the standard library's ``sqlite3`` in the event loop's own thread
    (:func:`_loop_reader`), not through aiosqlite: each aiosqlite call is a trip to its thread and back
    through the loop (a question made ~20 of them), and a read of an indexed question takes less time
    than those trips. The file is in WAL mode, so such a read never waits for a writer, and it sees
    every transaction committed before it, whichever connection wrote it. SQLite's driver begins a
    transaction only before a write, so these reads are outside any. Reads only, then: a write here
    would not commit.

    Within an update's turn on PostgreSQL, the reads run on the connection that holds the turn
    (``db.reader.lending``), in its transaction: under READ COMMITTED each statement sees what was
    committed before it, as it would outside, and no second connection is checked out."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("read_connection needs sessions bound to an AsyncEngine")
    lent = lent_connection(bind.sync_engine)
    if lent is not None:
        async with lent.lock:
            try:
                yield lent.connection
            except BaseException:
                lent.usable = False
                raise
        return
    if bind.dialect.name == "sqlite":
        local = _loop_reader(bind)
        if local is not None:
            with local.connect() as plain:
                yield GreenletConnection(plain)
            return
    async with bind.connect() as connection:
        if connection.dialect.name != "sqlite":
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


_LOOP_READERS: weakref.WeakKeyDictionary[Engine, Engine | None] = weakref.WeakKeyDictionary()


def _loop_reader(engine: AsyncEngine) -> Engine | None:
    """The synchronous engine beside ``engine`` on the same SQLite file (None: in memory), made on first
    use and disposed of with ``engine``."""
    key = engine.sync_engine
    if key not in _LOOP_READERS:
        local = _LOOP_READERS[key] = loop_reader_engine(engine.url)
        if local is not None:
            event.listen(key, "engine_disposed", lambda _engine: local.dispose())
    return _LOOP_READERS[key]


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the Alembic migrations (never ``create_all``).

    Each migration commits on its own (``transaction_per_migration`` in ``env.py``), so one can leave
    its transaction to build an index ``CONCURRENTLY`` while the running bot goes on writing. On
    PostgreSQL the upgrade holds :func:`migration_lock`; Alembic reads the revision once it holds it, so
    a process that waited for another one's upgrade finds the schema current and does nothing."""

    from alembic import command

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.connect() as connection, migration_lock(connection):
        await connection.run_sync(run)
        await connection.commit()


MIGRATION_LOCK_KEY = (
    "hashtext(current_database() || '.' || coalesce(current_schema(), '') || '.noticebot-migrations')"
)
LOCK_POLL = 0.25
"""Seconds between two tries of the migration lock."""


@asynccontextmanager
async def migration_lock(connection: AsyncConnection) -> AsyncIterator[None]:
    """One upgrade at a time per database and schema, on PostgreSQL, where several processes of a
    deployment start against one server (on SQLite this takes nothing).

    The lock is a session-level advisory lock on ``connection``, left outside any transaction between
    the migrations. A waiting process polls with ``pg_try_advisory_lock`` and ends each try's
    transaction: a process blocked in ``pg_advisory_lock`` would hold a snapshot, which the holder's
    ``CREATE INDEX CONCURRENTLY`` waits for, and the two would deadlock."""
    if connection.dialect.name != "postgresql":
        yield
        return
    waiting = False
    while True:
        taken = await connection.scalar(text(f"SELECT pg_try_advisory_lock({MIGRATION_LOCK_KEY})"))
        await connection.commit()
        if taken:
            break
        if not waiting:
            log.info("another process is upgrading the schema: waiting for it")
            waiting = True
        await asyncio.sleep(LOCK_POLL)
    try:
        yield
    finally:
        try:
            if connection.in_transaction():
                await connection.rollback()
            await connection.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
            await connection.commit()
        except SQLAlchemyError:  # the connection is gone, and its session's lock with it
            pass


async def schema_is_current(engine: AsyncEngine) -> bool:
    """Whether the database is at the head revision, or ahead of it (a newer release upgraded it: see
    :func:`db.light.is_ahead`), asked with one plain query (no Alembic)."""
    if head_revision() is None:
        return False
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text(VERSION_QUERY))).all()
    except SQLAlchemyError:  # no alembic_version table: a fresh database
        return False
    versions = [row[0] for row in rows]
    if is_ahead(versions):
        log.warning(
            "the schema is at revision %s, newer than this release's %s: running on it unchanged",
            versions[0],
            head_revision(),
        )
        return True
    return is_head(versions)


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
