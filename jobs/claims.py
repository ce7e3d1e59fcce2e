"""Claiming due reminders with an owner and a lease, so several dispatchers can share one database.

A dispatcher claims due rows (``pending`` → ``sending``, ``claimed_by`` = itself, ``lease_until`` a
lease ahead) and renews its lease while it works. Only a claim whose lease has run out is taken over,
so a dispatcher that starts never steals rows a live one is sending.

On PostgreSQL the claim is ``FOR UPDATE SKIP LOCKED`` (two dispatchers never claim the same row) and a
chat's sends belong to one dispatcher at a time (``chat_owners``): that owner's in-memory limiter is the
whole truth about the chat's recent sends, so 1 message/s per chat and 20/min per group hold wherever
the chat is dispatched. An owner that lets go writes when the chat may be sent to next (``free_at``); a
chat whose owner died is taken over only after its lease plus the chat's hold (1 s for a private chat,
60 s for a group), since the dead owner sent nothing after its lease ran out.

On SQLite one process dispatches (``db.dispatch_lock`` refuses a second), so a plain claim does.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, bindparam, exists, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ChatOwner, Reminder, ReminderStatus, pending_rows, sending_rows
from jobs.due import Event

REMINDERS = cast(Table, Reminder.__table__)

GROUP_HOLD = 60.0
"""Seconds a group's limit remembers a send (20 per minute)."""
CHAT_HOLD = 1.0
"""Seconds a private chat's limit remembers a send (1 per second)."""


