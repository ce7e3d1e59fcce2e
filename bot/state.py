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
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from db.engine import autocommit_connection, read_connection
from db.models import BotState, utcnow


class StateConflict(Exception):
    """The stored value changed since it was read (another process handled an update of this chat)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """A value as read, with the version a write must name."""

    value: Any
    version: int


_states = cast(Table, BotState.__table__)
_KEY = (_states.c.scope == bindparam("at_scope"), _states.c.key == bindparam("at_key"))
_GET = select(_states.c.value, _states.c.version).where(*_KEY)
"""Built once: every question reads its chat's state."""
_VERSION = select(_states.c.version).where(*_KEY)
_SET = (
    update(_states)
    .where(*_KEY, _states.c.version == bindparam("old"))
    .values(value=bindparam("value"), version=bindparam("new"), updated_at=bindparam("now"))
)
"""The compare-and-set: one statement, so it needs no transaction around it."""
_CREATE = insert(_states).values(
    scope=bindparam("at_scope"),
    key=bindparam("at_key"),
    value=bindparam("value"),
    version=1,
    updated_at=bindparam("now"),
)
_DELETE = delete(_states).where(*_KEY)
_DELETE_AT = _DELETE.where(_states.c.version == bindparam("old"))


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
            row = (await connection.execute(_GET, {"at_scope": scope, "at_key": key})).first()
        return None if row is None else Stored(json.loads(row.value), row.version)

    async def put(self, scope: str, key: str, value: Any, *, version: int | None = None) -> int:
        """Store ``value``; with ``version`` only if the row still has it (else ``StateConflict``),
        without, whatever was there. Returns the new version.

        Each write is one statement committed on its own (autocommit): it is atomic by itself, and a
        transaction around it would hold SQLite's write lock across trips to the event loop, making
        the other writers of a busy process wait on it."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        async with autocommit_connection(self.sessions) as connection:
            if version is not None:
                return await _compare_and_set(connection, scope, key, text, version)
            for _ in range(5):  # an unconditional write only loses a race to another write: try again
                try:
                    return await _overwrite(connection, scope, key, text)
                except StateConflict:
                    continue
        raise StateConflict(f"{scope}/{key} keeps changing")

    async def delete(self, scope: str, key: str, *, version: int | None = None) -> bool:
        """Remove the value (only at ``version`` when given); True if a row went."""
        parameters: dict[str, Any] = {"at_scope": scope, "at_key": key}
        if version is not None:
            parameters["old"] = version
        async with autocommit_connection(self.sessions) as connection:
            result = await connection.execute(_DELETE if version is None else _DELETE_AT, parameters)
        return bool(getattr(result, "rowcount", 0))


async def _overwrite(connection: AsyncConnection, scope: str, key: str, text: str) -> int:
    current = await connection.scalar(_VERSION, {"at_scope": scope, "at_key": key})
    if current is not None:
        return await _compare_and_set(connection, scope, key, text, current)
    try:
        await connection.execute(_CREATE, {"at_scope": scope, "at_key": key, "value": text, "now": utcnow()})
    except IntegrityError:
        raise StateConflict(f"{scope}/{key} was created meanwhile") from None
    return 1


async def _compare_and_set(connection: AsyncConnection, scope: str, key: str, text: str, version: int) -> int:
    parameters = {"at_scope": scope, "at_key": key, "old": version, "new": version + 1, "value": text}
    result = await connection.execute(_SET, {**parameters, "now": utcnow()})
    if not getattr(result, "rowcount", 0):
        raise StateConflict(f"{scope}/{key} is no longer at version {version}")
    return version + 1
