"""Web processes behind a load balancer: updates per second of 1 and of 3 ``noticebot run --webhook
--no-scheduler`` processes, each against the same number of bare echo processes on the same machine.

Starts the local Bot API stand-in (where replies go), a round-robin proxy, and the processes; posts a
burst of updates from many users (half "/help", half "what roads are closed") to the proxy with many
requests in flight, as Telegram does, and times until every one is answered (a web process answers
once the update is handled). The echo process parses the update and sends its text back with
python-telegram-bot, and nothing else. It is measured twice: on the library's default client (httpx,
form bodies), and on ``bot.request.AiohttpRequest`` (aiohttp, JSON bodies), the client the bot sends
with.

The fair baseline is the aiohttp echo: it parses the same update with the same library, sends through
the same client and is served by the same aiohttp server as the bot, so what separates the two is the
bot's own work (the database, its handlers, the answer). The httpx echo is slower only because its
client costs ~3 ms of CPU per reply; "bot ÷ echo (httpx)" above 1 says the bot chose a cheaper client,
not that it answers as cheaply as an echo. The rates of the aiohttp echo are bounded by this script's
own process (proxy, stand-in and senders in one Python process), not by the echo, so the figure per
process is also given by CPU time: echo ms per update ÷ bot ms per update, the share of an echo's
capacity one bot process has on the same core.

The bot runs on a clock that starts at noon on 2022-05-20 (``--at`` another day), inside the six years
of generated notices, and the answers to the question are counted: how many notices each listed
(mean), and how many listed none, so the figures are those of a real answer.

Runs on the database DATABASE_URL names (a schema of its own on
PostgreSQL, dropped afterwards); on SQLite only the single process is measured (SQLite serves one
process).

    .venv/bin/python bench/web.py [--updates 600] [--in-flight 32] [--notices 2000] [--rounds 3]
                                  [--at YYYY-MM-DD] [--profile DIR]

Prints updates/s per configuration (min / median / max over interleaved rounds), ours ÷ each echo,
and the CPU time per update of the web processes (and of the echo processes) during the bursts, read
from ``/proc``: steadier than the rates on a shared machine. ``--profile DIR`` runs each bot process under
cProfile (CPU time, from the first update on) and leaves one ``.prof`` file per process there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
from aiohttp import web
from sqlalchemy import text

from bench.query import fill
from bot.runner import token_secret
from bot.standin import StandIn
from bot.standin.objects import StoredMessage
from db.engine import make_engine, upgrade

QUESTIONS = ("/help", "what roads are closed")
ECHO = """
import asyncio, sys
from aiohttp import web
from telegram import Bot, Update

async def main(port, token, base, client):
    request = None
    if client == "aiohttp":
        from bot.request import AiohttpRequest
        request = AiohttpRequest()
    async with Bot(token, base_url=base + "/bot", request=request) as bot:
        async def hook(request):
            update = Update.de_json(await request.json(), bot)
            await bot.send_message(update.effective_chat.id, update.effective_message.text)
            return web.Response(text="ok")
        app = web.Application()
        app.router.add_post("/hook", hook)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        print("Ctrl-C to stop", flush=True)
        await asyncio.Event().wait()

asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]))
"""
BOT = """
import cProfile, signal, sys, time
from datetime import UTC, datetime
import jobs.clock
from bot.cli import main

start, out = datetime.fromisoformat(sys.argv.pop(1)), sys.argv.pop(1)
offset = start - datetime.now(UTC)

class BenchClock(jobs.clock.SystemClock):
    def now(self):
        return datetime.now(UTC) + offset

jobs.clock.SystemClock = BenchClock
if out:
    profiler = cProfile.Profile(time.process_time)
    signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
    try:
        main()
    finally:
        profiler.disable()
        profiler.dump_stats(out)
else:
    main()
"""
"""``noticebot run`` on a clock that starts at the moment its first argument names and runs at the real
pace: ``run`` takes the system clock, and on it (December 2026) "what roads are closed" would find
nothing in the generated data, so the bench would time the empty answer. With a second argument, the
process runs under cProfile from SIGUSR1 on (sent once it is ready: the start-up is left out), timed
by its CPU time: on a shared machine, wall-clock time charges a call with the time the process waited
for a core (a send that wakes the receiver, which then runs first)."""
MOMENT = datetime(2022, 5, 20, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
"""Where the bot's clock starts unless ``--at`` says otherwise: inside the six years of the notices
``bench.query`` generates."""
STARTED = time.time()
ITEM = re.compile(r"^#\d+ ", re.MULTILINE)
"""The first line of a notice listed in an answer (``notices.render.format_notice_entry``)."""
ECHOES = {"echo": "httpx", "echo-aiohttp": "aiohttp"}
"""The echo processes by kind, and the Bot API client each sends with: the library's default (what the
target is stated against), and the bot's own (``bot.request``: like for like)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Proxy:
    """Round robin over the backends, many requests at once."""

    def __init__(self) -> None:
        self.backends: list[int] = []
        self.turn = 0
        self.app = web.Application()
        self.app.router.add_post("/hook", self.forward)
        self.runner = web.AppRunner(self.app, access_log=None)
        self.port = free_port()
        self.client: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Proxy:
        self.client = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.runner.cleanup()
        if self.client is not None:
            await self.client.close()

    async def forward(self, request: web.Request) -> web.Response:
        assert self.client is not None
        port = self.backends[self.turn % len(self.backends)]
        self.turn += 1
        headers = {
            k: v for k, v in request.headers.items() if k.lower().startswith(("x-telegram", "content-type"))
        }
        async with self.client.post(
            f"http://127.0.0.1:{port}/hook", data=await request.read(), headers=headers
        ) as r:
            return web.Response(status=r.status, body=await r.read())


