"""The webhook server of a web process: Telegram's updates in, ``/healthz`` and ``/metrics`` beside them.

Unlike the library's own webhook server, an update is handled before it is answered: Telegram (or the
load balancer in front of several web processes) gets 200 once the reply went out, and a process
stopping or failing half-way gives an error, so the update is delivered again, perhaps to another
process. ``bot.updates.UpdateGate`` keeps one chat's updates in turn across processes and drops repeated
deliveries; the handlers keep their conversation state in the database (``bot.state``).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from typing import Any

from aiohttp import web
from telegram import Update

from bot.handlers.common import App
from bot.ops import Health, OpsServer, add_routes, start_site
from bot.updates import ChatOrderedProcessor, UpdateGate, Verdict, update_kind
from jobs import metrics

log = logging.getLogger("bot.webhook")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """Receives updates at ``/<path>``; refuses requests without ``secret`` (403)."""

    def __init__(
        self,
        app: App,
        gate: UpdateGate,
        *,
        path: str,
        secret: str,
        health: Health,
        concurrency: int = 4,
    ) -> None:
        self.app = app
        self.gate = gate
        self.secret = secret
        # Each update in hand holds a database connection for its chat's turn and uses another for its
        # work: the bound keeps that within the connection pool.
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self.stopping = False
        self.web = web.Application(client_max_size=4 * 1024 * 1024)
        self.web.router.add_post("/" + path.strip("/"), self.receive)
        add_routes(self.web, health)
        self.server: OpsServer | None = None

    async def start(self, host: str, port: int) -> int:
        self.server = await start_site(self.web, host, port)
        return self.server.port

    async def stop(self) -> None:
        """Refuse new updates (503: delivered again, to another process) and finish those in hand."""
        self.stopping = True
        if self.server is not None:
            await self.server.close()
            self.server = None

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.Response(status=403, text="wrong or missing secret token")
        if self.stopping:
            return web.Response(status=503, text="stopping")
        try:
            data: Any = await request.json()
            update = Update.de_json(data, self.app.bot)
        except Exception:  # not JSON, or not an update: nothing a retry would fix
            return web.Response(status=400, text="not a Telegram update")
        if update is None:
            return web.Response(status=400, text="not a Telegram update")
        async with self._slots:
            await self.handle(update)
        return web.Response(text="ok")

    async def handle(self, update: Update) -> None:
        """Handle one update in its chat's turn (once, however often it is delivered)."""
        started = time.perf_counter()
        kind = update_kind(update)
        key = ChatOrderedProcessor.key(update)
        if key is None:
            await self.app.process_update(update)
            verdict = Verdict.NEW
        else:
            async with self.gate.turn(key, update.update_id) as verdict:
                if verdict is not Verdict.DUPLICATE:
                    await self.app.process_update(update)
        if verdict is Verdict.DUPLICATE:
            metrics.update("duplicate")  # handled ones are counted by the application (bot.handlers)
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        log.info(
            "update %s of chat %s (%s): %s in %.1f ms",
            update.update_id,
            key,
            kind,
            verdict.value,
            elapsed,
            extra={"update_id": update.update_id, "chat_id": key, "kind": kind, "ms": elapsed},
        )
