"""The delivery guarantee under a crash: a dispatcher process is SIGKILLed while sending 1,000 reminders
to the Bot API stand-in, then started again. Every reminder arrives; duplicates stay within the bound the
dispatcher states (sends in flight plus marks not yet written). On SQLite the restarted process holds the
file's lock, so what the dead one left in ``sending`` is taken over at once; on PostgreSQL, once the dead
one's lease has run out."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

from bot.standin import StandIn
from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus, Subscription
from jobs.clock import SystemClock
from jobs.dispatcher import Dispatcher
from jobs.planner import plan_notice
from jobs.sender import MemorySender
from notices.categories import Category
from notices.model import ParsedNotice
from tests.conftest import env_for, postgres_url
from tests.test_jobs_support import SHANGHAI, Sessions, add_notice

ROOT = Path(__file__).resolve().parents[1]
CHATS = 1000
LEASE = 2.0


async def start_dispatcher(db_url: str, server: StandIn) -> asyncio.subprocess.Process:
    env = env_for(db_url)
    command = [
        sys.executable, "-m", "jobs", "dispatch",
        "--database-url", env["DATABASE_URL"],
        "--token", server.token,
        "--base-url", server.base_url,
        "--rate", "0",
        "--lease", str(LEASE),
        "--until-idle",
    ]  # fmt: skip
    if "NOTICEBOT_DB_SCHEMA" in env:
        command += ["--schema", env["NOTICEBOT_DB_SCHEMA"]]
    return await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )


async def statuses(sessions: Sessions) -> dict[str, int]:
    async with sessions() as session:
        rows = await session.execute(select(Reminder.status, func.count()).group_by(Reminder.status))
        return {status: int(count) for status, count in rows}


async def test_sigkill_mid_run_loses_nothing(sessions: Sessions, db_url: str) -> None:
    today = datetime.now(SHANGHAI).date()
    notice = ParsedNotice(title="出租", category=Category.RENTAL, body="门市房对外出租。", published=today)
    notice_id = await add_notice(sessions, notice)
    async with session_scope(sessions) as session:
        await session.execute(insert(Chat), [{"id": i} for i in range(1, CHATS + 1)])
        subscriptions = [{"chat_id": i, "kind": "category", "value": "rental"} for i in range(1, CHATS + 1)]
        await session.execute(insert(Subscription), subscriptions)
    a_minute_ago = datetime.now(UTC) - timedelta(minutes=1)
    async with session_scope(sessions) as session:
        planned = await plan_notice(session, notice_id, now=a_minute_ago, tz=SHANGHAI)
    assert planned == CHATS
    async with session_scope(sessions) as session:  # all due now, whatever the hour of the day
        await session.execute(update(Reminder).values(due_at=a_minute_ago))

    async with StandIn() as server:
        first = await start_dispatcher(db_url, server)
        for _ in range(3000):
            if len(server.sent) >= CHATS // 3 or first.returncode is not None:
                break
            await asyncio.sleep(0.005)
        assert first.returncode is None, "the dispatcher finished before it could be killed"
        os.kill(first.pid, signal.SIGKILL)
        await first.wait()
        at_kill = await statuses(sessions)
        received_before = len(server.sent)
        assert 0 < received_before < CHATS
        assert at_kill.get(ReminderStatus.SENDING, 0) > 0  # the crash left claimed rows behind

        if postgres_url() is not None:
            await asyncio.sleep(LEASE + 0.2)  # only an expired lease is taken over
        second = await start_dispatcher(db_url, server)
        out, err = await asyncio.wait_for(second.communicate(), timeout=120)
        assert second.returncode == 0, err.decode()

        per_chat = Counter(message.chat.id for message in server.sent)
    assert set(per_chat) == set(range(1, CHATS + 1))
    duplicates = sum(per_chat.values()) - CHATS
    bound = Dispatcher(sessions, MemorySender(), SystemClock(), tz=SHANGHAI).in_flight_bound
    assert duplicates <= bound
    assert duplicates <= at_kill.get(ReminderStatus.SENDING, 0)
    assert await statuses(sessions) == {ReminderStatus.SENT: CHATS}
    assert b"recovered" in out
