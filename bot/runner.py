"""Running the Application: long polling or a webhook, until a signal, a 409 Conflict or the caller stops it.

Pending updates are never dropped (a message sent while the bot restarted still gets its answer).

One token, one instance. Telegram answers a getUpdates long poll with 409 Conflict ("terminated by other
getUpdates request") when a newer getUpdates for the same token arrives: the *older* request loses. So
a starting instance first long-polls for a few seconds without confirming anything: if an instance is
already running, its next poll cuts the probe off and the newcomer stops (``Outcome.CONFLICT``) before it
has touched anything. A running instance treats the 409 that a newcomer's probe causes as transient and
polls again. Telegram being unreachable at start-up is retried with exponential backoff.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import random
import secrets
import signal
from collections.abc import Callable, Coroutine
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.app import set_commands
from bot.handlers.common import DEPS_KEY, App, Deps, begin_stopping
from bot.ops import Health
from bot.webhook import WebhookServer

log = logging.getLogger("bot.runner")

T = TypeVar("T")

Background = Callable[[App, asyncio.Event], Coroutine[Any, Any, None]]
"""Something to run beside the bot until the stop event is set (the reminder scheduler)."""

CONFLICT_MESSAGE = (
    "Another noticebot instance is already receiving updates for this token (Telegram answered 409 "
    "Conflict); it keeps running and this one exits. Stop the other one first to replace it."
)
WEBHOOK_CONFLICT_MESSAGE = (
    "A webhook was set for this token while this instance was polling (Telegram answered 409 Conflict): "
    "another instance runs with --webhook. Run only one of polling/webhook; exiting."
)


class Outcome(Enum):
    STOPPED = "stopped"
    CONFLICT = "conflict"
    WEBHOOK_CONFLICT = "webhook_conflict"
    INVALID_TOKEN = "invalid_token"


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits between attempts to reach Telegram: ``base``, 2×, 4× … up to ``cap`` seconds, each ±20 % so
    that several bots restarted together do not knock in step."""

    base: float = 1.0
    cap: float = 60.0

    def delay(self, attempt: int) -> float:
        raw = min(self.cap, self.base * 2.0 ** min(attempt, 32))
        return min(self.cap, raw * random.uniform(0.8, 1.2))  # jitter, not a secret


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


def token_secret(token: str) -> str:
    """The webhook secret when none is given: derived from the bot token, so every web process behind
    the load balancer agrees on it without being told, and nobody without the token can forge it."""
    digest = hmac.new(token.encode(), b"noticebot webhook secret", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def serve(
    app: App,
    *,
    webhook: Webhook | None = None,
    stop: asyncio.Event | None = None,
    background: Background | None = None,
    handle_signals: bool = False,
    poll_timeout: int = 10,
    backoff: Backoff = Backoff(),
    probe_seconds: float = 3.0,
    announce: Callable[[App], None] | None = None,
    health: Health | None = None,
) -> Outcome:
    """Run ``app`` until ``stop`` is set (or SIGINT/SIGTERM with ``handle_signals``) or another instance
    turns out to have the token. ``probe_seconds`` is how long to listen for a running instance first
    (0: do not); ``announce`` is called once the bot is connected and alone. Everything started here is
    stopped before returning. With ``webhook``, ``bot.webhook.WebhookServer`` receives the updates and
    also serves ``/healthz`` (``health``, by default the database check of a web process) and
    ``/metrics``; on a stop it first refuses new updates, then finishes the ones in hand."""
    stop = stop or asyncio.Event()
    conflict: Outcome | None = None
    cut_off = _CutOffLog()

    def on_polling_error(error: TelegramError) -> None:
        nonlocal conflict
        if isinstance(error, Conflict) and "webhook" in error.message.lower():
            conflict = Outcome.WEBHOOK_CONFLICT
            stop.set()
        elif isinstance(error, Conflict):
            cut_off.note()  # a newcomer's probe; the library polls again in a second, and the newcomer leaves
        else:
            log.warning("polling failed, retrying: %s", error)

    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, _on_signal, sig, stop)
                installed.append(sig)
    try:
        try:
            if not await _retrying(app, stop, backoff, app.initialize):
                await _release_bot(app)
                return Outcome.STOPPED
        except InvalidToken:
            await _release_bot(app)
            return Outcome.INVALID_TOKEN
        try:
            if probe_seconds > 0 and await _another_instance(app, stop, probe_seconds):
                return Outcome.CONFLICT
            await set_commands(app)
            updater = app.updater
            assert updater is not None
            server = _webhook_server(app, webhook, health) if webhook is not None else None

            async def start_updates() -> None:
                assert updater is not None
                if webhook is None:
                    await updater.start_polling(
                        timeout=poll_timeout,
                        allowed_updates=Update.ALL_TYPES,
                        drop_pending_updates=False,
                        error_callback=on_polling_error,
                    )
                else:
                    assert server is not None
                    if server.server is None:
                        await server.start(webhook.host, webhook.port)
                    await app.bot.set_webhook(
                        url=webhook.url,
                        secret_token=webhook.secret,
                        allowed_updates=Update.ALL_TYPES,
                        drop_pending_updates=False,
                    )

            if stop.is_set() or not await _retrying(app, stop, backoff, start_updates):
                if updater.running:  # stopped half-way through starting
                    with suppress(Exception):
                        await updater.stop()
                if server is not None:
                    await server.stop()
                return Outcome.STOPPED
            await app.start()
            if announce is not None:
                announce(app)
            task: asyncio.Task[None] | None = (
                asyncio.create_task(background(app, stop)) if background is not None else None
            )
            if task is not None:
                task.add_done_callback(lambda _: stop.set())  # the bot without its scheduler is not a bot
            try:
                await stop.wait()
            finally:
                stop.set()
                begin_stopping(app)  # before the library waits for running handlers to finish
                if server is not None:
                    await server.stop()
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
    return conflict or Outcome.STOPPED


