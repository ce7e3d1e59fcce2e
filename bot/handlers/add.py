"""/add: an admin enters a notice step by step (title, category, period, places, text), then publishes it
or keeps it as a draft. /cancel at any step leaves everything as it was."""

from __future__ import annotations

import re
import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards
from bot.handlers.admin import parse_periods, period_bad, publish_notice
from bot.handlers.common import App, Context, Deps, chat_row, deps, edit_or_send, is_bot_admin, reply
from bot.html import esc
from bot.texts import say
from db.engine import session_scope
from db.models import NoticeStatus
from db.store import store_notice
from notices.categories import Category
from notices.errors import DateSyntaxError
from notices.model import ParsedNotice
from notices.render import format_notice_full

TITLE, CATEGORY, PERIOD, PLACES, BODY, CONFIRM = range(6)
KEY = "add"
MAX_TITLE = 200
MAX_BODY = 20_000


async def _lang(update: Update, context: Context) -> str:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        return chat.language if chat is not None else "zh"


def _draft(context: Context) -> dict[str, Any]:
    data = context.user_data
    assert data is not None
    value = data.setdefault(KEY, {})
    assert isinstance(value, dict)
    return value


async def start(update: Update, context: Context) -> int:
    lang = await _lang(update, context)
    if not is_bot_admin(update, deps(context).settings):
        await reply(update, context, say(lang, "admins_only"))
        return ConversationHandler.END
    if context.user_data is not None:
        context.user_data[KEY] = {}
    await reply(update, context, say(lang, "add_title"))
    return TITLE


async def title(update: Update, context: Context) -> int:
    lang = await _lang(update, context)
    text = " ".join((update.effective_message.text or "").split()) if update.effective_message else ""
    if not text:
        await reply(update, context, say(lang, "add_need_text"))
        return TITLE
    if len(text) > MAX_TITLE:
        await reply(update, context, say(lang, "too_long_field", limit=MAX_TITLE))
        return TITLE
    _draft(context)["title"] = text
    await reply(update, context, say(lang, "add_category"), markup=keyboards.add_categories(lang))
    return CATEGORY


async def category_button(update: Update, context: Context) -> int:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    await query.answer()
    try:
        category = Category(query.data.split(":", 2)[2])
    except ValueError:
        return CATEGORY
    return await _category_chosen(update, context, category, edit=True)


async def category_text(update: Update, context: Context) -> int:
    lang = await _lang(update, context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        category = Category.parse(text or "")
    except ValueError:
        await reply(update, context, say(lang, "add_category"), markup=keyboards.add_categories(lang))
        return CATEGORY
    return await _category_chosen(update, context, category, edit=False)


async def _category_chosen(update: Update, context: Context, category: Category, *, edit: bool) -> int:
    lang = await _lang(update, context)
    _draft(context)["category"] = category.value
    chosen = f"🏷 {esc(category.display(lang))}"
    if edit:
        await edit_or_send(update, context, chosen)
    await reply(update, context, say(lang, "add_period"))
    return PERIOD


async def period(update: Update, context: Context) -> int:
    lang = await _lang(update, context)
    d = deps(context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        periods = parse_periods(text or "", base=_today(d), d=d)
    except (DateSyntaxError, ValueError):
        await reply(update, context, period_bad(lang, text or ""))
        return PERIOD
    _draft(context)["periods"] = periods
    await reply(update, context, say(lang, "add_places"))
    return PLACES


async def skip_period(update: Update, context: Context) -> int:
    _draft(context)["periods"] = []
    await reply(update, context, say(await _lang(update, context), "add_places"))
    return PLACES


async def places(update: Update, context: Context) -> int:
    text = update.effective_message.text if update.effective_message else ""
    names = [" ".join(p.split())[:200] for p in re.split(r"[,，、;；\n]+", text or "") if p.strip()]
    _draft(context)["places"] = names
    await reply(update, context, say(await _lang(update, context), "add_body"))
    return BODY


async def skip_places(update: Update, context: Context) -> int:
    _draft(context)["places"] = []
    await reply(update, context, say(await _lang(update, context), "add_body"))
    return BODY


async def body(update: Update, context: Context) -> int:
    lang = await _lang(update, context)
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if len(text) > MAX_BODY:
        await reply(update, context, say(lang, "too_long_field", limit=MAX_BODY))
        return BODY
    draft = _draft(context)
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
        periods=list(draft.get("periods", [])),
        places=list(draft.get("places", [])),
    )


async def confirm(update: Update, context: Context) -> int:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    lang = await _lang(update, context)
    await query.answer()
    action = query.data.split(":")[1]
    if action == "cancel":
        return await _cancelled(update, context, lang)
    d = deps(context)
    parsed = _parsed(_draft(context), d)
    async with session_scope(d.sessions) as session:
        stored = await store_notice(
            session, parsed, tz=d.settings.zone, source="/add", status=NoticeStatus.DRAFT
        )
    if context.user_data is not None:
        context.user_data.pop(KEY, None)
    if stored.duplicate:
        await edit_or_send(update, context, say(lang, "add_duplicate", id=stored.id))
        return ConversationHandler.END
    if action == "pub":
        _, channel_error = await publish_notice(context, stored.id)
        await edit_or_send(update, context, say(lang, "published_ok", id=stored.id))
        if channel_error:
            await reply(update, context, say(lang, "channel_post_failed", detail=channel_error))
    else:
        await edit_or_send(update, context, say(lang, "add_saved_draft", id=stored.id))
    return ConversationHandler.END


async def cancel(update: Update, context: Context) -> int:
    return await _cancelled(update, context, await _lang(update, context))


async def _cancelled(update: Update, context: Context, lang: str) -> int:
    if context.user_data is not None:
        context.user_data.pop(KEY, None)
    await reply(update, context, say(lang, "cancelled"))
    return ConversationHandler.END


def conversation() -> ConversationHandler[Any]:
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons are tracked per chat and user, as every other step: that is what we want here.
        warnings.filterwarnings("ignore", message=".*per_message=False.*")
        return ConversationHandler(
            entry_points=[CommandHandler("add", start, filters=filters.ChatType.PRIVATE)],
            states={
                TITLE: [MessageHandler(text, title)],
                CATEGORY: [
                    CallbackQueryHandler(category_button, pattern=r"^add:cat:[a-z_]+$"),
                    MessageHandler(text, category_text),
                ],
                PERIOD: [CommandHandler("skip", skip_period), MessageHandler(text, period)],
                PLACES: [CommandHandler("skip", skip_places), MessageHandler(text, places)],
                BODY: [MessageHandler(text, body)],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=r"^add:(pub|draft|cancel)$")],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CallbackQueryHandler(confirm, pattern=r"^add:cancel$"),
            ],
            name="add_notice",
            allow_reentry=True,
        )


def register(app: App) -> None:
    app.add_handler(conversation())
