"""Web processes behind a round-robin proxy, fed by the Bot API stand-in's webhook: the stand for
the updates/s figures of bench/scale.py.

The parent runs the stand-in and the proxy; each web process is this file run as a child: the real
Application (noticebot's, or a bare echo bot) with python-telegram-bot's own webhook server. The
stand-in delivers updates to the proxy, which hands them to the processes in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import sys
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import ClientSession, web

if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.standin import StandIn

MOMENT = datetime(2022, 5, 20, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
QUESTIONS = ("what roads are closed", "哪些路封闭")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Fleet:
    """``async with Fleet(url, schema, processes=3) as fleet: await fleet.burst(600)``."""

    def __init__(self, url: str, schema: str | None, *, processes: int, echo: bool = False) -> None:
        self.url, self.schema, self.processes, self.echo = url, schema, processes, echo
        self.children: list[asyncio.subprocess.Process] = []
        self.server = StandIn()
        self._runner: web.AppRunner | None = None
        self._client: ClientSession | None = None

    async def __aenter__(self) -> Fleet:
        await self.server.start()
        ports = [free_port() for _ in range(self.processes)]
        proxy_port = free_port()
        backends = [f"http://127.0.0.1:{port}/hook" for port in ports]
        await self._proxy(proxy_port, backends)
        config = {
            "url": self.url,
            "schema": self.schema,
            "token": self.server.token,
            "standin": self.server.url,
            "hook": f"http://127.0.0.1:{proxy_port}/hook",
            "echo": self.echo,
        }
        for port in ports:
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                __file__,
                json.dumps({**config, "port": port}),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
            self.children.append(child)
        for child in self.children:
            assert child.stdout is not None
            line = (await asyncio.wait_for(child.stdout.readline(), 120)).decode()
            if line.strip() != "ready":
                raise RuntimeError(f"a web process did not start ({line.strip()!r})")
        return self

    async def _proxy(self, port: int, backends: list[str]) -> None:
        self._client = ClientSession()
        turn = itertools.cycle(backends)

        async def forward(request: web.Request) -> web.Response:
            assert self._client is not None
            headers = {
                k: v
                for k, v in request.headers.items()
                if k.lower().startswith(("content-type", "x-telegram"))
            }
            async with self._client.post(next(turn), data=await request.read(), headers=headers) as response:
                return web.Response(status=response.status, body=await response.read())

        app = web.Application()
        app.router.add_post("/hook", forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for child in self.children:
            assert child.stdin is not None
            child.stdin.close()  # the child stops when its stdin closes
        for child in self.children:
            try:
                await asyncio.wait_for(child.wait(), 30)
            except TimeoutError:
                child.kill()
                await child.wait()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()
        await self.server.stop()

    async def burst(self, count: int, *, users: int = 60) -> float:
        """Updates per second for ``count`` updates queued at once by ``users`` users (after a
        warm-up of 40)."""
        for warm in (True, False):
            n = 40 if warm else count
            people = [self.server.user(f"U{i}", language_code="zh" if i % 2 else "en") for i in range(users)]
            since = self.server.mark()
            began = time.perf_counter()
            for i in range(n):
                self.server.user_message(people[i % users], None, "/help" if i % 2 else QUESTIONS[i % 4 // 2])
            await self.server.wait_for_messages(count=n, since=since, timeout=600)
            seconds = time.perf_counter() - began
        return count / seconds


async def serve(config: dict[str, Any]) -> None:
    """One web process: the Application on PTB's webhook server until stdin closes."""
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    from bot.app import build_application
    from bot.settings import Settings
    from bot.throttle import Throttle
    from db.engine import make_engine, make_sessionmaker
    from jobs.clock import FixedClock

    engine = None
    if config["echo"]:

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_chat is not None
            await context.bot.send_message(update.effective_chat.id, "ok")

        app: Any = (
            Application.builder()
            .token(config["token"])
            .base_url(f"{config['standin']}/bot")
            .concurrent_updates(16)
            .build()
        )
        app.add_handler(MessageHandler(filters.ALL, echo))
    else:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            DATABASE_URL=config["url"],
            NOTICEBOT_DB_SCHEMA=config["schema"],
            TELEGRAM_BOT_TOKEN=config["token"],
            TELEGRAM_API_BASE_URL=config["standin"],
        )
        engine = make_engine(settings.database_url, schema=settings.database_schema)
        app = build_application(
            settings,
            make_sessionmaker(engine),
            clock=FixedClock(MOMENT),
            token=config["token"],
            base_url=config["standin"],
            throttle=Throttle(burst=10**6, rate=10**6),
            concurrency=settings.concurrent_updates,
        )
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1", port=config["port"], url_path="hook", webhook_url=config["hook"]
        )
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.read)
        await app.updater.stop()
        await app.stop()
    if engine is not None:
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="JSON from Fleet")
    asyncio.run(serve(json.loads(parser.parse_args().config)))