async def wait_line(process: asyncio.subprocess.Process, needle: str, timeout: float = 120) -> None:  # noqa: ASYNC109
    assert process.stdout is not None

    async def read() -> None:
        assert process.stdout is not None
        async for raw in process.stdout:
            if needle in raw.decode(errors="replace"):
                return
        raise RuntimeError("a process exited before it was ready")

    await asyncio.wait_for(read(), timeout)


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time so far of the processes ``pids`` (None where ``/proc`` is not there)."""
    total = 0.0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


@asynccontextmanager
async def processes(
    kind: str,
    count: int,
    server: StandIn,
    proxy: Proxy,
    env: dict[str, str],
    workdir: str,
    moment: datetime,
    profile: str | None = None,
) -> AsyncIterator[list[int]]:
    started: list[asyncio.subprocess.Process] = []
    ports = [free_port() for _ in range(count)]
    try:
        for port in ports:
            if kind in ECHOES:
                argv = [sys.executable, "-c", ECHO, str(port), server.token, server.url, ECHOES[kind]]
            else:
                out = str(Path(profile) / f"web-{count}-{port}.prof") if profile is not None else ""
                argv = [
                    sys.executable,
                    "-c",
                    BOT,
                    moment.isoformat(),
                    out,
                    "run",
                    "--webhook",
                    f"http://127.0.0.1:{proxy.port}/hook",
                    "--listen",
                    f"127.0.0.1:{port}",
                    "--no-scheduler",
                ]
            process = await asyncio.create_subprocess_exec(
                *argv,
                cwd=workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            started.append(process)
        for process in started:
            await wait_line(process, "Ctrl-C to stop")
            asyncio.get_running_loop().create_task(_drain(process))
            if profile is not None and kind not in ECHOES:
                process.send_signal(signal.SIGUSR1)
        proxy.backends = ports
        yield [process.pid for process in started]
    finally:
        for process in started:
            if process.returncode is None:
                process.terminate()
        for process in started:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()


async def _drain(process: asyncio.subprocess.Process) -> None:
    assert process.stdout is not None
    async for _ in process.stdout:
        pass


def updates(users: list[dict[str, Any]], count: int, first_id: int, moment: datetime) -> list[dict[str, Any]]:
    made = []
    for number in range(count):
        user = users[number % len(users)]
        words = QUESTIONS[number % len(QUESTIONS)]
        message: dict[str, Any] = {
            "message_id": 10_000 + number,
            "date": int(time.time() + moment.timestamp() - STARTED),  # on the bot's clock
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            "text": words,
        }
        if words.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(words)}]
        made.append({"update_id": first_id + number, "message": message})
    return made


def listed(sent: list[StoredMessage], batch: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(questions asked, notices listed in their answers, answers listing none) of one burst: the
    answers are the messages to the chats that asked the question (a chat asks one thing only), an
    answer split into several messages counted once."""
    asked = [u["message"]["chat"]["id"] for u in batch if u["message"]["text"] == QUESTIONS[1]]
    per_chat = dict.fromkeys(asked, 0)
    for message in sent:
        if message.chat.id in per_chat:
            per_chat[message.chat.id] += len(ITEM.findall(message.plain or message.text or ""))
    chats = len(asked) / max(len(per_chat), 1)  # questions per chat in this burst
    empty = sum(1 for n in per_chat.values() if n == 0)
    return len(asked), sum(per_chat.values()), round(chats * empty)


