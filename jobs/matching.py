"""Matching notices to subscription terms, and the chats those terms reach.

Matching runs once per (notice, distinct term): the distinct place and keyword values people subscribed
to come from ``subscription_terms`` (kept by triggers on ``subscriptions``), never from a walk over
chats. What they match fills ``jobs_terms``; the chats they reach, with their profile, fill
``jobs_chats``, from which ``jobs.fanout`` writes the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    and_,
    case,
    false,
    func,
    null,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Chat,
    Subscription,
    SubscriptionKind,
    SubscriptionTerm,
)
from db.search import fold
from jobs.due import NoticeView
from jobs.scratch import (
    CHATS,
    COUNTS,
    PROFILES,
    TERMS,
    TOLD,
    analyze,
    dialect,
    insert_many,
    planner_off,
    profile_columns,
    profile_match,
)


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


async def fill_chats(
    session: AsyncSession,
    chat_id: int | None,
    counts: Mapping[tuple[str, str], int],
    threshold: int | None = None,
) -> None:
    """``jobs_chats`` ← every active chat (or the one chat) that one of the matched terms reaches, but
    the broadcast channel (it gets announcements through ``write_channel``), with its profile, in one
    statement. ``counts``: per matched (kind, value), how many fresh notices it matches.

    With a ``threshold`` the same pass decides most bursts (``jobs.burst``) from the largest and the sum
    of those counts over the chat's subscriptions: a largest above the threshold is a burst, a sum at or
    below it is not, a chat already told one of the fresh notices (``jobs_told``) is not; the others are
    left NULL for ``jobs.burst.settle`` to count exactly."""
    await insert_many(session, COUNTS, [{"kind": k, "value": v, "n": n} for (k, v), n in counts.items()])
    await analyze(session)
    per_chat = (
        select(
            Subscription.chat_id.label("chat_id"),
            func.max(COUNTS.c.n).label("most"),
            func.sum(COUNTS.c.n).label("total"),
        )
        .select_from(COUNTS)
        .join(Subscription, and_(Subscription.kind == COUNTS.c.kind, Subscription.value == COUNTS.c.value))
        .group_by(Subscription.chat_id)
    )
    if chat_id is not None:
        per_chat = per_chat.where(Subscription.chat_id == chat_id)
    totals = per_chat.subquery("totals")
    reached: Any = (
        select(totals, *profile_columns())
        .join(Chat, Chat.id == totals.c.chat_id)
        .where(Chat.active, Chat.is_broadcast_channel.is_(False))
    )
    every = chat_id is None and dialect(session) == "postgresql"
    if dialect(session) == "postgresql" and not every:
        # Computed once, before the seven-column profile join whose estimate (one row) would otherwise
        # make PostgreSQL nest the aggregate inside a loop (for every chat, nested loops are off below).
        reached = reached.cte("reached").prefix_with("MATERIALIZED")
    else:
        reached = reached.subquery("reached")
    flag: Any = false()
    if threshold is not None:
        flag = case(
            (reached.c.chat_id.in_(select(TOLD.c.chat_id)), false()),
            (reached.c.most > threshold, true()),
            (reached.c.total <= threshold, false()),
            else_=null(),
        )
    query = select(reached.c.chat_id, PROFILES.c.pid, flag).join(PROFILES, profile_match(reached.c))
    # In chat order: SQLite's fan-out then walks them so (in the profile join's order its outbox
    # inserts took twice as long, 8 s against 15 s for a page and 100,000 chats), and on PostgreSQL the
    # key of a million rows is appended to rather than written all over (the temporary table's 8 MB of
    # buffers then wrote out 15,000 pages).
    query = query.order_by(reached.c.chat_id)
    statement = CHATS.insert().from_select(["chat_id", "pid", "burst"], query)
    if not every:
        await session.execute(statement)
        await analyze(session)
        return
    # For every chat, grouped by sorting: a million chats' hash table (150 MB) missed the CPU caches on
    # every row and took twice as long as the sort of their 2.5 M subscriptions, which then meet their
    # chats and profiles in a merge join, already in chat order. Without nested loops the one-row
    # estimate of the profile join cannot put the aggregate inside a loop; the subscriptions are read
    # whole (a term of every chat matches) instead of probed term by term. 2.3 s against 4.5-5.7 s with
    # the aggregate hashed and materialised, at a million chats.
    async with planner_off(session, "enable_hashagg", "enable_nestloop"):
        await session.execute(statement)
    await analyze(session)
