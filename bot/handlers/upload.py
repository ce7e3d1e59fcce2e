"""Pages an admin sends (a document, or pasted or forwarded text) becoming draft cards to review.

A large page is read in a child process (``bot.worker``) while the bot goes on answering everyone else;
the admin is told first that it is being read. However many notices a page holds, the admin gets a
handful of messages: the count, the notices already stored as one line, and the new drafts
``DRAFTS_PAGE`` cards at a time, each page ending in "20 of 134 drafts" with a Next button. When the bot
is told to stop, a page still being read or stored is dropped (nothing stored) and the admin is asked
to send it again; a page of cards half sent ends with its Next button, for after the restart.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from telegram import Document, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import keyboards
from bot.handlers.admin import refuse, today
from bot.handlers.cards import draft_text
from bot.handlers.common import App, Context, chat_language, deps, is_bot_admin, pressed_button, reply
from bot.texts import say
from bot.worker import INLINE_CHARS, ParseStopped, WorkerFailed, parse_text
from db.engine import session_scope
from db.models import NoticeStatus
from db.store import StoreInterrupted, count_between, notices_between, statuses_of, store_page
from notices.decode import HTML_SUFFIXES, decode_input
from notices.errors import InputError

log = logging.getLogger("bot")

PAGE_MIN_CHARS = 80
"""Pasted text at least this long (or forwarded, or several lines) is a page to parse, not a question."""
SPLIT_PASTE_CHARS = 4000
"""Pasted text this long is likely one part of a longer paste that the client cut into messages of at
most 4096 characters, and a notice may be cut in two: the admin is told to send such a page as a file."""
DRAFTS_PAGE = 20
"""Draft cards sent at a time; the rest come with the Next button."""
LISTED_DUPLICATES = 10
"""Notices already stored are named (id and status) up to this many, then counted."""
_TEXT_TYPES = {"text/plain", "application/pdf", "text/html", "application/xhtml+xml"}
_TEXT_SUFFIXES = (".txt", ".text", ".pdf", *HTML_SUFFIXES)


def looks_like_page(message: Message) -> bool:
    text = message.text or ""
    if message.forward_origin is not None:
        return len(text.strip()) >= 20
    return len(text) >= PAGE_MIN_CHARS or (text.count("\n") >= 2 and len(text) >= 40)


class _PageLike(filters.MessageFilter):
    """Messages that carry a notice's text rather than a question."""

    def filter(self, message: Message) -> bool:
        return looks_like_page(message)


PAGE_LIKE = _PageLike(name="PageLike")


async def document(update: Update, context: Context) -> None:
    """A document in a private chat: an admin's page to parse; anyone else is refused."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if not is_bot_admin(update, deps(context).settings):
        await refuse(update, context)
        return
    d = deps(context)
    lang = await chat_language(update, context)
    doc = message.document
    name = doc.file_name or "document"
    if not _readable_type(doc):
        await reply(update, context, say(lang, "doc_wrong_type", name=name))
        return
    limit = d.settings.max_input_bytes
    if doc.file_size is not None and doc.file_size > limit:
        await reply(update, context, say(lang, "doc_too_big", size=_size(doc.file_size), limit=_size(limit)))
        return
    file = await doc.get_file()
    data = bytes(await file.download_as_bytearray())
    try:
        text = decode_input(data, name=name, max_bytes=limit)
    except InputError as error:
        await reply(update, context, say(lang, "doc_unreadable", detail=str(error)))
        return
    what = f"“{name}”" if lang == "zh" else name
    await ingest(update, context, text, source=name[:500], what=what, lang=lang)


def _readable_type(doc: Document) -> bool:
    name = (doc.file_name or "").lower()
    if name.endswith(_TEXT_SUFFIXES):
        return True
    return not name and (doc.mime_type or "") in _TEXT_TYPES


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} B"


async def pasted(update: Update, context: Context) -> None:
    """An admin's pasted or forwarded notice text."""
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = await chat_language(update, context)
    what = say(lang, "pasted_text")
    await ingest(update, context, message.text, source="telegram", what=what, lang=lang)
    if len(message.text) >= SPLIT_PASTE_CHARS:
        await reply(update, context, say(lang, "paste_split"))


async def forwarded_by_stranger(update: Update, context: Context) -> None:
    """Someone who is not an admin forwards a whole notice to the bot: adding notices is not theirs to do."""
    await refuse(update, context)


