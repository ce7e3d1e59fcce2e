"""Sending due reminders from the outbox, in due order, within Telegram's limits.

A run claims due rows (``pending`` → ``sending`` with an owner and a lease, see ``jobs.claims``),
renders each text at send time, sends it, and marks the row ``sent`` with Telegram's message_id (and a
``sent_messages`` row). On PostgreSQL several dispatchers share the work: claims skip locked rows, a
chat's sends belong to one dispatcher at a time, and the global rate is one budget in the database
(``jobs.pace``).

Delivery guarantee: every planned row is eventually sent, skipped (no longer meaningful), cancelled
(chat gone, notice withdrawn) or failed (Telegram refused it, recorded in ``last_error``). A row left in
``sending`` by a dispatcher that died is taken over by another once its lease has run out (on SQLite,
where one process dispatches, at the next start); so a message is duplicated only if the process died
after Telegram accepted it and before its row was marked — at most ``in_flight_bound`` messages (sends
under way plus marks not yet written).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.models import Chat, NoticeStatus, Reminder, ReminderStatus, SentMessage
from jobs import metrics
from jobs.burst import burst_items
from jobs.claims import Claims, new_owner
from jobs.claims import Row as _Row
from jobs.clock import Clock, Sleep
from jobs.due import Event, NoticeView, still_meaningful
from jobs.pace import SharedPace
from jobs.planner import deactivate_chat
from jobs.ratelimit import RateLimiter
from jobs.sender import ButtonRows, ChatGone, Rejected, RetryLater, Sender, SendError, Transient
from jobs.texts import Context, buttons, digest_buttons, headline, render, render_burst, render_digest
from jobs.views import load_notices, zone

log = logging.getLogger(__name__)

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

GROUP_TYPES = frozenset({"group", "supergroup", "channel"})
"""Chat types Telegram limits to ``group_per_minute`` messages a minute (channels included)."""


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
class _ChatInfo:
    language: str
    tz: ZoneInfo
    is_group: bool
    digest: bool
    active: bool
    is_channel: bool = False


@dataclass(slots=True)
class _Job:
    """One message: a single reminder, or a chat's digest of several."""

    chat_id: int
    rows: list[_Row]
    digest: bool = False
    reply_to: int | None = None

    @property
    def due(self) -> tuple[datetime, int]:
        return (self.rows[0].due_at, self.rows[0].id)


@dataclass(slots=True)
class _Mark:
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


