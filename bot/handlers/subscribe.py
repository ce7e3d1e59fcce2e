"""Subscriptions: category toggles, places and keywords, /mysubs with remove buttons, /unsubscribe, and the
"mute this category" / "remind me tomorrow" buttons on pushed messages.

In a group only its administrators change anything; everyone else gets a polite refusal and nothing
changes. Every change re-plans the chat's reminders in the same transaction.
"""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards
from bot.handlers import planning
from bot.handlers.common import (
    App,
    Context,
    chat_row,
    deps,
    edit_or_send,
    manager_language,
    may_manage_chat,
    pressed_button,
    refuse_non_manager,
    reply,
)
from bot.html import esc
from bot.texts import say
from db.chats import (
    add_subscription,
    find_subscription,
    get_reminder_chat,
    is_known_place,
    list_subscriptions,
    remove_all_subscriptions,
    remove_subscription,
    subscribed_categories,
    toggle_category,
)
from db.engine import session_scope
from db.models import Subscription, SubscriptionKind
from notices.categories import Category

MAX_KEYWORD = 100
"""Longest place or keyword accepted (the column holds 200; nobody needs more than a sentence)."""

_PLACE = re.compile(r"(省|市|县|区|镇|乡|村|街道|街|路|大街|大道|社区|小区|屯|组|胡同|巷|桥|广场)$")


async def subscribe(update: Update, context: Context) -> None:
    lang = await manager_language(update, context)
    if lang is None:
        return
    value = " ".join(context.args or []).strip()
    if not value:
        await _show_categories(update, context)
        return
    await _add_value(update, context, value, lang)


async def _show_categories(update: Update, context: Context) -> None:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
        subscribed = await subscribed_categories(session, chat.id)
    await reply(update, context, say(lang, "subscribe_pick"), markup=keyboards.categories(lang, subscribed))


async def classify(session: AsyncSession, value: str) -> tuple[str, str]:
    """What ``/subscribe VALUE`` means: a category name, a place (known, or named like one), or a keyword."""
    try:
        return SubscriptionKind.CATEGORY, Category.parse(value).value
    except ValueError:
        pass
    if _PLACE.search(value) or await is_known_place(session, value):
        return SubscriptionKind.PLACE, value
    return SubscriptionKind.KEYWORD, value


async def _add_value(update: Update, context: Context, value: str, lang: str) -> None:
    value = " ".join(value.split())
    if len(value) > MAX_KEYWORD:
        await reply(update, context, say(lang, "keyword_too_long", limit=MAX_KEYWORD))
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        kind, value = await classify(session, value)
        _, created = await add_subscription(session, chat.id, kind, value)
        if created:
            await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
    if not created:
        shown = Category(value).display(lang) if kind == SubscriptionKind.CATEGORY else value
        text = say(lang, "already_subscribed", value=shown)
    elif kind == SubscriptionKind.CATEGORY:
        text = say(lang, "subscribed_category", name=Category(value).display(lang))
    else:
        text = say(lang, f"subscribed_{kind}", value=value)
    await reply(update, context, text)


async def toggle(update: Update, context: Context) -> None:
    """A category button, on the /subscribe list (``sub:t:``) or the /start keyboard (``sub:s:``)."""
    query, data = pressed_button(update)
    _, source, code = data.split(":", 2)
    lang = await manager_language(update, context)
    if lang is None:
        return
    try:
        category = Category(code)
    except ValueError:
        await query.answer()
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        now_on = await toggle_category(session, chat.id, category.value)
        await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
        subscribed = await subscribed_categories(session, chat.id)
    await query.answer(
        say(lang, "subscribed_category" if now_on else "unsubscribed_category", name=category.display(lang))
    )
    markup = (
        keyboards.categories(lang, subscribed)
        if source == "t"
        else keyboards.subscribe_start(lang, subscribed)
    )
    await query.edit_message_reply_markup(markup)


def _subscription_line(lang: str, subscription: Subscription) -> str:
    return esc(keyboards.subscription_label(lang, subscription, width=200))


async def mysubs(update: Update, context: Context) -> None:
    await _show_subscriptions(update, context, 0, edit=False)