async def ingest(update: Update, context: Context, text: str, *, source: str, what: str, lang: str) -> None:
    """Parse a page and store its notices as drafts; report what was found and show the first drafts."""
    d = deps(context)
    tz = d.settings.zone
    if len(text) > INLINE_CHARS:
        await reply(update, context, say(lang, "doc_reading", what=what, size=_size(len(text.encode()))))
    try:
        result = await parse_text(text, published=today(d), read_on=today(d), tz=tz, stopping=d.stopping)
    except ParseStopped:
        await _last_word(update, context, say(lang, "doc_stopped", what=what))
        return
    except WorkerFailed as error:
        chat = update.effective_chat
        log.error("reading a page for chat %s failed: %s", chat.id if chat else "?", error)
        await reply(update, context, say(lang, "doc_failed", what=what))
        return
    if not result.notices:
        await reply(update, context, say(lang, "doc_no_notice", skipped=len(result.skipped)))
        return
    try:
        async with session_scope(d.sessions) as session:
            report = await store_page(
                session, result, tz=tz, source=source, status=NoticeStatus.DRAFT, stop=d.stopping.is_set
            )
            new_ids = {stored.id for stored in report.stored}
            known = list(dict.fromkeys(s.id for s in report.duplicates if s.id not in new_ids))
            statuses = await statuses_of(session, known[:LISTED_DUPLICATES])
    except StoreInterrupted:
        await _last_word(update, context, say(lang, "doc_stopped", what=what))
        return
    summary = say(
        lang,
        "doc_report",
        found=f"{len(result.notices):,}",
        new=f"{len(report.stored):,}",
        dupes=f"{len(known):,}",
        skipped=f"{len(report.skipped):,}",
    )
    repeats = len(result.notices) - len(report.stored) - len(known)  # again later on the same page
    if repeats:
        summary += say(lang, "doc_repeats", count=f"{repeats:,}")
    await reply(update, context, summary)
    if known:
        await reply(update, context, _duplicates_line(lang, known, statuses))
    if report.stored:
        ids = [stored.id for stored in report.stored]
        await send_drafts(update, context, lang, min(ids), max(ids))


def _duplicates_line(lang: str, known: list[int], statuses: dict[int, str]) -> str:
    """The notices already stored, in one line: the first few by id and status, then how many."""
    items = [
        say(lang, "duplicate_item", id=notice_id, status=say(lang, f"status_{statuses[notice_id]}"))
        for notice_id in known[:LISTED_DUPLICATES]
        if notice_id in statuses
    ]
    text = say(lang, "duplicates", items=("、" if lang == "zh" else ", ").join(items))
    if len(known) > LISTED_DUPLICATES:
        text += say(lang, "duplicates_more", count=f"{len(known):,}")
    return text


async def send_drafts(
    update: Update, context: Context, lang: str, first: int, last: int, after: int = 0
) -> None:
    """The next ``DRAFTS_PAGE`` cards of an upload's notices (ids ``first``–``last``, above ``after``),
    then, when they do not all fit, where the admin is and the Next button."""
    d = deps(context)
    async with session_scope(d.sessions) as session:
        rows = await notices_between(session, first, last, after=after, limit=DRAFTS_PAGE)
        total = await count_between(session, first, last)
        shown = await count_between(session, first, rows[-1].id) if rows else total
        cards = [
            (row.id, row.status == NoticeStatus.DRAFT, draft_text(row, lang, d.settings.zone)) for row in rows
        ]
    for index, (notice_id, draft, card) in enumerate(cards):
        if d.stopping.is_set():  # the rest of the page comes with Next, once the bot is back
            shown -= len(cards) - index
            markup = keyboards.more_drafts(lang, first, after, last)
            text = say(lang, "drafts_page", shown=f"{shown:,}", total=f"{total:,}")
            await _last_word(update, context, text, markup=markup)
            return
        await reply(update, context, card, markup=keyboards.draft_card(lang, notice_id) if draft else None)
        after = notice_id
    if total <= DRAFTS_PAGE:
        return
    if shown < total:
        markup = keyboards.more_drafts(lang, first, after, last)
        await reply(
            update, context, say(lang, "drafts_page", shown=f"{shown:,}", total=f"{total:,}"), markup=markup
        )
    else:
        await reply(update, context, say(lang, "drafts_done", total=f"{total:,}"))


async def more_drafts(update: Update, context: Context) -> None:
    """The Next button under a page of drafts: the button goes (it is used up) and the next page comes."""
    query, data = pressed_button(update)
    if not is_bot_admin(update, deps(context).settings):
        await refuse(update, context)
        return
    first, after, last = (int(part) for part in data.split(":")[2:])
    lang = await chat_language(update, context)
    await query.answer()
    message = query.message
    if isinstance(message, Message):
        with suppress(TelegramError):
            await message.edit_reply_markup(None)
    await send_drafts(update, context, lang, first, last, after)


async def _last_word(
    update: Update, context: Context, text: str, *, markup: InlineKeyboardMarkup | None = None
) -> None:
    """A message sent while the bot stops: tried briefly, so it cannot hold the shutdown up."""
    with suppress(TelegramError, TimeoutError):
        await asyncio.wait_for(reply(update, context, text, markup=markup), timeout=3)


def register(app: App, admin_ids: frozenset[int]) -> None:
    admins = filters.User(user_id=admin_ids) if admin_ids else filters.User(user_id=[], allow_empty=False)
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(filters.Document.ALL & private, document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private & admins & PAGE_LIKE, pasted))
    app.add_handler(
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & private & filters.FORWARDED & ~admins & PAGE_LIKE,
            forwarded_by_stranger,
        )
    )
    app.add_handler(CallbackQueryHandler(more_drafts, pattern=r"^d:more:\d+:\d+:\d+$"))
