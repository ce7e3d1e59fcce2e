"""The Telegram Application, built in one place for ``noticebot run``, ``noticebot try`` and the tests."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, BaseRateLimiter, Defaults

from bot import handlers
from bot.chat_cache import ChatCache
from bot.handlers.common import CLOCK_KEY, DEPS_KEY, App, Deps
from bot.request import AiohttpRequest
from bot.settings import Settings
from bot.texts import ADMIN_COMMANDS, COMMANDS
from bot.throttle import Throttle
from bot.updates import ChatOrderedProcessor
from jobs.clock import Clock

log = logging.getLogger("bot")

DEFAULT_API = "https://api.telegram.org"


class MissingToken(Exception):
    """No bot token is configured."""


def api_urls(base: str | None) -> tuple[str, str]:
    """python-telegram-bot's ``base_url`` and ``base_file_url`` for a Bot API server address.

    ``TELEGRAM_API_BASE_URL`` may be the server (``http://127.0.0.1:8081``) or already end in ``/bot``.
    """
    root = (base or DEFAULT_API).rstrip("/")
    if root.endswith("/bot"):
        root = root[: -len("/bot")]
    return f"{root}/bot", f"{root}/file/bot"


def build_application(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Clock,
    token: str | None = None,
    base_url: str | None = None,
    throttle: Throttle | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    page_size: int = 8,
    concurrency: int = 1,
) -> App:
    """The bot: every handler registered, its dependencies in ``bot_data``, answering in HTML.

    ``token`` and ``base_url`` default to the settings; the tests and ``noticebot try`` pass the local
    stand-in's. Nothing is contacted until the application is initialised. ``concurrency`` above 1 handles
    that many updates at once, never two of one chat together (``noticebot run`` uses
    ``NOTICEBOT_CONCURRENT_UPDATES``); 1 keeps strict arrival order, which the conversation tests rely on.
    """
    token = token or settings.telegram_bot_token
    if not token:
        raise MissingToken("TELEGRAM_BOT_TOKEN is not set")
    api, files = api_urls(base_url or settings.telegram_api_base_url)
    builder = (
        Application.builder()
        .token(token)
        .base_url(api)
        .base_file_url(files)
        .request(AiohttpRequest())  # replies on aiohttp, as JSON (see bot.request); polling keeps httpx
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
    )
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    if concurrency > 1:
        builder = builder.concurrent_updates(ChatOrderedProcessor(concurrency))
    app: App = builder.build()
    chats = ChatCache(settings.chat_cache_seconds)
    chats.watch()
    app.bot_data[DEPS_KEY] = Deps(
        settings=settings,
        sessions=sessions,
        clock=clock,
        throttle=throttle or Throttle(),
        page_size=page_size,
        chats=chats,
    )
    app.bot_data[CLOCK_KEY] = clock
    handlers.register(app, settings.admin_ids)
    return app


async def set_commands(app: App) -> None:
    """Register the command menu in English (the default) and Chinese; admins also see their commands.

    Called by the runner once the application is initialised (not a post_init hook, so every way of
    running the application registers it the same way).
    """
    bot = app.bot
    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    english = [BotCommand(name, en) for name, _, en in COMMANDS]
    chinese = [BotCommand(name, zh) for name, zh, _ in COMMANDS]
    try:
        await bot.set_my_commands(english)
        await bot.set_my_commands(chinese, language_code="zh")
    except TelegramError as error:
        log.warning("could not register the command menu: %s", error)
        return
    admin_menu = english + [BotCommand(name, en) for name, _, en in ADMIN_COMMANDS]
    for admin_id in sorted(deps.settings.admin_ids):
        try:
            await bot.set_my_commands(admin_menu, scope=BotCommandScopeChat(admin_id))
        except TelegramError as error:  # an admin who never opened the bot has no chat yet
            log.info("no admin command menu for %s: %s", admin_id, error)
