"""Writes of one statement each: committed on their own, and on SQLite made in the loop's thread
without ever blocking it on another connection's write lock."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.state import StateStore, chat_scope
from db.engine import read_connection


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
