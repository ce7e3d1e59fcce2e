"""What the bot's administrators (ADMIN_IDS) do with draft cards (Publish / Change category / Edit period /
Discard), /withdraw, /stats and /setchannel; the pages that become drafts are bot.handlers.upload.

Only published notices are visible and pushed, so a page goes through a person before anyone sees it.
Anyone else who tries gets a refusal and nothing changes.
"""

from __future__ import annotations

import re
from datetime import date

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import keyboards
from bot.handlers import planning
from bot.handlers.cards import category_name, draft_text
from bot.handlers.common import App, Context, Deps, chat_row, deps, edit_or_send, is_bot_admin, reply
from bot.state import StateStore, user_scope
from bot.texts import TEXTS, say
from db.chats import chat_stats, get_broadcast_channel, get_chat, set_broadcast_channel
from db.engine import session_scope
from db.models import Notice, NoticeStatus
from db.store import (
    StatusError,
    counts_by_status,
    get_notice,
    replace_periods,
    set_category,
    set_status,
)
from notices.categories import Category
from notices.dates import parse_period
from notices.errors import DateSyntaxError
from notices.model import Period

EDIT_PERIOD_KEY = "edit_period"


def _lang(update: Update, fallback: str = "zh") -> str:
    user = update.effective_user
    if user is None:
        return fallback
    return "zh" if (user.language_code or "zh").lower().startswith("zh") else "en"


async def _chat_language(update: Update, context: Context) -> str:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        return chat.language if chat is not None else _lang(update)


async def refuse(update: Update, context: Context) -> None:
    lang = await _chat_language(update, context)
    text = say(lang, "admins_only")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await reply(update, context, text)


def today(d: Deps) -> date:
    return d.now().astimezone(d.settings.zone).date()


# --- draft card buttons -----------------------------------------------------------------------------


async def draft_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    if not is_bot_admin(update, deps(context).settings):
        await refuse(update, context)
        return
    parts = query.data.split(":")
    action, notice_id = parts[1], int(parts[2])
    lang = await _chat_language(update, context)
    if action == "pub":
        await _publish(update, context, notice_id, lang)
    elif action == "del":
        await _discard(update, context, notice_id, lang)
    elif action == "cat":
        await query.answer()
        await edit_or_send(
            update,
            context,
            say(lang, "pick_category", id=notice_id),
            markup=keyboards.draft_categories(lang, notice_id),
        )
    elif action == "set":
        await _set_category(update, context, notice_id, parts[3], lang)
    elif action == "per":
        await query.answer()
        await _states(context).put(_scope(update), EDIT_PERIOD_KEY, notice_id)
        await reply(update, context, say(lang, "period_prompt", id=notice_id))


async def publish_notice(context: Context, notice_id: int) -> tuple[Notice | None, str | None]:
    """Publish a draft (or re-publish a withdrawn notice) and plan its reminders.

    Planning also gives the broadcast channel its post: it goes out through the reminder outbox like
    every reminder (rate limits, retries, a record corrections reply to), the same way as for notices
    published by ``noticebot ingest``. Returns the notice (None when it does not exist) and, when a
    channel is set but the bot can no longer post there, why: the notice stays published, the admin is
    told."""
    d = deps(context)
    async with session_scope(d.sessions) as session:
        notice = await get_notice(session, notice_id)
        if notice is None:
            return None, None
        if notice.status == NoticeStatus.PUBLISHED:
            return notice, None
        notice = await set_status(session, notice_id, NoticeStatus.PUBLISHED)
        await planning.notice_published(session, notice_id, now=d.now(), tz=d.settings.zone)
        channel = await get_broadcast_channel(session)
        channel_row = await get_chat(session, channel) if channel is not None else None
    if channel_row is not None and not channel_row.active:
        return notice, channel_row.inactive_reason or "the bot cannot post to the channel any more"
    return notice, None


async def _publish(update: Update, context: Context, notice_id: int, lang: str) -> None:
    query = update.callback_query
    assert query is not None
    d = deps(context)
    async with session_scope(d.sessions) as session:
        current = await get_notice(session, notice_id)
        status = current.status if current is not None else None
    if status is None:
        await query.answer(say(lang, "notice_missing", id=notice_id), show_alert=True)
        return
    if status != NoticeStatus.DRAFT:
        await query.answer(
            say(lang, "not_a_draft", id=notice_id, status=say(lang, f"status_{status}")), show_alert=True
        )
        return
    notice, channel_error = await publish_notice(context, notice_id)
    await query.answer(say(lang, "published_ok", id=notice_id))
    assert notice is not None
    await edit_or_send(
        update,
        context,
        say(lang, "published_ok", id=notice_id) + "\n\n" + draft_text(notice, lang, d.settings.zone),
    )
    if channel_error:
        await reply(update, context, say(lang, "channel_post_failed", detail=channel_error))


