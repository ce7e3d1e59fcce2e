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
from array import array
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from enum import Enum
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Update
from telegram.ext import BaseUpdateProcessor

from db.models import UpdateCursor, utcnow
from db.reader import lending


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


def judge(last: int, recent: Sequence[int], update_id: int, keep: int) -> Verdict:
    if update_id in recent or (len(recent) >= keep and update_id < recent[0]):
        return Verdict.DUPLICATE  # older than every remembered one: too old to tell, so not again
    return Verdict.LATE if update_id < last else Verdict.NEW


class UpdateGate:
    """Across processes: one update of a chat at a time, and each update once.

    Web processes behind a load balancer may each get updates of the same chat. ``turn`` waits for the
    chat's turn (in the process, and on PostgreSQL for a row lock on the chat's ``update_cursors`` row,
    held until the update is handled), then judges the update against the ids handled before. The
    update is recorded only once handled, so a delivery that failed half-way is handled on retry.

    Every update passes here, so the gate is two round trips on PostgreSQL: the transaction's BEGIN and
    one statement that takes the lock, judges and records the update (:data:`_TURN_SQL`) go together in
    one simple-protocol message, and the COMMIT after the update is handled (a failure rolls the record
    back). The statement answers through its row count, so the message needs no parameters: the values
    in it are integers and a timestamp this module formats.

    On SQLite one process serves the database (a second one is refused), so the process's own lock is
    the whole turn, and the cursors it read or wrote are kept in memory (:class:`_Cursors`): one write
    per update, after it is handled, committed together with those of the other updates handled
    meanwhile (:class:`_GroupWrites`).
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, keep: int = 64) -> None:
        self.sessions = sessions
        self.keep = keep
        bind = sessions.kw.get("bind")
        if not isinstance(bind, AsyncEngine):
            raise TypeError("UpdateGate needs sessions bound to an AsyncEngine")
        self.engine = bind
        self.row_locks = bind.dialect.name == "postgresql"
        self._turn = _TURN_SQL.replace("{keep}", str(int(keep)))
        self._locks = _KeyedLocks()
        self._cursors = _Cursors()
        self._records = _GroupWrites(bind)

    @asynccontextmanager
    async def turn(self, key: int, update_id: int) -> AsyncIterator[Verdict]:
        async with self._locks.hold(key):
            if self.row_locks:
                async with self._row_turn(key, update_id) as verdict:
                    yield verdict
                return
            found: tuple[int, Sequence[int]] | None = self._cursors.get(key)
            if found is None:
                async with self.engine.connect() as connection:
                    row = (await connection.execute(_READ, {"chat_id": key})).first()
                found = (row.last_update_id, _ids(row.recent)) if row is not None else (0, [])
            last, recent = found
            verdict = judge(last, recent, update_id, self.keep)
            yield verdict
            if verdict is not Verdict.DUPLICATE:
                kept, newest = sorted({*recent, update_id})[-self.keep :], max(last, update_id)
                values = {
                    "chat_id": key,
                    "last_update_id": newest,
                    "recent": ",".join(str(i) for i in kept),
                    "updated_at": utcnow(),
                }
                self._cursors.forget(key)  # until the write is known to have happened
                await self._records.write(values)
                self._cursors.put(key, (newest, kept))
            else:
                self._cursors.put(key, found)

    @asynccontextmanager
    async def _row_turn(self, key: int, update_id: int) -> AsyncIterator[Verdict]:
        """PostgreSQL: BEGIN and the turn's statement in one message, the COMMIT once handled.

        The transaction is driven on the driver's connection, beside SQLAlchemy's (which sees none of
        it and has none to end); a connection whose transaction could not be ended is discarded."""
        script = self._turn.format(chat_id=int(key), update_id=int(update_id), now=_literal(utcnow()))
        async with self.engine.connect() as connection:
            driver: Any = (await connection.get_raw_connection()).driver_connection
            try:
                status = await driver.execute(script)
                # SQLAlchemy must begin no transaction of its own inside the driver's
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                async with lending(connection, self.engine.sync_engine):
                    yield _verdict(status)
            except BaseException:
                await _end(connection, driver, "ROLLBACK")
                raise
            if await _end(connection, driver, "COMMIT") == "ROLLBACK":
                # A read on the lent connection failed and aborted the transaction, record and all:
                # the update was handled all the same, so it is recorded again.
                try:
                    await driver.execute(script)
                except BaseException:
                    await _end(connection, driver, "ROLLBACK")
                    raise
                await _end(connection, driver, "COMMIT")


async def _end(connection: AsyncConnection, driver: Any, command: str) -> str | None:
    """COMMIT or ROLLBACK on the driver's connection, and the server's word for what it did (a COMMIT
    of an aborted transaction says ROLLBACK); if that fails the connection leaves the pool."""
    try:
        return str(await driver.execute(command))
    except BaseException:
        await connection.invalidate()
        if command == "COMMIT":
            raise
        return None


def _verdict(status: str) -> Verdict:
    """The verdict :data:`_TURN_SQL` gives through its row count (``SELECT n``)."""
    rows = int(status.rsplit(" ", 1)[-1])
    return (Verdict.DUPLICATE, Verdict.NEW, Verdict.LATE)[rows]


def _literal(moment: datetime) -> str:
    return f"TIMESTAMP '{moment.replace(tzinfo=None).isoformat(sep=' ')}'"


_CURSORS = cast(Table, UpdateCursor.__table__)
_READ = select(_CURSORS.c.last_update_id, _CURSORS.c.recent).where(_CURSORS.c.chat_id == bindparam("chat_id"))
_upsert = sqlite_insert(_CURSORS)
_RECORD = _upsert.on_conflict_do_update(
    index_elements=["chat_id"],
    set_={name: _upsert.excluded[name] for name in ("last_update_id", "recent", "updated_at")},
)
"""SQLite: the chat's cursor after an update was handled, whether or not it had a row."""

