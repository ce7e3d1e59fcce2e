"""The bot's handlers, one module per area; ``register`` adds them all in the order that matters."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, TypeHandler

from bot import callbacks
from bot.handlers import add, admin, ask, errors, groups, inline, settings, start, subscribe, upload
from bot.handlers.common import App, Context, deps, language_for
from bot.texts import say
from bot.throttle import Verdict
from bot.updates import update_kind
from db.engine import session_scope
from jobs import metrics


async def count(update: Update, context: Context) -> None:
    """Group -4: every update the application handles, by kind, for ``/metrics``."""
    metrics.update(update_kind(update))


async def throttle(update: Update, context: Context) -> None:
    """Group -3, before anything else: a user flooding the bot is told once to wait, then ignored."""
    user = update.effective_user
    if user is None or (update.message is None and update.callback_query is None):
        return
    verdict = deps(context).throttle.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN:
        async with session_scope(deps(context).sessions) as session:
            lang = await language_for(update, session)
        text = say(lang, "throttled")
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    elif update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def expired_button(update: Update, context: Context) -> None:
    """Group -2: a button press whose data no button of ours carries (forged, or from an older release)
    is answered "this button has expired" in the chat's language, and nothing else happens."""
    query = update.callback_query
    assert query is not None
    async with session_scope(deps(context).sessions) as session:
        lang = await language_for(update, session)  # reads only: a forged press stores nothing
    await query.answer(say(lang, "stale_button"), show_alert=True)
    raise ApplicationHandlerStop


def register(app: App, admin_ids: frozenset[int]) -> None:
    """Before group 0: counting (-4), the flood check (-3), forged buttons and a pending "Edit period"
    (-2), a step of /add (-1). Order within group 0 decides who gets a message: commands and buttons,
    then an admin's pasted page, then questions, and last the help for unknown commands."""
    app.add_handler(TypeHandler(Update, count), group=-4)
    app.add_handler(TypeHandler(Update, throttle), group=-3)
    app.add_handler(CallbackQueryHandler(expired_button, pattern=callbacks.is_forged), group=-2)
    admin.register_early(app)
    add.register(app)
    start.register(app)
    ask.register(app)
    subscribe.register(app)
    settings.register(app)
    admin.register(app)
    upload.register(app, admin_ids)
    inline.register(app)
    groups.register(app)
    ask.register_questions(app)
    start.register_fallback(app)
    errors.register(app)
