"""What the question path reads through: an ``AsyncSession``, an ``AsyncConnection``, or the light
connection ``noticebot ask`` opens (:class:`GreenletConnection`), which runs a plain synchronous Core
connection the way ``AsyncConnection`` does, without importing ``sqlalchemy.ext.asyncio`` (and with
it the whole ORM).

Only the three calls the queries of ``db.search`` and ``db.rows`` make are part of the protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.util.concurrency import greenlet_spawn

if TYPE_CHECKING:
    from sqlalchemy import Connection, Executable, Result, ScalarResult


class Reader(Protocol):
    """The read calls of ``AsyncSession``/``AsyncConnection`` the question path uses."""

    async def execute(self, statement: Any, parameters: Any = None, /) -> Any: ...

    async def scalars(self, statement: Any, parameters: Any = None, /) -> Any: ...

    async def scalar(self, statement: Any, /) -> Any: ...


class GreenletConnection:
    """A synchronous Core ``Connection`` behind the :class:`Reader` calls. Each call runs in a greenlet,
    as SQLAlchemy's own async layer does, so an asyncio driver (asyncpg) works beneath it; with a
    synchronous driver (SQLite's ``sqlite3``) the call simply runs."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    async def execute(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None, /
    ) -> Result[Any]:
        # The rows are fetched as the statement runs (no server-side cursor), as AsyncConnection's are,
        # so reading them needs no greenlet.
        result: Result[Any] = await greenlet_spawn(self.connection.execute, statement, parameters)
        return result

    async def scalars(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None, /
    ) -> ScalarResult[Any]:
        return (await self.execute(statement, parameters)).scalars()

    async def scalar(self, statement: Executable, /) -> Any:
        return (await self.execute(statement)).scalar()


class Lent:
    """A connection an update's turn holds (on PostgreSQL, the transaction of the update's order record,
    outside any of SQLAlchemy's), lent to the update's reads so that they check none out of the pool:
    one checkout per update instead of two. One read at a time (a second, from a task of the update's
    running meanwhile, takes a connection of its own); none after the turn, nor after a read failed
    on it: a failed statement aborts the transaction, and every statement after it would fail too."""

    def __init__(self, connection: Reader, engine: object) -> None:
        self.connection = connection
        self.engine = engine
        self.lock = asyncio.Lock()
        self.usable = True


_LENT: ContextVar[Lent | None] = ContextVar("noticebot_lent_connection", default=None)


@asynccontextmanager
async def lending(connection: Reader, engine: object) -> AsyncIterator[Lent]:
    """Lend ``connection`` (of ``engine``) to the reads of the current task and of the tasks it starts,
    until the block ends; a read still under way then finishes first."""
    lent = Lent(connection, engine)
    token = _LENT.set(lent)
    try:
        yield lent
    finally:
        _LENT.reset(token)
        async with lent.lock:
            lent.usable = False


def lent_connection(engine: object) -> Lent | None:
    """The connection lent to this task for ``engine``, when it can take a read now."""
    lent = _LENT.get()
    if lent is None or lent.engine is not engine or not lent.usable or lent.lock.locked():
        return None
    return lent
