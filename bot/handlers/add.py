"""/add: an admin enters a notice step by step (title, category, period, places, text), then publishes it
or keeps it as a draft. /cancel at any step leaves everything as it was. The step and the answers so far
are a row (``bot.handlers.conversation``), so the next message may reach any web process, or one
started since."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import filters

from bot import keyboards
from bot.handlers.admin import parse_periods, period_bad, publish_notice
from bot.handlers.common import App, Context, Deps, chat_row, deps, edit_or_send, is_bot_admin, reply
from bot.handlers.conversation import END, StoredConversation, button, command, message
from bot.html import esc
from bot.texts import say
from db.engine import session_scope
from db.models import NoticeStatus
from db.store import store_notice
from notices.categories import Category
from notices.errors import DateSyntaxError
from notices.model import ParsedNotice, Period
from notices.render import format_notice_full

TITLE, CATEGORY, PERIOD, PLACES, BODY, CONFIRM = "title", "category", "period", "places", "body", "confirm"
KEY = "add"
Draft = dict[str, Any]
MAX_TITLE = 200
MAX_BODY = 20_000


async def _lang(update: Update, context: Context) -> str:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        return chat.language if chat is not None else "zh"


async def start(update: Update, context: Context, draft: Draft) -> str:
    lang = await _lang(update, context)
    if not is_bot_admin(update, deps(context).settings):
        await reply(update, context, say(lang, "admins_only"))
        return END
    draft.clear()
    await reply(update, context, say(lang, "add_title"))
    return TITLE


async def title(update: Update, context: Context, draft: Draft) -> str:
    lang = await _lang(update, context)
    text = " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    if not text:
        await reply(update, context, say(lang, "add_need_text"))
        return TITLE
    if len(text) > MAX_TITLE:
        await reply(update, context, say(lang, "too_long_field", limit=MAX_TITLE))
        return TITLE
    draft["title"] = text
    await reply(update, context, say(lang, "add_category"), markup=keyboards.add_categories(lang))
    return CATEGORY


async def category_button(update: Update, context: Context, draft: Draft) -> str:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    await query.answer()
    try:
        category = Category(query.data.split(":", 2)[2])
    except ValueError:
        return CATEGORY
    return await _category_chosen(update, context, draft, category, edit=True)


async def category_text(update: Update, context: Context, draft: Draft) -> str:
    lang = await _lang(update, context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        category = Category.parse(text or "")
    except ValueError:
        await reply(update, context, say(lang, "add_category"), markup=keyboards.add_categories(lang))
        return CATEGORY
    return await _category_chosen(update, context, draft, category, edit=False)


async def _category_chosen(
    update: Update, context: Context, draft: Draft, category: Category, *, edit: bool
) -> str:
    lang = await _lang(update, context)
    draft["category"] = category.value
    chosen = f"🏷 {esc(category.display(lang))}"
    if edit:
        await edit_or_send(update, context, chosen)
    await reply(update, context, say(lang, "add_period"))
    return PERIOD


async def period(update: Update, context: Context, draft: Draft) -> str:
    lang = await _lang(update, context)
    d = deps(context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        base = _today(d)
        parse_periods(text or "", base=base, d=d)
    except (DateSyntaxError, ValueError):
        await reply(update, context, period_bad(lang, text or ""))
        return PERIOD
    # Stored as typed, with the day it was read against: read again, it gives the same periods.
    draft["periods"] = {"text": text, "base": base.isoformat()}
    await reply(update, context, say(lang, "add_places"))
    return PLACES


async def skip_period(update: Update, context: Context, draft: Draft) -> str:
    draft["periods"] = None
    await reply(update, context, say(await _lang(update, context), "add_places"))
    return PLACES


async def places(update: Update, context: Context, draft: Draft) -> str:
    text = update.effective_message.text if update.effective_message else ""
    names = [" ".join(p.split())[:200] for p in re.split(r"[,，、;；\n]+", text or "") if p.strip()]
    draft["places"] = names
    await reply(update, context, say(await _lang(update, context), "add_body"))
    return BODY


async def skip_places(update: Update, context: Context, draft: Draft) -> str:
    draft["places"] = []
    await reply(update, context, say(await _lang(update, context), "add_body"))
    return BODY


async def body(update: Update, context: Context, draft: Draft) -> str:
    lang = await _lang(update, context)
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if len(text) > MAX_BODY:
        await reply(update, context, say(lang, "too_long_field", limit=MAX_BODY))
        return BODY
    draft["body"] = text
    d = deps(context)
    preview = format_notice_full(_parsed(draft, d), language=lang, tz=d.settings.zone)
    await reply(
        update, context, esc(preview) + "\n\n" + say(lang, "add_confirm"), markup=keyboards.add_confirm(lang)
    )
    return CONFIRM


def _today(d: Deps) -> Any:
    return d.now().astimezone(d.settings.zone).date()


def _parsed(draft: dict[str, Any], d: Deps) -> ParsedNotice:
    return ParsedNotice(
        title=draft["title"],
        category=Category(draft["category"]),
        body=draft.get("body", ""),
        published=_today(d),
        periods=_periods(draft.get("periods"), d),
        places=list(draft.get("places", [])),
    )


def _periods(stored: dict[str, str] | None, d: Deps) -> list[Period]:
    if not stored:
        return []
    return parse_periods(stored["text"], base=date.fromisoformat(stored["base"]), d=d)


async def confirm(update: Update, context: Context, draft: Draft) -> str:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    lang = await _lang(update, context)
    await query.answer()
    action = query.data.split(":")[1]
    if action == "cancel":
        return await _cancelled(update, context, lang)
    d = deps(context)
    parsed = _parsed(draft, d)
    async with session_scope(d.sessions) as session:
        stored = await store_notice(
            session, parsed, tz=d.settings.zone, source="/add", status=NoticeStatus.DRAFT
        )
    if stored.duplicate:
        await edit_or_send(update, context, say(lang, "add_duplicate", id=stored.id))
        return END
    if action == "pub":
        _, channel_error = await publish_notice(context, stored.id)
        await edit_or_send(update, context, say(lang, "published_ok", id=stored.id))
        if channel_error:
            await reply(update, context, say(lang, "channel_post_failed", detail=channel_error))
    else:
        await edit_or_send(update, context, say(lang, "add_saved_draft", id=stored.id))
    return END


async def cancel(update: Update, context: Context, draft: Draft) -> str:
    return await _cancelled(update, context, await _lang(update, context))


async def _cancelled(update: Update, context: Context, lang: str) -> str:
    await reply(update, context, say(lang, "cancelled"))
    return END


def conversation() -> StoredConversation:
    """/add as a conversation kept in the database (any web process takes the next step)."""
    text = filters.TEXT & ~filters.COMMAND
    return StoredConversation(
        KEY,
        entry=[command("add", filters.ChatType.PRIVATE, callback=start)],
        states={
            TITLE: [message(text, callback=title)],
            CATEGORY: [
                button(r"^add:cat:[a-z_]+$", callback=category_button),
                message(text, callback=category_text),
            ],
            PERIOD: [command("skip", callback=skip_period), message(text, callback=period)],
            PLACES: [command("skip", callback=skip_places), message(text, callback=places)],
            BODY: [message(text, callback=body)],
            CONFIRM: [button(r"^add:(pub|draft|cancel)$", callback=confirm)],
        },
        fallbacks=[
            command("cancel", callback=cancel),
            button(r"^add:cancel$", callback=confirm),
        ],
        active=lambda update, context: is_bot_admin(update, deps(context).settings),
    )


def register(app: App) -> None:
    """Before the commands and questions (group -1): a step of /add takes its message first."""
    app.add_handler(conversation().handler(), group=-1)