_TURN_SQL = """
BEGIN;
WITH turn AS (
INSERT INTO update_cursors AS c (chat_id, last_update_id, recent, updated_at)
VALUES ({chat_id}, {update_id}, '{update_id}', {now})
ON CONFLICT (chat_id) DO UPDATE SET
    last_update_id = GREATEST(c.last_update_id, EXCLUDED.last_update_id),
    recent = (
        SELECT string_agg(kept.id::text, ',' ORDER BY kept.id)
        FROM (
            SELECT DISTINCT t.id
            FROM unnest(string_to_array(c.recent, ',')::bigint[] || EXCLUDED.last_update_id) AS t(id)
            ORDER BY t.id DESC
            LIMIT {keep}
        ) AS kept
    ),
    updated_at = EXCLUDED.updated_at
WHERE NOT (
    EXCLUDED.last_update_id = ANY(string_to_array(c.recent, ',')::bigint[])
    OR (
        cardinality(string_to_array(c.recent, ',')) >= {keep}
        AND EXCLUDED.last_update_id < (
            SELECT min(t.id) FROM unnest(string_to_array(c.recent, ',')::bigint[]) AS t(id)
        )
    )
)
RETURNING c.last_update_id
)
SELECT 1 FROM turn UNION ALL SELECT 1 FROM turn WHERE turn.last_update_id > {update_id}
"""
"""PostgreSQL: the chat's turn in one statement, after the BEGIN of its transaction. The INSERT creates
the chat's row or locks it (ON CONFLICT DO UPDATE locks the conflicting row whether or not its WHERE
holds, after waiting for the process that holds it), and judges the update as :func:`judge` does: a
duplicate fails the WHERE and returns no row; any other is recorded (the newest id, the ``keep`` most
recent ids) and returns the newest id, which is above the update's own only for a late one. So the
SELECT gives 0 rows for a duplicate, 1 for a new update, 2 for a late one."""


def _ids(text: str) -> list[int]:
    return sorted(int(part) for part in text.split(",") if part)


class _Cursors:
    """SQLite: the cursors of the chats seen lately (the process is the database's only writer). The
    ids are kept as 8-byte integers: a busy chat has ``keep`` of them."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[int, array[int]]] = OrderedDict()

    def get(self, key: int) -> tuple[int, Sequence[int]] | None:
        return self._entries.get(key)

    def put(self, key: int, cursor: tuple[int, Sequence[int]]) -> None:
        self._entries[key] = (cursor[0], array("q", cursor[1]))
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def forget(self, key: int) -> None:
        self._entries.pop(key, None)


class _GroupWrites:
    """SQLite: the cursors of updates handled at about the same time written in one transaction.

    A write waits until the transaction holding it has committed, as a write of its own would (so an
    update is still answered only once it is recorded), but the updates in hand share the commit and
    the trips to aiosqlite's thread: one write of its own cost a busy web process more CPU than
    answering "/help". Each chat has one update in hand at a time (``UpdateGate.turn``), so a batch
    holds at most one row per chat."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._pending: list[dict[str, Any]] = []
        self._done: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None

    async def write(self, values: dict[str, Any]) -> None:
        loop = asyncio.get_running_loop()
        self._pending.append(values)
        if self._done is None:
            self._done = loop.create_future()
            # read even when every writer waiting on it was cancelled, so its failure is not reported
            # a second time as never retrieved
            self._done.add_done_callback(lambda done: done.cancelled() or done.exception())
        done = self._done
        if self._task is None:
            self._task = loop.create_task(self._flush())
        await asyncio.shield(done)

    async def _flush(self) -> None:
        """Write batch after batch until none is waiting; a failed batch fails each of its writes."""
        done: asyncio.Future[None] | None = None
        try:
            while self._pending:
                batch, done = self._pending, self._done
                self._pending, self._done = [], None
                assert done is not None
                try:
                    async with self.engine.begin() as connection:
                        await connection.execute(_RECORD, batch)
                except Exception as error:
                    done.set_exception(error)
                else:
                    done.set_result(None)
        finally:
            self._task = None
            # stopped half-way (cancelled as the loop closes): the writes waiting end too
            for left in (done, self._done):
                if left is not None and not left.done():
                    left.cancel()
            self._pending, self._done = [], None


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
