"""What every handler needs: its dependencies, the chat's row and language, permission checks, replies."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes

from bot.chat_cache import ChatCache
from bot.html import split_message
from bot.settings import Settings
from bot.state import StateStore, Stored
from bot.texts import language_of, say
from bot.throttle import Throttle
from db.chats import ChatSettings, create_chat, ensure_chat, get_chat, read_chat_settings_and_states
from db.engine import read_connection, session_scope
from db.models import Chat
from db.reader import Reader
from jobs.clock import Clock

log = logging.getLogger("bot")

Context = ContextTypes.DEFAULT_TYPE

DEPS_KEY = "deps"
CLOCK_KEY = "clock"


@dataclass(slots=True)
class Deps:
    """Everything handlers use that is not Telegram: passed in once by ``build_application``."""

    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    throttle: Throttle
    page_size: int = 8
    extras: dict[str, Any] = field(default_factory=dict)
    chats: ChatCache = field(default_factory=ChatCache)
    """The chats' settings as messages need them (see ``bot.chat_cache``)."""
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when the bot begins to stop: long work (reading a large page, sending its drafts) ends early
    instead of holding the shutdown up."""

    def now(self) -> datetime:
        moment = self.clock.now()
        if moment.tzinfo is None:
            raise ValueError("the clock must give aware datetimes")
        return moment


App = Application[Any, Any, Any, Any, Any, Any]


def deps(context: Context) -> Deps:
    value = context.bot_data[DEPS_KEY]
    assert isinstance(value, Deps)
    return value


def begin_stopping(app: App) -> None:
    """Tell the handlers still running that the bot is stopping (see ``Deps.stopping``)."""
    value = app.bot_data.get(DEPS_KEY)
    if isinstance(value, Deps):
        value.stopping.set()


def chat_zone(chat: Chat | ChatSettings | None, settings: Settings) -> ZoneInfo:
    """The chat's own time zone, else the configured one (the zone notices are written in)."""
    if chat is not None and chat.tz:
        try:
            return ZoneInfo(chat.tz)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("chat %s has an unknown time zone %r", chat.id, chat.tz)
    return settings.zone


async def chat_row(update: Update, session: AsyncSession) -> Chat | None:
    """The row of the chat an update came from, created on first contact (language from the sender)."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await ensure_chat(session, chat.id, **_row_values(update))


def _row_values(update: Update) -> dict[str, Any]:
    """The type, title and (for a new chat) language :func:`chat_row` gives the chat's row."""
    chat = update.effective_chat
    assert chat is not None
    user = update.effective_user
    title = chat.title or chat.username or (user.full_name if user else None)
    return {
        "type": str(chat.type),
        "title": title[:200] if title else None,
        "language": language_of(user.language_code if user else None),
    }


async def first_contact(update: Update, context: Context) -> ChatSettings | None:
    """The settings of a chat seen for the first time, its row made as :func:`chat_row` makes it but
    with one statement committed on its own; None when the chat already has a row (the session of
    :func:`chat_settings` then brings it up to date)."""
    chat = update.effective_chat
    assert chat is not None
    d = deps(context)
    bind = d.sessions.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        return None
    created = await create_chat(bind, chat.id, **_row_values(update))
    if created is not None:
        d.chats.put(created)
    return created


async def chat_settings(update: Update, context: Context, session: AsyncSession) -> ChatSettings | None:
    """The settings of the chat an update came from, as :func:`chat_row` leaves its row, but read
    (or taken from ``Deps.chats``) without writing when the row is already as it would leave it: the
    path of every question. Returns None without a chat."""
    chat = update.effective_chat
    if chat is None:
        return None
    cache = deps(context).chats
    found = await cache.get(session, chat.id)
    if found is not None and _as_left(found, update):
        return found
    row = await chat_row(update, session)
    assert row is not None
    cache.invalidate(chat.id)
    return ChatSettings(row.id, row.type, row.title, row.language, row.tz, row.active)


def _as_left(found: ChatSettings, update: Update) -> bool:
    """Whether the chat's row is already as :func:`chat_row` would leave it for ``update``."""
    chat = update.effective_chat
    assert chat is not None
    user = update.effective_user
    title = chat.title or chat.username or (user.full_name if user else None)
    title = title[:200] if title else None
    return found.active and found.type == str(chat.type) and title in (None, found.title)


async def current_chat_settings(update: Update, context: Context) -> ChatSettings | None:
    """:func:`chat_settings` in a session of its own, but first read outside any transaction (one
    round trip, no BEGIN or COMMIT): only a chat seen for the first time or changed since (its title,
    type, a bot blocked and unblocked) opens the session that writes its row."""
    chat = update.effective_chat
    if chat is None:
        return None
    d = deps(context)
    async with read_connection(d.sessions) as connection:
        found = await d.chats.get(connection, chat.id)
    if found is not None and _as_left(found, update):
        return found
    if found is None and (created := await first_contact(update, context)) is not None:
        return created
    async with session_scope(d.sessions) as session:
        return await chat_settings(update, context, session)


