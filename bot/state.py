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
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.engine import read_connection
from db.models import BotState, utcnow
from db.writes import rowcount, scalar, write_alone


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
    """Read and write ``bot_state`` rows; every write is one statement committed on its own
    (``db.writes``): a compare-and-set is atomic by itself."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions
        bind = sessions.kw.get("bind")
        if not isinstance(bind, AsyncEngine):
            raise TypeError("StateStore needs sessions bound to an AsyncEngine")
        self.engine = bind

    async def get(self, scope: str, key: str) -> Stored | None:
        # One round trip outside any transaction: a write based on it names the version it read.
        async with read_connection(self.sessions) as connection:
            row = (await connection.execute(_GET, {"at_scope": scope, "at_key": key})).first()
        return None if row is None else Stored(json.loads(row.value), row.version)

    async def put(self, scope: str, key: str, value: Any, *, version: int | None = None) -> int:
        """Store ``value``; with ``version`` only if the row still has it (else ``StateConflict``),
        without, whatever was there. Returns the new version."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        if version is not None:
            return await self._compare_and_set(scope, key, text, version)
        for _ in range(5):  # an unconditional write only loses a race to another write: try again
            try:
                return await self._overwrite(scope, key, text)
            except StateConflict:
                continue
        raise StateConflict(f"{scope}/{key} keeps changing")

    async def delete(self, scope: str, key: str, *, version: int | None = None) -> bool:
        """Remove the value (only at ``version`` when given); True if a row went."""
        parameters: dict[str, Any] = {"at_scope": scope, "at_key": key}
        if version is not None:
            parameters["old"] = version
        statement = _DELETE if version is None else _DELETE_AT
        return bool(await write_alone(self.engine, statement, parameters, rowcount))

    async def _overwrite(self, scope: str, key: str, text: str) -> int:
        where = {"at_scope": scope, "at_key": key}
        current = await write_alone(self.engine, _VERSION, where, scalar)
        if current is not None:
            return await self._compare_and_set(scope, key, text, current)
        try:
            await write_alone(self.engine, _CREATE, {**where, "value": text, "now": utcnow()}, rowcount)
        except IntegrityError:
            raise StateConflict(f"{scope}/{key} was created meanwhile") from None
        return 1

    async def _compare_and_set(self, scope: str, key: str, text: str, version: int) -> int:
        parameters = {"at_scope": scope, "at_key": key, "old": version, "new": version + 1, "value": text}
        if not await write_alone(self.engine, _SET, {**parameters, "now": utcnow()}, rowcount):
            raise StateConflict(f"{scope}/{key} is no longer at version {version}")
        return version + 1
