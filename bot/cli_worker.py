"""``noticebot worker``: a process that only sends due reminders, one of several sharing a PostgreSQL.

Web processes answer chats (``noticebot run --no-reminders``); workers claim due reminders with an
owner and a lease and send them within Telegram's limits, which hold across all of them together (see
``jobs.claims`` and ``jobs.pace``). On SQLite one process dispatches: a worker beside a running bot, or a
second worker, is refused with one line. SIGTERM (or Ctrl-C) finishes the sends under way, gives back
what was claimed and not sent, and exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.settings import Settings
    from jobs.clock import Clock

log = logging.getLogger("noticebot")

EXIT_NO_TOKEN = 2
EXIT_ALREADY_RUNNING = 3


@click.command("worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between looks at the outbox.")
@click.option("-v", "--verbose", is_flag=True, help="Also log the libraries' routine lines.")
@click.pass_obj
def worker(obj: Any, interval: float, verbose: bool) -> None:
    """Send due reminders (no updates, no planning) until SIGTERM or Ctrl-C.

    Run several against one PostgreSQL: NOTICEBOT_GLOBAL_RATE is the rate of all of them together.
    """
    from bot.cli_run import NO_TOKEN
    from bot.cli_support import settings_of
    from bot.runlog import configure_logging
    from db.dispatch_lock import AlreadyRunning, DispatchLock

    settings = settings_of(obj)
    if not settings.telegram_bot_token:
        click.echo(NO_TOKEN, err=True, nl=False)
        sys.exit(EXIT_NO_TOKEN)
    from bot.runner import parse_listen

    ops: tuple[str, int] | None = None
    if settings.ops_listen:
        try:
            ops = parse_listen(settings.ops_listen)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="NOTICEBOT_OPS_LISTEN") from error
    configure_logging(
        verbose=verbose or bool(getattr(obj, "debug", False)), json_lines=settings.log_format == "json"
    )
    lock = DispatchLock(settings.database_url)
    try:
        lock.acquire()
    except AlreadyRunning as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_ALREADY_RUNNING)
    try:
        asyncio.run(_work(settings, interval=interval, exclusive=lock.held, ops=ops))
    finally:
        lock.release()


async def _work(
    settings: Settings, *, interval: float, exclusive: bool, ops: tuple[str, int] | None = None
) -> None:
    from bot.context import open_database
    from bot.ops import database_health, serve_ops
    from jobs.clock import SystemClock

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(name: str) -> None:
        if not stop.is_set():
            log.info("%s received, finishing the sends under way", name)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig.name)
    async with open_database(settings) as sessions:
        clock = SystemClock()
        health = database_health(sessions, role="worker", clock=clock, max_lag=settings.health_max_lag)
        ops_server = await serve_ops(ops[0], ops[1], health) if ops is not None else None
        try:
            await _send(settings, sessions, clock, interval=interval, exclusive=exclusive, stop=stop)
        finally:
            if ops_server is not None:
                await ops_server.close()
    log.info("stopped")


async def _send(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    *,
    interval: float,
    exclusive: bool,
    stop: asyncio.Event,
) -> None:
    """Dispatch until ``stop`` is set."""
    from telegram import Bot

    from bot.app import api_urls
    from bot.runlog import hide_password
    from jobs.botapi import BotApiSender
    from jobs.dispatcher import Dispatcher

    assert settings.telegram_bot_token is not None
    api, files = api_urls(settings.telegram_api_base_url)
    token = settings.telegram_bot_token
    # getMe once, through python-telegram-bot: a wrong token or address is one clear error at start
    async with Bot(token, base_url=api, base_file_url=files):
        pass
    async with BotApiSender(token, api, connections=max(8, settings.dispatch_in_flight * 2)) as sender:
        dispatcher = Dispatcher(
            sessions,
            sender,
            clock,
            tz=settings.zone,
            rate=settings.dispatch_rate,
            max_in_flight=settings.dispatch_in_flight,
            lease=timedelta(seconds=settings.lease_seconds),
            exclusive=exclusive,
            stopping=stop,
        )
        log.info(
            "worker %s sending reminders from %s at up to %g messages/s overall",
            dispatcher.owner,
            hide_password(settings.database_url),
            settings.dispatch_rate,
        )
        await dispatcher.run_forever(interval=interval, stop=stop)
