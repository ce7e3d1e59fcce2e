"""Conversation state in the database, so that any web process can take a chat's next update.

A half-entered /add, a pending "Edit period", the questions an answer's Next button pages through: each is
a small JSON value under a scope (``user:<id>`` or ``chat:<id>``) and a key. Writes are compare-and-set on
a version: a write based on a value another process has changed meanwhile raises ``StateConflict``
instead of silently undoing it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import read_connection, session_scope
from db.models import BotState, utcnow


class StateConflict(Exception):
    """The stored value changed since it was read (another process handled an update of this chat)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """A value as read, with the version a write must name."""

    value: Any
    version: int


_states = cast(Table, BotState.__table__)
_GET = select(_states.c.value, _states.c.version).where(
    _states.c.scope == bindparam("scope"), _states.c.key == bindparam("key")
)
"""Built once: every question reads its chat's state."""


def user_scope(user_id: int) -> str:
    return f"user:{user_id}"


def chat_scope(chat_id: int) -> str:
    return f"chat:{chat_id}"


class StateStore:
    """Read and write ``bot_state`` rows; every call is its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def get(self, scope: str, key: str) -> Stored | None:
        # One round trip outside any transaction: a write based on it names the version it read.
        async with read_connection(self.sessions) as connection:
            row = (await connection.execute(_GET, {"scope": scope, "key": key})).first()
        return None if row is None else Stored(json.loads(row.value), row.version)

    async def put(self, scope: str, key: str, value: Any, *, version: int | None = None) -> int:
        """Store ``value``; with ``version`` only if the row still has it (else ``StateConflict``),
        without, whatever was there. Returns the new version."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        if version is not None:
            async with session_scope(self.sessions) as session:
                return await _compare_and_set(session, scope, key, text, version)
        for _ in range(5):  # an unconditional write only loses a race to another write: try again
            try:
                return await self._overwrite(scope, key, text)
            except StateConflict:
                continue
        raise StateConflict(f"{scope}/{key} keeps changing")

    async def _overwrite(self, scope: str, key: str, text: str) -> int:
        async with session_scope(self.sessions) as session:
            current = await session.scalar(
                select(BotState.version).where(BotState.scope == scope, BotState.key == key)
            )
            if current is not None:
                return await _compare_and_set(session, scope, key, text, current)
        try:
            async with session_scope(self.sessions) as session:
                await session.execute(
                    insert(BotState).values(scope=scope, key=key, value=text, version=1, updated_at=utcnow())
                )
        except IntegrityError:
            raise StateConflict(f"{scope}/{key} was created meanwhile") from None
        return 1

    async def delete(self, scope: str, key: str, *, version: int | None = None) -> bool:
        """Remove the value (only at ``version`` when given); True if a row went."""
        async with session_scope(self.sessions) as session:
            statement = delete(BotState).where(BotState.scope == scope, BotState.key == key)
            if version is not None:
                statement = statement.where(BotState.version == version)
            result = await session.execute(statement)
        return bool(getattr(result, "rowcount", 0))


async def _compare_and_set(session: AsyncSession, scope: str, key: str, text: str, version: int) -> int:
    result = await session.execute(
        update(BotState)
        .where(BotState.scope == scope, BotState.key == key, BotState.version == version)
        .values(value=text, version=version + 1, updated_at=utcnow())
    )
    if not getattr(result, "rowcount", 0):
        raise StateConflict(f"{scope}/{key} is no longer at version {version}")
    return version + 1
