"""/start, /help, and the help text for commands the bot does not know."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import keyboards
from bot.handlers.common import App, Context, chat_language, chat_row, deps, is_bot_admin, reply
from bot.texts import say
from db.chats import subscribed_categories
from db.engine import session_scope
from db.search import NoticeFilter, count_notices


async def start(update: Update, context: Context) -> None:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
        count = await count_notices(session, NoticeFilter(), tz=d.settings.zone)
        subscribed = await subscribed_categories(session, chat.id)
    user = update.effective_user
    name = user.first_name if user is not None else (chat.title or "")
    text = say(lang, "welcome", name=name, count=count)
    if update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE:
        text += "\n\n" + say(lang, "group_welcome")
    await reply(update, context, text, markup=keyboards.subscribe_start(lang, subscribed))


async def help_command(update: Update, context: Context) -> None:
    await reply(update, context, await help_text(update, context))


async def help_text(update: Update, context: Context) -> str:
    d = deps(context)
    lang = await chat_language(update, context)
    text = say(lang, "help", bot=context.bot.username or "bot")
    if (
        is_bot_admin(update, d.settings)
        and update.effective_chat
        and update.effective_chat.type == ChatType.PRIVATE
    ):
        text += say(lang, "help_admin")
    return text


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not have: say so and show the help (a command for another bot: ignore)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0]
    if "@" in command and command.split("@", 1)[1].lower() != (context.bot.username or "").lower():
        return
    lang = await chat_language(update, context)
    await reply(update, context, say(lang, "unknown_command") + "\n\n" + await help_text(update, context))


async def stale_button(update: Update, context: Context) -> None:
    """A button no handler knows (from an older version, or a finished conversation): say so, so the
    client does not spin forever."""
    query = update.callback_query
    if query is None:
        return
    lang = await chat_language(update, context)
    await query.answer(say(lang, "stale_button"), show_alert=True)


def register(app: App) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))


def register_fallback(app: App) -> None:
    """Registered last: only commands no other handler took reach it."""
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(CallbackQueryHandler(stale_button))
