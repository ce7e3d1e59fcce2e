"""Reminders: planning at scale, and dispatch against the local Bot API stand-in, as ratios from one run.

Run: .venv/bin/python bench/reminders.py [--chats 100000] [--notices 1000] [--burst 150] [--steady 100]
     [--unlimited 2000]

1. Planning (SQLite): chats × 3 subscriptions each (a category, a place, a keyword), then publishing the
   notices plans every reminder set-based. Seconds against the 10 s target, and rows per second.
2. Dispatch with the stand-in enforcing Telegram's limits at 30 messages/s: a burst all due at once gives
   the achieved rate ÷ 30 (target ≥ 0.9) and the number of 429s (target 0); reminders coming due at 27/s
   give the p99 lateness (due → sent).
3. Dispatch with no limit against a stand-in in its own process: achieved rate ÷ the raw rate of
   python-telegram-bot ``send_message`` calls (same concurrency, same server, same run). Target ≥ 0.8.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker  # noqa: E402

from db.engine import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from db.models import Chat, Notice, Period, Place, Reminder, ReminderStatus, Subscription  # noqa: E402
from db.store import notice_values, period_values  # noqa: E402
from jobs.clock import SystemClock  # noqa: E402
from jobs.dispatcher import Dispatcher  # noqa: E402
from jobs.planner import plan_notice, plan_notices  # noqa: E402
from jobs.sender import TelegramSender  # noqa: E402
from notices.categories import Category  # noqa: E402
from notices.model import ParsedNotice  # noqa: E402
from notices.model import Period as DomainPeriod  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
Sessions = async_sessionmaker[AsyncSession]
TOWNS = [f"{a}{b}镇" for a in "东西南北中上下前后新老大小金银" for b in "山河湖林泉石桥岭川田"]
VILLAGES = [f"{t}{c}村" for t in TOWNS[:40] for c in "一二三四五六七八九十"]
WORDS = ["停车场", "学校", "医院", "供暖", "自来水", "燃气", "公交", "地铁", "菜市场", "公园", "体育馆",
         "图书馆", "幼儿园", "养老", "社区", "物业", "拆迁", "施工", "桥梁", "隧道"]  # fmt: skip
# Category subscriptions lean to what people need to hear about; the paper prints mostly other things.
SUB_WEIGHTS = {c: w for c, w in zip(Category, (6, 3, 5, 4, 2, 3, 4, 2, 1, 1, 1, 1, 1, 1), strict=True)}
NOTICE_WEIGHTS = {c: w for c, w in zip(Category, (2, 1, 2, 1, 1, 1, 4, 6, 4, 2, 1, 3, 1, 4), strict=True)}


def _pick(weights: dict[Category, int], rng: random.Random) -> Category:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


async def _fresh_db(directory: Path, name: str) -> tuple[Any, Sessions]:
    engine = make_engine(f"sqlite+aiosqlite:///{directory / name}")
    await upgrade(engine)
    return engine, make_sessionmaker(engine)


# --- 1. planning -------------------------------------------------------------------------------------


async def seed(sessions: Sessions, chats: int, notices: int, today: date, rng: random.Random) -> list[int]:
    async with session_scope(sessions) as session:
        for start in range(0, chats, 20_000):
            ids = range(start + 1, min(start + 20_000, chats) + 1)
            await session.execute(insert(Chat), [{"id": i} for i in ids])
            subs = []
            for i in ids:
                subs.append({"chat_id": i, "kind": "category", "value": _pick(SUB_WEIGHTS, rng).value})
                subs.append({"chat_id": i, "kind": "place", "value": rng.choice(VILLAGES + TOWNS)})
                subs.append({"chat_id": i, "kind": "keyword", "value": rng.choice(WORDS)})
            await session.execute(insert(Subscription), subs)
    ids: list[int] = []
    async with session_scope(sessions) as session:
        for n in range(notices):
            category = _pick(NOTICE_WEIGHTS, rng)
            village = rng.choice(VILLAGES)
            begin = today + timedelta(days=rng.randint(1, 20))
            parsed = ParsedNotice(
                title=f"{category.zh}公告 第{n + 1}号",
                category=category,
                body=f"{village}附近{rng.choice(WORDS)}相关事项，特此公告。编号{n}。",
                published=today,
                periods=[DomainPeriod(begin, begin + timedelta(days=rng.randint(0, 15)))],
                places=[village],
            )
            values = notice_values(parsed, tz=TZ)
            notice_id = (
                await session.execute(insert(Notice).values(**values).returning(Notice.id))
            ).scalar_one()
            period = period_values(parsed.periods[0], position=0, published=today, tz=TZ)
            await session.execute(insert(Period).values(notice_id=notice_id, **period))
            await session.execute(insert(Place).values(notice_id=notice_id, position=0, name=village))
            ids.append(notice_id)
    return ids


async def bench_planning(directory: Path, chats: int, notices: int) -> None:
    rng = random.Random(20220510)
    engine, sessions = await _fresh_db(directory, "plan.sqlite3")
    now = datetime.now(UTC)
    today = now.astimezone(TZ).date()
    ids = await seed(sessions, chats, notices, today, rng)
    single = ids[:20]
    began = time.perf_counter()
    async with session_scope(sessions) as session:
        await plan_notices(session, ids[20:], now=now, tz=TZ)
    bulk_seconds = time.perf_counter() - began
    each = []
    for notice_id in single:
        began = time.perf_counter()
        async with session_scope(sessions) as session:
            await plan_notice(session, notice_id, now=now, tz=TZ)
        each.append(time.perf_counter() - began)
    async with sessions() as session:
        rows = int(await session.scalar(select(func.count()).select_from(Reminder)) or 0)
    await engine.dispose()
    total = bulk_seconds + sum(each)
    print(f"planning  {chats:,} chats × 3 subscriptions × {notices:,} notices → {rows:,} reminders")
    print(f"          {total:.2f} s in all ({total / 10:.2f} of the 10 s target), {rows / total:,.0f} rows/s")
    print(f"          one notice on publish: median {statistics.median(each) * 1000:.0f} ms")


# --- 2. dispatch within Telegram's limits ------------------------------------------------------------


async def _reminders(sessions: Sessions, count: int, first_chat: int, dues: list[datetime]) -> None:
    """``count`` chats, each with one "new" reminder of a fresh notice, due at ``dues[i]``."""
    today = datetime.now(TZ).date()
    parsed = ParsedNotice(
        title="出租", category=Category.RENTAL, body=f"门市房出租 {first_chat}", published=today
    )
    async with session_scope(sessions) as session:
        values = notice_values(parsed, tz=TZ)
        notice_id = (await session.execute(insert(Notice).values(**values).returning(Notice.id))).scalar_one()
        chats = range(first_chat, first_chat + count)
        await session.execute(insert(Chat), [{"id": i} for i in chats])
        await session.execute(
            insert(Reminder),
            [
                {"chat_id": c, "notice_id": notice_id, "event": "new", "due_at": due, "status": "pending"}
                for c, due in zip(chats, dues, strict=True)
            ],
        )


def _lateness(sessions_rows: list[tuple[datetime, datetime]]) -> list[float]:
    return sorted((sent - due).total_seconds() for due, sent in sessions_rows)


async def bench_limited(directory: Path, burst: int, steady: int) -> None:
    from telegram import Bot

    from bot.standin import FloodLimits, StandIn

    engine, sessions = await _fresh_db(directory, "dispatch.sqlite3")
    async with (
        StandIn(flood_limits=FloodLimits()) as server,
        Bot(server.token, base_url=server.base_url) as bot,
    ):
        dispatcher = Dispatcher(sessions, TelegramSender(bot), SystemClock(), tz=TZ, rate=30.0)
        now = datetime.now(UTC)
        await _reminders(sessions, burst, 1, [now] * burst)
        stats = await dispatcher.run_once()
        times = sorted(m.time for m in server.sent)
        achieved = (len(times) - 1) / (times[-1] - times[0])
        burst_429 = server.count_429
        # Steady: reminders come due at 27/s while the dispatcher ticks every 0.2 s.
        start = datetime.now(UTC) + timedelta(seconds=0.5)
        dues = [start + timedelta(seconds=i / 27) for i in range(steady)]
        await _reminders(sessions, steady, 100_000, dues)
        stop = asyncio.Event()
        runner = asyncio.create_task(dispatcher.run_forever(interval=0.2, stop=stop))
        everything = asyncio.Event()
        server.subscribe(lambda _event, _message: len(server.sent) >= burst + steady and everything.set())
        if len(server.sent) < burst + steady:
            await everything.wait()
        stop.set()
        await runner
        async with sessions() as session:
            rows = list(
                await session.execute(
                    select(Reminder.due_at, Reminder.sent_at).where(Reminder.chat_id >= 100_000)
                )
            )
    await engine.dispose()
    late = _lateness([(due, sent) for due, sent in rows])
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
    ratio = achieved / 30
    print(f"limited   {burst} due at once: {achieved:.1f} msg/s = {ratio:.2f} of 30/s (target ≥ 0.9)")
    print(
        f"          429s: {server.count_429} (target 0; {burst_429} in the burst), "
        f"flood waits {stats.flood_waits}"
    )
    print(f"          {steady} due at 27/s: lateness p50 {statistics.median(late):.2f} s, p99 {p99:.2f} s")


# --- 3. no limit: the dispatcher's own cost next to the HTTP call ------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def bench_unlimited(directory: Path, count: int, in_flight: int) -> None:
    from telegram import Bot
    from telegram.constants import ParseMode
    from telegram.request import HTTPXRequest

    from bot.standin import DEFAULT_TOKEN

    port = _free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.standin", "--port", str(port), cwd=ROOT, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert server.stdout is not None
        await server.stdout.readline()
        base = f"http://127.0.0.1:{port}/bot"
        request = HTTPXRequest(connection_pool_size=in_flight * 2)
        async with Bot(DEFAULT_TOKEN, base_url=base, request=request) as bot:
            text = "🆕 <b>出租招租</b>｜出租\n门市房出租\n/notice 1"
            gate = asyncio.Semaphore(in_flight)

            async def one(chat_id: int) -> None:
                async with gate:
                    await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)

            await asyncio.gather(*(one(i) for i in range(1, 51)))  # warm up the connections
            began = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(1, count + 1)))
            raw = count / (time.perf_counter() - began)

            engine, sessions = await _fresh_db(directory, "unlimited.sqlite3")
            await _reminders(sessions, count, 1, [datetime.now(UTC)] * count)
            dispatcher = Dispatcher(
                sessions,
                TelegramSender(bot),
                SystemClock(),
                tz=TZ,
                rate=0,
                max_in_flight=in_flight,
                batch=500,
            )
            began = time.perf_counter()
            stats = await dispatcher.run_once()
            ours = stats.messages / (time.perf_counter() - began)
            async with sessions() as session:
                sent = await session.scalar(
                    select(func.count()).select_from(Reminder).where(Reminder.status == ReminderStatus.SENT)
                )
            await engine.dispose()
    finally:
        server.terminate()
        await server.wait()
    assert sent == count, f"only {sent} of {count} marked sent"
    print(f"unlimited {count} messages, {in_flight} in flight: dispatcher {ours:.0f} msg/s, raw send_message "
          f"{raw:.0f} msg/s → {ours / raw:.2f} (target ≥ 0.8)")  # fmt: skip


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        if args.chats:
            await bench_planning(directory, args.chats, args.notices)
        if args.burst:
            await bench_limited(directory, args.burst, args.steady)
        if args.unlimited:
            await bench_unlimited(directory, args.unlimited, args.in_flight)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chats", type=int, default=100_000, help="0 skips the planning bench")
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--burst", type=int, default=150, help="0 skips the 30/s bench")
    parser.add_argument("--steady", type=int, default=100)
    parser.add_argument("--unlimited", type=int, default=2000, help="0 skips the no-limit bench")
    parser.add_argument("--in-flight", type=int, default=8)
    asyncio.run(main(parser.parse_args()))
