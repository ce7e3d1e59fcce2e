"""Questions in plain words, and the commands for the same: /now, /upcoming, /notice ID.

A question gets the answer ``noticebot ask`` prints (bot.answer), in the chat's language whatever the
question's, escaped for HTML, with a button per notice for its full text. Lists are paginated with
buttons that edit the message in place.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import keyboards
from bot.answer import Answer, answer_question
from bot.handlers.cards import notice_card, notice_line
from bot.handlers.common import (
    App,
    Context,
    Deps,
    chat_language,
    chat_settings,
    chat_zone,
    current_chat_settings,
    current_chat_settings_and_state,
    deps,
    edit_or_send,
    pressed_button,
    read_settings_and_states,
    reply,
    send,
)
from bot.html import esc
from bot.state import StateConflict, StateStore, Stored, chat_scope
from bot.texts import say
from db.chats import ChatSettings
from db.engine import read_connection, session_scope
from db.models import NoticeStatus
from db.reader import Reader
from db.rows import NoticeRecord
from db.search import NoticeFilter, count_notices, find_notices
from db.store import get_notice
from notices.render import format_date

UPCOMING_DAYS = 7
ANSWER_PAGE = 10
MAX_QUESTION = 300
"""Longer text is not taken as a question: it is said to be too long (a pasted article, a whole notice)."""
LONG_KEY = "too_long"
"""The id of the "too long" reply: messages with smaller ids were sent before it, so they are the rest
of the same paste (a client sends a text over 4096 characters as several messages at once)."""
QUESTIONS_KEY = "questions"
REMEMBERED_QUESTIONS = 50
_UPCOMING_CAP = 200


class Unread(Enum):
    """Not read yet (as opposed to read and missing)."""

    UNREAD = "unread"


async def question(update: Update, context: Context) -> None:
    """Plain text: in a private chat every message; in a group only one that mentions or replies to us."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        stripped = _addressed_text(message, context)
        if stripped is None:
            return
        text = stripped
    d = deps(context)
    states, scope = StateStore(d.sessions), chat_scope(message.chat_id)
    if chat is not None and text.strip() and len(text) <= MAX_QUESTION:
        # The common case on one connection: the chat's settings, that no paste is being cut short
        # and the questions remembered so far (for the pager), then the answer's statements.
        # Anything else (a chat to write, a paste) goes below.
        result: Answer | None = None
        async with read_connection(d.sessions) as connection:
            known, (long_reply, remembered) = await read_settings_and_states(
                connection, update, context, scope, (LONG_KEY, QUESTIONS_KEY)
            )
            if known is not None and long_reply is None:
                result = await _read_answer(connection, d, known, text, 0)
        if result is not None:
            await _show(update, context, result, text, page=0, edit=False, remembered=remembered)
            return
    settings, long_reply = await current_chat_settings_and_state(update, context, scope, LONG_KEY)
    if long_reply is not None:
        if message.message_id < int(long_reply.value):
            return  # the rest of a paste already told it is too long
        await states.delete(scope, LONG_KEY)
    if len(text) > MAX_QUESTION:
        lang = settings.language if settings is not None else "zh"
        told = await send(context, message.chat_id, say(lang, "question_too_long", limit=MAX_QUESTION))
        if told is not None:
            await states.put(scope, LONG_KEY, told.message_id)
        return
    await answer(update, context, text, chat=settings)


def _addressed_text(message: Message, context: Context) -> str | None:
    """The question in a group message meant for the bot (a mention or a reply), else None."""
    username = context.bot.username or ""
    text = message.text or ""
    mention = f"@{username}"
    if username and mention.lower() in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id:
        return text
    return None


async def answer(
    update: Update,
    context: Context,
    text: str,
    *,
    page: int = 0,
    edit: bool = False,
    chat: ChatSettings | None = None,
) -> None:
    """The answer to ``text``, a page of notices at a time; the question is remembered with the message
    (in ``bot_state``, so any process and a restarted one turn the page). ``chat``: the chat's settings
    when the caller has just read them."""
    d = deps(context)
    if chat is None:
        chat = await current_chat_settings(update, context)
    if not text.strip():
        await reply(update, context, say(chat.language if chat is not None else "zh", "suggestions"))
        return
    # Reads only, each statement on its own (no transaction to begin and end around them): an answer
    # is as of the moment it is read, whether or not its few statements share one snapshot.
    async with read_connection(d.sessions) as connection:
        result = await _read_answer(connection, d, chat, text, page)
    await _show(update, context, result, text, page=page, edit=edit)