async def current_chat_settings_and_state(
    update: Update, context: Context, scope: str, key: str
) -> tuple[ChatSettings | None, Stored | None]:
    """:func:`current_chat_settings` and the conversation value under ``scope``/``key``, read together
    in one round trip (a question needs both before anything else)."""
    chat = update.effective_chat
    d = deps(context)
    if chat is None:
        return None, await StateStore(d.sessions).get(scope, key)
    async with read_connection(d.sessions) as connection:
        found, stored = await read_settings_and_state(connection, update, context, scope, key)
    if found is not None:
        return found, stored
    if (created := await first_contact(update, context)) is not None:  # else a row to bring up to date
        return created, stored
    async with session_scope(d.sessions) as session:
        return await chat_settings(update, context, session), stored


async def read_settings_and_state(
    connection: Reader, update: Update, context: Context, scope: str, key: str
) -> tuple[ChatSettings | None, Stored | None]:
    """The read of :func:`current_chat_settings_and_state` on a connection the caller goes on using
    (a question answered on the same one): the settings are None when the chat's row is missing or
    not as :func:`chat_row` would leave it, and the caller must then write it."""
    found, (stored,) = await read_settings_and_states(connection, update, context, scope, (key,))
    return found, stored


async def read_settings_and_states(
    connection: Reader, update: Update, context: Context, scope: str, keys: tuple[str, ...]
) -> tuple[ChatSettings | None, list[Stored | None]]:
    """:func:`read_settings_and_state` for several conversation values of one scope at once."""
    chat = update.effective_chat
    assert chat is not None
    found, states = await read_chat_settings_and_states(connection, chat.id, scope, keys)
    stored = [None if state is None else Stored(json.loads(state[0]), state[1]) for state in states]
    if found is not None and _as_left(found, update):
        deps(context).chats.put(found)
        return found, stored
    return None, stored


async def chat_language(update: Update, context: Context) -> str:
    """The language of the chat an update came from (its row created on first contact); "zh" without a
    chat."""
    chat = await current_chat_settings(update, context)
    return chat.language if chat is not None else "zh"


async def language_for(update: Update, session: AsyncSession) -> str:
    """The language to answer in: the chat's choice, else (no chat, e.g. inline) the sender's private
    chat's choice, else the sender's Telegram language."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is not None:
        row = await get_chat(session, chat.id)
        if row is not None:
            return row.language
    if user is not None:
        row = await get_chat(session, user.id)
        if row is not None:
            return row.language
        return language_of(user.language_code)
    return "zh"


def pressed_button(update: Update) -> tuple[CallbackQuery, str]:
    """The button press a CallbackQueryHandler was called for, and its data (the handler's pattern
    matched that data, so both are there)."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    return query, query.data


def is_bot_admin(update: Update, settings: Settings) -> bool:
    user = update.effective_user
    return user is not None and user.id in settings.admin_ids


async def may_manage_chat(update: Update, context: Context) -> bool:
    """Whether the sender may change this chat's subscriptions and settings.

    Anyone in a private chat; in a group, its administrators (asked from Telegram each time, so a
    demoted admin loses the right at once), including an admin posting anonymously as the group.
    A channel post has no sender, so nobody.
    """
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return chat.type != ChatType.CHANNEL
    user = update.effective_user
    if user is None or chat.type == ChatType.CHANNEL:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def refuse_non_manager(update: Update, context: Context, lang: str) -> None:
    """The polite "only admins" answer: a pop-up for a button, a message for a command."""
    text = say(lang, "group_admins_only")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await reply(update, context, text)


async def manager_language(update: Update, context: Context) -> str | None:
    """The chat's language when the sender may change this chat; otherwise the polite refusal and None."""
    lang = await chat_language(update, context)
    if not await may_manage_chat(update, context):
        await refuse_non_manager(update, context, lang)
        return None
    return lang


async def send(
    context: Context,
    chat_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message | None:
    """Send HTML ``text``, split at line boundaries when long; the keyboard goes with the last part."""
    parts = split_message(text)
    last: Message | None = None
    for index, part in enumerate(parts):
        final = index == len(parts) - 1
        last = await context.bot.send_message(
            chat_id,
            part,
            reply_markup=markup if final else None,
            reply_to_message_id=reply_to if index == 0 else None,
        )
    return last


async def reply(
    update: Update, context: Context, text: str, *, markup: InlineKeyboardMarkup | None = None
) -> None:
    chat = update.effective_chat
    if chat is not None:
        await send(context, chat.id, text, markup=markup)


async def edit_or_send(
    update: Update, context: Context, text: str, *, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the message a button belongs to (lists, menus); send anew if it is too long or gone."""
    query = update.callback_query
    message = query.message if query is not None else None
    parts = split_message(text)
    if isinstance(message, Message) and len(parts) == 1:
        try:
            await message.edit_text(parts[0], reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("could not edit message %s: %s", message.message_id, exc)
    await reply(update, context, text, markup=markup)


def command_args(context: Context) -> list[str]:
    return list(context.args or [])
