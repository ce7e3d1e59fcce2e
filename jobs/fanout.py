"""The fan-out from the scratch tables to the outbox.

The chats and terms ``jobs.matching`` found meet their profile's plan rows in one ``INSERT … SELECT …
ON CONFLICT``: matched terms join subscriptions through the covering (kind, value, chat_id) index, each
chat joins its profile's plan rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    String,
    Text,
    and_,
    cast,
    exists,
    func,
    insert,
    literal,
    select,
    true,
    tuple_,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import get_broadcast_channel, get_broadcast_since
from db.models import (
    BurstNotice,
    Chat,
    Notice,
    Reminder,
    ReminderStatus,
    Subscription,
)
from db.types import UTCDateTime
from jobs.due import Event
from jobs.scratch import (
    CHATS,
    COUNTS,
    FRESH,
    KEY,
    PLAN,
    PROFILES,
    SEEN,
    TERMS,
    TOLD,
    analyze,
    dialect,
    insert_for,
    planner_off,
    profile_join,
    rowcount,
)


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


def light(threshold: int) -> Any:
    """The matched terms (``jobs_counts``) a chat outside a burst can hold, unless it was told one of
    the fresh notices before: a term matching more than ``threshold`` of them makes a burst of every
    chat subscribed to it."""
    return COUNTS.c.n <= threshold


async def write(
    session: AsyncSession,
    now: datetime,
    *,
    bursts: bool = False,
    covered: bool = False,
    threshold: int | None = None,
) -> int:
    """Every (chat in ``jobs_chats`` × the plan rows of its profile for the notices its subscriptions
    match) into the outbox, as ``INSERT … SELECT``: the announcements and the other events apart, so
    that with ``bursts`` the announcements start from the few chats of ``jobs_chats`` not in a burst (a fresh
    notice's announcement is in their list) rather than from every (chat, notice) pair. ``covered``:
    no announcement to a chat whose earlier burst listed the notice. ``threshold``: the burst
    threshold, with ``bursts``."""
    await analyze(session)
    announce = PLAN.c.event == Event.NEW
    parts: list[tuple[Any, Any]] = [(PLAN.c.event != Event.NEW, true())]
    if not bursts:
        parts.append((announce, true()))
    else:
        fresh = TERMS.c.notice_id.in_(select(FRESH.c.notice_id))
        alone = and_(CHATS.c.burst.is_(False), fresh)
        if threshold is not None and dialect(session) == "postgresql":
            # The chats outside a burst hold only light terms, but for those told before: the pairs
            # start from those terms' few subscribers instead of every subscriber of every fresh term
            # (12 M rows at a million chats for 0.4 M announcements). The told chats (disjoint) apart.
            told = CHATS.c.chat_id.in_(select(TOLD.c.chat_id))
            held = select(COUNTS.c.kind, COUNTS.c.value).where(light(threshold))
            parts.append((announce, and_(alone, ~told, tuple_(TERMS.c.kind, TERMS.c.value).in_(held))))
            parts.append((announce, and_(alone, told)))
        else:
            parts.append((announce, alone))
        parts.append((announce, ~fresh))
    written = 0
    if dialect(session) != "postgresql":
        for index, (events, pairs) in enumerate(parts):
            query = (
                select(*_columns(Subscription.chat_id, TERMS.c.notice_id, now))
                .select_from(CHATS)
                .join(Subscription, Subscription.chat_id == CHATS.c.chat_id)
                .join(TERMS, and_(TERMS.c.kind == Subscription.kind, TERMS.c.value == Subscription.value))
                .join(PLAN, and_(PLAN.c.notice_id == TERMS.c.notice_id, PLAN.c.pid == CHATS.c.pid))
                .where(events, pairs)
            )
            if covered and index > 0:
                query = query.where(~listed(TERMS.c.notice_id, Subscription.chat_id))
            # SQLite's upsert takes a chat matching a notice twice (category and keyword) row by row.
            written += await upsert(session, _NAMES, query, revive=True)
        return written
    # The pairs meet their plan rows (a few hundred) in a hash join, which keeps the pairs' order; with
    # its estimate of a few thousand pairs PostgreSQL would rather merge on the notice alone and rescan
    # each notice's pairs once per plan row of it (3 M rows read again for 0.6 M written).
    async with planner_off(session, "enable_mergejoin"):
        written += await _write_pairs(session, now, parts, covered=covered)
    return written


async def _write_pairs(
    session: AsyncSession, now: datetime, parts: list[tuple[Any, Any]], *, covered: bool
) -> int:
    """``write`` on PostgreSQL: per part, the notices without rows in the outbox by plain INSERT, the
    others by upsert."""
    written = 0
    seen = TERMS.c.notice_id.in_(select(SEEN.c.notice_id))
    for index, (events, pairs) in enumerate(parts):
        for split, new in ((~seen, True), (seen, False)):
            # The distinct (notice, chat) pairs first, then their profile's plan rows: joined the other
            # way round, every pair came once per plan row of the notice (each profile, each event) and
            # most were dropped by the profile afterwards. Distinct, a chat matching a notice twice
            # (category and keyword) reaches the outbox once, as ON CONFLICT DO UPDATE and the key
            # require. Sorted while narrow in the order of the outbox's key (notice, chat), they reach
            # it in that order and append to its unique index: sorted by notice, profile and chat, each
            # notice's rows went in as one run per profile, a fifth more index work (hashed, joined
            # and then sorted wide, the rows spilled 230 MB to disk at a million chats).
            matched = (
                select(TERMS.c.notice_id, Subscription.chat_id, CHATS.c.pid)
                .distinct()
                .select_from(TERMS)
                .join(
                    Subscription, and_(Subscription.kind == TERMS.c.kind, Subscription.value == TERMS.c.value)
                )
                .join(CHATS, CHATS.c.chat_id == Subscription.chat_id)
                .where(pairs, split, TERMS.c.notice_id.in_(select(PLAN.c.notice_id).where(events)))
            )
            if covered and index > 0:
                matched = matched.where(~listed(TERMS.c.notice_id, Subscription.chat_id))
            pair = matched.order_by(TERMS.c.notice_id, Subscription.chat_id, CHATS.c.pid).subquery("pairs")
            query = (
                select(*_columns(pair.c.chat_id, pair.c.notice_id, now))
                .select_from(pair)
                .join(PLAN, and_(PLAN.c.notice_id == pair.c.notice_id, PLAN.c.pid == pair.c.pid))
                .where(events)
            )
            written += await upsert(session, _NAMES, query, revive=True, new=new)
    return written


async def fill_seen(session: AsyncSession) -> None:
    """``jobs_seen`` ← the notices of ``jobs_plan`` with a row in the outbox other than a burst list
    (only those rows can meet one of ``write``; a burst's key has an event of its own). One probe of
    the outbox's key per notice."""
    if dialect(session) != "postgresql":
        return
    notices = select(PLAN.c.notice_id).distinct().subquery()
    query = select(notices.c.notice_id).where(
        exists().where(Reminder.notice_id == notices.c.notice_id, Reminder.event != Event.BURST)
    )
    await session.execute(SEEN.insert().from_select(["notice_id"], query))


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


async def upsert(
    session: AsyncSession, names: list[str], query: Any, *, revive: bool, new: bool = False
) -> int:
    """``INSERT … SELECT`` into the outbox; a conflicting row is left alone, or with ``revive`` brought
    back to pending if it was cancelled (a re-plan), never if it was sent.

    ``new``: the rows' notices have none in the outbox (``jobs_seen``). On PostgreSQL they go in by a
    plain INSERT, a third cheaper than ``ON CONFLICT`` (which probes the key before each row); should a
    row have appeared meanwhile (a chat planned by another process), the INSERT fails as a whole inside
    its savepoint and the upsert below writes the rows instead."""
    if new and dialect(session) == "postgresql":
        try:
            async with session.begin_nested():
                return rowcount(await session.execute(insert(Reminder).from_select(names, query)))
        except IntegrityError:
            pass
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
        select(*_columns(Chat.id, PLAN.c.notice_id, now))
        .select_from(PLAN)
        .join(PROFILES, PROFILES.c.pid == PLAN.c.pid)
        .join(Chat, and_(Chat.id == channel, Chat.is_broadcast_channel, Chat.active, profile_join()))
        .join(Notice, Notice.id == PLAN.c.notice_id)
        .where(PLAN.c.event == Event.NEW)
    )
    if since is not None:
        query = query.where(Notice.updated_at >= since)
    return await upsert(session, _NAMES, query, revive=True)
