"""What a running ``noticebot run`` writes: a start banner, then one line per event that matters.

The libraries' routine lines (Alembic naming each migration, APScheduler announcing every run of the
one-second dispatch job, python-telegram-bot's start/stop chatter) stay out unless asked for with
``--verbose`` or ``--debug``: they drown the lines a person running the bot needs to see.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.handlers.common import App
    from bot.runner import Webhook
    from bot.settings import Settings

log = logging.getLogger("noticebot")

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# Loggers whose INFO lines are routine: raised to WARNING unless verbose.
ROUTINE = ("alembic", "apscheduler", "telegram", "httpx", "httpcore", "aiohttp.access")


def configure_logging(*, verbose: bool = False, json_lines: bool = False) -> None:
    """INFO for noticebot's own lines; the libraries' routine INFO lines only when ``verbose``.
    ``json_lines`` (NOTICEBOT_LOG_FORMAT=json) writes one JSON object a line for a log collector."""
    logging.basicConfig(level=logging.INFO, format=FORMAT, datefmt=DATE_FORMAT, force=True)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_no_tokens)
        if json_lines:
            handler.setFormatter(JsonLines())
    for name in ROUTINE:
        level = logging.INFO if verbose and name not in ("httpx", "httpcore") else logging.WARNING
        logging.getLogger(name).setLevel(level)
    if not verbose:
        for handler in logging.getLogger().handlers:
            handler.addFilter(_network_errors_on_one_line)


TOKEN = re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}")
"""A Telegram bot token (``123456789:AAF…``), wherever a library or an error message writes one (the
Bot API puts it in every URL)."""

EXTRA_FIELDS = ("chat_id", "user_id", "update_id", "kind", "ms", "role", "reminder_id", "notice_id")
"""Fields a log call may pass in ``extra=`` that a JSON line carries (ids, never message text)."""


def _no_tokens(record: logging.LogRecord) -> bool:
    """Every line, text or JSON, with any bot token replaced (formatted once here, so the arguments
    cannot bring one back)."""
    message = record.getMessage()
    if TOKEN.search(message):
        record.msg, record.args = TOKEN.sub("<token>", message), ()
    return True


class JsonLines(logging.Formatter):
    """One JSON object per event: time, level, logger, message, the ids passed in ``extra``, and the
    error (type and message, tokens removed) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": TOKEN.sub("<token>", record.getMessage()),
        }
        for name in EXTRA_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line["error"] = TOKEN.sub("<token>", f"{type(error).__name__}: {error}")
            if record.levelno >= logging.ERROR:
                line["traceback"] = TOKEN.sub("<token>", self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def _network_errors_on_one_line(record: logging.LogRecord) -> bool:
    """A library logging Telegram being unreachable (python-telegram-bot does, with a traceback, when its
    last getUpdates on the way out fails) gets one line: the message and the error."""
    from telegram.error import NetworkError

    error = record.exc_info[1] if record.exc_info else None
    if isinstance(error, NetworkError):
        record.msg, record.args = f"{record.getMessage()} ({error})", ()
        record.exc_info, record.exc_text = None, None
    return True


def hide_password(url: str) -> str:
    """The database URL as it may be shown: ``postgresql+asyncpg://bot:***@db/noticebot``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


def _version() -> str:
    try:
        return version("noticebot")
    except PackageNotFoundError:
        return "(source)"


def banner(app: App, settings: Settings, webhook: Webhook | None, *, reminders: bool) -> list[str]:
    """The lines ``noticebot run`` starts with, once it is connected and alone on its token."""
    me = app.bot
    api = settings.telegram_api_base_url or "api.telegram.org"
    database = hide_password(settings.database_url)
    if settings.database_schema:
        database += f" (schema {settings.database_schema})"
    mode = (
        f"long polling ({api})"
        if webhook is None
        else f"webhook {webhook.url}, listening on {webhook.host}:{webhook.port}"
    )
    schedule = "scheduler on (due reminders every 1 s, new notices every 60 s)" if reminders else "off"
    return [
        f"noticebot {_version()} running as @{me.username} ({me.first_name})",
        f"  database:  {database}",
        f"  updates:   {mode}",
        f"  reminders: {schedule}",
        "Ctrl-C to stop",
    ]


def announce(lines: list[str]) -> None:
    for line in lines:
        log.info("%s", line)
