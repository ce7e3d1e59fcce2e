"""``noticebot run``: the bot with a real token, by long polling or webhook, together with the reminder
scheduler (the dispatcher and the planner sweep) unless it is a web process only.

``noticebot try`` (``bot.cli_try``) runs the same bot in the terminal for someone without a token.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

from bot.cli_support import settings_of

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.handlers.common import App
    from bot.settings import Settings
    from jobs.clock import Clock

NO_TOKEN = """\
noticebot run needs a Telegram bot token, and TELEGRAM_BOT_TOKEN is not set.

To get one: open Telegram, talk to @BotFather, send /newbot and follow the two questions; it answers
with a token like 123456789:AAF…. Put it in .env (see .env.example) or the environment:

    TELEGRAM_BOT_TOKEN=123456789:AAF… noticebot run

To try the bot without a token, chat with it in this terminal (against a local stand-in for Telegram):

    noticebot try
"""

EXIT_NO_TOKEN = 2
EXIT_CONFLICT = 3


@click.command("run")
@click.option("--webhook", "webhook_url", metavar="URL", help="Receive updates by webhook at this HTTPS URL.")
@click.option(
    "--listen",
    default="0.0.0.0:8443",
    show_default=True,
    metavar="HOST:PORT",
    help="Where the webhook server listens (with --webhook).",
)
@click.option(
    "--secret",
    envvar="NOTICEBOT_WEBHOOK_SECRET",
    metavar="TOKEN",
    help="Webhook secret token (default: NOTICEBOT_WEBHOOK_SECRET, else one derived from the bot token, "
    "the same in every web process).",
)
@click.option(
    "--reminders/--no-reminders",
    "--scheduler/--no-scheduler",
    "reminders",
    default=True,
    show_default=True,
    help="Plan and send reminders from this process (off: a web process that only answers chats).",
)
@click.option(
    "--ops-listen",
    metavar="HOST:PORT",
    help="Also serve /healthz and /metrics here (default: NOTICEBOT_OPS_LISTEN; with --webhook they are "
    "on the webhook port too).",
)
@click.option("-v", "--verbose", is_flag=True, help="Also log the libraries' routine lines.")
@click.pass_obj
def run(
    obj: Any,
    webhook_url: str | None,
    listen: str,
    secret: str | None,
    reminders: bool,
    ops_listen: str | None,
    verbose: bool,
) -> None:
    """Run the bot (long polling, or --webhook) and the reminder scheduler until Ctrl-C.

    A second instance on the same token notices the first within a few seconds and exits (3), leaving
    the first running. If Telegram cannot be reached, it retries with growing waits (up to a minute).
    Several web processes behind a load balancer: --webhook URL --no-scheduler on each (see README).
    """
    from bot.runlog import configure_logging
    from bot.runner import Outcome, Webhook, parse_listen, token_secret

    settings = settings_of(obj)
    if not settings.telegram_bot_token:
        click.echo(NO_TOKEN, err=True, nl=False)
        sys.exit(EXIT_NO_TOKEN)
    webhook = None
    if webhook_url is not None:
        if not webhook_url.startswith(("https://", "http://")):
            raise click.BadParameter("the webhook URL must start with https://", param_hint="--webhook")
        try:
            host, port = parse_listen(listen)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--listen") from error
        webhook = Webhook(webhook_url, host, port, secret or token_secret(settings.telegram_bot_token))
    ops_at = ops_listen or settings.ops_listen
    ops: tuple[str, int] | None = None
    if ops_at:
        try:
            ops = parse_listen(ops_at)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--ops-listen") from error
    from db.dispatch_lock import AlreadyRunning, DispatchLock

    lock = DispatchLock(settings.database_url)
    try:
        lock.acquire()  # SQLite: one bot or worker per file
    except AlreadyRunning as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_CONFLICT)
    configure_logging(
        verbose=verbose or bool(getattr(obj, "debug", False)), json_lines=settings.log_format == "json"
    )
    try:
        outcome = asyncio.run(_run(settings, webhook, reminders=reminders, ops=ops, exclusive=lock.held))
    finally:
        lock.release()
    if outcome in (Outcome.CONFLICT, Outcome.WEBHOOK_CONFLICT):
        from bot.runner import CONFLICT_MESSAGE, WEBHOOK_CONFLICT_MESSAGE

        click.echo(CONFLICT_MESSAGE if outcome is Outcome.CONFLICT else WEBHOOK_CONFLICT_MESSAGE, err=True)
        sys.exit(EXIT_CONFLICT)
    if outcome is Outcome.INVALID_TOKEN:
        click.echo(
            "Telegram rejected TELEGRAM_BOT_TOKEN (invalid token); check it with @BotFather.", err=True
        )
        sys.exit(EXIT_NO_TOKEN)


async def _run(
    settings: Settings,
    webhook: Any,
    *,
    reminders: bool = True,
    ops: tuple[str, int] | None = None,
    exclusive: bool = False,
) -> Any:
    from telegram.ext import AIORateLimiter

    from bot.app import build_application
    from bot.context import open_database
    from bot.ops import database_health, serve_ops
    from bot.runlog import announce, banner
    from bot.runner import Backoff, Outcome, serve
    from jobs.clock import SystemClock

    async with open_database(settings) as sessions:
        clock = SystemClock()
        health = database_health(
            sessions,
            role="all" if reminders else "web",
            clock=clock,
            max_lag=settings.health_max_lag if reminders else None,
        )
        ops_server = await serve_ops(ops[0], ops[1], health) if ops is not None else None
        app = build_application(
            settings,
            sessions,
            clock=clock,
            # answers keep the configured global rate (30/s by default, up to 1,000/s for paid broadcasts)
            # and python-telegram-bot's 20/min per group, in each web process
            rate_limiter=AIORateLimiter(
                overall_max_rate=settings.dispatch_rate, overall_time_period=1, max_retries=2
            ),
            concurrency=settings.concurrent_updates,
        )
        try:
            outcome = await serve(
                app,
                webhook=webhook,
                handle_signals=True,
                background=reminder_jobs(settings, sessions, clock, exclusive=exclusive)
                if reminders
                else None,
                backoff=Backoff(settings.telegram_retry_seconds, settings.telegram_retry_max_seconds),
                probe_seconds=settings.instance_check_seconds,
                announce=lambda app: announce(banner(app, settings, webhook, reminders=reminders)),
                health=health,
            )
        finally:
            if ops_server is not None:
                await ops_server.close()
        if outcome is Outcome.STOPPED:
            logging.getLogger("noticebot").info("stopped")
        return outcome


def reminder_jobs(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], clock: Clock, *, exclusive: bool = False
) -> Callable[[App, asyncio.Event], Coroutine[Any, Any, None]]:
    """The reminder dispatcher and planner sweep, as repeating jobs on the bot's own JobQueue.
    ``exclusive``: this process holds the SQLite file's dispatch lock (no other dispatcher exists).

    Reminders go out through a Bot of their own without AIORateLimiter: the dispatcher keeps Telegram's
    limits itself (overall rate, per chat, per group) and would otherwise be throttled twice."""

    async def run(app: App, stop: asyncio.Event) -> None:
        from telegram import Bot

        from bot.app import api_urls
        from jobs.dispatcher import Dispatcher
        from jobs.scheduler import attach
        from jobs.sender import TelegramSender

        api, files = api_urls(settings.telegram_api_base_url)
        async with Bot(app.bot.token, base_url=api, base_file_url=files) as push_bot:
            dispatcher = Dispatcher(
                sessions,
                TelegramSender(push_bot),
                clock,
                tz=settings.zone,
                rate=settings.dispatch_rate,
                max_in_flight=settings.dispatch_in_flight,
                lease=timedelta(seconds=settings.lease_seconds),
                exclusive=exclusive,
                stopping=stop,
            )
            jobs = attach(
                app.job_queue,
                dispatcher,
                sessions=sessions,
                clock=clock,
                tz=settings.zone,
                burst=settings.burst_threshold,
            )
            try:
                await stop.wait()
            finally:
                for job in jobs:
                    job.schedule_removal()

    return run