async def burst(proxy: Proxy, secret: str, batch: list[dict[str, Any]], in_flight: int) -> float:
    """Updates per second for ``batch`` posted with ``in_flight`` requests at a time."""
    slots = asyncio.Semaphore(in_flight)
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=in_flight)) as client:

        async def post(update: dict[str, Any]) -> None:
            async with (
                slots,
                client.post(f"http://127.0.0.1:{proxy.port}/hook", json=update, headers=headers) as r,
            ):
                if r.status != 200:
                    raise RuntimeError(f"update {update['update_id']}: HTTP {r.status}")

        started = time.perf_counter()
        await asyncio.gather(*(post(update) for update in batch))
        return len(batch) / (time.perf_counter() - started)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--in-flight", type=int, default=32)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--at",
        type=date.fromisoformat,
        help="the day (noon, UTC+8) the bot's clock starts on (2022-05-20)",
    )
    parser.add_argument("--profile", metavar="DIR", help="run the bot processes under cProfile")
    parser.add_argument(
        "--rate", type=float, default=1000.0, help="NOTICEBOT_GLOBAL_RATE of the bot (messages/s)"
    )
    args = parser.parse_args()
    moment = MOMENT if args.at is None else datetime.combine(args.at, MOMENT.timetz())
    if args.users % 2:
        parser.error("--users must be even: each user then asks one of the two questions only")

    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith("postgresql")
    workdir = tempfile.mkdtemp(prefix="noticebot-web-")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    if not postgres:
        url = f"sqlite+aiosqlite:///{Path(workdir) / 'bench.sqlite3'}"
    admin = make_engine(url)
    if postgres:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, schema=schema if postgres else None)
    try:
        await upgrade(engine)
        await fill(engine, args.notices, 7)
        await engine.dispose()
        base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_"))}
        async with StandIn() as server, Proxy() as proxy:
            users = [server.user(f"U{n}", language_code="en").to_api() for n in range(args.users)]
            env = {
                **base,
                "DATABASE_URL": url,
                "TELEGRAM_BOT_TOKEN": server.token,
                "TELEGRAM_API_BASE_URL": server.url,
                "NOTICEBOT_INSTANCE_CHECK_SECONDS": "0",
                "NOTICEBOT_LOG_FORMAT": "json",
                # the paid-broadcast limit: at Telegram's default 30 messages/s the bot's replies
                # would be paced at 30/s and the figure would be that limit, not the bot's speed
                "NOTICEBOT_GLOBAL_RATE": str(args.rate),
            }
            if postgres:
                env["NOTICEBOT_DB_SCHEMA"] = schema
            sizes = (1, 3) if postgres else (1,)
            rates: dict[tuple[str, int], list[float]] = {}
            cpu: dict[tuple[str, int], list[float]] = {}
            next_id = 1
            items: list[tuple[int, int, int]] = []
            if args.profile:
                os.makedirs(args.profile, exist_ok=True)
            for _ in range(args.rounds):  # interleaved: each round measures every configuration once
                for size in sizes:
                    for kind in (*ECHOES, "bot"):
                        profile = args.profile if kind == "bot" else None
                        async with processes(
                            kind, size, server, proxy, env, workdir, moment, profile
                        ) as pids:
                            batch = updates(users, args.updates, next_id, moment)
                            next_id += args.updates
                            before, sent = cpu_seconds(pids), len(server.sent)
                            rate = await burst(proxy, token_secret(server.token), batch, args.in_flight)
                            after = cpu_seconds(pids)
                            if kind == "bot":
                                items.append(listed(server.sent[sent:], batch))
                            rates.setdefault((kind, size), []).append(rate)
                            if before is not None and after is not None:
                                cpu.setdefault((kind, size), []).append((after - before) / len(batch))
        where = "PostgreSQL" if postgres else "SQLite"
        print(
            f"{args.updates} updates, {args.in_flight} in flight, {args.notices:,} notices, {where},"
            f" the bot's global rate {args.rate:g} messages/s"
        )
        for size in sizes:
            ours, plural = rates[("bot", size)], "es" if size > 1 else ""
            print(f"{size} process{plural}, updates/s: bot {_spread(ours)}")
            for kind, client in ECHOES.items():
                echo = rates[(kind, size)]
                ratios = [a / b for a, b in zip(ours, echo, strict=True)]
                print(f"  {kind} ({client}) {_spread(echo)}, bot ÷ {kind} {_spread(ratios, 2)}")
            if all(cpu.get((kind, size)) for kind in ("bot", *ECHOES)):
                ms = {kind: _spread([1000 * c for c in cpu[(kind, size)]], 2) for kind in ("bot", *ECHOES)}
                costs = ", ".join(f"{kind} {spread}" for kind, spread in ms.items())
                print(f"  CPU ms per update (all {size} web process{plural}): {costs}")
                shares = [e / b for e, b in zip(cpu[("echo-aiohttp", size)], cpu[("bot", size)], strict=True)]
                print(f"  capacity, echo-aiohttp CPU ÷ bot CPU per update: {_spread(shares, 2)}")
        answers, listed_items, empty = (sum(row[n] for row in items) for n in range(3))
        print(
            f"answers to {QUESTIONS[1]!r} (bot's clock from {moment:%Y-%m-%d %H:%M %Z}): {answers},"
            f" {listed_items / max(answers, 1):.1f} notices listed per answer, {empty} with none"
        )
        if postgres:
            scale = [a / b for a, b in zip(rates[("bot", 3)], rates[("bot", 1)], strict=True)]
            print(f"3 bot processes ÷ 1: {_spread(scale, 2)} (2 cores shared with the proxy and stand-in)")
    finally:
        await engine.dispose()
        if postgres:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def _spread(values: list[float], digits: int = 0) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f}"


if __name__ == "__main__":
    asyncio.run(main())
