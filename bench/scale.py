"""Production scale on the database DATABASE_URL names (PostgreSQL for the figures; SQLite works for
small runs): questions against 1,000,000 notices, and updates/s of 1 and 3 web processes.

Run: DATABASE_URL=postgresql+asyncpg://… .venv/bin/python bench/scale.py [--notices 1000000] [--rounds 3]

1. Questions: the notices are generated set-based (INSERT … SELECT generate_series on PostgreSQL; the
   Python rows of bench/query.py on SQLite). One asker alone, then 50 concurrent askers (spread over
   --ask-processes processes), ask a mix of questions ("what roads are closed", "哪些路封闭", a common
   place, a place no notice names, a day, a category) for --seconds each round: p50 / p99 latency
   ÷ the 20 ms target alone, and answers/s with latency under the 50.
2. Updates/s: a burst of updates (half /help, half a question) through a round-robin proxy to web
   processes that receive the stand-in's webhook (the real Application, PTB's webhook server): an echo
   bot in one process, noticebot in one and in three: ours ÷ echo (target ≥ 0.5 per process).
3. ``noticebot ask`` cold start ÷ ``python -c "import sqlalchemy"`` (target ≤ 1.5).

Rounds are interleaved; each ratio is printed as min / median / max over the rounds. Planning and
dispatch at scale have their own benches (bench/scale_dispatch.py, bench/scale_planning.py): the place
to run them from here is ``OTHER_BENCHES`` below.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.database import backend_name, drop_created, fresh_location  # noqa: E402
from bench.webfleet import Fleet  # noqa: E402
from db.engine import make_engine, upgrade  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2022, 5, 20, 12, 0, tzinfo=TZ)  # inside the generated six years
TARGET_MS = 20.0
QUESTIONS = ("what roads are closed", "哪些路封闭", "忠诚村", "青山湖路", "5月20日停电", "出租")

OTHER_BENCHES: Sequence[str] = ()
"""Scripts run after these figures, each with the same DATABASE_URL (bench/scale_dispatch.py and
bench/scale_planning.py when they exist)."""


def spread(values: Sequence[float]) -> str:
    return f"min {min(values):6.2f}  median {statistics.median(values):6.2f}  max {max(values):6.2f}"


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- 1. questions ----------------------------------------------------------------------------------


async def ask_for(url: str, schema: str | None, askers: int, seconds: float, seed: int) -> list[float]:
    """Milliseconds per answer for ``askers`` concurrent askers over ``seconds`` (this process)."""
    from bot.answer import answer_question
    from db.engine import make_sessionmaker

    engine = make_engine(url, schema=schema, pool_size=askers, max_overflow=0)
    sessions = make_sessionmaker(engine)
    rng = random.Random(seed)
    times: list[float] = []
    stop = time.perf_counter() + seconds

    async def asker() -> None:
        while time.perf_counter() < stop:
            question = rng.choice(QUESTIONS)
            began = time.perf_counter()
            async with sessions() as session:
                await answer_question(session, question, now=MOMENT, tz=TZ)
            times.append((time.perf_counter() - began) * 1000)

    async with sessions() as session:  # warm the statement caches
        for question in QUESTIONS:
            await answer_question(session, question, now=MOMENT, tz=TZ)
    await asyncio.gather(*(asker() for _ in range(askers)))
    await engine.dispose()
    return times


def questions_round(
    url: str, schema: str | None, args: argparse.Namespace, seed: int, *, askers: int | None = None
) -> list[float]:
    """``askers`` (default --askers) spread over processes; all their latencies."""
    askers = args.askers if askers is None else askers
    processes = min(args.ask_processes, askers)
    per = [askers // processes + (i < askers % processes) for i in range(processes)]
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--ask-child", json.dumps([url, schema, n, args.seconds, seed + i])],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i, n in enumerate(per)
    ]
    times: list[float] = []
    for child in children:
        out, _ = child.communicate(timeout=args.seconds + 120)
        times += json.loads(out.strip().splitlines()[-1])
    return times


# --- 3. cold start ---------------------------------------------------------------------------------


def cold_start(url: str, schema: str | None) -> float:
    env = {**os.environ, "DATABASE_URL": url}
    if schema:
        env["NOTICEBOT_DB_SCHEMA"] = schema
    noticebot = [
        sys.executable,
        "-c",
        "from bot.cli import main; main()",
        "ask",
        "哪些路封闭",
        "--at",
        "2022-05-20",
    ]

    def timed(command: list[str]) -> float:
        began = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())
        return time.perf_counter() - began

    baseline = min(timed([sys.executable, "-c", "import sqlalchemy"]) for _ in range(3))
    ours = min(timed(noticebot) for _ in range(3))
    return ours / baseline


# --- driver ----------------------------------------------------------------------------------------


async def fill(url: str, schema: str | None, count: int) -> None:
    engine = make_engine(url, schema=schema)
    await upgrade(engine)
    began = time.perf_counter()
    if engine.dialect.name == "postgresql":
        from bench.scale_data import generate

        await generate(engine, count)
    else:
        from bench.query import fill as fill_rows

        await fill_rows(engine, count, seed=7)
    print(
        f"generated {count:,} notices on {backend_name()} in {time.perf_counter() - began:.1f} s", flush=True
    )
    await engine.dispose()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as directory:
        try:
            url, schema = await fresh_location(Path(directory), "scale")
            await fill(url, schema, args.notices)
            await measure(url, schema, args)
        finally:
            await drop_created()


async def measure(url: str, schema: str | None, args: argparse.Namespace) -> None:
    p50s: list[float] = []
    p99s: list[float] = []
    alone50: list[float] = []
    alone99: list[float] = []
    throughput: list[float] = []
    per_process: list[float] = []
    three: list[float] = []
    colds: list[float] = []
    rates: dict[str, list[float]] = {"echo": [], "ours x1": [], "ours x3": []}
    for round_ in range(args.rounds):
        alone = await asyncio.to_thread(questions_round, url, schema, args, seed=round_ * 100 + 50, askers=1)
        alone50.append(percentile(alone, 0.5))
        alone99.append(percentile(alone, 0.99))
        times = await asyncio.to_thread(questions_round, url, schema, args, seed=round_ * 100)
        p50s.append(percentile(times, 0.5))
        p99s.append(percentile(times, 0.99))
        throughput.append(len(times) / args.seconds)
        print(
            f"round {round_ + 1}: one asker p50 {alone50[-1]:.1f} ms, p99 {alone99[-1]:.1f} ms; "
            f"{args.askers} askers: {len(times)} answers, p50 {p50s[-1]:.1f} ms, p99 {p99s[-1]:.1f} ms",
            flush=True,
        )
        if args.updates:
            measured = {}
            order: list[tuple[str, Callable[[], Fleet]]] = [
                ("echo", lambda: Fleet(url, schema, processes=1, echo=True)),
                ("ours x1", lambda: Fleet(url, schema, processes=1)),
                ("ours x3", lambda: Fleet(url, schema, processes=3)),
            ]
            for name, make in order[round_ % 3 :] + order[: round_ % 3]:
                async with make() as fleet:
                    measured[name] = await fleet.burst(args.updates, users=args.users)
                rates[name].append(measured[name])
            per_process.append(measured["ours x1"] / measured["echo"])
            three.append(measured["ours x3"] / measured["ours x1"])
            print(
                "  updates/s: " + ", ".join(f"{k} {v:.0f}" for k, v in measured.items()),
                flush=True,
            )
        colds.append(await asyncio.to_thread(cold_start, url, schema))

    print(f"\n{backend_name()}, {args.notices:,} notices, {args.rounds} interleaved rounds")
    print("questions, one asker at a time:")
    print(f"  p50 ms              {spread(alone50)}")
    print(f"  p99 ms              {spread(alone99)}")
    print(f"  p99 ÷ 20 ms target  {spread([p / TARGET_MS for p in alone99])}")
    print(f"questions, {args.askers} concurrent askers over {args.ask_processes} processes:")
    print(f"  answers/s           {spread(throughput)}")
    print(f"  p50 ms              {spread(p50s)}")
    print(f"  p99 ms              {spread(p99s)}")
    print(f"  p99 ÷ 20 ms target  {spread([p / TARGET_MS for p in p99s])}")
    if args.updates:
        print(f"updates/s, a burst of {args.updates} (half /help, half a question) via webhook + proxy:")
        for name, values in rates.items():
            print(f"  {name:18}  {spread(values)}")
        print(f"  ours x1 ÷ echo      {spread(per_process)}   (target ≥ 0.5)")
        print(f"  ours x3 ÷ ours x1   {spread(three)}")
    print(f"cold start: noticebot ask ÷ import sqlalchemy  {spread(colds)}   (target ≤ 1.5)")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--askers", type=int, default=50)
    parser.add_argument("--ask-processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0, help="asking time per round")
    parser.add_argument("--updates", type=int, default=600, help="updates per burst (0: skip)")
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--ask-child", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse()
    if arguments.ask_child:
        url_, schema_, askers_, seconds_, seed_ = json.loads(arguments.ask_child)
        print(json.dumps(asyncio.run(ask_for(url_, schema_, askers_, seconds_, seed_))))
    else:
        asyncio.run(main(arguments))
        for script in OTHER_BENCHES:
            subprocess.run([sys.executable, str(ROOT / "bench" / script)], check=False)
