"""The last resort: an exception in a handler is logged with what the bot was doing, and the user gets a
short apology instead of silence. The log names updates, chats and users by id; what people wrote is
logged only at DEBUG."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError

from bot.handlers import planning
from bot.handlers.common import App, Context, deps
from bot.texts import language_of, say
from db.chats import get_chat
from db.engine import session_scope

log = logging.getLogger("bot.errors")


def describe(update: object) -> str:
    """What was being handled, for the log: the kind of update and its update, chat and user ids. Never
    what a person wrote (``content`` gives that, for DEBUG only)."""
    if not isinstance(update, Update):
        return type(update).__name__
    parts = [f"update {update.update_id}"]
    if update.effective_chat is not None:
        parts.append(f"chat {update.effective_chat.id} ({update.effective_chat.type})")
    if update.effective_user is not None:
        parts.append(f"user {update.effective_user.id}")
    if update.callback_query is not None:
        parts.append("button")
    elif update.inline_query is not None:
        parts.append("inline query")
    elif update.effective_message is not None:
        parts.append("document" if update.effective_message.document else "message")
    return ", ".join(parts)


def content(update: object) -> str:
    """What the person sent (text, caption, file name, button data), shortened; for DEBUG logs only."""
    if not isinstance(update, Update):
        return repr(update)[:200]
    if update.callback_query is not None:
        return repr(update.callback_query.data)
    if update.inline_query is not None:
        return repr(update.inline_query.query[:80])
    message = update.effective_message
    if message is None:
        return "''"
    text = message.text or message.caption or (message.document.file_name if message.document else "")
    return repr((text or "")[:80])


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_chat is not None:
        log.info("%s: %s; marking the chat inactive", describe(update), error)
        async with session_scope(deps(context).sessions) as session:
            await planning.chat_gone(session, update.effective_chat.id, str(error))
        return
    log.error("handler failed on %s", describe(update), exc_info=error)
    log.debug("the update that failed (%s) held %s", describe(update), content(update))
    if not isinstance(update, Update):
        return
    lang = await _language(update, context)
    text = say(lang, "apology")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
            return
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.CHANNEL:
            await context.bot.send_message(chat.id, text)
    except TelegramError as exc:
        log.warning("could not apologise for %s: %s", describe(update), exc)


async def _language(update: Update, context: Context) -> str:
    """The chat's language if the database answers; the sender's Telegram language otherwise."""
    fallback = language_of(update.effective_user.language_code if update.effective_user else None)
    chat = update.effective_chat
    if chat is None:
        return fallback
    try:
        async with session_scope(deps(context).sessions) as session:
            row = await get_chat(session, chat.id)
    except Exception:  # the database may be what failed; the apology must still go out
        log.debug("no chat language for the apology", exc_info=True)
        return fallback
    return row.language if row is not None else fallback


def register(app: App) -> None:
    app.add_error_handler(on_error)
