"""Shared pieces of the multi-process dispatch tests: an outbox of due reminders, ``noticebot worker``
processes, and the stand-in's record of what arrived checked against Telegram's limits."""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import sys
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bot.standin import StandIn
from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus
from notices.categories import Category
from notices.model import ParsedNotice
from tests.conftest import env_for
from tests.test_jobs_support import SHANGHAI, Sessions, add_notice

BIN = Path(sys.executable).with_name("noticebot")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]


async def seed_outbox(sessions: Sessions, chats: Sequence[tuple[int, str, int]]) -> dict[int, int]:
    """Chats given as (id, type, reminders): each gets that many reminders, all due a minute ago, one
    per notice ("Notice 0", "Notice 1", …). Returns the count expected per chat."""
    today = datetime.now(SHANGHAI).date()
    most = max(count for _id, _type, count in chats)
    notice_ids = []
    for number in range(most):
        notice = ParsedNotice(
            title=f"Notice {number}",
            category=Category.RENTAL,
            body=f"门市房对外出租 {number}。",
            published=today,
        )
        notice_ids.append(await add_notice(sessions, notice))
    due = datetime.now(UTC) - timedelta(minutes=1)
    async with session_scope(sessions) as session:
        await session.execute(
            insert(Chat), [{"id": cid, "type": kind, "language": "en"} for cid, kind, _n in chats]
        )
        rows = [
            {"chat_id": cid, "notice_id": notice_ids[i], "event": "new", "due_at": due, "status": "pending"}
            for cid, _kind, count in chats
            for i in range(count)
        ]
        for start in range(0, len(rows), 2000):
            await session.execute(insert(Reminder), rows[start : start + 2000])
    return {cid: count for cid, _kind, count in chats}


async def statuses(sessions: Sessions) -> dict[str, int]:
    async with sessions() as session:
        rows = await session.execute(select(Reminder.status, func.count()).group_by(Reminder.status))
        return {status: int(count) for status, count in rows}


async def start_worker(
    db_url: str, server: StandIn, cwd: Path, **settings: str
) -> asyncio.subprocess.Process:
    """``noticebot worker`` against the stand-in; its log goes to a file beside the test's data."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_", "DATABASE_"))}
    env = {
        **base,
        **env_for(db_url),
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_BASE_URL": server.url,
        **settings,
    }
    return await asyncio.create_subprocess_exec(
        *ENTRY, "worker", cwd=cwd, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def wait_all_sent(sessions: Sessions, total: int, *, timeout: float) -> None:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        counts = await statuses(sessions)
        if counts.get(ReminderStatus.SENT, 0) >= total:
            return
        if loop.time() > deadline:
            raise AssertionError(f"not all sent within {timeout}s: {counts}")
        await asyncio.sleep(0.25)


def deliveries(server: StandIn) -> list[tuple[float, int, str]]:
    """Every message the stand-in accepted: (arrival, chat id, text)."""
    return [
        (request.time, int(request.params["chat_id"]), str(request.params.get("text", "")))
        for request in server.requests()
        if request.method == "sendMessage" and request.ok
    ]


def max_in_window(times: Sequence[float], window: float) -> int:
    """The most arrivals in any half-open window of ``window`` seconds."""
    best = 0
    recent: deque[float] = deque()
    for at in sorted(times):
        recent.append(at)
        while recent[0] <= at - window:
            recent.popleft()
        best = max(best, len(recent))
    return best


def check_limits(
    sent: Sequence[tuple[float, int, str]], *, rate: int, groups: set[int], jitter: float = 0.02
) -> None:
    """What the stand-in saw keeps Telegram's limits: ``rate`` a second overall, a message a second per
    chat, 20 a minute per group (each window ``jitter`` shorter, as the stand-in reads them)."""
    assert max_in_window([at for at, _c, _t in sent], 1.0 - jitter) <= rate
    per_chat: defaultdict[int, list[float]] = defaultdict(list)
    for at, chat, _text in sent:
        per_chat[chat].append(at)
    for chat, times in per_chat.items():
        times.sort()
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert not gaps or min(gaps) >= 1.0 - jitter, (chat, min(gaps))
        if chat in groups:
            assert max_in_window(times, 60.0 - jitter) <= 20, chat


def per_notice(sent: Sequence[tuple[float, int, str]]) -> Counter[tuple[int, int]]:
    """How often each (chat, notice number) arrived, the notice told by its "Notice N" title."""
    counts: Counter[tuple[int, int]] = Counter()
    for _at, chat, text in sent:
        found = re.search(r"Notice (\d+)", text)
        assert found is not None, text
        counts[(chat, int(found.group(1)))] += 1
    return counts


def explain_429s(server: StandIn) -> list[str]:
    """For each 429 the stand-in answered: how many messages it had accepted in the second before, and
    how long before the same chat had last received one (which limit the sender ran into)."""
    accepted: list[tuple[float, int]] = []
    out = []
    for request in server.requests("sendMessage"):
        chat = int(request.params["chat_id"])
        if request.ok:
            accepted.append((request.time, chat))
        elif request.status == 429:
            in_second = sum(1 for at, _c in accepted if at > request.time - 1.0)
            last = max((at for at, c in accepted if c == chat), default=None)
            gap = f"{request.time - last:.3f}s" if last is not None else "never"
            out.append(f"chat {chat}: {in_second} accepted in the second before; chat's last {gap} before")
    return out
