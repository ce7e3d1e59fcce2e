"""PostgreSQL: an update's reads run on the connection that holds its turn (no checkout of their own),
and a read that fails there leaves the update recorded and the reads after it working."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.updates import UpdateGate, Verdict
from db.engine import read_connection
from tests.conftest import postgres_url

pytestmark = pytest.mark.skipif(postgres_url() is None, reason="PostgreSQL only: SQLite has no turn to lend")


def _checkouts(engine: AsyncEngine) -> list[int]:
    counted: list[int] = []
    event.listen(engine.sync_engine.pool, "checkout", lambda *_: counted.append(1))
    return counted


async def _read(sessions: async_sessionmaker[AsyncSession], value: int) -> int:
    async with read_connection(sessions) as connection:
        return int((await connection.execute(text("SELECT CAST(:v AS integer)"), {"v": value})).scalar_one())


async def test_reads_in_a_turn_take_no_connection_of_their_own(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    gate = UpdateGate(sessions)
    counted = _checkouts(engine)
    async with gate.turn(4_101, 1) as verdict:
        assert verdict is Verdict.NEW
        assert [await _read(sessions, n) for n in (3, 4)] == [3, 4]
    assert len(counted) == 1, "the reads checked out a connection beside the turn's"
    await _read(sessions, 5)
    assert len(counted) == 2, "after the turn a read takes a connection again"


async def test_reads_at_the_same_time_share_nothing(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    gate = UpdateGate(sessions)
    async with gate.turn(4_102, 1):
        found = await asyncio.gather(*(_read(sessions, n) for n in range(4)))
    assert found == [0, 1, 2, 3]


async def test_a_failed_read_leaves_the_update_recorded(
    engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]
) -> None:
    gate = UpdateGate(sessions)
    async with gate.turn(4_103, 7) as verdict:
        assert verdict is Verdict.NEW
        with pytest.raises(DBAPIError):
            async with read_connection(sessions) as connection:
                await connection.execute(text("SELECT 1 / 0"))
        assert await _read(sessions, 6) == 6, "a read after the failed one failed too"
    async with gate.turn(4_103, 7) as verdict:
        assert verdict is Verdict.DUPLICATE, "the update handled was not recorded"
    async with gate.turn(4_103, 8) as verdict:
        assert verdict is Verdict.NEW
