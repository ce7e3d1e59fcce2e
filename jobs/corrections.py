"""Corrections: after an admin edits or withdraws a published notice, pending reminders are cancelled
or re-planned, and every chat already told something about it gets a correction replying to it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import NoticeStatus, Reminder, ReminderStatus, Subscription
from jobs.due import Event, NoticeView, Planned, Profile, correction_due
from jobs.fanout import listed, write_corrections
from jobs.matching import fill_terms
from jobs.publish import plan_notices, stored_snapshot
from jobs.scratch import TERMS, TOLD, fill_plan, fill_profiles, rowcount, scratch_tables
from jobs.texts import describe_changes, snapshot
from jobs.views import load_notices


def not_corrections() -> Any:
    return Reminder.event.not_in(Event.CORRECTIONS)


async def cancel(session: AsyncSession, *conditions: Any, reason: str) -> int:
    result = await session.execute(
        update(Reminder)
        .where(Reminder.status == ReminderStatus.PENDING, *conditions)
        .values(status=ReminderStatus.CANCELLED, last_error=reason)
    )
    return rowcount(result)


async def tell(
    session: AsyncSession,
    notice: NoticeView,
    event: str,
    *,
    now: datetime,
    tz: ZoneInfo | None,
    point: str,
    detail: str | None = None,
) -> int:
    """A correction to every chat that was already sent something about the notice, replying to it, and
    to every chat a sent burst list showed it to (the page held it and the chat's subscriptions match
    it)."""
    await scratch_tables(session)
    told = (
        select(literal(notice.id), Reminder.chat_id)
        .distinct()
        .where(
            Reminder.notice_id == notice.id,
            Reminder.status == ReminderStatus.SENT,
            Reminder.event.not_in((*Event.CORRECTIONS, Event.BURST)),
        )
    )
    await session.execute(TOLD.insert().from_select(["notice_id", "chat_id"], told))
    await fill_terms(session, [notice], None)
    shown = (
        select(literal(notice.id), Subscription.chat_id)
        .distinct()
        .select_from(TERMS)
        .join(Subscription, and_(Subscription.kind == TERMS.c.kind, Subscription.value == TERMS.c.value))
        .where(
            listed(literal(notice.id), Subscription.chat_id, sent=True),
            Subscription.chat_id.not_in(select(TOLD.c.chat_id)),
        )
    )
    await session.execute(TOLD.insert().from_select(["notice_id", "chat_id"], shown))
    default = tz or ZoneInfo("UTC")

    def rows(_notice: NoticeView, profile: Profile) -> list[Planned]:
        if tz is None and profile.tz is default:
            return [Planned(now, 0, event, point)]
        return [Planned(correction_due(profile, now), 0, event, point)]

    profiles = await fill_profiles(session, default, None)
    await fill_plan(session, [notice], profiles, rows)
    return await write_corrections(session, now, detail=detail)


async def replan_notice(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> int:
    """After an admin edited the periods: cancel pending reminders, plan the new ones, and send chats that
    were already told a correction describing the change. Returns the rows written."""
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    if notice is None:
        return 0
    if notice.status != NoticeStatus.PUBLISHED:
        await cancel(session, Reminder.notice_id == notice_id, reason=f"notice {notice.status}")
        return 0
    written = 0
    before = await stored_snapshot(session, notice_id)
    after = snapshot(notice.periods)
    if before is not None and before != after:
        detail = describe_changes(before, after)
        written += await tell(
            session, notice, Event.CHANGED, now=now, tz=tz, point=str(int(now.timestamp())), detail=detail
        )
    await cancel(session, Reminder.notice_id == notice_id, not_corrections(), reason="replanned")
    written += await plan_notices(session, [notice_id], now=now, tz=tz)
    return written


async def withdraw_notice(
    session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo | None = None
) -> int:
    """Cancel every pending reminder about the notice and tell chats already told that it was withdrawn.
    ``tz`` is the default zone for quiet hours (chats without one of their own); without it, corrections
    to those chats ignore quiet hours. Returns the corrections written."""
    await cancel(
        session, Reminder.notice_id == notice_id, Reminder.event != Event.WITHDRAWN, reason="withdrawn"
    )
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    if notice is None:
        return 0
    return await tell(session, notice, Event.WITHDRAWN, now=now, tz=tz, point="")
