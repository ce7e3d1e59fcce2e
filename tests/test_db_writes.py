"""Writes of one statement each: committed on their own, and on SQLite made in the loop's thread
without ever blocking it on another connection's write lock."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.state import StateStore, chat_scope
from db.chats import ChatSettings, create_chat, ensure_chat, get_chat
from db.engine import read_connection, session_scope
from db.models import Chat


async def test_a_write_waits_for_a_transaction_holding_the_lock(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    store, scope = StateStore(sessions), chat_scope(81)
    await store.put(scope, "k", 1)
    async with engine.begin() as holder:
        await holder.execute(text("UPDATE bot_state SET version = version WHERE scope = :s"), {"s": scope})
        write = asyncio.ensure_future(store.put(scope, "k", 2, version=1))
        ticks = 0
        while not write.done() and ticks < 50:  # the loop keeps turning while the write waits
            await asyncio.sleep(0.001)
            ticks += 1
        if engine.dialect.name == "sqlite":
            assert not write.done(), "the write waited for the lock"
    assert await write == 2
    stored = await store.get(scope, "k")
    assert stored is not None
    assert (stored.value, stored.version) == (2, 2)


async def test_many_writes_each_committed(sessions: async_sessionmaker[AsyncSession]) -> None:
    store, scope = StateStore(sessions), chat_scope(82)
    version = await store.put(scope, "n", 0)
    for value in range(1, 150):  # past the writes left to aiosqlite for the checkpoints
        version = await store.put(scope, "n", value, version=version)
    async with read_connection(sessions) as connection:
        row = (
            await connection.execute(
                text("SELECT value, version FROM bot_state WHERE scope = :s AND key = 'n'"), {"s": scope}
            )
        ).one()
    assert (row.value, row.version) == ("149", 150)


async def test_a_new_chat_made_in_one_statement_as_the_session_makes_it(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    made = await create_chat(engine, 83, type="private", title="Ada", language="en")
    assert made == ChatSettings(83, "private", "Ada", "en", None, True)
    assert await create_chat(engine, 83, type="group", title="Other", language="zh") is None
    async with session_scope(sessions) as session:
        await ensure_chat(session, 84, type="private", title="Ada", language="en")
    async with session_scope(sessions) as session:
        rows = [await get_chat(session, chat_id) for chat_id in (83, 84)]
        moments = ("created_at", "updated_at")
        columns = [column.key for column in Chat.__table__.columns if column.key not in ("id", *moments)]
        ours, theirs = ({name: getattr(row, name) for name in columns} for row in rows)
        assert all(getattr(row, name) is not None for row in rows for name in moments)
    assert ours == theirs
