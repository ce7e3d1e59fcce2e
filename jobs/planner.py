"""Planning reminders into the outbox (the ``reminders`` table), set-based.

The fan-out to chats is SQL: matching chats are found by joining subscriptions, and one
``INSERT … SELECT … ON CONFLICT`` writes every reminder. Python only computes due times once per
(notice, distinct chat settings) — see ``jobs.due`` — and matches a notice's text against the distinct
place and keyword values people subscribed to, never iterating over chats.

The broadcast channel an admin chose (``db.chats.set_broadcast_channel``) is one more chat: it gets the
``new`` announcement of every notice published or changed since it was chosen, whatever it subscribed to,
and nothing else but corrections replying to its post; so a notice reaches it by whatever path it was
published (the bot, ``noticebot ingest`` through the sweep, a re-publication), with the outbox's retries,
rate limits and record.

Idempotent: the unique key (chat, notice, period, event, point) makes planning twice harmless. A re-plan
first cancels the pending rows it may replace and then revives, with a new due time, those still wanted;
rows already sent are never touched, so nothing is announced twice.

This module is the entry point (chats, snoozes, the sweep); the parts live beside it: ``jobs.publish``
(planning notices as published), ``jobs.corrections`` (edits and withdrawals), ``jobs.matching``
(matching terms and the chats they reach), ``jobs.fanout`` (the ``INSERT … SELECT``), ``jobs.scratch``
(the per-run temporary tables), ``jobs.horizon`` (the 48-hour window), ``jobs.burst`` (one list for a
chat owed many announcements of a page) and ``jobs.lock`` (one sweep at a time across processes).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import get_broadcast_since
from db.models import (
    Chat,
    KeyValue,
    Notice,
    NoticeStatus,
    Reminder,
    ReminderStatus,
    Subscription,
    SubscriptionKind,
)
from db.search import fold
from jobs.corrections import cancel, not_corrections, replan_notice, withdraw_notice
from jobs.due import Event, snooze_due
from jobs.horizon import HORIZON, OVERLAP, REACH, REFILL, extend_horizon, stored_horizon
from jobs.lock import try_planning_lock
from jobs.publish import SNAPSHOT_KEY, current_snapshot, plan_notice, plan_notices, stored_snapshot
from jobs.scratch import KEY, insert_for
from jobs.views import chat_profile

log = logging.getLogger(__name__)

__all__ = [
    "HORIZON",
    "OVERLAP",
    "REACH",
    "REFILL",
    "SNAPSHOT_KEY",
    "SWEEP_KEY",
    "SnoozeError",
    "deactivate_chat",
    "extend_horizon",
    "for_chat",
    "plan_chat",
    "plan_notice",
    "plan_notices",
    "replan_notice",
    "snooze",
    "stored_horizon",
    "sweep",
    "sweep_unless_busy",
    "withdraw_notice",
]
SWEEP_KEY = "jobs:sweep"
"""Key-value row holding the newest ``notices.updated_at`` the sweep has handled."""


def for_chat(chat_id: int) -> Any:
    """Reminders of one chat, found through the notice-led unique key (one index probe per notice)
    rather than a scan of every pending row."""
    return and_(Reminder.notice_id.in_(select(Notice.id).scalar_subquery()), Reminder.chat_id == chat_id)


async def _candidates(session: AsyncSession, chat_id: int) -> list[int]:
    """Published notices one chat's subscriptions could match (prefiltered in SQL; exact match follows)."""
    subs = list(
        await session.execute(
            select(Subscription.kind, Subscription.value).where(Subscription.chat_id == chat_id)
        )
    )
    if not subs:
        return []
    conditions: list[Any] = []
    categories = [v for k, v in subs if k == SubscriptionKind.CATEGORY]
    if categories:
        conditions.append(Notice.category.in_(categories))
    for kind, value in subs:
        if kind != SubscriptionKind.CATEGORY and fold(value):
            conditions.append(Notice.search_text.contains(fold(value), autoescape=True))
    if not conditions:
        return []
    query = select(Notice.id).where(Notice.status == NoticeStatus.PUBLISHED, or_(*conditions))
    return list(await session.scalars(query))


async def _channel_candidates(session: AsyncSession) -> list[int]:
    """Published notices the broadcast channel is owed: those published or changed since it was chosen."""
    query = select(Notice.id).where(Notice.status == NoticeStatus.PUBLISHED)
    since = await get_broadcast_since(session)
    if since is not None:
        query = query.where(Notice.updated_at >= since)
    return list(await session.scalars(query))


async def plan_chat(
    session: AsyncSession, chat_id: int, *, now: datetime, tz: ZoneInfo, until: datetime | None = None
) -> int:
    """After a chat subscribed or changed its settings: re-plan its pending reminders (what it no longer
    wants is cancelled; what it newly wants, including current notices, is planned up to the horizon or
    ``until``)."""
    await cancel(session, for_chat(chat_id), not_corrections(), reason="replanned")
    chat = await session.get(Chat, chat_id)
    if chat is None or not chat.active:
        return 0
    if chat.is_broadcast_channel:
        candidates = await _channel_candidates(session)
    else:
        candidates = await _candidates(session, chat_id)
    if not candidates:
        return 0
    return await plan_notices(session, candidates, now=now, tz=tz, chat_id=chat_id, until=until)


