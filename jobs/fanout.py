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

from sqlalchemy import String, Text, and_, cast, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import get_broadcast_channel, get_broadcast_since
from db.models import (
    BurstNotice,
    Chat,
    Notice,
    Reminder,
    ReminderStatus,
    Subscription,
    SubscriptionKind,
    SubscriptionTerm,
)
from db.search import fold
from db.types import UTCDateTime
from jobs.due import Event, NoticeView
from jobs.scratch import (
    CHATS,
    FRESH,
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
    """Distinct (kind, value, folded value) of place and keyword subscriptions: the maintained
    ``subscription_terms`` table (a term only inactive chats hold costs a term row, and the fan-out drops
    those chats), or one chat's own subscriptions."""
    kinds = (SubscriptionKind.PLACE, SubscriptionKind.KEYWORD)
    query: Any
    if chat_id is None:
        query = select(SubscriptionTerm.kind, SubscriptionTerm.value).where(
            SubscriptionTerm.kind.in_(kinds), SubscriptionTerm.chats > 0
        )
    else:
        query = select(Subscription.kind, Subscription.value).where(
            Subscription.kind.in_(kinds), Subscription.chat_id == chat_id
        )
    out = []
    for kind, value in await session.execute(query):
        folded = fold(value)
        if folded:
            out.append((kind, value, folded))
    return out


def listed(notice: Any, chat: Any, *, sent: bool = False) -> Any:
    """Whether a burst that is not cancelled (with ``sent``: that was sent) lists the notice for the
    chat (its page holds the notice; the burst row's key is the page's anchor notice and the page
    number)."""
    earlier = Reminder.__table__.alias("burst")
    return exists().where(
        BurstNotice.notice_id == notice,
        earlier.c.notice_id == BurstNotice.anchor,
        earlier.c.chat_id == chat,
        earlier.c.period_id == 0,
        earlier.c.event == Event.BURST,
        earlier.c.point == cast(BurstNotice.page, String),
        earlier.c.status == ReminderStatus.SENT if sent else earlier.c.status != ReminderStatus.CANCELLED,
    )


def haystack(notice: NoticeView) -> str:
    if notice.search_text:
        return notice.search_text
    return "\n".join(fold(part) for part in (notice.title, *notice.places, notice.body))


async def fill_terms(
    session: AsyncSession, notices: Sequence[NoticeView], chat_id: int | None
) -> list[tuple[int, str, str]]:
    """``jobs_terms`` ← the (kind, value) subscriptions each notice matches: its category, and every
    distinct place or keyword people subscribed to that its text contains. Only these notices are
    read (a page is small): a term that matches nothing costs one substring test per notice, never a
    scan of the notices table. Returns the (notice, kind, value) matches."""
    terms: list[tuple[int, str, str]] = []
    values = await _text_values(session, chat_id)
    for notice in notices:
        terms.append((notice.id, SubscriptionKind.CATEGORY, notice.category.value))
        hay = haystack(notice)
        for kind, value, folded in values:
            if folded in hay:
                terms.append((notice.id, kind, value))
    await insert_many(session, TERMS, [{"notice_id": n, "kind": k, "value": v} for n, k, v in terms])
    return terms


async def fill_chats(session: AsyncSession, chat_id: int | None) -> None:
    """``jobs_chats`` ← every active chat (or the one chat) that one of the matched terms reaches, but
    the broadcast channel (it gets announcements through ``write_channel``), with its profile."""
    terms = select(TERMS.c.kind, TERMS.c.value).distinct().subquery()
    reached = select(Subscription.chat_id).join(
        terms, and_(Subscription.kind == terms.c.kind, Subscription.value == terms.c.value)
    )
    # The profile as a scalar lookup (an index probe into a handful of rows), not a join: joined on
    # seven columns PostgreSQL expects one row and probes the subscriptions once per chat.
    pid = select(PROFILES.c.pid).where(profile_join()).scalar_subquery()
    query = select(Chat.id, pid, literal(False)).where(
        Chat.active, Chat.is_broadcast_channel.is_(False), Chat.id.in_(reached)
    )
    if chat_id is not None:
        query = query.where(Chat.id == chat_id)
    await session.execute(CHATS.insert().from_select(["chat_id", "pid", "burst"], query))
    await analyze(session)


_NAMES = ["chat_id", "notice_id", "period_id", "event", "point", "due_at", "status", "attempts", "created_at"]


def _columns(chat: Any, notice: Any, now: datetime) -> list[Any]:
    return [
        chat,
        notice,
        PLAN.c.period_id,
        PLAN.c.event,
        PLAN.c.point,
        PLAN.c.due_at,
        literal(ReminderStatus.PENDING),
        literal(0),
        literal(now, UTCDateTime()),
    ]


async def write(session: AsyncSession, now: datetime, *, bursts: bool = False, covered: bool = False) -> int:
    """Every (chat in ``jobs_chats`` × the plan rows of its profile for the notices its subscriptions
    match) into the outbox, as ``INSERT … SELECT``: the announcements and the other events apart, so
    that with ``bursts`` the announcements start from the few chats not in ``jobs_burst`` (a fresh
    notice's announcement is in their list) rather than from every (chat, notice) pair. ``covered``:
    no announcement to a chat whose earlier burst listed the notice."""
    await analyze(session)
    parts: list[Any] = [PLAN.c.event != Event.NEW]
    if not bursts:
        parts.append(PLAN.c.event == Event.NEW)
    else:
        fresh = TERMS.c.notice_id.in_(select(FRESH.c.notice_id))
        parts.append(and_(PLAN.c.event == Event.NEW, CHATS.c.burst.is_(False), fresh))
        parts.append(and_(PLAN.c.event == Event.NEW, ~fresh))
    written = 0
    for index, condition in enumerate(parts):
        query = (
            select(*_columns(Subscription.chat_id, TERMS.c.notice_id, now))
            .select_from(CHATS)
            .join(Subscription, Subscription.chat_id == CHATS.c.chat_id)
            .join(TERMS, and_(TERMS.c.kind == Subscription.kind, TERMS.c.value == Subscription.value))
            .join(PLAN, and_(PLAN.c.notice_id == TERMS.c.notice_id, PLAN.c.pid == CHATS.c.pid))
            .where(condition)
        )
        if covered and index > 0:
            query = query.where(~listed(TERMS.c.notice_id, Subscription.chat_id))
        if dialect(session) == "postgresql":
            # A chat matching a notice twice (category and keyword) must not reach ON CONFLICT DO UPDATE
            # twice in one statement there; SQLite's upsert takes such repeats row by row. In key order,
            # the rows append to the outbox's unique index instead of landing all over it.
            query = query.distinct().order_by(TERMS.c.notice_id, Subscription.chat_id)
        written += await upsert(session, _NAMES, query, revive=True)
    return written


async def write_corrections(session: AsyncSession, now: datetime, *, detail: str | None = None) -> int:
    """Corrections to the chats in ``jobs_told`` (active ones, in their profile's time), each replying
    to the latest message the chat was sent about the notice; a row already there is left alone."""
    await analyze(session)
    earlier = Reminder.__table__.alias("earlier")
    columns = _columns(TOLD.c.chat_id, TOLD.c.notice_id, now)
    columns.append(
        select(func.max(earlier.c.message_id))
        .where(
            earlier.c.notice_id == TOLD.c.notice_id,
            earlier.c.chat_id == TOLD.c.chat_id,
            earlier.c.status == ReminderStatus.SENT,
        )
        .scalar_subquery()
    )
    names = [*_NAMES, "reply_to"]
    if detail is not None:
        columns.append(literal(detail, Text()))
        names.append("detail")
    query = (
        select(*columns)
        .select_from(TOLD)
        .join(Chat, and_(Chat.id == TOLD.c.chat_id, Chat.active))
        .join(PROFILES, profile_join())
        .join(PLAN, and_(PLAN.c.notice_id == TOLD.c.notice_id, PLAN.c.pid == PROFILES.c.pid))
    )
    if dialect(session) == "postgresql":
        query = query.distinct()
    return await upsert(session, names, query, revive=False)


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
