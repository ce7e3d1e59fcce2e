"""Dispatch across processes: 1, 2 and 4 ``noticebot worker`` processes against the Bot API stand-in
enforcing a global limit (1,000 messages/s, the paid-broadcast rate), as ratios from one run.

Run: DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test .venv/bin/python bench/scale_dispatch.py
     [--limit 1000] [--seconds 5] [--rounds 3] [--workers 1,2,4] [--ceiling]

Each run stores ``limit × seconds`` reminders, all due, one per chat (so only the global limit binds), in a
schema of its own (PostgreSQL) or a fresh file (SQLite, where one worker is all the file allows), starts
the workers with NOTICEBOT_GLOBAL_RATE = the limit, and measures the rate at which the stand-in accepted
messages from the first to the last. Printed per worker count, over interleaved rounds: achieved ÷ limit
(min / median / max; target ≥ 0.9) and the number of 429 answers (target 0). ``--ceiling`` adds runs
with no limit anywhere: what this machine can push at all, the ceiling the ratio is bounded by.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from bot.standin import StandIn  # noqa: E402
from bot.standin.limits import FloodLimits  # noqa: E402
from db.engine import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from db.models import Chat, Reminder  # noqa: E402
from db.store import store_notice  # noqa: E402
from db.url import async_url  # noqa: E402
from notices.categories import Category  # noqa: E402
from notices.model import ParsedNotice  # noqa: E402

BIN = Path(sys.executable).with_name("noticebot")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]


class Database:
    """A fresh database for one run: a schema of its own on PostgreSQL, a new file on SQLite."""

    def __init__(self, url: str, scratch: Path) -> None:
        self.base = url
        self.postgres = async_url(url).get_backend_name() == "postgresql"
        self.schema = f"bench_{uuid.uuid4().hex[:10]}" if self.postgres else None
        self.url = (
            url if self.postgres else f"sqlite+aiosqlite:///{scratch / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
        )

    async def create(self, reminders: int) -> None:
        if self.schema:
            admin = make_engine(self.base)
            async with admin.begin() as connection:
                await connection.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            await admin.dispose()
        engine = make_engine(self.url, schema=self.schema)
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        today = datetime.now(UTC).date()
        notice = ParsedNotice(
            title="出租", category=Category.RENTAL, body="门市房对外出租。", published=today
        )
        async with session_scope(sessions) as session:
            stored = await store_notice(session, notice, tz=UTC, status="published")  # type: ignore[arg-type]
        due = datetime.now(UTC) - timedelta(minutes=1)
        async with session_scope(sessions) as session:
            chats = [{"id": 1_000_000 + i, "language": "en"} for i in range(reminders)]
            rows = [
                {
                    "chat_id": c["id"],
                    "notice_id": stored.id,
                    "event": "new",
                    "due_at": due,
                    "status": "pending",
                }
                for c in chats
            ]
            for start in range(0, reminders, 5000):
                await session.execute(insert(Chat), chats[start : start + 5000])
                await session.execute(insert(Reminder), rows[start : start + 5000])
        await engine.dispose()

    async def drop(self) -> None:
        if self.schema:
            admin = make_engine(self.base)
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            await admin.dispose()

    def env(self) -> dict[str, str]:
        env = {"DATABASE_URL": self.url}
        if self.schema:
            env["NOTICEBOT_DB_SCHEMA"] = self.schema
        return env


async def one_run(
    url: str, scratch: Path, workers: int, limit: float | None, reminders: int
) -> tuple[float, int]:
    """Messages/s the stand-in accepted (first to last arrival) and its 429 answers."""
    database = Database(url, scratch)
    await database.create(reminders)
    flood = FloodLimits(per_second=limit, per_chat_interval=1.0, group_per_minute=20) if limit else None
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_", "DATABASE_"))}
    try:
        async with StandIn(flood_limits=flood) as server:
            env = {
                **base,
                **database.env(),
                "TELEGRAM_BOT_TOKEN": server.token,
                "TELEGRAM_API_BASE_URL": server.url,
                "NOTICEBOT_GLOBAL_RATE": str(limit or 10_000),
                "NOTICEBOT_DISPATCH_IN_FLIGHT": "32",
            }
            processes = [
                await asyncio.create_subprocess_exec(
                    *ENTRY,
                    "worker",
                    "--interval",
                    "0.2",
                    cwd=scratch,
                    env=env,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
                for _ in range(workers)
            ]
            deadline = time.monotonic() + 60 + reminders / (limit or 1000) * 4
            while len(server.sent) < reminders and time.monotonic() < deadline:  # noqa: ASYNC110
                await asyncio.sleep(0.1)
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                await process.wait()
            times = sorted(r.time for r in server.requests() if r.method == "sendMessage" and r.ok)
            refused = server.count_429
    finally:
        await database.drop()
    if len(times) < 2:
        return 0.0, refused
    return (len(times) - 1) / (times[-1] - times[0]), refused


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=float, default=1000.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--ceiling", action="store_true", help="also measure with no limit at all")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "sqlite+aiosqlite:///bench.sqlite3")
    counts = [int(n) for n in args.workers.split(",")]
    if async_url(url).get_backend_name() == "sqlite" and counts != [1]:
        print("SQLite: one dispatching process per file; measuring 1 worker only")
        counts = [1]
    reminders = int(args.limit * args.seconds)
    ratios: dict[int, list[float]] = {n: [] for n in counts}
    ceilings: dict[int, list[float]] = {n: [] for n in counts}
    refused: dict[int, int] = dict.fromkeys(counts, 0)
    backend = async_url(url).get_backend_name()
    print(f"database: {backend}; {reminders} reminders per run, limit {args.limit:g}/s")
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(args.rounds):
            for n in counts:
                rate, count_429 = await one_run(url, Path(scratch), n, args.limit, reminders)
                ratios[n].append(rate / args.limit)
                refused[n] += count_429
                line = (
                    f"round {round_ + 1}, {n} worker(s): {rate:.0f}/s = {rate / args.limit:.2f} × limit, "
                    f"{count_429} × 429"
                )
                if args.ceiling:
                    free, _ = await one_run(url, Path(scratch), n, None, reminders)
                    ceilings[n].append(free / args.limit)
                    line += f"; no limit: {free:.0f}/s"
                print(line, flush=True)
    print(f"\nachieved ÷ limit ({args.limit:g}/s), min / median / max of {args.rounds} interleaved runs:")
    for n in counts:
        row = f"  {n} worker(s): {spread(ratios[n])}   429s: {refused[n]}"
        if args.ceiling:
            row += f"   no-limit ceiling ÷ limit: {spread(ceilings[n])}"
        print(row)
    print("target: ≥ 0.90 with 0 × 429")


if __name__ == "__main__":
    asyncio.run(main())
