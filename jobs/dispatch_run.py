"""One dispatch run: per-chat queues in due order, sends in flight, Telegram's limits and the leases.

Each chat has a queue and is sent to by one send at a time; a chat whose next message may go now waits in
the ``ready`` heap (ordered by due time), one held back by its rate limit in the ``waiting`` heap (ordered
by when it may go). Sends run as tasks; their outcomes are settled in the loop, so every state change
happens in one place.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
from collections import deque
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from db.engine import session_scope
from db.models import ReminderStatus
from jobs.claims import Row
from jobs.due import Event
from jobs.messages import Dropped, Job, Messages
from jobs.outcomes import DispatchStats, Mark
from jobs.sender import ButtonRows, ChatGone, Rejected, RetryLater, SendError, Transient

if TYPE_CHECKING:
    from jobs.dispatcher import Dispatcher

log = logging.getLogger("jobs.dispatcher")
"""Dispatch logs under one name, whichever of its modules writes the line."""

Outcome = tuple[Job, int | None, BaseException | None]


class DispatchRun:
    """The state of one ``run_once``: per-chat queues, the ready/waiting heaps, sends in flight."""

    def __init__(self, dispatcher: Dispatcher, stats: DispatchStats) -> None:
        self.d = dispatcher
        self.stats = stats
        self.queues: dict[int, deque[Job]] = {}
        self.ready: list[tuple[datetime, int, int]] = []
        self.waiting: list[tuple[float, int]] = []
        self.busy: set[int] = set()
        self.tasks: set[asyncio.Task[Outcome]] = set()
        self.gone: list[tuple[int, str]] = []
        self.messages = Messages(dispatcher.tz)
        self.marks: list[Mark] = []
        self.more = True
        self.queued = 0
        self.pause_all_until = 0.0

    # queue bookkeeping

    def _schedule(self, chat_id: int) -> None:
        """Put a chat with work in the heap it belongs in."""
        queue = self.queues.get(chat_id)
        if not queue or chat_id in self.busy:
            return
        info = self.messages.chats[chat_id]
        at = self.d.limiter.chat_ready_at(chat_id, info.is_group)
        if at <= self.d._now():
            due, rid = queue[0].due
            heapq.heappush(self.ready, (due, rid, chat_id))
        else:
            heapq.heappush(self.waiting, (at, chat_id))

    def _enqueue(self, job: Job, *, front: bool = False) -> None:
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
                if self.d.limiter.chat_ready_at(chat_id, self.messages.chats[chat_id].is_group) > now:
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
            await self.messages.load(session, rows)
            chats = self.messages.chats
            digest_chats = sorted(
                {r.chat_id for r in rows if chats[r.chat_id].digest and r.event not in Event.CORRECTIONS}
            )
            if digest_chats:
                extra = await self.d._claim(session, 10_000, digest_chats)
                await self.messages.load(session, extra)
                rows = sorted(rows + extra, key=lambda r: (r.due_at, r.id))
        self.stats.claimed += len(rows)
        self._prepare(rows)

    def _prepare(self, rows: Sequence[Row]) -> None:
        """Queue the rows' messages per chat in due order; write back the rows dropped."""
        for item in self.messages.prepare(rows, self.d.clock.now()):
            if isinstance(item, Dropped):
                self._mark(item.rows, item.status, error=item.error)
            else:
                self._enqueue(item)

    def _mark(self, rows: Sequence[Row], status: str, *, error: str | None = None) -> None:
        self.marks.append(Mark([r.id for r in rows], status, error=error))
        if status == ReminderStatus.SKIPPED:
            self.stats.skipped += len(rows)
        elif status == ReminderStatus.CANCELLED:
            self.stats.cancelled += len(rows)
        elif status == ReminderStatus.FAILED:
            self.stats.failed += len(rows)

    # sending

    async def _send(self, job: Job, text: str, keys: ButtonRows) -> Outcome:
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
            text, keys = self.messages.render(job, self.d.clock.now())
        except Exception as exc:
            log.exception("cannot render reminder %s", [r.id for r in job.rows])
            self._mark(job.rows, ReminderStatus.FAILED, error=f"render: {exc!r}")
            self._schedule(chat_id)
            return
        now = self.d._now()
        self.d.limiter.record(chat_id, self.messages.chats[chat_id].is_group, now)
        self.busy.add(chat_id)
        task = asyncio.ensure_future(self._send(job, text, keys))
        self.tasks.add(task)

    def _settle(self, job: Job, message_id: int | None, error: BaseException | None) -> None:
        """Act on a finished send (in the main loop, so all state changes happen in one place)."""
        d, stats = self.d, self.stats
        self.busy.discard(job.chat_id)
        now = d.clock.now()
        d.limiter.finished(job.chat_id, self.messages.chats[job.chat_id].is_group, now.timestamp())
        if error is None:
            d._failures_in_a_row = 0
            kind = "reminder"
            if job.digest:
                kind = "digest"
            elif job.rows[0].event in Event.CORRECTIONS:
                kind = "correction"
            elif self.messages.chats[job.chat_id].is_channel:
                kind = "channel"
            self.marks.append(
                Mark(
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
                Mark(
                    [r.id for r in job.rows],
                    ReminderStatus.PENDING,
                    error=str(error),
                    due_at=max(job.rows[0].due_at, later),
                    attempts_added=1,
                )
            )
        self._schedule(job.chat_id)

    def _fail(self, job: Job, error: str) -> None:
        self.marks.append(
            Mark([r.id for r in job.rows], ReminderStatus.FAILED, error=error, attempts_added=1)
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
            self.marks.append(Mark([r.id for r in rows], ReminderStatus.PENDING))

    # leases and the shared budget

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

    # the loop

    async def go(self) -> None:
        """Claim, queue and send until nothing is due or the run must stop; then give back what is left."""
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
        free = [
            (chat_id, d.limiter.free_at(chat_id, info.is_group))
            for chat_id, info in self.messages.chats.items()
        ]
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
