"""Burst digests: a chat owed more than a few announcements from one page gets one list instead.

A newspaper page of 1,000 notices matches some chats 70 times; nobody wants 70 messages at once, and 7 M
announcement rows for 100,000 chats is most of the cost of planning the page. So when a run plans
notices for the first time (``fresh``) with a ``threshold``, each chat owed more than ``threshold`` of
their announcements gets one ``burst`` row instead: its point and detail are the page number, its
notice the page's ``anchor`` (its first notice), and ``burst_notices`` records the page's notices. What
the list says is worked out when it is sent: the page's notices that match the chat's subscriptions.

Deciding who is owed more than ``threshold`` is set-based and never enumerates (chat, notice) pairs:
per matched term, how many fresh notices it matches; per chat, the largest and the sum of those over its
subscriptions, worked out by the same statement that fills ``jobs_chats`` (``jobs.matching.fill_chats``).
A largest count above the threshold is a burst; a sum at or below it is not; only the chats in between
(few matches spread over several terms) are counted exactly, in one grouped ``UPDATE … FROM``.

The broadcast channel (it posts each notice) and chats already told a fresh notice one by one are left
to the single announcements. A chat in a digest gets the list at its digest time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, MutableMapping, Sequence
from datetime import datetime

from sqlalchemy import and_, distinct, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    BurstNotice,
    NoticeStatus,
    Reminder,
    ReminderStatus,
    Subscription,
    SubscriptionKind,
)
from db.search import fold
from db.types import UTCDateTime
from jobs.due import Event, NoticeView
from jobs.fanout import light, upsert
from jobs.matching import haystack
from jobs.scratch import CHATS, COUNTS, FRESH, PLAN, TERMS, TOLD, analyze, insert_many
from jobs.views import load_notices


def term_counts(terms: Iterable[tuple[int, str, str]], fresh: Collection[int]) -> dict[tuple[str, str], int]:
    """Per matched (kind, value), how many of the ``fresh`` notices it matches (0 for a term matching
    only notices planned before: it still reaches its chats)."""
    counts: dict[tuple[str, str], int] = {}
    for notice_id, kind, value in terms:
        counts[(kind, value)] = counts.get((kind, value), 0) + (notice_id in fresh)
    return counts


async def prepare(session: AsyncSession, fresh: Sequence[int]) -> None:
    """``jobs_fresh`` ← the fresh notices, ``jobs_told`` ← the chats already told one of them one by one
    (they are left to single announcements), before ``jobs.matching.fill_chats`` decides bursts."""
    await insert_many(session, FRESH, [{"notice_id": n} for n in sorted(set(fresh))])
    told = (
        select(literal(0), Reminder.chat_id)
        .distinct()
        .where(Reminder.notice_id.in_(select(FRESH.c.notice_id)), Reminder.event == Event.NEW)
    )
    await session.execute(TOLD.insert().from_select(["notice_id", "chat_id"], told))


async def settle(session: AsyncSession, threshold: int) -> None:
    """Count exactly, for the chats ``fill_chats`` left undecided (few matches spread over several
    terms), how many distinct fresh notices their subscriptions match.

    An undecided chat's largest count is at most ``threshold``, so only the terms matching at most that
    many fresh notices (``light``) can be its own: the pairs start from those few terms, not from every
    subscriber of a category matching hundreds of the notices (12 M rows at a million chats, of which
    5 % reached an undecided chat)."""
    undecided = CHATS.alias("undecided")
    matched = (
        select(Subscription.chat_id, func.count(distinct(TERMS.c.notice_id)).label("n"))
        .select_from(COUNTS)
        .join(TERMS, and_(TERMS.c.kind == COUNTS.c.kind, TERMS.c.value == COUNTS.c.value))
        .join(FRESH, FRESH.c.notice_id == TERMS.c.notice_id)
        .join(Subscription, and_(Subscription.kind == TERMS.c.kind, Subscription.value == TERMS.c.value))
        .join(undecided, undecided.c.chat_id == Subscription.chat_id)
        .where(undecided.c.burst.is_(None), light(threshold))
        .group_by(Subscription.chat_id)
        .subquery("matched")
    )
    await session.execute(
        update(CHATS).where(CHATS.c.chat_id == matched.c.chat_id).values(burst=matched.c.n > threshold)
    )
    await session.execute(update(CHATS).where(CHATS.c.burst.is_(None)).values(burst=False))


async def plan_bursts(session: AsyncSession, fresh: Sequence[int], *, threshold: int, now: datetime) -> int:
    """After ``prepare`` and ``fill_chats``: settle the undecided chats, and when some chat is owed more
    than ``threshold`` of the fresh notices' announcements, record the page and write one ``burst`` row
    per such chat. Returns the burst rows written (0: announce one by one)."""
    await settle(session, threshold)
    if not await session.scalar(select(CHATS.c.chat_id).where(CHATS.c.burst).limit(1)):
        return 0
    page = int(await session.scalar(select(func.coalesce(func.max(BurstNotice.page), 0))) or 0) + 1
    anchor = min(fresh)
    await session.execute(
        insert(BurstNotice).from_select(
            ["page", "notice_id", "anchor"], select(literal(page), FRESH.c.notice_id, literal(anchor))
        )
    )
    await analyze(session)
    first = (
        select(PLAN.c.pid, func.min(PLAN.c.due_at).label("due_at"))
        .where(PLAN.c.event == Event.NEW, PLAN.c.notice_id.in_(select(FRESH.c.notice_id)))
        .group_by(PLAN.c.pid)
        .subquery()
    )
    rows = (
        select(
            CHATS.c.chat_id,
            literal(anchor),
            literal(0),
            literal(Event.BURST),
            literal(str(page)),
            first.c.due_at,
            literal(ReminderStatus.PENDING),
            literal(0),
            literal(now, UTCDateTime()),
            literal(str(page)),
        )
        .select_from(CHATS)
        .join(first, first.c.pid == CHATS.c.pid)
        .where(CHATS.c.burst)
        # In chat order the rows append to the outbox key's index (all under the anchor notice); in
        # ``jobs_chats``' order each went to a random page of it.
        .order_by(CHATS.c.chat_id)
    )
    names = ["chat_id", "notice_id", "period_id", "event", "point", "due_at", "status", "attempts"]
    # The page is new: its rows can meet none in the outbox (but for a race, which ``upsert`` handles).
    return await upsert(session, [*names, "created_at", "detail"], rows, revive=False, new=True)


def matches(notice: NoticeView, subscriptions: Iterable[tuple[str, str]]) -> bool:
    """Whether one of a chat's subscriptions matches the notice (as planning matches them)."""
    hay: str | None = None
    for kind, value in subscriptions:
        if kind == SubscriptionKind.CATEGORY:
            if value == notice.category.value:
                return True
            continue
        folded = fold(value)
        if not folded:
            continue
        if hay is None:
            hay = haystack(notice)
        if folded in hay:
            return True
    return False


async def burst_items(
    session: AsyncSession, chat_id: int, page: int, cache: MutableMapping[int, NoticeView]
) -> list[NoticeView]:
    """The published notices of a page that match the chat's subscriptions, in page order. ``cache``
    holds notices already loaded (a dispatcher run sends one page to many chats)."""
    ids = list(
        await session.scalars(
            select(BurstNotice.notice_id).where(BurstNotice.page == page).order_by(BurstNotice.notice_id)
        )
    )
    missing = [notice_id for notice_id in ids if notice_id not in cache]
    if missing:
        cache.update(await load_notices(session, missing))
    subscriptions = [
        (kind, value)
        for kind, value in await session.execute(
            select(Subscription.kind, Subscription.value).where(Subscription.chat_id == chat_id)
        )
    ]
    out = []
    for notice_id in ids:
        notice = cache.get(notice_id)
        if notice is not None and notice.status == NoticeStatus.PUBLISHED and matches(notice, subscriptions):
            out.append(notice)
    return out
