"""Running the Application: long polling or a webhook, until a signal, a 409 Conflict or the caller stops it.

Pending updates are never dropped (a message sent while the bot restarted still gets its answer). A
second instance polling the same token makes Telegram answer 409 Conflict; instead of retrying forever
the runner stops and says why.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import Callable, Coroutine
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import Conflict, InvalidToken, TelegramError

from bot.app import set_commands
from bot.handlers.common import App

log = logging.getLogger("bot.runner")

Background = Callable[[App, asyncio.Event], Coroutine[Any, Any, None]]
"""Something to run beside the bot until the stop event is set (the reminder scheduler)."""

CONFLICT_MESSAGE = (
    "Telegram answered 409 Conflict: another noticebot instance is already receiving updates for this "
    "token (or a webhook is set). Stop the other instance, or run only one of polling/webhook; exiting."
)


class Outcome(Enum):
    STOPPED = "stopped"
    CONFLICT = "conflict"
    INVALID_TOKEN = "invalid_token"


@dataclass(frozen=True, slots=True)
class Webhook:
    """Webhook mode: Telegram posts updates to ``url``; the bot listens on ``host:port``.

    Requests without the ``secret`` in the X-Telegram-Bot-Api-Secret-Token header are refused.
    """

    url: str
    host: str
    port: int
    secret: str

    @property
    def path(self) -> str:
        return urlsplit(self.url).path.strip("/")


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8443`` for IPv6) → host and port."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--listen wants HOST:PORT, got {value!r}")
    return host.strip("[]") or "0.0.0.0", int(port)


def new_secret() -> str:
    """A secret token Telegram accepts (1-256 characters of A-Z, a-z, 0-9, _ and -)."""
    return secrets.token_urlsafe(32)


async def serve(
    app: App,
    *,
    webhook: Webhook | None = None,
    stop: asyncio.Event | None = None,
    background: Background | None = None,
    handle_signals: bool = False,
    poll_timeout: int = 10,
) -> Outcome:
    """Run ``app`` until ``stop`` is set (or SIGINT/SIGTERM with ``handle_signals``) or Telegram says
    another instance has the token. Everything started here is stopped before returning."""
    stop = stop or asyncio.Event()
    conflict = False

    def on_polling_error(error: TelegramError) -> None:
        nonlocal conflict
        if isinstance(error, Conflict):
            conflict = True
            stop.set()
        else:
            log.warning("polling failed, retrying: %s", error)

    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
                installed.append(sig)
    try:
        try:
            await app.initialize()
        except InvalidToken:
            return Outcome.INVALID_TOKEN
        try:
            await set_commands(app)
            updater = app.updater
            assert updater is not None
            if webhook is None:
                await updater.start_polling(
                    timeout=poll_timeout,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                    error_callback=on_polling_error,
                )
            else:
                await updater.start_webhook(
                    listen=webhook.host,
                    port=webhook.port,
                    url_path=webhook.path,
                    webhook_url=webhook.url,
                    secret_token=webhook.secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
            await app.start()
            task: asyncio.Task[None] | None = (
                asyncio.create_task(background(app, stop)) if background is not None else None
            )
            if task is not None:
                task.add_done_callback(lambda _: stop.set())  # the bot without its scheduler is not a bot
            try:
                await stop.wait()
            finally:
                stop.set()
                if task is not None:
                    await _finish(task)
                if updater.running:
                    await updater.stop()
                if app.running:
                    await app.stop()
        finally:
            await app.shutdown()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
    return Outcome.CONFLICT if conflict else Outcome.STOPPED


async def _finish(task: asyncio.Task[None]) -> None:
    """Let the background task see the stop event; cancel it if it does not end promptly."""
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=10)
    except TimeoutError:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    except Exception:
        log.exception("the background task failed")