class Dispatcher:
    """Sends what is due. ``run_once`` drains what is due now; ``run_forever`` ticks."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        *,
        tz: ZoneInfo,
        rate: float = 30.0,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        max_in_flight: int = 8,
        flush_every: int = 16,
        batch: int = 200,
        lease: timedelta = timedelta(minutes=5),
        sleep: Sleep = asyncio.sleep,
        backoff_base: float = 1.0,
        backoff_max: float = 300.0,
        max_attempts: int = 50,
        give_up_after: float = 5.0,
        owner: str | None = None,
        shared: bool | None = None,
        exclusive: bool = False,
        stopping: asyncio.Event | None = None,
    ) -> None:
        """``shared``: coordinate with other dispatchers through the database (default: on PostgreSQL);
        ``exclusive``: this is the only dispatcher on the database (a SQLite file this process has
        locked), so claims left behind at start are dead at once; ``stopping``: when set, the run stops
        launching sends, finishes those under way and gives back what it claimed."""
        self.sessions = sessions
        self.sender = sender
        self.clock = clock
        self.tz = tz
        self.rate = rate
        self.limiter = RateLimiter(
            rate, per_chat_interval=per_chat_interval, group_per_minute=group_per_minute
        )
        self.owner = owner or new_owner()
        self.shared = shared
        self.exclusive = exclusive
        self.stopping = stopping
        self.claims: Claims | None = None
        self.pace: SharedPace | None = None
        self._last_takeover = -float("inf")
        self.max_in_flight = max(1, max_in_flight)
        self.flush_every = max(1, flush_every)
        self.batch = max(1, batch)
        self.lease = lease
        self.sleep = sleep
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.max_attempts = max_attempts
        self.give_up_after = give_up_after
        self._started = clock.now()
        self._recovered = False
        self._failures_in_a_row = 0

    @property
    def in_flight_bound(self) -> int:
        """The most messages that can be sent twice if the process dies at the worst moment."""
        return self.max_in_flight + self.flush_every

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def _backoff(self, count: int) -> float:
        return float(min(self.backoff_max, self.backoff_base * 2.0 ** max(count - 1, 0)))

    # --- claiming ------------------------------------------------------------------------------------

    async def _setup(self) -> Claims:
        """Decide, once, whether to coordinate through the database (PostgreSQL) or alone (SQLite)."""
        if self.claims is None:
            if self.shared is None:
                async with self.sessions() as session:
                    self.shared = session.get_bind().dialect.name == "postgresql"
            self.claims = Claims(self.owner, self.lease, shared=self.shared)
            if self.shared and self.rate and self.rate > 0 and math.isfinite(self.rate):
                self.pace = SharedPace(self.sessions, self.rate)
                self.limiter.rate = 0.0  # the shared budget spaces messages; the limiter keeps chats
        return self.claims

    async def recover(self) -> int:
        """Rows left in ``sending`` by a dispatcher that died go back to ``pending``: those whose lease
        ran out (and at the first run of an ``exclusive`` dispatcher, all of them)."""
        claims = await self._setup()
        everything = self.exclusive and not self._recovered
        self._recovered = True
        self._last_takeover = self._now()
        async with session_scope(self.sessions) as session:
            return await claims.take_over_expired(session, self.clock.now(), everything=everything)

    async def _claim(self, session: AsyncSession, limit: int, chat_ids: Sequence[int] = ()) -> list[_Row]:
        assert self.claims is not None
        rows, free = await self.claims.claim(session, self.clock.now(), limit, chat_ids)
        for chat_id, at in free.items():
            self.limiter.hold(chat_id, at)
        return rows

    async def _renew(self) -> None:
        assert self.claims is not None
        async with session_scope(self.sessions) as session:
            await self.claims.renew(session, self.clock.now())

    # --- one run -------------------------------------------------------------------------------------

    async def run_once(self) -> DispatchStats:
        """Send everything due now (and whatever comes due while sending); returns what happened."""
        stats = DispatchStats()
        await self._setup()
        if not self._recovered or self._now() - self._last_takeover >= self.lease.total_seconds() / 4:
            stats.recovered = await self.recover()
        if self._failures_in_a_row and self.limiter.global_wait(self._now()) > 0:
            return stats  # an outage: wait out the backoff before claiming anything
        run = _Run(self, stats)
        await run.go()
        return stats

    async def run_forever(self, *, interval: float = 1.0, stop: asyncio.Event | None = None) -> None:
        """Tick until ``stop`` is set: each tick drains what is due."""
        stop = stop or asyncio.Event()
        if self.stopping is None:
            self.stopping = stop
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("reminder dispatch failed; retrying on the next tick")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)

    # --- writing results -----------------------------------------------------------------------------

    async def _flush(self, marks: list[_Mark]) -> None:
        if not marks:
            return
        now = self.clock.now()
        async with session_scope(self.sessions) as session:
            sent = [m for m in marks if m.status == ReminderStatus.SENT]
            if sent:
                await session.execute(
                    _MARK_SENT,
                    [
                        {"rid": rid, "mid": m.message_id, "at": m.sent_at or now}
                        for m in sent
                        for rid in m.ids
                    ],
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
            mine = self.claims.owner if self.claims is not None else self.owner
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
                            Reminder.claimed_by == mine,
                        )
                        .values(**values)
                        .execution_options(synchronize_session=False)
                    )
        _count(marks)
        marks.clear()

    async def _chat_gone(self, chat_id: int, reason: str) -> None:
        async with session_scope(self.sessions) as session:
            await deactivate_chat(session, chat_id, reason)


_Outcome = tuple[_Job, int | None, BaseException | None]


class _Run:
    """The state of one ``run_once``: per-chat queues, the ready/waiting heaps, sends in flight."""

    def __init__(self, dispatcher: Dispatcher, stats: DispatchStats) -> None:
        self.d = dispatcher
        self.stats = stats
        self.queues: dict[int, deque[_Job]] = {}
        self.ready: list[tuple[datetime, int, int]] = []
        self.waiting: list[tuple[float, int]] = []
        self.busy: set[int] = set()
        self.tasks: set[asyncio.Task[_Outcome]] = set()
        self.gone: list[tuple[int, str]] = []
        self.chats: dict[int, _ChatInfo] = {}
        self.notices: dict[int, NoticeView] = {}
        self.bursts: dict[int, list[NoticeView]] = {}
        self.marks: list[_Mark] = []
        self.more = True
        self.queued = 0
        self.pause_all_until = 0.0

    # queue bookkeeping

    def _schedule(self, chat_id: int) -> None:
        """Put a chat with work in the heap it belongs in."""
        queue = self.queues.get(chat_id)
        if not queue or chat_id in self.busy:
            return
        info = self.chats[chat_id]
        at = self.d.limiter.chat_ready_at(chat_id, info.is_group)
        if at <= self.d._now():
            due, rid = queue[0].due
            heapq.heappush(self.ready, (due, rid, chat_id))
        else:
            heapq.heappush(self.waiting, (at, chat_id))

    def _enqueue(self, job: _Job, *, front: bool = False) -> None:
        queue = self.queues.setdefault(job.chat_id, deque())
        was_empty = not queue
        if front:
            queue.appendleft(job)
        else:
            queue.append(job)
        self.queued += 1
        if (was_empty or front) and job.chat_id not in self.busy:
            self._schedule(job.chat_id)

    def _pop_ready(self) -> int | None:
        now = self.d._now()
        while self.waiting and self.waiting[0][0] <= now:
            _at, chat_id = heapq.heappop(self.waiting)
            queue = self.queues.get(chat_id)
            if queue and chat_id not in self.busy:
                due, rid = queue[0].due
                heapq.heappush(self.ready, (due, rid, chat_id))
        while self.ready:
            _due, _rid, chat_id = heapq.heappop(self.ready)
            queue = self.queues.get(chat_id)
            if queue and chat_id not in self.busy:
                if self.d.limiter.chat_ready_at(chat_id, self.chats[chat_id].is_group) > now:
                    self._schedule(chat_id)
                    continue
                return chat_id
        return None

    # claiming and preparing

    async def _refill(self) -> None:
        if not self.more or self.queued >= self.d.batch // 2:
            return
        d = self.d
        async with session_scope(d.sessions) as session:
            if d.claims is not None and d._now() - d._last_takeover >= d.lease.total_seconds() / 4:
                d._last_takeover = d._now()
                self.stats.recovered += await d.claims.take_over_expired(session, d.clock.now())
            rows = await self.d._claim(session, self.d.batch)
            if not rows:
                self.more = False
                return
            await self._load(session, rows)
            digest_chats = sorted(
                {r.chat_id for r in rows if self.chats[r.chat_id].digest and r.event not in Event.CORRECTIONS}
            )
            if digest_chats:
                extra = await self.d._claim(session, 10_000, digest_chats)
                await self._load(session, extra)
                rows = sorted(rows + extra, key=lambda r: (r.due_at, r.id))
        self.stats.claimed += len(rows)
        self._prepare(rows)

    async def _load(self, session: AsyncSession, rows: Sequence[_Row]) -> None:
        chat_ids = {r.chat_id for r in rows} - self.chats.keys()
        if chat_ids:
            result = await session.execute(
                select(Chat.id, Chat.language, Chat.tz, Chat.type, Chat.digest, Chat.active).where(
                    Chat.id.in_(chat_ids)
                )
            )
            for cid, language, tz, kind, digest, active in result:
                self.chats[cid] = _ChatInfo(
                    language or "zh",
                    zone(tz, self.d.tz),
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

    def _prepare(self, rows: Sequence[_Row]) -> None:
        """Drop what is no longer meaningful, bundle digests, queue the rest per chat in due order."""
        now = self.d.clock.now()
        digests: dict[int, _Job] = {}
        for row in rows:
            chat = self.chats.get(row.chat_id)
            notice = self.notices.get(row.notice_id)
            if chat is None or not chat.active:
                self._mark([row], ReminderStatus.CANCELLED, error="chat inactive")
                continue
            if row.event == Event.BURST:
                # A page's list: what is still worth announcing of it, as one message of its own.
                items = [
                    n
                    for n in self.bursts.get(row.id, [])
                    if still_meaningful(Event.NEW, None, n, now=now, tz=self.d.tz, chat_tz=chat.tz)
                ]
                if not items:
                    self._mark([row], ReminderStatus.SKIPPED, error="no longer meaningful")
                    continue
                self.bursts[row.id] = items
                self._enqueue(_Job(row.chat_id, [row]))
                continue
            if notice is None:
                self._mark([row], ReminderStatus.CANCELLED, error="notice deleted")
                continue
            if notice.status != NoticeStatus.PUBLISHED and row.event != Event.WITHDRAWN:
                self._mark([row], ReminderStatus.CANCELLED, error=f"notice {notice.status}")
                continue
            period = notice.period(row.period_id) if row.period_id else None
            if not still_meaningful(row.event, period, notice, now=now, tz=self.d.tz, chat_tz=chat.tz):
                self._mark([row], ReminderStatus.SKIPPED, error="no longer meaningful")
                continue
            if chat.digest and row.event not in Event.CORRECTIONS:
                job = digests.get(row.chat_id)
                if job is None:
                    job = digests[row.chat_id] = _Job(row.chat_id, [row], digest=True)
                    self._enqueue(job)
                else:
                    job.rows.append(row)
                continue
            self._enqueue(_Job(row.chat_id, [row], reply_to=row.reply_to))

    def _mark(self, rows: Sequence[_Row], status: str, *, error: str | None = None) -> None:
        self.marks.append(_Mark([r.id for r in rows], status, error=error))
        if status == ReminderStatus.SKIPPED:
            self.stats.skipped += len(rows)
        elif status == ReminderStatus.CANCELLED:
            self.stats.cancelled += len(rows)
        elif status == ReminderStatus.FAILED:
            self.stats.failed += len(rows)

    # rendering and sending

    def _render(self, job: _Job) -> tuple[str, ButtonRows]:
        """The text and buttons of a message. A channel's posts carry no buttons: its readers cannot mute
        or snooze what the channel receives."""
        chat = self.chats[job.chat_id]
        ctx = Context(chat.language, chat.tz, self.d.tz, self.d.clock.now())
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

    async def _send(self, job: _Job, text: str, keys: ButtonRows) -> _Outcome:
        try:
            message_id = await self.d.sender.send(job.chat_id, text, reply_to=job.reply_to, buttons=keys)
        except Exception as exc:
            return job, None, exc
        return job, message_id, None

    def _launch(self, chat_id: int) -> None:
        queue = self.queues[chat_id]
        job = queue.popleft()
        self.queued -= 1
        try:
            text, keys = self._render(job)
        except Exception as exc:
            log.exception("cannot render reminder %s", [r.id for r in job.rows])
            self._mark(job.rows, ReminderStatus.FAILED, error=f"render: {exc!r}")
            self._schedule(chat_id)
            return
        now = self.d._now()
        self.d.limiter.record(chat_id, self.chats[chat_id].is_group, now)
        self.busy.add(chat_id)
        task = asyncio.ensure_future(self._send(job, text, keys))
        self.tasks.add(task)

    def _settle(self, job: _Job, message_id: int | None, error: BaseException | None) -> None:
        """Act on a finished send (in the main loop, so all state changes happen in one place)."""
        d, stats = self.d, self.stats
        self.busy.discard(job.chat_id)
        now = d.clock.now()
        d.limiter.finished(job.chat_id, self.chats[job.chat_id].is_group, now.timestamp())
        if error is None:
            d._failures_in_a_row = 0
            kind = "reminder"
            if job.digest:
                kind = "digest"
            elif job.rows[0].event in Event.CORRECTIONS:
                kind = "correction"
            elif self.chats[job.chat_id].is_channel:
                kind = "channel"
            self.marks.append(
                _Mark(
                    [r.id for r in job.rows],
                    ReminderStatus.SENT,
                    chat_id=job.chat_id,
                    notice_ids=[r.notice_id for r in job.rows],
                    message_id=message_id,
                    kind=kind,
                    sent_at=now,
                )
            )
            stats.sent += len(job.rows)
            stats.messages += 1
            stats.lateness.append(max((now - job.rows[0].due_at).total_seconds(), 0.0))
            self._schedule(job.chat_id)
            return
        if not isinstance(error, SendError):
            log.warning("sender raised %r; treating it as a network error", error)
            error = Transient(f"{type(error).__name__}: {error}")
        if isinstance(error, RetryLater):
            stats.flood_waits += 1
            d.limiter.pause(now.timestamp() + max(error.seconds, 0.5))
            self.pause_all_until = max(self.pause_all_until, now.timestamp() + max(error.seconds, 0.5))
            self._enqueue(job, front=True)
            return
        if isinstance(error, ChatGone):
            stats.chats_gone += 1
            dropped = list(self.queues.pop(job.chat_id, ()))
            self.queued -= len(dropped)
            rows = job.rows + [r for j in dropped for r in j.rows]
            self._mark(rows, ReminderStatus.CANCELLED, error=f"chat gone: {error.reason}")
            self.gone.append((job.chat_id, error.reason))
            return
        if isinstance(error, Rejected):
            if job.reply_to is not None and "repl" in error.description.lower():
                job.reply_to = None
                self._enqueue(job, front=True)
                return
            self._fail(job, error.description)
            self._schedule(job.chat_id)
            return
        # Transient: back off globally (a run of them is an outage) and retry the row later.
        d._failures_in_a_row += 1
        stats.retried += len(job.rows)
        d.limiter.pause(now.timestamp() + d._backoff(d._failures_in_a_row))
        attempts = job.rows[0].attempts + 1
        if attempts >= d.max_attempts:
            self._fail(job, str(error))
        else:
            later = now + timedelta(seconds=d._backoff(attempts))
            self.marks.append(
                _Mark(
                    [r.id for r in job.rows],
                    ReminderStatus.PENDING,
                    error=str(error),
                    due_at=max(job.rows[0].due_at, later),
                    attempts_added=1,
                )
            )
        self._schedule(job.chat_id)

    def _fail(self, job: _Job, error: str) -> None:
        self.marks.append(
            _Mark([r.id for r in job.rows], ReminderStatus.FAILED, error=error, attempts_added=1)
        )
        self.stats.failed += len(job.rows)

    async def _wait_tasks(self, *, poll: bool = False) -> None:
        """Settle finished sends: wait for at least one, or with ``poll`` only take those already done."""
        if not self.tasks:
            return
        done, _pending = await asyncio.wait(
            self.tasks, timeout=0 if poll else None, return_when=asyncio.FIRST_COMPLETED
        )
        for task in done:
            self.tasks.discard(task)
            self._settle(*task.result())

    def _release_queued(self) -> None:
        """Rows claimed but not sent (the run stops on a long pause) go back to pending untouched."""
        rows = [r for queue in self.queues.values() for job in queue for r in job.rows]
        self.queues.clear()
        self.queued = 0
        if rows:
            self.marks.append(_Mark([r.id for r in rows], ReminderStatus.PENDING))

    async def _keep_leases(self) -> bool:
        """Renew this dispatcher's leases when due; False if they had already lapsed (the process was
        stalled longer than a lease: others may have taken its rows over, so it must stop sending)."""
        claims = self.d.claims
        assert claims is not None
        now = self.d._now()
        if claims.renewed_at is None:
            claims.renewed_at = now  # a run starts holding nothing; each claim carries a full lease
            return True
        if not claims.renew_due(now):
            return True
        lapsed = not claims.lease_valid(now)
        await self.d._renew()
        if lapsed:
            log.warning("dispatch was stalled longer than its lease; giving its claims back")
        return not lapsed

    async def _wait_for_slot(self, chat_id: int) -> bool:
        """With the shared budget: take a global slot for a message to ``chat_id`` (True), or put the
        chat back and wait a little for the next slot (False)."""
        d = self.d
        if d.pace is None:
            return True
        if self.pause_all_until:
            await d.pace.pause(self.pause_all_until)
            self.pause_all_until = 0.0
        wait = await d.pace.acquire(d._now(), 1 + len(self.ready))
        if wait <= 0:
            return True
        self._schedule(chat_id)
        await self._wait_tasks(poll=True)
        if wait >= 0.2:
            await d._flush(self.marks)
        await d.sleep(min(wait, 0.25))
        return False

    async def go(self) -> None:
        d = self.d
        nap = d.lease.total_seconds() / 8
        try:
            while True:
                if d.stopping is not None and d.stopping.is_set():
                    break
                if not await self._keep_leases():
                    break
                await self._refill()
                await self._report_gone()
                if len(self.marks) >= d.flush_every:
                    await d._flush(self.marks)
                if not self.queued and not self.tasks:
                    if not self.more:
                        break
                    continue
                pause = d.limiter.global_wait(d._now())
                if pause > 0 and d._failures_in_a_row and pause > d.give_up_after:
                    break  # an outage: hand the rows back and let a later run probe again
                if len(self.tasks) >= d.max_in_flight:
                    await self._wait_tasks()
                    continue
                if pause > 0:
                    await self._wait_tasks(poll=True)
                    if pause >= 0.2:
                        await d._flush(self.marks)
                    await d.sleep(min(pause, nap))
                    continue
                chat_id = self._pop_ready()
                if chat_id is not None:
                    if not await self._wait_for_slot(chat_id):
                        continue
                    self._launch(chat_id)
                    await asyncio.sleep(0)
                    await self._wait_tasks(poll=True)
                elif self.tasks:
                    await self._wait_tasks()
                elif self.waiting:
                    await d._flush(self.marks)
                    await d.sleep(min(max(self.waiting[0][0] - d._now(), 0.001), nap))
                elif not self._reschedule_all() and not self.more:
                    break
        finally:
            await self._wait_all()
            await self._report_gone()
            self._release_queued()
            await d._flush(self.marks)
            await self._release_chats()
            if d.claims is not None:
                d.claims.renewed_at = None  # nothing held between runs: no lease can lapse
            d.limiter.forget(d._now())

    async def _release_chats(self) -> None:
        """Let go of this run's chats, telling the next owner when each may be sent to."""
        d = self.d
        if d.claims is None or not d.claims.shared:
            return
        free = [(chat_id, d.limiter.free_at(chat_id, info.is_group)) for chat_id, info in self.chats.items()]
        async with session_scope(d.sessions) as session:
            await d.claims.release_chats(session, free)

    def _reschedule_all(self) -> bool:
        """Defensive: put every idle chat with queued work back in a heap; whether any was."""
        for chat_id, queue in self.queues.items():
            if queue and chat_id not in self.busy:
                self._schedule(chat_id)
        return bool(self.ready or self.waiting)

    async def _report_gone(self) -> None:
        for gone_id, reason in self.gone:
            await self.d._chat_gone(gone_id, reason)
        self.gone.clear()

    async def _wait_all(self) -> None:
        while self.tasks:
            await self._wait_tasks()


_OUTCOMES = frozenset(
    {ReminderStatus.SENT, ReminderStatus.FAILED, ReminderStatus.SKIPPED, ReminderStatus.CANCELLED}
)


def _count(marks: Sequence[_Mark]) -> None:
    """Each outcome once written, for ``/metrics``; the reason is the error's lead (``Forbidden``, ``no
    longer meaningful``), not its whole text, so the labels stay few."""
    for mark in marks:
        if mark.status in _OUTCOMES:
            reason = (mark.error or "").split(":", 1)[0].strip()[:40] or "none"
            metrics.MESSAGES.labels(outcome=mark.status, reason=reason).inc(len(mark.ids))