async def mysubs_page(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    await query.answer()
    await _show_subscriptions(update, context, int(data.rsplit(":", 1)[1]), edit=True)


async def _show_subscriptions(update: Update, context: Context, page: int, *, edit: bool) -> None:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
        subscriptions = await list_subscriptions(session, chat.id)
    if not subscriptions:
        text, markup = say(lang, "mysubs_empty"), None
    else:
        size = d.page_size
        pages = -(-len(subscriptions) // size)
        page = min(max(page, 0), pages - 1)
        chunk = subscriptions[page * size : (page + 1) * size]
        lines = [f"{page * size + i + 1}. {_subscription_line(lang, s)}" for i, s in enumerate(chunk)]
        text = say(lang, "mysubs_title") + "\n" + "\n".join(lines)
        if pages > 1:
            text += "\n" + esc(say(lang, "page", page=page + 1, pages=pages))
        markup = keyboards.my_subscriptions(lang, subscriptions, page, size)
    if edit:
        await edit_or_send(update, context, text, markup=markup)
    else:
        await reply(update, context, text, markup=markup)


async def remove_one(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    _, _, raw_id, raw_page = data.split(":")
    lang = await manager_language(update, context)
    if lang is None:
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        removed = await remove_subscription(session, chat.id, int(raw_id))
        if removed is not None:
            await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
    if removed is None:
        await query.answer(say(lang, "gone"))
    else:
        await query.answer(say(lang, "removed", value=keyboards.subscription_label(lang, removed)))
    await _show_subscriptions(update, context, int(raw_page), edit=True)


async def unsubscribe(update: Update, context: Context) -> None:
    """``/unsubscribe`` asks before removing every subscription; ``/unsubscribe TERM`` removes the one
    whose place, keyword or category is TERM, or lists what there is."""
    term = " ".join(" ".join(context.args or []).split())
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
        count = len(await list_subscriptions(session, chat.id))
    if not await may_manage_chat(update, context):
        await refuse_non_manager(update, context, lang)
        return
    if count == 0:
        await reply(update, context, say(lang, "unsubscribe_none"))
        return
    if term:
        await _unsubscribe_term(update, context, term, lang)
        return
    await reply(
        update,
        context,
        say(lang, "unsubscribe_confirm", count=count),
        markup=keyboards.confirm_unsubscribe(lang),
    )


def _matches(subscription: Subscription, term: str) -> bool:
    """Whether ``/unsubscribe TERM`` means this subscription: its value, or its category by any name."""
    if subscription.value.casefold() == term.casefold():
        return True
    if subscription.kind != SubscriptionKind.CATEGORY:
        return False
    try:
        return Category.parse(term).value == subscription.value
    except ValueError:
        return False


async def _unsubscribe_term(update: Update, context: Context, term: str, lang: str) -> None:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        subscriptions = await list_subscriptions(session, chat.id)
        chosen = [s for s in subscriptions if _matches(s, term)]
        labels = [keyboards.subscription_label(lang, s, width=MAX_KEYWORD) for s in chosen]
        for subscription in chosen:
            await session.delete(subscription)
        if chosen:
            await session.flush()
            await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
    if chosen:
        left = len(subscriptions) - len(chosen)
        await reply(update, context, say(lang, "unsubscribed_one", value="; ".join(labels), left=left))
        return
    listing = "\n".join(
        "• " + keyboards.subscription_label(lang, s, width=MAX_KEYWORD) for s in subscriptions
    )
    shown = term if len(term) <= MAX_KEYWORD else term[: MAX_KEYWORD - 1] + "…"
    await reply(update, context, say(lang, "unsubscribe_no_match", term=shown, listing=listing))


async def unsubscribe_answer(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    lang = await manager_language(update, context)
    if lang is None:
        return
    await query.answer()
    if data != "unsuball:y":
        await edit_or_send(update, context, say(lang, "kept"))
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        count = await remove_all_subscriptions(session, chat.id)
        await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
    await edit_or_send(update, context, say(lang, "unsubscribed_all", count=count))


async def mute(update: Update, context: Context) -> None:
    """The button on a pushed notice: stop this chat's subscription to the notice's category."""
    query, data = pressed_button(update)
    lang = await manager_language(update, context)
    if lang is None:
        return
    try:
        category = Category(data.split(":", 1)[1])
    except ValueError:
        await query.answer()
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        existing = await find_subscription(session, chat.id, SubscriptionKind.CATEGORY, category.value)
        if existing is not None:
            await session.delete(existing)
            await session.flush()
            await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
    name = category.display(lang)
    if existing is None:
        await query.answer(say(lang, "mute_not_subscribed", name=name), show_alert=True)
        return
    await query.answer(say(lang, "muted", name=name))
    if query.message is not None:
        await reply(update, context, say(lang, "muted", name=name))


async def snooze(update: Update, context: Context) -> None:
    """The "remind me tomorrow" button: push one reminder back a day (only this chat's own reminders)."""
    query, data = pressed_button(update)
    lang = await manager_language(update, context)
    if lang is None:
        return
    reminder_id = int(data.split(":", 1)[1])
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        owner = await get_reminder_chat(session, reminder_id)
        done = owner == chat.id and await planning.snooze(
            session, reminder_id, now=d.now(), tz=d.settings.zone
        )
    await query.answer(say(lang, "snoozed" if done else "snooze_gone"))


def register(app: App) -> None:
    app.add_handler(CommandHandler("subscribe", subscribe))
    app.add_handler(CommandHandler("mysubs", mysubs))
    app.add_handler(CommandHandler("unsubscribe", unsubscribe))
    app.add_handler(CallbackQueryHandler(toggle, pattern=r"^sub:[ts]:[a-z_]+$"))
    app.add_handler(CallbackQueryHandler(remove_one, pattern=r"^sub:x:\d+:\d+$"))
    app.add_handler(CallbackQueryHandler(mysubs_page, pattern=r"^sub:p:\d+$"))
    app.add_handler(CallbackQueryHandler(unsubscribe_answer, pattern=r"^unsuball:[yn]$"))
    app.add_handler(CallbackQueryHandler(mute, pattern=r"^mute:[a-z_]+$"))
    app.add_handler(CallbackQueryHandler(snooze, pattern=r"^snooze:\d+$"))
