"""Handling updates from different chats side by side, and each chat's updates in order.

python-telegram-bot handles one update at a time unless told otherwise, so one slow answer (a database
query, a page upload) holds up everyone. Its plain concurrent mode would let one chat's messages overtake
each other, which breaks conversations (/add, Edit period) and the order of replies. This processor runs
up to ``max_concurrent_updates`` at once but never two of the same chat (or, without a chat, the same
user) together.

Several processes (web processes behind a load balancer) coordinate through the database instead:
``UpdateGate`` gives each chat one update at a time across all of them and drops repeated deliveries.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from enum import Enum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Update
from telegram.ext import BaseUpdateProcessor

from db.engine import session_scope
from db.models import UpdateCursor, utcnow


def update_kind(update: Update) -> str:
    """``command``, ``message``, ``callback``, ``inline`` or ``other``, for the metrics and the log."""
    message = update.effective_message
    if update.callback_query is not None:
        return "callback"
    if update.inline_query is not None:
        return "inline"
    if message is not None and (message.text or "").startswith("/"):
        return "command"
    if message is not None:
        return "message"
    return "other"


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @staticmethod
    def key(update: object) -> int | None:
        """The chat an update belongs to; the user for updates without a chat (inline queries)."""
        if not isinstance(update, Update):
            return None
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self.key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody else waits on this chat: forget its lock
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up; the locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class Verdict(Enum):
    """What the cursor says about an update of a chat."""

    NEW = "new"
    LATE = "late"
    """Older than one already handled but not seen before (delivered late): still handled."""
    DUPLICATE = "duplicate"
    """Seen before (a delivery repeated to another process): dropped."""


def judge(last: int, recent: list[int], update_id: int, keep: int) -> Verdict:
    if update_id in recent or (len(recent) >= keep and update_id < recent[0]):
        return Verdict.DUPLICATE  # older than every remembered one: too old to tell, so not again
    return Verdict.LATE if update_id < last else Verdict.NEW


class UpdateGate:
    """Across processes: one update of a chat at a time, and each update once.

    Web processes behind a load balancer may each get updates of the same chat. ``turn`` waits for the
    chat's turn (in the process, and on PostgreSQL for a row lock on the chat's ``update_cursors`` row,
    held until the update is handled), then judges the update against the ids handled before. The
    update is recorded only once handled, so a delivery that failed half-way is handled on retry. On
    SQLite one process serves the database, so the process's own lock is the whole turn.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, keep: int = 64) -> None:
        self.sessions = sessions
        self.keep = keep
        bind = sessions.kw.get("bind")
        self.row_locks = getattr(getattr(bind, "dialect", None), "name", "") == "postgresql"
        self._locks = _KeyedLocks()

    @asynccontextmanager
    async def turn(self, key: int, update_id: int) -> AsyncIterator[Verdict]:
        async with self._locks.hold(key):
            if self.row_locks:
                async with self.sessions() as session, session.begin():
                    # One statement creates the chat's row if needed, takes its lock until commit, and
                    # reads it (a no-op DO UPDATE locks the existing row, as FOR UPDATE would).
                    statement = pg_insert(UpdateCursor).values(
                        chat_id=key, last_update_id=0, recent="", updated_at=utcnow()
                    )
                    row = (
                        await session.execute(
                            statement.on_conflict_do_update(
                                index_elements=["chat_id"], set_={"chat_id": statement.excluded.chat_id}
                            ).returning(UpdateCursor.last_update_id, UpdateCursor.recent)
                        )
                    ).one()
                    last, recent = row.last_update_id, _ids(row.recent)
                    verdict = judge(last, recent, update_id, self.keep)
                    yield verdict
                    if verdict is not Verdict.DUPLICATE:
                        await self._record(session, key, last, recent, update_id)
                return
            async with self.sessions() as session:
                found = (
                    await session.execute(
                        select(UpdateCursor.last_update_id, UpdateCursor.recent).where(
                            UpdateCursor.chat_id == key
                        )
                    )
                ).first()
            last, recent = (found.last_update_id, _ids(found.recent)) if found is not None else (0, [])
            verdict = judge(last, recent, update_id, self.keep)
            yield verdict
            if verdict is not Verdict.DUPLICATE:
                async with session_scope(self.sessions) as session:
                    if found is None:
                        session.add(UpdateCursor(chat_id=key, last_update_id=0, recent=""))
                        await session.flush()
                    await self._record(session, key, last, recent, update_id)

    async def _record(
        self, session: AsyncSession, key: int, last: int, recent: list[int], update_id: int
    ) -> None:
        kept = sorted({*recent, update_id})[-self.keep :]
        await session.execute(
            update(UpdateCursor)
            .where(UpdateCursor.chat_id == key)
            .values(
                last_update_id=max(last, update_id),
                recent=",".join(str(i) for i in kept),
                updated_at=utcnow(),
            )
        )


def _ids(text: str) -> list[int]:
    return sorted(int(part) for part in text.split(",") if part)


class _KeyedLocks:
    """An asyncio lock per key, made on demand and forgotten when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @asynccontextmanager
    async def hold(self, key: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key]
                del self._locks[key]
