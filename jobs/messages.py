"""What claimed rows become: messages to chats, and what rendering them needs, read once per run.

A message is one reminder, a page's burst list, or a chat's digest of several reminders. Rows no longer
worth sending are dropped here, before anything is queued, so the send loop only sees messages it can
render; texts are rendered at send time, in the chat's language and time zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Chat, NoticeStatus, ReminderStatus
from jobs.burst import burst_items
from jobs.claims import Row
from jobs.due import Event, NoticeView, still_meaningful
from jobs.list_texts import digest_buttons, render_burst, render_digest
from jobs.sender import ButtonRows
from jobs.texts import Context, buttons, headline, render
from jobs.views import load_notices, zone

GROUP_TYPES = frozenset({"group", "supergroup", "channel"})
"""Chat types Telegram limits to ``group_per_minute`` messages a minute (channels included)."""


@dataclass(slots=True)
class ChatInfo:
    """What sending to a chat needs of its row: language and zone, its limits, whether it wants digests."""

    language: str
    tz: ZoneInfo
    is_group: bool
    digest: bool
    active: bool
    is_channel: bool = False


@dataclass(slots=True)
class Job:
    """One message: a single reminder, or a chat's digest of several."""

    chat_id: int
    rows: list[Row]
    digest: bool = False
    reply_to: int | None = None

    @property
    def due(self) -> tuple[datetime, int]:
        return (self.rows[0].due_at, self.rows[0].id)


@dataclass(slots=True)
class Dropped:
    """Rows not to send, with the status and reason they are written back with."""

    rows: list[Row]
    status: str
    error: str


class Messages:
    """The chats, notices and burst lists a run's rows refer to, kept for the run so each is read once."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.chats: dict[int, ChatInfo] = {}
        self.notices: dict[int, NoticeView] = {}
        self.bursts: dict[int, list[NoticeView]] = {}

    async def load(self, session: AsyncSession, rows: Sequence[Row]) -> None:
        """Read what ``rows`` need and is not held yet."""
        chat_ids = {r.chat_id for r in rows} - self.chats.keys()
        if chat_ids:
            result = await session.execute(
                select(Chat.id, Chat.language, Chat.tz, Chat.type, Chat.digest, Chat.active).where(
                    Chat.id.in_(chat_ids)
                )
            )
            for cid, language, tz, kind, digest, active in result:
                self.chats[cid] = ChatInfo(
                    language or "zh",
                    zone(tz, self.tz),
                    kind in GROUP_TYPES,
                    bool(digest),
                    bool(active),
                    is_channel=kind == "channel",
                )
        notice_ids = {r.notice_id for r in rows} - self.notices.keys()
        if notice_ids:
            self.notices.update(await load_notices(session, notice_ids))
        for row in rows:
            if row.event == Event.BURST and row.id not in self.bursts:
                page = int(row.detail) if row.detail and row.detail.isdigit() else 0
                self.bursts[row.id] = await burst_items(session, row.chat_id, page, self.notices)

    def prepare(self, rows: Sequence[Row], now: datetime) -> list[Job | Dropped]:
        """Drop what is no longer meaningful and bundle digests; in due order, as the rows came. A digest
        is listed at its first row and gathers the chat's later ones."""
        out: list[Job | Dropped] = []
        digests: dict[int, Job] = {}
        for row in rows:
            chat = self.chats.get(row.chat_id)
            notice = self.notices.get(row.notice_id)
            if chat is None or not chat.active:
                out.append(Dropped([row], ReminderStatus.CANCELLED, "chat inactive"))
                continue
            if row.event == Event.BURST:
                # A page's list: what is still worth announcing of it, as one message of its own.
                items = [
                    n
                    for n in self.bursts.get(row.id, [])
                    if still_meaningful(Event.NEW, None, n, now=now, tz=self.tz, chat_tz=chat.tz)
                ]
                if not items:
                    out.append(Dropped([row], ReminderStatus.SKIPPED, "no longer meaningful"))
                    continue
                self.bursts[row.id] = items
                out.append(Job(row.chat_id, [row]))
                continue
            if notice is None:
                out.append(Dropped([row], ReminderStatus.CANCELLED, "notice deleted"))
                continue
            if notice.status != NoticeStatus.PUBLISHED and row.event != Event.WITHDRAWN:
                out.append(Dropped([row], ReminderStatus.CANCELLED, f"notice {notice.status}"))
                continue
            period = notice.period(row.period_id) if row.period_id else None
            if not still_meaningful(row.event, period, notice, now=now, tz=self.tz, chat_tz=chat.tz):
                out.append(Dropped([row], ReminderStatus.SKIPPED, "no longer meaningful"))
                continue
            if chat.digest and row.event not in Event.CORRECTIONS:
                job = digests.get(row.chat_id)
                if job is None:
                    job = digests[row.chat_id] = Job(row.chat_id, [row], digest=True)
                    out.append(job)
                else:
                    job.rows.append(row)
                continue
            out.append(Job(row.chat_id, [row], reply_to=row.reply_to))
        return out

    def render(self, job: Job, now: datetime) -> tuple[str, ButtonRows]:
        """The text and buttons of a message. A channel's posts carry no buttons: its readers cannot mute
        or snooze what the channel receives."""
        chat = self.chats[job.chat_id]
        ctx = Context(chat.language, chat.tz, self.tz, now)
        if job.digest:
            lines = []
            for row in job.rows:
                notice = self.notices[row.notice_id]
                period = notice.period(row.period_id) if row.period_id else None
                lines.append(headline(row.event, notice, period, ctx, row.detail))
            categories = [self.notices[r.notice_id].category for r in job.rows]
            keys = [] if chat.is_channel else digest_buttons(categories, ctx)
            return render_digest(lines, ctx), keys
        row = job.rows[0]
        if row.event == Event.BURST:
            text, keys = render_burst(self.bursts[row.id], ctx, row.id)
            return text, [] if chat.is_channel else keys
        notice = self.notices[row.notice_id]
        period = notice.period(row.period_id) if row.period_id else None
        text = render(row.event, notice, period, ctx, detail=row.detail)
        return text, [] if chat.is_channel else buttons(row.event, notice, row.id, ctx, period=period)