async def _discard(update: Update, context: Context, notice_id: int, lang: str) -> None:
    """A discarded draft is withdrawn, not deleted: its content hash keeps the same page from coming back."""
    query = update.callback_query
    assert query is not None
    d = deps(context)
    async with session_scope(d.sessions) as session:
        notice = await get_notice(session, notice_id)
        if notice is None or notice.status != NoticeStatus.DRAFT:
            status = say(lang, f"status_{notice.status}") if notice else "?"
            await query.answer(say(lang, "not_a_draft", id=notice_id, status=status), show_alert=True)
            return
        await set_status(session, notice_id, NoticeStatus.WITHDRAWN)
    await query.answer(say(lang, "discarded", id=notice_id))
    await edit_or_send(update, context, say(lang, "discarded", id=notice_id))


async def _set_category(update: Update, context: Context, notice_id: int, code: str, lang: str) -> None:
    query = update.callback_query
    assert query is not None
    d = deps(context)
    try:
        category = Category(code)
    except ValueError:
        await query.answer()
        return
    async with session_scope(d.sessions) as session:
        notice = await get_notice(session, notice_id)
        if notice is None:
            await query.answer(say(lang, "notice_missing", id=notice_id), show_alert=True)
            return
        notice = await set_category(session, notice_id, category)
        if notice.status == NoticeStatus.PUBLISHED:
            await planning.notice_changed(session, notice_id, now=d.now(), tz=d.settings.zone)
        card = draft_text(notice, lang, d.settings.zone)
        draft = notice.status == NoticeStatus.DRAFT
    await query.answer(say(lang, "category_changed", id=notice_id, name=category.display(lang)))
    await edit_or_send(update, context, card, markup=keyboards.draft_card(lang, notice_id) if draft else None)


def parse_periods(text: str, *, base: date, d: Deps) -> list[Period]:
    """Several periods separated by semicolons or line breaks, each read by the page parser's grammar."""
    pieces = [piece.strip() for piece in re.split(r"[;；\n]+", text) if piece.strip()]
    if not pieces:
        raise DateSyntaxError("no date given")
    return [parse_period(piece, base=base, tz=d.settings.zone) for piece in pieces]


def period_bad(lang: str, typed: str) -> str:
    """ "I can't read that date", with what was typed and how to write one (the parser's own reasons
    are English only, so they are not shown)."""
    shown = typed.strip() if len(typed.strip()) <= 40 else typed.strip()[:40] + "…"
    return say(lang, "period_bad", typed=shown)


async def pending_period(update: Update, context: Context) -> None:
    """The text after "Edit period": the new periods. Runs before every other text handler and stops
    them when it takes the message; /cancel (handled here too) leaves the notice as it was. Which notice
    is awaited is stored (``bot_state``), so any web process takes the answer."""
    message = update.effective_message
    if message is None or not message.text or not is_bot_admin(update, deps(context).settings):
        return
    states, scope = _states(context), _scope(update)
    pending = await states.get(scope, EDIT_PERIOD_KEY)
    if pending is None:
        return
    notice_id = int(pending.value)
    lang = await _chat_language(update, context)
    text = message.text.strip()
    if text.startswith("/"):
        if text.split()[0].split("@")[0] == "/cancel":
            await states.delete(scope, EDIT_PERIOD_KEY)
            await reply(update, context, say(lang, "cancelled"))
            raise ApplicationHandlerStop
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        notice = await get_notice(session, notice_id)
        if notice is None:
            await states.delete(scope, EDIT_PERIOD_KEY)
            await reply(update, context, say(lang, "notice_missing", id=notice_id))
            raise ApplicationHandlerStop
        try:
            periods = parse_periods(text, base=notice.published or today(d), d=d)
        except (DateSyntaxError, ValueError):
            await reply(update, context, period_bad(lang, text))
            raise ApplicationHandlerStop from None
        notice = await replace_periods(session, notice_id, periods, tz=d.settings.zone)
        if notice.status == NoticeStatus.PUBLISHED:
            await planning.notice_changed(session, notice_id, now=d.now(), tz=d.settings.zone)
        card = draft_text(notice, lang, d.settings.zone)
        draft = notice.status == NoticeStatus.DRAFT
    await states.delete(scope, EDIT_PERIOD_KEY)
    await reply(
        update,
        context,
        say(lang, "period_changed", id=notice_id) + "\n\n" + card,
        markup=keyboards.draft_card(lang, notice_id) if draft else None,
    )
    raise ApplicationHandlerStop


def _states(context: Context) -> StateStore:
    return StateStore(deps(context).sessions)


def _scope(update: Update) -> str:
    user = update.effective_user
    assert user is not None  # an admin's update always has one
    return user_scope(user.id)


# --- commands ---------------------------------------------------------------------------------------