async def _read_answer(
    connection: Reader, d: Deps, chat: ChatSettings | None, text: str, page: int
) -> Answer:
    """The answer's page ``page`` to ``text``, read on ``connection``, in the chat's zone and language."""
    lang = chat.language if chat is not None else "zh"
    return await answer_question(
        connection,
        text,
        now=d.now(),
        tz=chat_zone(chat, d.settings),
        limit=ANSWER_PAGE,
        offset=page * ANSWER_PAGE,
        language=lang,
    )


async def _show(
    update: Update,
    context: Context,
    result: Answer,
    text: str,
    *,
    page: int,
    edit: bool,
    remembered: Stored | Unread | None = Unread.UNREAD,
) -> None:
    """Send (or, from a pager button, edit in) the answer with its buttons. ``remembered``: the
    chat's remembered questions when the caller has just read them."""
    d = deps(context)
    items = [(n.id, n.title) for n in result.notices]
    pages = max(
        1, -(-(result.total + result.more) // ANSWER_PAGE)
    )  # one more page while the count is a bound
    markup = keyboards.notice_list(result.language, items, prefix="qa", page=page, pages=pages)
    body = esc(result.text)
    if edit:
        await edit_or_send(update, context, body, markup=markup)
        return
    chat_id = update.effective_chat.id if update.effective_chat else None
    if chat_id is None:
        return
    sent = await send(context, chat_id, body, markup=markup)
    if sent is not None and pages > 1:
        await remember_question(
            StateStore(d.sessions), chat_scope(chat_id), sent.message_id, text, stored=remembered
        )


async def remember_question(
    states: StateStore,
    scope: str,
    message_id: int,
    text: str,
    *,
    stored: Stored | Unread | None = Unread.UNREAD,
) -> None:
    """Keep the question behind an answer's pager (the newest ``REMEMBERED_QUESTIONS`` of a chat).
    ``stored``: the remembered questions as the caller read them; a write based on a stale read fails
    its compare-and-set and is made again on a fresh one."""
    for _ in range(3):
        if stored is Unread.UNREAD:
            stored = await states.get(scope, QUESTIONS_KEY)
        remembered: dict[str, str] = dict(stored.value) if stored is not None else {}
        remembered[str(message_id)] = text
        while len(remembered) > REMEMBERED_QUESTIONS:
            del remembered[next(iter(remembered))]
        try:
            await states.put(scope, QUESTIONS_KEY, remembered, version=stored.version if stored else None)
            return
        except StateConflict:
            stored = Unread.UNREAD  # another answer in this chat was remembered meanwhile: add to that one


async def answer_page(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    message = query.message
    text = None
    if message is not None:
        stored = await StateStore(deps(context).sessions).get(chat_scope(message.chat.id), QUESTIONS_KEY)
        text = (stored.value if stored is not None else {}).get(str(message.message_id))
    if text is None:
        lang = await chat_language(update, context)
        await query.answer(say(lang, "question_expired"), show_alert=True)
        return
    await query.answer()
    await answer(update, context, text, page=int(data.split(":")[1]), edit=True)


async def now_command(update: Update, context: Context) -> None:
    await show_list(update, context, "now", 0)


async def upcoming_command(update: Update, context: Context) -> None:
    await show_list(update, context, "up", 0)


async def list_page(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    _, kind, page = data.split(":")
    await query.answer()
    await show_list(update, context, kind, int(page), edit=True)


async def show_list(update: Update, context: Context, kind: str, page: int, *, edit: bool = False) -> None:
    """/now (active at this moment) or /upcoming (a period starts or ends within the next 7 days)."""
    d = deps(context)
    now = d.now()
    size = d.page_size
    async with session_scope(d.sessions) as session:
        chat = await chat_settings(update, context, session)
        tz = chat_zone(chat, d.settings)
        lang = chat.language if chat is not None else "zh"
        today = now.astimezone(tz).date()
        if kind == "now":
            flt = NoticeFilter(active_at=now, limit=size, offset=page * size)
            total = await count_notices(session, flt, tz=tz)
            notices = await find_notices(session, flt, tz=tz)
            title = say(lang, "now_title", day=format_date(today, language=lang))
            empty = say(lang, "now_empty", day=format_date(today, language=lang))
        else:
            end = now + timedelta(days=UPCOMING_DAYS)
            everything = await _upcoming(session, now, end, tz)
            total = len(everything)
            notices = everything[page * size : (page + 1) * size]
            last = (end - timedelta(seconds=1)).astimezone(tz).date()
            span = {"start": format_date(today, language=lang), "end": format_date(last, language=lang)}
            title = say(lang, "upcoming_title", **span)
            empty = say(lang, "upcoming_empty", **span)
        lines = [notice_line(n, lang, tz) for n in notices]
    if total == 0:
        text, markup = empty, None
    else:
        pages = -(-total // size)
        page = min(page, pages - 1)
        text = title + (f" · {esc(say(lang, 'page', page=page + 1, pages=pages))}" if pages > 1 else "")
        text += "\n\n" + "\n\n".join(lines)
        markup = keyboards.notice_list(
            lang, [(n.id, n.title) for n in notices], prefix=f"ls:{kind}", page=page, pages=pages
        )
    if edit:
        await edit_or_send(update, context, text, markup=markup)
    else:
        await reply(update, context, text, markup=markup)


async def _upcoming(
    session: AsyncSession, start: datetime, end: datetime, tz: ZoneInfo
) -> list[NoticeRecord]:
    """Notices with a period starting or ending in [start, end], soonest first."""
    starting = await find_notices(
        session, NoticeFilter(starts_between=(start, end), limit=_UPCOMING_CAP), tz=tz
    )
    ending = await find_notices(session, NoticeFilter(ends_between=(start, end), limit=_UPCOMING_CAP), tz=tz)
    seen: dict[int, NoticeRecord] = {}
    for notice in (*starting, *ending):
        seen.setdefault(notice.id, notice)

    def key(notice: NoticeRecord) -> tuple[datetime, int]:
        moments = [
            moment
            for p in notice.periods
            for moment in (p.active_from, p.ends_at)
            if moment is not None and start <= moment <= end
        ]
        return (min(moments) if moments else end, notice.id)

    return sorted(seen.values(), key=key)


async def notice_command(update: Update, context: Context) -> None:
    args = context.args or []
    raw = args[0].lstrip("#") if args else ""
    if not raw.isdigit():
        lang = await chat_language(update, context)
        await reply(update, context, say(lang, "notice_usage"))
        return
    await show_notice(update, context, int(raw))


async def notice_button(update: Update, context: Context) -> None:
    query, data = pressed_button(update)
    await query.answer()
    await show_notice(update, context, int(data.split(":")[1]))


async def show_notice(update: Update, context: Context, notice_id: int) -> None:
    """The full notice; drafts and withdrawn notices exist only for admins (everyone else: "no such")."""
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_settings(update, context, session)
        tz = chat_zone(chat, d.settings)
        lang = chat.language if chat is not None else "zh"
        notice = await get_notice(session, notice_id) if notice_id < 2**31 else None
        user = update.effective_user
        admin = user is not None and user.id in d.settings.admin_ids
        visible = notice is not None and (notice.status == NoticeStatus.PUBLISHED or admin)
        text = (
            notice_card(notice, lang, tz, admin=admin)
            if notice is not None and visible
            else say(lang, "notice_missing", id=notice_id)
        )
    await reply(update, context, text)


def register(app: App) -> None:
    app.add_handler(CommandHandler("now", now_command))
    app.add_handler(CommandHandler("upcoming", upcoming_command))
    app.add_handler(CommandHandler("notice", notice_command))
    app.add_handler(CallbackQueryHandler(list_page, pattern=r"^ls:(now|up):\d+$"))
    app.add_handler(CallbackQueryHandler(notice_button, pattern=r"^n:\d+$"))
    app.add_handler(CallbackQueryHandler(answer_page, pattern=r"^qa:\d+$"))


def register_questions(app: App) -> None:
    """Registered after every other text handler (admins' pasted pages, conversations)."""
    app.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.CHANNEL_POSTS, question)
    )
