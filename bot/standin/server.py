"""A local Telegram Bot API server for tests, benches and ``noticebot try``.

The real python-telegram-bot talks to it over HTTP (``base_url``/``base_file_url``), so what
is tested is the bot as deployed, not a mocked library. Tests script users, groups and
channels, queue their updates, wait for the bot's replies, and inject Telegram's failures.

This module holds the HTTP side (start and stop, routing a call to its method, recording it);
the rest of :class:`StandIn` comes from its parts: scripting, traffic, update delivery, failures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from bot.standin.delivery import UpdateDelivery
from bot.standin.failures import Failures
from bot.standin.faults import ApiError, bad_request
from bot.standin.objects import Request
from bot.standin.params import Params
from bot.standin.scripting import Scripting
from bot.standin.state import DEFAULT_TOKEN, WAKE
from bot.standin.traffic import Traffic


class StandIn(Scripting, Traffic, UpdateDelivery, Failures):
    """The server; use ``async with StandIn() as server:`` and point PTB at ``server.base_url``."""

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: the token is appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: the token is appended to it."""
        return f"{self.url}/file/bot"

    async def start(self) -> Self:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        self._wake_poller(WAKE)
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # -- HTTP --------------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> Params:
        params: Params = dict(request.query)
        if request.method == "GET" or not request.body_exists:
            return params
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if isinstance(body, dict):
                params.update(body)
            return params
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = (value.file.read(), value.filename, value.content_type)
            else:
                params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self._down_until is not None:
            if self._monotonic() < self._down_until:
                if self._down_mode == "close" and request.transport is not None:
                    request.transport.close()
                return web.Response(status=502, text="Bad Gateway")
            self._down_until = None
        name = request.match_info["method"]
        params: Params = {}
        try:
            params = await self._read_params(request)
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            entry = self._methods.get(name.lower())
            if entry is None:
                raise ApiError(404, "Not Found")
            name, handler = entry
            self._check_faults(name, params)
            if handler is None:
                result = await self._async_method(name, params)
            else:
                result = handler(params)
        except ApiError as error:
            self._record(name, params, error.status, error.description, None)
            return web.Response(
                body=json.dumps(error.payload()).encode(),
                status=error.status,
                content_type="application/json",
            )
        self._record(name, params, 200, None, result)
        body = json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode()
        return web.Response(body=body, content_type="application/json")

    async def _download(self, request: web.Request) -> web.StreamResponse:
        stored = self.api.files_by_path.get(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    def _record(self, method: str, params: Params, status: int, description: str | None, result: Any) -> None:
        self._requests.append(
            Request(method, params, self._clock(), status, description, result, len(self._requests))
        )
        if status == 429:
            self.count_429 += 1
        if self._waiters:
            self._notify()


__all__ = ["DEFAULT_TOKEN", "StandIn"]
