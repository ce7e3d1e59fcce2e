"""SQLite: the update cursors of updates handled at the same time are committed together, and each is
recorded before its turn ends (a restarted process drops every one of them as already handled)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.updates import UpdateGate, Verdict
from tests.conftest import postgres_url


async def test_updates_in_hand_share_a_commit(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    if postgres_url() is not None:
        pytest.skip("SQLite only: on PostgreSQL each turn is a transaction holding the chat's row")
    commits: list[int] = []
    event.listen(engine.sync_engine, "commit", lambda _connection: commits.append(1))
    gate = UpdateGate(sessions)
    handled: list[int] = []

    async def one(chat_id: int, update_id: int) -> None:
        async with gate.turn(chat_id, update_id) as verdict:
            assert verdict is Verdict.NEW
            await asyncio.sleep(0)
            handled.append(update_id)

    await asyncio.gather(*(one(700 + n, 9_000 + n) for n in range(12)))
    assert sorted(handled) == list(range(9_000, 9_012))
    assert 1 <= len(commits) < 12, "the twelve records did not each take a commit of their own"

    again = UpdateGate(sessions)
    for n in range(12):
        async with again.turn(700 + n, 9_000 + n) as verdict:
            assert verdict is Verdict.DUPLICATE, "every record was written before its turn ended"


async def test_a_failed_write_fails_each_update_it_held(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    if postgres_url() is not None:
        pytest.skip("SQLite only")
    gate = UpdateGate(sessions)

    def refuse(*_: object) -> None:
        raise RuntimeError("disk full")

    event.listen(engine.sync_engine, "before_cursor_execute", refuse)

    async def one(chat_id: int) -> None:
        async with gate.turn(chat_id, 1):
            await asyncio.sleep(0)

    outcomes = await asyncio.gather(*(one(800 + n) for n in range(3)), return_exceptions=True)
    assert all(isinstance(outcome, RuntimeError) for outcome in outcomes), outcomes
    event.remove(engine.sync_engine, "before_cursor_execute", refuse)
    async with gate.turn(800, 1) as verdict:
        assert verdict is Verdict.NEW, "an update whose record failed is handled again on retry"
