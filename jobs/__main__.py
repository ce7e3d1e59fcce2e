"""``python -m jobs dispatch``: the dispatcher on its own, against any Bot API server;
``python -m jobs sweep``: one planning sweep (skipped, saying so, when another process is sweeping).

For operators who run sending apart from the bot, and for the crash test, which kills this process
mid-run and starts it again. Settings come from the options (nothing is read from the environment).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from datetime import timedelta
from zoneinfo import ZoneInfo

from db.dispatch_lock import AlreadyRunning, DispatchLock
from db.engine import make_engine, make_sessionmaker
from jobs.clock import SystemClock
from jobs.dispatcher import Dispatcher
from jobs.sender import TelegramSender


async def dispatch(args: argparse.Namespace) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # a 429's retry_after as timedelta, no warning
    from telegram import Bot
    from telegram.request import HTTPXRequest

    lock = DispatchLock(args.database_url)
    try:
        lock.acquire()
    except AlreadyRunning as error:
        print(error, file=sys.stderr)
        return 3
    engine = make_engine(args.database_url, schema=args.schema)
    sessions = make_sessionmaker(engine)
    request = HTTPXRequest(connection_pool_size=max(8, args.in_flight * 2))
    bot = Bot(args.token, base_url=args.base_url, request=request)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with bot:
            dispatcher = Dispatcher(
                sessions,
                TelegramSender(bot),
                SystemClock(),
                tz=ZoneInfo(args.tz),
                rate=args.rate,
                max_in_flight=args.in_flight,
                lease=timedelta(seconds=args.lease),
                exclusive=lock.held,
                stopping=stop,
            )
            if args.until_idle:
                stats = await dispatcher.run_once()
                print(
                    f"sent {stats.sent} in {stats.messages} messages; recovered {stats.recovered}", flush=True
                )
            else:
                await dispatcher.run_forever(interval=args.interval, stop=stop)
    finally:
        await engine.dispose()
        lock.release()
    return 0


async def sweep_once(args: argparse.Namespace) -> int:
    from db.engine import session_scope
    from jobs.planner import sweep_unless_busy

    engine = make_engine(args.database_url, schema=args.schema)
    try:
        async with session_scope(make_sessionmaker(engine)) as session:
            written = await sweep_unless_busy(
                session, now=SystemClock().now(), tz=ZoneInfo(args.tz), burst=args.burst or None
            )
    finally:
        await engine.dispose()
    if written is None:
        print("busy: another process is planning; nothing done", flush=True)
        return 0
    print(f"planned {written} reminders", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobs", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("dispatch", help="send due reminders")
    run.add_argument("--database-url", required=True)
    run.add_argument("--schema", default=None)
    run.add_argument("--token", required=True)
    run.add_argument("--base-url", default="https://api.telegram.org/bot")
    run.add_argument("--tz", default="Asia/Shanghai")
    run.add_argument("--rate", type=float, default=30.0, help="messages per second overall; 0: no limit")
    run.add_argument("--in-flight", type=int, default=8)
    run.add_argument("--interval", type=float, default=1.0)
    run.add_argument("--lease", type=float, default=60.0, help="seconds a claim holds unrenewed")
    run.add_argument("--until-idle", action="store_true", help="send what is due, then exit")
    plan = sub.add_parser("sweep", help="plan what was published or changed; move the horizon on")
    plan.add_argument("--database-url", required=True)
    plan.add_argument("--schema", default=None)
    plan.add_argument("--tz", default="Asia/Shanghai")
    plan.add_argument("--burst", type=int, default=3, help="burst-list threshold; 0: one message each")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "sweep":
        return asyncio.run(sweep_once(args))
    return asyncio.run(dispatch(args))


if __name__ == "__main__":
    raise SystemExit(main())
