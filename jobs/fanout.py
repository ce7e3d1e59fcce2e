"""Matching notices to subscription terms, and the fan-out from the scratch tables to the outbox.

Matching runs once per (notice, distinct term): the distinct place and keyword values people subscribed
to come from ``subscription_terms`` (kept by triggers on ``subscriptions``), never from a walk over
chats. The fan-out is one ``INSERT … SELECT … ON CONFLICT``: matched terms join subscriptions through
the covering (kind, value, chat_id) index, each chat joins its profile's plan rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Text, and_, func, literal, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import get_broadcast_channel, get_broadcast_since
from db.models import Chat, Notice, Reminder, ReminderStatus, Subscription, SubscriptionKind
from db.search import fold
from db.types import UTCDateTime
from jobs.due import Event, NoticeView
from jobs.scratch import (
    KEY,
    PLAN,
    PROFILES,
    TERMS,
    TOLD,
    analyze,
    dialect,
    insert_for,
    insert_many,
    profile_join,
    rowcount,
)

# --- matching ----------------------------------------------------------------------------------------


async def _text_values(session: AsyncSession, chat_id: int | None) -> list[tuple[str, str, str]]:
    """Distinct (kind, value, folded value) of place and keyword subscriptions: a walk along the covering
    index (values only inactive chats hold cost a term row, and the fan-out drops those chats)."""
    query = (
        select(Subscription.kind, Subscription.value)
        .distinct()
        .where(Subscription.kind.in_((SubscriptionKind.PLACE, SubscriptionKind.KEYWORD)))
    )
    if chat_id is not None:
        query = query.where(Subscription.chat_id == chat_id)
    rows = await session.execute(query)
    out = []
    for kind, value in rows:
        folded = fold(value)
        if folded:
            out.append((kind, value, folded))
    return out


def _haystack(notice: NoticeView) -> str:
    if notice.search_text:
        return notice.search_text
    return "\n".join(fold(part) for part in (notice.title, *notice.places, notice.body))


async def fill_terms(session: AsyncSession, notices: Sequence[NoticeView], chat_id: int | None) -> None:
    """``jobs_terms`` ← the (kind, value) subscriptions each notice matches: its category, and every
    distinct place or keyword people subscribed to that its text contains."""
    terms: list[dict[str, Any]] = []
    values = await _text_values(session, chat_id)
    for notice in notices:
        terms.append(
            {"notice_id": notice.id, "kind": SubscriptionKind.CATEGORY, "value": notice.category.value}
        )
        hay = _haystack(notice)
        for kind, value, folded in values:
            if folded in hay:
                terms.append({"notice_id": notice.id, "kind": kind, "value": value})
    await insert_many(session, TERMS, terms)


async def write(
    session: AsyncSession,
    now: datetime,
    *,
    chat_id: int | None = None,
    told: bool = False,
    detail: str | None = None,
    revive: bool = True,
) -> int:
    """Every (matched chat × its profile's plan rows) into the outbox: one INSERT … SELECT.

    Matched chats come from ``jobs_terms`` joined to subscriptions (the covering index gives chat ids
    straight from the index), or, for corrections (``told``), from ``jobs_told``."""
    await analyze(session)
    notice_col: Any
    chat_col: Any
    source: Any
    if told:
        notice_col, chat_col, source = TOLD.c.notice_id, TOLD.c.chat_id, TOLD
        chat_on = Chat.id == TOLD.c.chat_id
    else:
        notice_col, chat_col = TERMS.c.notice_id, Subscription.chat_id
        source = TERMS.join(
            Subscription, and_(Subscription.kind == TERMS.c.kind, Subscription.value == TERMS.c.value)
        )
        # The broadcast channel gets announcements through ``write_channel``, whatever it subscribed to.
        chat_on = and_(Chat.id == Subscription.chat_id, Chat.is_broadcast_channel.is_(False))
    columns: list[Any] = [
        chat_col,
        notice_col,
        PLAN.c.period_id,
        PLAN.c.event,
        PLAN.c.point,
        PLAN.c.due_at,
        literal(ReminderStatus.PENDING),
        literal(0),
        literal(now, UTCDateTime()),
    ]
    names = [
        "chat_id",
        "notice_id",
        "period_id",
        "event",
        "point",
        "due_at",
        "status",
        "attempts",
        "created_at",
    ]
    if told:
        earlier = Reminder.__table__.alias("earlier")
        columns.append(
            select(func.max(earlier.c.message_id))
            .where(
                earlier.c.notice_id == notice_col,
                earlier.c.chat_id == chat_col,
                earlier.c.status == ReminderStatus.SENT,
            )
            .scalar_subquery()
        )
        names.append("reply_to")
    if detail is not None:
        columns.append(literal(detail, Text()))
        names.append("detail")
    query = (
        select(*columns)
        .select_from(source)
        .join(Chat, and_(chat_on, Chat.active))
        .join(PROFILES, profile_join())
        .join(PLAN, and_(PLAN.c.notice_id == notice_col, PLAN.c.pid == PROFILES.c.pid))
        .where(true())
    )
    if chat_id is not None:
        query = query.where(chat_col == chat_id)
    if dialect(session) == "postgresql":
        # A chat matching a notice twice (category and keyword) must not reach ON CONFLICT DO UPDATE
        # twice in one statement there; SQLite's upsert takes such repeats row by row.
        query = query.distinct()
    return await upsert(session, names, query, revive=revive)


async def upsert(session: AsyncSession, names: list[str], query: Any, *, revive: bool) -> int:
    """``INSERT … SELECT`` into the outbox; a conflicting row is left alone, or with ``revive`` brought
    back to pending if it was cancelled (a re-plan), never if it was sent."""
    statement = insert_for(session)(Reminder).from_select(names, query)
    if revive:
        statement = statement.on_conflict_do_update(
            index_elements=KEY,
            set_={
                "due_at": statement.excluded.due_at,
                "status": ReminderStatus.PENDING,
                "attempts": 0,
                "last_error": None,
                "claimed_at": None,
            },
            where=Reminder.status == ReminderStatus.CANCELLED,
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=KEY)
    return rowcount(await session.execute(statement))


async def write_channel(session: AsyncSession, now: datetime, *, chat_id: int | None = None) -> int:
    """The broadcast channel's announcements: a ``new`` row for every planned notice published or changed
    since the channel was chosen, whatever the channel subscribed to, and nothing else (no eve, starts,
    deadline or ends). One INSERT … SELECT; corrections reach it as any chat already told
    (``tell``)."""
    channel = await get_broadcast_channel(session)
    if channel is None or (chat_id is not None and chat_id != channel):
        return 0
    since = await get_broadcast_since(session)
    query = (
        select(
            Chat.id,
            PLAN.c.notice_id,
            PLAN.c.period_id,
            PLAN.c.event,
            PLAN.c.point,
            PLAN.c.due_at,
            literal(ReminderStatus.PENDING),
            literal(0),
            literal(now, UTCDateTime()),
        )
        .select_from(PLAN)
        .join(PROFILES, PROFILES.c.pid == PLAN.c.pid)
        .join(Chat, and_(Chat.id == channel, Chat.is_broadcast_channel, Chat.active, profile_join()))
        .join(Notice, Notice.id == PLAN.c.notice_id)
        .where(PLAN.c.event == Event.NEW)
    )
    if since is not None:
        query = query.where(Notice.updated_at >= since)
    names = ["chat_id", "notice_id", "period_id", "event", "point", "due_at", "status", "attempts"]
    return await upsert(session, [*names, "created_at"], query, revive=True)
