"""The ‹ › buttons of a burst list ("12 new notices match your subscriptions"): show another page."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.handlers.common import App, Context, chat_row, chat_zone, deps, edit_or_send, pressed_button
from bot.texts import say
from db.engine import session_scope
from db.models import Reminder
from jobs.burst import burst_items
from jobs.due import Event
from jobs.list_texts import render_burst
from jobs.texts import Context as TextContext


async def burst_page(update: Update, context: Context) -> None:
    """Edit the list to the page asked for; only the chat the list was sent to may page it."""
    query, data = pressed_button(update)
    _, reminder_id, page = data.split(":")
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        row = await session.get(Reminder, int(reminder_id))
        mine = row is not None and row.chat_id == chat.id and row.event == Event.BURST
        if row is None or not mine or not (row.detail or "").isdigit():
            await query.answer(say(chat.language, "stale_button"), show_alert=True)
            return
        items = await burst_items(session, chat.id, int(row.detail or 0), {})
        ctx = TextContext(chat.language, chat_zone(chat, d.settings), d.settings.zone, d.now())
    text, keys = render_burst(items, ctx, row.id, int(page))
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=value) for label, value in line] for line in keys]
    )
    await query.answer()
    await edit_or_send(update, context, text, markup=markup)


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(burst_page, pattern=r"^burst:\d+:\d+$"))