async def withdraw(update: Update, context: Context) -> None:
    d = deps(context)
    if not is_bot_admin(update, d.settings):
        await refuse(update, context)
        return
    lang = await _chat_language(update, context)
    raw = (context.args or [""])[0].lstrip("#")
    if not raw.isdigit():
        await reply(update, context, say(lang, "withdraw_usage"))
        return
    notice_id = int(raw)
    async with session_scope(d.sessions) as session:
        notice = await get_notice(session, notice_id)
        if notice is None:
            text = say(lang, "notice_missing", id=notice_id)
        elif notice.status == NoticeStatus.WITHDRAWN:
            text = say(lang, "already_withdrawn", id=notice_id)
        else:
            try:
                await set_status(session, notice_id, NoticeStatus.WITHDRAWN)
            except StatusError:
                text = say(lang, "cannot_withdraw", id=notice_id, status=say(lang, f"status_{notice.status}"))
            else:
                await planning.notice_withdrawn(session, notice_id, now=d.now(), tz=d.settings.zone)
                text = say(lang, "withdrawn", id=notice_id)
    await reply(update, context, text)


async def stats(update: Update, context: Context) -> None:
    d = deps(context)
    if not is_bot_admin(update, d.settings):
        await refuse(update, context)
        return
    lang = await _chat_language(update, context)
    async with session_scope(d.sessions) as session:
        figures = await chat_stats(session)
        notices = await counts_by_status(session)
    none = say(lang, "none")

    def listing(pairs: dict[str, int], name: object = str) -> str:
        parts = [f"{name(key)} {value}" for key, value in pairs.items() if value]  # type: ignore[operator]
        return ", ".join(parts) or none

    text = say(
        lang,
        "stats",
        chats=listing(figures.chats_by_type, lambda t: _named(lang, "chat_type", t)),
        inactive=figures.inactive_chats,
        subs=listing(figures.subscriptions_by_kind, lambda k: say(lang, f"kind_{k}")),
        by_category=listing(figures.subscriptions_by_category, lambda c: category_name(c, lang)),
        notices=listing(notices, lambda s: say(lang, f"status_{s}")),
        sent=figures.messages_sent,
        reminders=listing(figures.reminders_by_status, lambda s: _named(lang, "reminder_status", s)),
    )
    await reply(update, context, text)


def _named(lang: str, group: str, value: str) -> str:
    """An enumeration's value in the chat's language (the value itself if the catalogue lacks it)."""
    key = f"{group}_{value}"
    return say(lang, key) if key in TEXTS else value


async def setchannel(update: Update, context: Context) -> None:
    """``/setchannel @name`` or ``-100…``: every notice published from now on is also posted there (by
    the reminder dispatcher); notices published before are not, so a new channel is not flooded."""
    d = deps(context)
    if not is_bot_admin(update, d.settings):
        await refuse(update, context)
        return
    lang = await _chat_language(update, context)
    args = context.args or []
    if not args:
        async with session_scope(d.sessions) as session:
            current = await get_broadcast_channel(session)
            row = await get_chat(session, current) if current is not None else None
        shown = (
            (row.title if row is not None and row.title else str(current)) if current else say(lang, "none")
        )
        await reply(update, context, say(lang, "setchannel_usage", current=shown))
        return
    target = args[0]
    if target.lower() in ("off", "none", "关闭"):
        async with session_scope(d.sessions) as session:
            await set_broadcast_channel(session, None)
        await reply(update, context, say(lang, "setchannel_off"))
        return
    try:
        chat = await context.bot.get_chat(int(target) if re.fullmatch(r"-?\d+", target) else target)
        problem = None
        if chat.type != ChatType.CHANNEL:
            problem = say(
                lang, "setchannel_not_channel", target=target, kind=_named(lang, "chat_type", chat.type)
            )
        elif (await context.bot.get_chat_member(chat.id, context.bot.id)).status not in (
            "administrator",
            "creator",
        ):
            problem = say(lang, "setchannel_not_admin", target=target)
    except TelegramError:
        problem = say(lang, "setchannel_missing", target=target)
    if problem is not None:
        await reply(update, context, problem)
        return
    async with session_scope(d.sessions) as session:
        await set_broadcast_channel(session, chat.id, title=chat.title)
    await reply(update, context, say(lang, "setchannel_ok", title=chat.title or str(chat.id)))


def register_early(app: App) -> None:
    """The pending "Edit period" answer, ahead of every other text handler and of /add's steps."""
    app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, pending_period), group=-2)


def register(app: App) -> None:
    app.add_handler(CommandHandler("withdraw", withdraw))
    app.add_handler(CommandHandler("stats", stats))
    app.add_handler(CommandHandler("setchannel", setchannel))
    app.add_handler(
        CallbackQueryHandler(draft_button, pattern=r"^d:(pub|del|cat|per):\d+$|^d:set:\d+:[a-z_]+$")
    )
