"""Inline mode: ``@bot 封路`` in any chat lists matching notices in force, each shareable as a card."""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.ext import InlineQueryHandler

from bot.answer import answer_question
from bot.handlers.cards import category_name, notice_card
from bot.handlers.common import App, Context, deps, language_for
from bot.html import split_message
from bot.texts import say
from db.engine import session_scope
from db.models import NoticeStatus
from db.reader import Reader
from db.rows import NoticeRecord, load_records
from db.search import NoticeFilter, find_notices
from db.store import to_parsed
from notices.render import format_period

MAX_RESULTS = 20
CACHE_SECONDS = 60


async def inline_query(update: Update, context: Context) -> None:
    """The same understanding as a question (``封路`` means road closures); text search as a fallback."""
    query = update.inline_query
    if query is None:
        return
    d = deps(context)
    now = d.now()
    tz = d.settings.zone
    text = query.query.strip()[:200]
    async with session_scope(d.sessions) as session:
        lang = await language_for(update, session)
        if text:
            result = await answer_question(session, text, now=now, tz=tz, limit=MAX_RESULTS)
            lang = result.language
            notices = await _published(session, [n.id for n in result.notices])
            if not notices:
                flt = NoticeFilter(text=text, active_at=now, limit=MAX_RESULTS)
                notices = await find_notices(session, flt, tz=tz)
        else:
            notices = await find_notices(session, NoticeFilter(active_at=now, limit=MAX_RESULTS), tz=tz)
        results = [_article(notice, lang, tz) for notice in notices]
    button = None if results else InlineQueryResultsButton(say(lang, "inline_none"), start_parameter="help")
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=False, button=button)


async def _published(session: Reader, ids: list[int]) -> list[NoticeRecord]:
    return [n for n in await load_records(session, ids) if n.status == NoticeStatus.PUBLISHED]


def _article(notice: NoticeRecord, lang: str, tz: ZoneInfo) -> InlineQueryResultArticle:
    parsed = to_parsed(notice, tz)
    periods = "; ".join(format_period(p, language=lang, tz=tz) for p in parsed.periods)
    category = category_name(notice.category, lang)
    card = split_message(notice_card(notice, lang, tz))[0]
    digest = hashlib.sha1(f"{notice.id}:{lang}".encode(), usedforsecurity=False).hexdigest()
    return InlineQueryResultArticle(
        id=digest,
        title=" ".join(notice.title.split())[:200],
        description=(f"{category} · {periods}" if periods else category)[:300],
        input_message_content=InputTextMessageContent(card, parse_mode="HTML"),
    )


def register(app: App) -> None:
    app.add_handler(InlineQueryHandler(inline_query))