async def deactivate_chat(session: AsyncSession, chat_id: int, reason: str) -> None:
    """The chat blocked or removed the bot (403): stop planning for it and cancel what was pending."""
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=reason[:200])
    )
    await session.execute(
        update(Reminder)
        .where(for_chat(chat_id), Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.SENDING)))
        .values(status=ReminderStatus.CANCELLED, last_error=f"chat gone: {reason}"[:500])
    )


class SnoozeError(LookupError):
    """The reminder cannot be snoozed (unknown, or a correction)."""


async def snooze(session: AsyncSession, reminder_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    """ "Remind me tomorrow": the same reminder again at tomorrow's morning hour (twice is harmless)."""
    row = await session.get(Reminder, reminder_id)
    if row is None or row.event in Event.CORRECTIONS:
        raise SnoozeError(f"no reminder #{reminder_id} to snooze")
    chat = await session.get(Chat, row.chat_id)
    if chat is None:
        raise SnoozeError(f"no chat for reminder #{reminder_id}")
    profile = chat_profile(chat, tz)
    due = snooze_due(profile, now)
    point = f"{row.point.split('~', 1)[0]}~{due.astimezone(profile.tz):%y%m%d}"
    statement = (
        insert_for(session)(Reminder)
        .values(
            chat_id=row.chat_id,
            notice_id=row.notice_id,
            period_id=row.period_id,
            event=row.event,
            point=point,
            due_at=due,
            status=ReminderStatus.PENDING,
            attempts=0,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=KEY)
    )
    await session.execute(statement)


async def sweep(session: AsyncSession, *, now: datetime, tz: ZoneInfo, burst: int | None = None) -> int:
    """The periodic safety net: plan notices published or edited since the last sweep (by any path, such
    as the ingest command), cancel reminders of notices no longer published, and move the horizon on
    when it is less than ``HORIZON - REFILL`` ahead. Returns the rows written (0 when another process
    is sweeping: see ``sweep_unless_busy``)."""
    written = await sweep_unless_busy(session, now=now, tz=tz, burst=burst)
    return written or 0


async def sweep_unless_busy(
    session: AsyncSession, *, now: datetime, tz: ZoneInfo, burst: int | None = None
) -> int | None:
    """``sweep`` under the cluster's planning lock (``jobs.lock``); None, and nothing done, when another
    process holds it. ``burst``: a chat owed more than this many announcements of notices planned for
    the first time gets one list (``jobs.burst``)."""
    if not await try_planning_lock(session):
        log.info("planning: another process is sweeping; this round is skipped")
        return None
    written, planned = await _sweep_changes(session, now=now, tz=tz, burst=burst)
    stored = await stored_horizon(session)
    if stored is None or stored <= now + HORIZON - REFILL:
        written += await extend_horizon(session, now=now, tz=tz, skip=planned)
    return written


async def _sweep_changes(
    session: AsyncSession, *, now: datetime, tz: ZoneInfo, burst: int | None
) -> tuple[int, list[int]]:
    mark_row = await session.get(KeyValue, SWEEP_KEY)
    query = select(Notice.id, Notice.status, Notice.updated_at).order_by(Notice.updated_at)
    if mark_row is not None:
        query = query.where(Notice.updated_at >= datetime.fromisoformat(mark_row.value))
    changed = list(await session.execute(query))
    if not changed:
        return 0, []
    written = 0
    bulk: list[int] = []
    planned: list[int] = []
    for notice_id, status, _updated in changed:
        if status == NoticeStatus.PUBLISHED:
            before = await stored_snapshot(session, notice_id)
            if before is None:
                planned.append(notice_id)  # first planned now: nothing from before now is owed
                bulk.append(notice_id)
            elif before == await current_snapshot(session, notice_id):
                bulk.append(notice_id)  # re-published, or seen before: idempotent planning revives
            else:
                planned.append(notice_id)
                written += await replan_notice(session, notice_id, now=now, tz=tz)
        elif status == NoticeStatus.WITHDRAWN:
            pending = await session.scalar(
                select(
                    exists().where(
                        Reminder.notice_id == notice_id,
                        Reminder.status == ReminderStatus.PENDING,
                        not_corrections(),
                    )
                )
            )
            if pending:
                written += await withdraw_notice(session, notice_id, now=now, tz=tz)
        else:
            await cancel(session, Reminder.notice_id == notice_id, reason=f"notice {status}")
    if bulk:
        written += await plan_notices(session, bulk, now=now, tz=tz, burst=burst)
    newest = max(updated for _id, _status, updated in changed)
    if mark_row is None:
        session.add(KeyValue(key=SWEEP_KEY, value=newest.isoformat()))
    else:
        mark_row.value = newest.isoformat()
    await session.flush()
    return written, planned
