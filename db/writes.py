"""Writes of one statement each (a compare-and-set, a delete), each committed on its own.

A statement alone is atomic, so it needs no transaction around it. On PostgreSQL it runs on a pooled
connection in autocommit mode: one round trip. On a SQLite file it runs in the event loop's own
thread, on a ``sqlite3`` connection in autocommit mode that never waits for the write lock: a write
through aiosqlite costs the loop four trips to its thread and back (cursor, statement, close, commit),
more than the write itself. When another connection holds the lock the statement fails at once,
having changed nothing, and is tried again after the loop has let other tasks run (the transaction
holding the lock ends on one of their turns); after a few tries it goes through aiosqlite, whose
thread waits for the lock instead of the loop.

The loop's connection leaves WAL checkpoints to the others (one copies the log back into the database
file, and may wait on the disk); every ``CHECKPOINT_EVERY``-th write goes through aiosqlite anyway, so
that a log written only from the loop is still checkpointed, in aiosqlite's thread.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import Engine, Executable, Result, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.light import SYNC_SQLITE, in_memory, sqlite_pragmas

T = TypeVar("T")

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
PAUSES = (0.0, 0.001, 0.002, 0.004)
"""Seconds the loop lets other tasks run before each try again in its own thread."""
CHECKPOINT_EVERY = 64


async def write_alone(
    engine: AsyncEngine,
    statement: Executable,
    parameters: Mapping[str, Any],
    read: Callable[[Result[Any]], T],
) -> T:
    """Run ``statement`` committed on its own, and what ``read`` takes of its result (read before the
    connection goes back to its pool)."""
    if engine.dialect.name != "sqlite":
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            return read(await connection.execute(statement, parameters))
    local = _loop_writer(engine)
    if local is not None and local.turn():
        for pause in (None, *PAUSES):
            if pause is not None:
                await asyncio.sleep(pause)
            try:
                with local.engine.connect() as plain:
                    return read(plain.execute(statement, parameters))
            except OperationalError as error:
                if not _busy(error):
                    raise
    async with engine.begin() as connection:
        return read(await connection.execute(statement, parameters))


def rowcount(result: Result[Any]) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def scalar(result: Result[Any]) -> Any:
    return result.scalar()


def _busy(error: OperationalError) -> bool:
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _BUSY


class _LoopWriter:
    """The synchronous autocommit engine beside an async one on the same SQLite file, and how many
    writes it was offered."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.writes = 0

    def turn(self) -> bool:
        """Whether this write is the loop's (else aiosqlite's, for the checkpoints)."""
        self.writes += 1
        return self.writes % CHECKPOINT_EVERY != 0


_LOOP_WRITERS: weakref.WeakKeyDictionary[Engine, _LoopWriter | None] = weakref.WeakKeyDictionary()


def _loop_writer(engine: AsyncEngine) -> _LoopWriter | None:
    """Made on first use (None: a database in memory) and disposed of with ``engine``."""
    key = engine.sync_engine
    if key not in _LOOP_WRITERS:
        local = None if in_memory(engine.url) else _loop_writer_engine(engine)
        _LOOP_WRITERS[key] = None if local is None else _LoopWriter(local)
        if local is not None:
            event.listen(key, "engine_disposed", lambda _engine: local.dispose())
    return _LOOP_WRITERS[key]


def _loop_writer_engine(engine: AsyncEngine) -> Engine:
    local = create_engine(
        engine.url.set(drivername=SYNC_SQLITE),
        isolation_level="AUTOCOMMIT",
        connect_args={"timeout": 0},  # never wait for the write lock in the loop's thread
    )
    event.listen(local, "connect", sqlite_pragmas)
    event.listen(local, "connect", _no_checkpoints)
    return local


def _no_checkpoints(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()
