"""A dry run of the reminders: what would be sent, to whom, when, with which text.

It plans into the session as if ``now`` were the start of the window (for one chat, a simulated new
subscriber, or every chat), through the whole window rather than the planning horizon, reads back the
reminders due in the window, renders them as they would be rendered at their due time, and rolls the
session back: nothing is written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Chat, Notice, NoticeStatus, Reminder, ReminderStatus, Subscription, SubscriptionKind
from jobs.due import Event
from jobs.list_texts import render_digest
from jobs.planner import plan_chat, plan_notices
from jobs.texts import Context, headline, render
from jobs.views import load_notices, zone

SIMULATED_CHAT = 0
"""The id of the simulated subscriber (no Telegram chat has id 0)."""

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One message that would be sent. ``text`` is the HTML sent; ``plain`` what a reader sees."""

    chat: int
    notice_id: int | None
    event: str
    due: datetime
    text: str

    @property
    def plain(self) -> str:
        return html.unescape(_TAG.sub("", self.text))

    def to_json(self) -> dict[str, Any]:
        return {
            "chat": self.chat,
            "notice_id": self.notice_id,
            "event": self.event,
            "due": self.due.isoformat(),
            "text": self.plain,
        }


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


async def timeline(
    session: AsyncSession,
    *,
    start: date,
    end: date,
    tz: ZoneInfo,
    chat_id: int | None = None,
    category: str | None = None,
    keyword: str | None = None,
    now: datetime | None = None,
    language: str = "zh",
) -> list[TimelineEntry]:
    """Messages due from ``start`` to ``end`` (both inclusive, in ``tz``), in due order. With ``category``
    or ``keyword``, for a new subscriber with default settings (in ``language``); with ``chat_id``, for
    that chat; otherwise for every chat. The session is rolled back before returning."""
    if end < start:
        raise ValueError("the window ends before it starts")
    window_start, window_end = _midnight(start, tz), _midnight(end + timedelta(days=1), tz)
    now = now or window_start
    try:
        return await _timeline(
            session, window_start, window_end, tz, chat_id, category, keyword, now, language
        )
    finally:
        await session.rollback()


async def _timeline(
    session: AsyncSession,
    window_start: datetime,
    window_end: datetime,
    tz: ZoneInfo,
    chat_id: int | None,
    category: str | None,
    keyword: str | None,
    now: datetime,
    language: str,
) -> list[TimelineEntry]:
    if category is not None or keyword is not None:
        chat_id = SIMULATED_CHAT
        existing = await session.get(Chat, chat_id)
        if existing is not None:
            await session.delete(existing)
            await session.flush()
        session.add(Chat(id=chat_id, type="private", language=language))
        await session.flush()
        if category is not None:
            session.add(Subscription(chat_id=chat_id, kind=SubscriptionKind.CATEGORY, value=category))
        if keyword is not None:
            session.add(Subscription(chat_id=chat_id, kind=SubscriptionKind.KEYWORD, value=keyword.strip()))
        await session.flush()
    if chat_id is not None:
        await plan_chat(session, chat_id, now=now, tz=tz, until=window_end)
    else:
        ids = list(await session.scalars(select(Notice.id).where(Notice.status == NoticeStatus.PUBLISHED)))
        await plan_notices(session, ids, now=now, tz=tz, until=window_end)
    query = (
        select(Reminder)
        .where(
            Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.SENT)),
            Reminder.due_at >= window_start,
            Reminder.due_at < window_end,
        )
        .order_by(Reminder.due_at, Reminder.chat_id, Reminder.id)
    )
    if chat_id is not None:
        query = query.where(Reminder.chat_id == chat_id)
    rows = list(await session.scalars(query))
    chats = {
        c.id: c for c in await session.scalars(select(Chat).where(Chat.id.in_({r.chat_id for r in rows})))
    }
    notices = await load_notices(session, {r.notice_id for r in rows})
    entries: list[TimelineEntry] = []
    digests: dict[tuple[int, datetime], list[Reminder]] = {}
    for row in rows:
        chat = chats[row.chat_id]
        if chat.digest and row.event not in Event.CORRECTIONS:
            digests.setdefault((row.chat_id, row.due_at), []).append(row)
            continue
        notice = notices[row.notice_id]
        ctx = Context(chat.language, zone(chat.tz, tz), tz, row.due_at)
        period = notice.period(row.period_id) if row.period_id else None
        text = render(row.event, notice, period, ctx, detail=row.detail)
        entries.append(
            TimelineEntry(row.chat_id, row.notice_id, row.event, row.due_at.astimezone(ctx.chat_tz), text)
        )
    for (digest_chat, due), group in digests.items():
        chat = chats[digest_chat]
        ctx = Context(chat.language, zone(chat.tz, tz), tz, due)
        lines = []
        for row in group:
            notice = notices[row.notice_id]
            period = notice.period(row.period_id) if row.period_id else None
            lines.append(headline(row.event, notice, period, ctx, row.detail))
        entries.append(
            TimelineEntry(
                digest_chat, None, Event.DIGEST, due.astimezone(ctx.chat_tz), render_digest(lines, ctx)
            )
        )
    entries.sort(key=lambda e: (e.due, e.chat))
    return entries
