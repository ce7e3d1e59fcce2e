"""The bot end to end: the real python-telegram-bot Application polling the local Bot API stand-in over
HTTP, with 10,000 notices stored on the database DATABASE_URL names (SQLite by default).

Run: .venv/bin/python bench/bot.py [--notices 10000] [--updates 400] [--questions 100]

Prints, measured in one run:
- updates per second for a burst of messages from many users (half "/help", half a question), and the
  same burst through a bare echo Application on the same stand-in (the ceiling of PTB + HTTP here):
  ours ÷ echo;
- p50 / p99 reply latency for "what roads are closed" / "哪些路封闭", one question at a time, from the
  moment the update is queued to the moment the reply reaches the stand-in.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bench.database import drop_created, fresh_location
from bench.query import fill
from bot.app import build_application
from bot.settings import Settings
from bot.standin import StandIn
from bot.throttle import Throttle
from db.engine import make_engine, make_sessionmaker, upgrade
from jobs.clock import FixedClock

TZ = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2022, 5, 20, 12, 0, tzinfo=TZ)  # inside the generated data's six years
QUESTIONS = ("what roads are closed", "哪些路封闭")


@asynccontextmanager
async def polling(app: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


async def burst(server: StandIn, count: int, users: int) -> float:
    """Seconds to answer ``count`` updates queued at once by ``users`` users."""
    people = [server.user(f"U{i}", language_code="zh" if i % 2 else "en") for i in range(users)]
    since = server.mark()
    started = time.perf_counter()
    for i in range(count):
        server.user_message(people[i % users], None, "/help" if i % 2 else QUESTIONS[i % 4 // 2])
    await server.wait_for_messages(count=count, since=since, timeout=300)
    return time.perf_counter() - started


async def latencies(server: StandIn, count: int) -> list[float]:
    user = server.user("Asker", language_code="en")
    out: list[float] = []
    for i in range(count):
        since = server.mark()
        started = time.perf_counter()
        server.user_message(user, None, QUESTIONS[i % 2])
        await server.wait_for_messages(user.id, since=since, timeout=30)
        out.append(time.perf_counter() - started)
    return out


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, "ok")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as directory:
        try:
            await run(args, Path(directory))
        finally:
            await drop_created()


async def run(args: argparse.Namespace, directory: Path) -> None:
    url, schema = await fresh_location(directory, "bot")
    engine = make_engine(url, schema=schema)
    await upgrade(engine)
    started = time.perf_counter()
    await fill(engine, args.notices, seed=11)
    print(f"stored {args.notices} notices in {time.perf_counter() - started:.1f} s")
    sessions = make_sessionmaker(engine)

    async with StandIn() as server:
        echo_app = Application.builder().token(server.token).base_url(f"{server.url}/bot").build()
        echo_app.add_handler(MessageHandler(filters.ALL, echo))
        async with polling(echo_app):
            await burst(server, 20, 5)  # warm up
            echo_seconds = await burst(server, args.updates, args.users)

    async with StandIn() as server:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            DATABASE_URL=url,
            NOTICEBOT_DB_SCHEMA=schema,
            TELEGRAM_BOT_TOKEN=server.token,
            TELEGRAM_API_BASE_URL=server.url,
        )
        app = build_application(
            settings,
            sessions,
            clock=FixedClock(MOMENT),
            token=server.token,
            base_url=server.url,
            throttle=Throttle(burst=10**6, rate=10**6),
            concurrency=settings.concurrent_updates,
        )
        async with polling(app):
            await burst(server, 20, 5)  # warm up
            bot_seconds = await burst(server, args.updates, args.users)
            waits = sorted(await latencies(server, args.questions))
    await engine.dispose()

    ours, ceiling = args.updates / bot_seconds, args.updates / echo_seconds
    print(f"burst of {args.updates} updates from {args.users} users (half /help, half a question):")
    print(
        f"  noticebot {ours:7.1f} updates/s   echo bot {ceiling:7.1f} updates/s   ratio {ours / ceiling:.2f}"
    )
    p50 = statistics.median(waits) * 1000
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))] * 1000
    print(f"reply latency for a question with {args.notices} notices stored ({len(waits)} questions):")
    print(f"  p50 {p50:.1f} ms   p99 {p99:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=400)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--questions", type=int, default=100)
    asyncio.run(main(parser.parse_args()))
