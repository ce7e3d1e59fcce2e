"""Cold start of ``noticebot ask`` ÷ ``python -c "import sqlalchemy"`` (target ≤ 1.5).

Run: [DATABASE_URL=postgresql+asyncpg://…] .venv/bin/python bench/cold.py [--rounds 5] [--runs 3]

The database is made first by ``noticebot ingest notices/examples/*.txt`` (so its schema is current and
the question path opens no Alembic): a SQLite file under ``./data`` of a temporary directory, or on
PostgreSQL a schema of its own (dropped afterwards; ``--in-place`` uses the database itself instead).
Each round runs the baseline and the question alternately, ``--runs`` times each, and takes the minimum
of each; rounds are interleaved so a busy moment of the machine falls on both. Time is CPU time of the
child (user + sys, from ``resource.getrusage(RUSAGE_CHILDREN)`` deltas), which a loaded machine
disturbs less than wall time; the wall-time ratio is printed too.

``--instructions`` counts instructions instead (one run of each under valgrind's cachegrind, with
PYTHONHASHSEED=0): slow, but the same on a busy machine as on an idle one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.database import backend_name, drop_created, fresh_location, server_url  # noqa: E402

QUESTION = "哪些路封闭"
TARGET = 1.5


def spread(values: Sequence[float], digits: int = 2) -> str:
    return (
        f"min {min(values):.{digits}f}  median {statistics.median(values):.{digits}f}  "
        f"max {max(values):.{digits}f}"
    )


def noticebot() -> list[str]:
    """The console entry point next to this interpreter (what people run), else the same call in -c."""
    script = Path(sys.executable).with_name("noticebot")
    found = str(script) if script.exists() else shutil.which("noticebot")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]


def timed(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def instructions(command: list[str], env: dict[str, str], cwd: str) -> int:
    """Instructions executed by one run of ``command`` (valgrind's cachegrind, no cache simulation)."""
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(
        [*valgrind, *command],
        env={**env, "PYTHONHASHSEED": "0"},
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def count(args: argparse.Namespace, env: dict[str, str], cwd: str) -> None:
    """The ratio of instructions executed, one run of each command (they hardly vary)."""
    ask = [*noticebot(), "ask", QUESTION, *(["--at", args.at] if args.at else [])]
    if Path(ask[0]).name == "noticebot":
        ask.insert(0, sys.executable)  # valgrind runs the interpreter, not the script's #! line
    baseline = [sys.executable, "-c", "import sqlalchemy"]
    timed(ask, env, cwd)  # bytecode caches written
    ours, base = instructions(ask, env, cwd), instructions(baseline, env, cwd)
    print(f"{backend_name()}: noticebot ask {QUESTION!r} ÷ import sqlalchemy, instructions executed")
    print(f"  ask {ours:,}  sqlalchemy {base:,}  ratio {ours / base:.3f}   (target ≤ {TARGET})")


def prepare(env: dict[str, str], cwd: str) -> None:
    examples = sorted(str(p) for p in (ROOT / "notices" / "examples").glob("*.txt"))
    subprocess.run([*noticebot(), "ingest", *examples], env=env, cwd=cwd, check=True, capture_output=True)


def measure(args: argparse.Namespace, env: dict[str, str], cwd: str) -> None:
    ask = [*noticebot(), "ask", QUESTION, *(["--at", args.at] if args.at else [])]
    baseline = [sys.executable, "-c", "import sqlalchemy"]
    timed(ask, env, cwd)  # bytecode caches written, the database file in the page cache
    timed(baseline, env, cwd)
    cpu_ratios: list[float] = []
    wall_ratios: list[float] = []
    ours_ms: list[float] = []
    base_ms: list[float] = []
    for round_ in range(args.rounds):
        base: list[tuple[float, float]] = []
        ours: list[tuple[float, float]] = []
        for run in range(args.runs):
            order = [(baseline, base), (ask, ours)]
            for command, into in order if (round_ + run) % 2 == 0 else order[::-1]:
                into.append(timed(command, env, cwd))
        base_cpu, ours_cpu = min(c for c, _ in base), min(c for c, _ in ours)
        base_wall, ours_wall = min(w for _, w in base), min(w for _, w in ours)
        cpu_ratios.append(ours_cpu / base_cpu)
        wall_ratios.append(ours_wall / base_wall)
        ours_ms.append(ours_cpu * 1000)
        base_ms.append(base_cpu * 1000)
        print(
            f"round {round_ + 1}: ask {ours_cpu * 1000:.0f} ms CPU, import sqlalchemy "
            f"{base_cpu * 1000:.0f} ms CPU: {cpu_ratios[-1]:.2f} (wall {wall_ratios[-1]:.2f})",
            flush=True,
        )
    print(f"\n{backend_name()}: noticebot ask {QUESTION!r} ÷ import sqlalchemy, {args.rounds} rounds")
    print(f"  ask CPU ms          {spread(ours_ms, 0)}")
    print(f"  sqlalchemy CPU ms   {spread(base_ms, 0)}")
    print(f"  ratio, CPU time     {spread(cpu_ratios)}   (target ≤ {TARGET})")
    print(f"  ratio, wall time    {spread(wall_ratios)}")


async def location(directory: Path, in_place: bool) -> tuple[str | None, str | None]:
    """DATABASE_URL and NOTICEBOT_DB_SCHEMA for the run (None: unset, SQLite's default file)."""
    pg = server_url()
    if pg is None:
        return None, None
    if in_place:
        return pg, None
    return await fresh_location(directory, "cold")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as directory:
        # Bytecode caches are written (as an installed package has them): a cold start is not a first run.
        unset = ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        try:
            url, schema = await location(Path(directory), args.in_place)
            if url:
                env["DATABASE_URL"] = url
            if schema:
                env["NOTICEBOT_DB_SCHEMA"] = schema
            await asyncio.to_thread(prepare, env, directory)
            await asyncio.to_thread(count if args.instructions else measure, args, env, directory)
        finally:
            await drop_created()


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command per round (minimum)")
    parser.add_argument("--at", help="the moment to ask at (YYYY-MM-DD); the clock when not given")
    parser.add_argument(
        "--in-place", action="store_true", help="on PostgreSQL, use the database itself, not a new schema"
    )
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind instead of CPU time"
    )
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