def _webhook_server(app: App, webhook: Webhook, health: Health | None) -> WebhookServer:
    from bot.ops import database_health
    from bot.updates import UpdateGate

    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    return WebhookServer(
        app,
        UpdateGate(deps.sessions),
        path=webhook.path,
        secret=webhook.secret,
        health=health or database_health(deps.sessions, role="web", clock=deps.clock),
        concurrency=min(deps.settings.concurrent_updates, _pool_turns(deps)),
    )


def _pool_turns(deps: Deps) -> int:
    """How many updates a web process may have in hand: each holds a connection for its chat's turn
    and takes another for its work, so half the connection pool (7 with SQLAlchemy's 5 + 10 overflow).
    Updates wait on the database more than on this process, so the more in hand, the more per second."""
    pool = getattr(deps.sessions.kw.get("bind"), "pool", None)
    size = getattr(pool, "size", None)
    overflow = getattr(pool, "_max_overflow", None)
    if not callable(size) or not isinstance(overflow, int):
        return 4
    return max(1, (int(size()) + max(overflow, 0)) // 2)


def _on_signal(sig: signal.Signals, stop: asyncio.Event) -> None:
    if not stop.is_set():
        log.info("%s received, stopping", sig.name)
    stop.set()


async def _until_stopped(stop: asyncio.Event, work: Coroutine[Any, Any, T]) -> tuple[bool, T | None]:
    """Run ``work`` unless ``stop`` is set first (then cancel it): (finished, its result)."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait((task, stopped), return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not task.done():
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
    if task.cancelled():
        return False, None
    return True, task.result()


async def _release_bot(app: App) -> None:
    """Close the bot's HTTP clients after a start that never finished: the application was never
    initialised, so its shutdown would not reach them, and an open client is reported when collected."""
    with suppress(Exception):
        await app.bot.shutdown()


async def _retrying(
    app: App, stop: asyncio.Event, backoff: Backoff, action: Callable[[], Coroutine[Any, Any, None]]
) -> bool:
    """Run ``action`` (getMe, then removing or setting the webhook), again after a growing wait while
    Telegram cannot be reached; False if stopped meanwhile. An invalid token raises InvalidToken at once:
    retrying cannot fix it."""
    attempt = 0
    while True:
        try:
            finished, _ = await _until_stopped(stop, action())
            return finished
        except BadRequest:
            raise
        except (NetworkError, RetryAfter) as error:
            delay = backoff.delay(attempt)
            log.warning(
                "Telegram unreachable at %s (%s), retrying in %.2g s",
                urlsplit(app.bot.base_url).netloc,  # the host only: the token is in the path
                _reason(error),
                delay,
            )
            attempt += 1
            if (await _until_stopped(stop, asyncio.sleep(delay)))[0] is False:
                return False


def _reason(error: TelegramError) -> str:
    text = " ".join(error.message.split())
    return text.removeprefix("httpx.") or type(error).__name__


async def _another_instance(app: App, stop: asyncio.Event, seconds: float) -> bool:
    """Is another instance polling this token? Long-poll getUpdates for ``seconds`` without confirming
    anything: Telegram ends our request with 409 as soon as the running instance polls again."""
    try:
        hook = (await app.bot.get_webhook_info()).url
    except (NetworkError, RetryAfter):
        hook = ""  # the probe below retries on its own
    if hook:
        # Left by an earlier --webhook run (or in use by one: nothing tells them apart). getUpdates cannot
        # be used to look while it is set; polling removes it, webhook mode replaces it.
        log.warning("a webhook is set for this token (%s); replacing it", urlsplit(hook).netloc or hook)
        return False
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not stop.is_set() and (left := round(deadline - loop.time())) > 0:
        try:
            finished, updates = await _until_stopped(stop, app.bot.get_updates(limit=1, timeout=left))
        except Conflict:
            return True
        except (NetworkError, RetryAfter) as error:
            log.debug("instance check: %s", error)
            updates = ()
            finished = True
        if not finished:
            return False
        if updates is None or updates or deadline - loop.time() >= 1:
            # Answered at once (an update is waiting, or an error): no long poll was held; ask again.
            await _until_stopped(stop, asyncio.sleep(0.5))
    return False


class _CutOffLog:
    """One warning per minute at most for 409s caused by another poller, however many there are."""

    def __init__(self, every: float = 60.0) -> None:
        self.every = every
        self.unlogged = 0
        self.last: float | None = None

    def note(self) -> None:
        now = asyncio.get_running_loop().time()
        if self.last is not None and now - self.last < self.every:
            self.unlogged += 1
            return
        more = f", {self.unlogged} more since the last warning" if self.unlogged else ""
        log.warning(
            "another getUpdates request for this token cut ours off (409 Conflict%s): a second instance is "
            "starting or running; this one keeps polling",
            more,
        )
        self.last, self.unlogged = now, 0


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
