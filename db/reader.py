"""What the question path reads through: an ``AsyncSession``, an ``AsyncConnection``, or the light
connection ``noticebot ask`` opens (:class:`GreenletConnection`), which runs a plain synchronous Core
connection the way ``AsyncConnection`` does, without importing ``sqlalchemy.ext.asyncio`` (and with
it the whole ORM).

Only the three calls the queries of ``db.search`` and ``db.rows`` make are part of the protocol.
"""

from __future__ import annotations

from collections.abc import Mapping
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
