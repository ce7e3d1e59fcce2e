"""Several ``noticebot worker`` processes on one PostgreSQL, sending to the Bot API stand-in with Telegram's
limits enforced (it answers 429 past them): every reminder arrives exactly once, and the limits hold for
all workers together. A worker killed mid-run loses nothing: once its lease has run out the others send
what it had claimed, with duplicates within the bound the README states."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.standin import StandIn
from bot.standin.limits import FloodLimits
from db.models import Reminder, ReminderStatus
from tests.conftest import postgres_url
from tests.test_jobs_support import Sessions
from tests.workers_support import (
    check_limits,
    deliveries,
    explain_429s,
    per_notice,
    seed_outbox,
    start_worker,
    statuses,
    wait_all_sent,
)

pytestmark = pytest.mark.skipif(postgres_url() is None, reason="several dispatch processes need PostgreSQL")

RATE = 100
"""The global limit of these tests: high enough to send 5,000 in about a minute, low enough that four
workers on a busy two-core machine can keep it."""
IN_FLIGHT = 8
FLUSH_EVERY = 16
"""``Dispatcher.flush_every``: marks written together."""


async def stop_all(workers: list[asyncio.subprocess.Process]) -> list[str]:
    """SIGTERM every worker still running; each must finish cleanly. Returns their logs."""
    for worker in workers:
        if worker.returncode is None:
            worker.send_signal(signal.SIGTERM)
    logs = []
    for worker in workers:
        out, _ = await asyncio.wait_for(worker.communicate(), timeout=30)
        logs.append(out.decode(errors="replace"))
        if worker.returncode != -signal.SIGKILL:
            assert worker.returncode == 0, logs[-1]
            assert "Traceback" not in logs[-1], logs[-1]
    return logs


@contextlib.contextmanager
def steady_receiver() -> Iterator[None]:
    """The stand-in judges the limits by when it reads each request; a garbage collection pass in this
    process (thousands of stored requests and messages) would hold the reading up and then read the
    waiting requests together, a burst no sender made. Collection waits until the run is over."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_four_workers_send_5000_exactly_once_within_the_limits(
    sessions: Sessions, db_url: str, tmp_path: Path
) -> None:
    groups = [(-1001000000000 - i, "supergroup", 25) for i in range(5)]
    private = [(10_000 + i, "private", 5) for i in range(975)]
    expected = await seed_outbox(sessions, groups + private)
    total = sum(expected.values())
    assert total == 5000
    limits = FloodLimits(per_second=RATE, per_chat_interval=1.0, group_per_minute=20)
    async with StandIn(flood_limits=limits) as server:
        settings = {"NOTICEBOT_GLOBAL_RATE": str(RATE), "NOTICEBOT_DISPATCH_IN_FLIGHT": str(IN_FLIGHT)}
        workers = [await start_worker(db_url, server, tmp_path, **settings) for _ in range(4)]
        try:
            with steady_receiver():
                await wait_all_sent(sessions, total, timeout=110)
        finally:
            logs = await stop_all(workers)
        sent = deliveries(server)
        assert server.count_429 == 0, explain_429s(server)
    counts = per_notice(sent)
    assert sum(counts.values()) == total, "no duplicates"
    assert set(counts.values()) == {1}
    assert {chat: sum(1 for c, _n in counts if c == chat) for chat in expected} == expected
    check_limits(sent, rate=RATE, groups={cid for cid, _t, _n in groups})
    # the work was shared, and every worker said goodbye after giving its claims back
    async with sessions() as session:
        owners = set(await session.scalars(select(Reminder.claimed_by).distinct()))
    assert len(owners) >= 2
    assert all("stopped" in log for log in logs)
    assert await statuses(sessions) == {ReminderStatus.SENT: total}


async def test_a_killed_workers_claims_go_to_the_others_after_its_lease(
    sessions: Sessions, db_url: str, tmp_path: Path
) -> None:
    lease = 3.0
    expected = await seed_outbox(sessions, [(20_000 + i, "private", 4) for i in range(250)])
    total = sum(expected.values())
    rate = 200
    limits = FloodLimits(per_second=rate, per_chat_interval=1.0, group_per_minute=20)
    async with StandIn(flood_limits=limits) as server:
        settings = {
            "NOTICEBOT_GLOBAL_RATE": str(rate),
            "NOTICEBOT_DISPATCH_IN_FLIGHT": str(IN_FLIGHT),
            "NOTICEBOT_LEASE_SECONDS": str(lease),
        }
        workers = [await start_worker(db_url, server, tmp_path, **settings) for _ in range(3)]
        try:
            victim = workers[0]
            held: list[int] = []
            for _ in range(400):
                async with sessions() as session:
                    held = list(
                        await session.scalars(
                            select(Reminder.id).where(
                                Reminder.status == ReminderStatus.SENDING,
                                Reminder.claimed_by.like(f"%:{victim.pid}:%"),
                            )
                        )
                    )
                if len(held) >= 20 and len(deliveries(server)) >= total // 5:
                    break
                await asyncio.sleep(0.05)
            os.kill(victim.pid, signal.SIGKILL)
            await victim.wait()
            killed_at = server.requests()[-1].time
            async with sessions() as session:
                held = list(
                    await session.scalars(
                        select(Reminder.id).where(
                            Reminder.status == ReminderStatus.SENDING,
                            Reminder.claimed_by.like(f"%:{victim.pid}:%"),
                        )
                    )
                )
            assert held, "the killed worker held claims"
            with steady_receiver():
                await wait_all_sent(sessions, total, timeout=90)
        finally:
            await stop_all(workers)
        sent = deliveries(server)
        assert server.count_429 == 0, explain_429s(server)
    counts = per_notice(sent)
    assert {chat for chat, _n in counts} == set(expected)
    assert len(counts) == total, "every reminder arrived"
    duplicates = sum(counts.values()) - total
    assert duplicates <= IN_FLIGHT + FLUSH_EVERY, duplicates
    check_limits(sent, rate=rate, groups=set())
    async with sessions() as session:
        rows = (
            await session.execute(
                select(Reminder.status, Reminder.claimed_by, Reminder.sent_at).where(Reminder.id.in_(held))
            )
        ).all()
    assert {status for status, _by, _at in rows} == {ReminderStatus.SENT}
    taken_over = [at for _s, by, at in rows if f":{victim.pid}:" not in (by or "")]
    assert taken_over, "the others sent what the killed worker had claimed"
    assert min(at.timestamp() for at in taken_over) >= killed_at + lease * 0.5