def new_owner() -> str:
    """A name for this dispatcher that no other process shares: host, pid and a random part."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(slots=True)
class Row:
    """A claimed reminder, as the dispatcher needs it."""

    id: int
    chat_id: int
    notice_id: int
    period_id: int
    event: str
    due_at: datetime
    attempts: int
    reply_to: int | None
    detail: str | None


_COLUMNS = (
    Reminder.id,
    Reminder.chat_id,
    Reminder.notice_id,
    Reminder.period_id,
    Reminder.event,
    Reminder.due_at,
    Reminder.attempts,
    Reminder.reply_to,
    Reminder.detail,
)

_WIN_CHATS = text(
    """
    INSERT INTO chat_owners (chat_id, owner, lease_until, free_at)
    SELECT c.id, CAST(:owner AS VARCHAR), CAST(:lease_until AS DOUBLE PRECISION),
           CASE WHEN c.type IN ('group', 'supergroup', 'channel') THEN CAST(:group_hold AS DOUBLE PRECISION)
                ELSE CAST(:chat_hold AS DOUBLE PRECISION) END
    FROM chats c WHERE c.id = ANY(:chat_ids) ORDER BY c.id
    ON CONFLICT (chat_id) DO UPDATE SET
        owner = :owner,
        lease_until = :lease_until,
        free_at = CASE
            WHEN chat_owners.owner IS NULL OR chat_owners.owner = :owner THEN chat_owners.free_at
            ELSE GREATEST(chat_owners.free_at, chat_owners.lease_until + excluded.free_at)
        END
    WHERE chat_owners.owner IS NULL OR chat_owners.owner = :owner OR chat_owners.lease_until <= :now
    RETURNING chat_id, free_at, (xmax = 0) AS inserted
    """
)
"""Win the chats of the candidate rows: a chat nobody holds, or whose owner's lease ran out. A new row's
``free_at`` carries the hold only to the conflict branch (an inserted row is free at once). Rows are
locked in chat order, as releases lock them, so two dispatchers cannot deadlock on them."""


class Claims:
    """One dispatcher's claims: ``owner`` names it, ``lease`` is how long a claim lasts unrenewed.

    ``shared`` (PostgreSQL): several dispatchers, skip-locked claims and chat owners."""

    def __init__(self, owner: str, lease: timedelta, *, shared: bool) -> None:
        self.owner = owner
        self.lease = lease
        self.shared = shared
        self.renewed_at: float | None = None
        """When this dispatcher last renewed every lease it holds (epoch seconds)."""

    def lease_valid(self, now: float) -> bool:
        """Whether this dispatcher's claims still hold, with a margin for a send that is slow to leave."""
        if self.renewed_at is None:
            return True
        return now < self.renewed_at + self.lease.total_seconds() * 0.8

    def renew_due(self, now: float) -> bool:
        return self.renewed_at is None or now - self.renewed_at >= self.lease.total_seconds() / 4

    async def take_over_expired(
        self, session: AsyncSession, now: datetime, *, everything: bool = False
    ) -> int:
        """Rows in ``sending`` whose lease ran out (their dispatcher died) go back to ``pending``.
        ``everything``: this process knows it is the only dispatcher (the SQLite lock), so every claim
        left in ``sending`` is a dead one."""
        condition = sending_rows()
        if not everything:
            condition = and_(
                condition,
                or_(
                    Reminder.lease_until < now,
                    and_(
                        Reminder.lease_until.is_(None),
                        or_(Reminder.claimed_at.is_(None), Reminder.claimed_at < now - self.lease),
                    ),
                ),
            )
        result = await session.execute(
            update(Reminder)
            .where(condition)
            .values(status=ReminderStatus.PENDING, claimed_at=None, claimed_by=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )
        return max(int(getattr(result, "rowcount", 0) or 0), 0)

    async def claim(
        self, session: AsyncSession, now: datetime, limit: int, chat_ids: Sequence[int] = ()
    ) -> tuple[list[Row], dict[int, float]]:
        """Claim up to ``limit`` due rows (of ``chat_ids`` only, corrections excluded, when given), in
        due order. Returns them and, for chats this dispatcher has just come to own, the first instant
        it may send to each."""
        due = select(Reminder.id, Reminder.chat_id).where(pending_rows(), Reminder.due_at <= now)
        if chat_ids:
            due = due.where(Reminder.chat_id.in_(chat_ids), Reminder.event.not_in(Event.CORRECTIONS))
        lease_until = now + self.lease
        values = {
            "status": ReminderStatus.SENDING,
            "claimed_at": now,
            "claimed_by": self.owner,
            "lease_until": lease_until,
        }
        free: dict[int, float] = {}
        if not self.shared:
            ids = select(due.order_by(Reminder.due_at, Reminder.id).limit(limit).subquery().c.id)
            statement = update(Reminder).where(Reminder.id.in_(ids.scalar_subquery()))
        else:
            epoch = now.timestamp()
            taken = exists().where(
                ChatOwner.chat_id == Reminder.chat_id,
                ChatOwner.owner != self.owner,
                ChatOwner.lease_until > epoch,
            )
            due = (
                due.where(~taken)
                .order_by(Reminder.due_at, Reminder.id)
                .limit(limit)
                .with_for_update(skip_locked=True, of=REMINDERS)
            )
            candidates = (await session.execute(due)).all()
            if not candidates:
                return [], free
            won = await session.execute(
                _WIN_CHATS,
                {
                    "owner": self.owner,
                    "lease_until": epoch + self.lease.total_seconds(),
                    "now": epoch,
                    "chat_ids": sorted({chat for _id, chat in candidates}),
                    "group_hold": GROUP_HOLD,
                    "chat_hold": CHAT_HOLD,
                },
            )
            owned: set[int] = set()
            for chat_id, free_at, inserted in won:
                owned.add(chat_id)
                if not inserted:
                    free[chat_id] = float(free_at)
            row_ids = [rid for rid, chat in candidates if chat in owned]
            if not row_ids:
                return [], free
            statement = update(Reminder).where(Reminder.id.in_(row_ids))
        result = await session.execute(
            statement.values(**values).returning(*_COLUMNS).execution_options(synchronize_session=False)
        )
        rows = [Row(*r) for r in result]
        rows.sort(key=lambda r: (r.due_at, r.id))
        return rows, free

    async def renew(self, session: AsyncSession, now: datetime) -> None:
        """Push every lease this dispatcher holds a lease ahead (rows and chats)."""
        await session.execute(
            update(Reminder)
            .where(Reminder.claimed_by == self.owner, sending_rows())
            .values(lease_until=now + self.lease)
            .execution_options(synchronize_session=False)
        )
        if self.shared:
            await session.execute(
                text("UPDATE chat_owners SET lease_until = :until WHERE owner = :owner"),
                {"until": now.timestamp() + self.lease.total_seconds(), "owner": self.owner},
            )
        self.renewed_at = now.timestamp()

    async def release_chats(self, session: AsyncSession, free: Iterable[tuple[int, float]]) -> None:
        """Let go of chats, each with the first instant its next message may go (for the next owner)."""
        if not self.shared:
            return
        params = [{"chat_id": chat_id, "free_at": at, "owner": self.owner} for chat_id, at in sorted(free)]
        if params:
            await session.execute(_RELEASE, params)
        await session.execute(
            text("UPDATE chat_owners SET owner = NULL, lease_until = 0 WHERE owner = :owner"),
            {"owner": self.owner},
        )


_RELEASE = text(
    "UPDATE chat_owners SET owner = NULL, lease_until = 0, free_at = GREATEST(free_at, :free_at) "
    "WHERE chat_id = :chat_id AND owner = :owner"
).bindparams(bindparam("chat_id"), bindparam("free_at"), bindparam("owner"))
