"""What became of each claimed row, written back in batches and counted for ``/metrics``.

A run decides a row's fate in memory (a ``Mark``) and writes many at once: one round trip per batch
keeps the database off the sending path. Only rows this dispatcher still holds are changed, so a row
another dispatcher took over after a lapsed lease is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Reminder, ReminderStatus, SentMessage
from jobs import metrics

REMINDERS = cast(Table, Reminder.__table__)
_MARK_SENT = (
    update(REMINDERS)
    .where(REMINDERS.c.id == bindparam("rid"))
    .values(
        status=ReminderStatus.SENT,
        message_id=bindparam("mid"),
        sent_at=bindparam("at"),
        last_error=None,
    )
)
"""Core statements, run as executemany: the ORM's bulk paths cost more than the rows they write."""
_RECORD_SENT = insert(cast(Table, SentMessage.__table__))


@dataclass(slots=True)
class DispatchStats:
    """What one run did. ``lateness`` holds, per message, seconds between due and send."""

    claimed: int = 0
    sent: int = 0
    messages: int = 0
    skipped: int = 0
    cancelled: int = 0
    failed: int = 0
    retried: int = 0
    flood_waits: int = 0
    chats_gone: int = 0
    recovered: int = 0
    lateness: list[float] = field(default_factory=list)

    def add(self, other: DispatchStats) -> None:
        for name in self.__slots__:
            if name == "lateness":
                self.lateness.extend(other.lateness)
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Mark:
    """The new state of some rows; a sent message also records where it went (``sent_messages``)."""

    ids: list[int]
    status: str
    chat_id: int = 0
    notice_ids: Sequence[int | None] = ()
    message_id: int | None = None
    error: str | None = None
    due_at: datetime | None = None
    attempts_added: int = 0
    kind: str = "reminder"
    sent_at: datetime | None = None


async def write_marks(session: AsyncSession, marks: Sequence[Mark], *, owner: str, now: datetime) -> None:
    """Write ``marks`` to rows still ``sending`` under ``owner``; rows sharing an outcome share a
    statement."""
    sent = [m for m in marks if m.status == ReminderStatus.SENT]
    if sent:
        await session.execute(
            _MARK_SENT,
            [{"rid": rid, "mid": m.message_id, "at": m.sent_at or now} for m in sent for rid in m.ids],
        )
        await session.execute(
            _RECORD_SENT,
            [
                {
                    "chat_id": m.chat_id,
                    "notice_id": nid,
                    "message_id": m.message_id,
                    "kind": m.kind,
                    "sent_at": m.sent_at or now,
                }
                for m in sent
                for nid in dict.fromkeys(m.notice_ids)
            ],
        )
    groups: dict[tuple[str, str | None, datetime | None, int], list[int]] = {}
    for m in marks:
        if m.status != ReminderStatus.SENT:
            key = (m.status, (m.error or "")[:500] or None, m.due_at, m.attempts_added)
            groups.setdefault(key, []).extend(m.ids)
    for (status, error, due_at, attempts_added), ids in groups.items():
        values: dict[str, Any] = {"status": status, "last_error": error}
        if status == ReminderStatus.PENDING:
            values.update(claimed_at=None, claimed_by=None, lease_until=None)
        if due_at is not None:
            values["due_at"] = due_at
        if attempts_added:
            values["attempts"] = Reminder.attempts + attempts_added
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            await session.execute(
                update(Reminder)
                .where(
                    Reminder.id.in_(chunk),
                    Reminder.status == ReminderStatus.SENDING,
                    Reminder.claimed_by == owner,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )


_OUTCOMES = frozenset(
    {ReminderStatus.SENT, ReminderStatus.FAILED, ReminderStatus.SKIPPED, ReminderStatus.CANCELLED}
)


def count(marks: Sequence[Mark]) -> None:
    """Each outcome once written, for ``/metrics``; the reason is the error's lead (``Forbidden``, ``no
    longer meaningful``), not its whole text, so the labels stay few."""
    for mark in marks:
        if mark.status in _OUTCOMES:
            reason = (mark.error or "").split(":", 1)[0].strip()[:40] or "none"
            metrics.MESSAGES.labels(outcome=mark.status, reason=reason).inc(len(mark.ids))
