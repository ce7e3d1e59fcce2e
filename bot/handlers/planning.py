"""Telling the reminder planner what changed, inside the same transaction as the change itself.

Publishing, editing or withdrawing a notice and changing a chat's subscriptions or settings all re-plan
the reminders outbox, so what is pushed always follows what is stored. ``tz`` is always the configured
zone (the planner reads each chat's own zone from its row).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from jobs import planner


async def notice_published(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    await planner.plan_notice(session, notice_id, now=now, tz=tz)


async def notice_changed(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    """A period or the category of a published notice changed: re-plan and correct chats already told."""
    await planner.replan_notice(session, notice_id, now=now, tz=tz)


async def notice_withdrawn(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    await planner.withdraw_notice(session, notice_id, now=now, tz=tz)


async def chat_changed(session: AsyncSession, chat_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    await planner.plan_chat(session, chat_id, now=now, tz=tz)


async def chat_gone(session: AsyncSession, chat_id: int, reason: str) -> None:
    """Blocked, kicked or removed: no more planning for the chat, pending reminders cancelled."""
    await planner.deactivate_chat(session, chat_id, reason)


async def snooze(session: AsyncSession, reminder_id: int, *, now: datetime, tz: ZoneInfo) -> bool:
    """Push one reminder back a day; False when there is nothing to snooze."""
    try:
        await planner.snooze(session, reminder_id, now=now, tz=tz)
    except planner.SnoozeError:
        return False
    return True
