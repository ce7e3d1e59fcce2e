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

The parts: ``jobs.messages`` turns claimed rows into messages, ``jobs.dispatch_run`` sends them one run
at a time, ``jobs.outcomes`` writes back what became of each row.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Sequence
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from jobs.claims import Claims, Row, new_owner
from jobs.clock import Clock, Sleep
from jobs.dispatch_run import DispatchRun
from jobs.outcomes import DispatchStats, Mark, count, write_marks
from jobs.pace import SharedPace
from jobs.planner import deactivate_chat
from jobs.ratelimit import RateLimiter
from jobs.sender import Sender

__all__ = ["DispatchStats", "Dispatcher"]

log = logging.getLogger(__name__)


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

    async def _claim(self, session: AsyncSession, limit: int, chat_ids: Sequence[int] = ()) -> list[Row]:
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
        run = DispatchRun(self, stats)
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

    async def _flush(self, marks: list[Mark]) -> None:
        if not marks:
            return
        now = self.clock.now()
        async with session_scope(self.sessions) as session:
            mine = self.claims.owner if self.claims is not None else self.owner
            await write_marks(session, marks, owner=mine, now=now)
        count(marks)
        marks.clear()

    async def _chat_gone(self, chat_id: int, reason: str) -> None:
        async with session_scope(self.sessions) as session:
            await deactivate_chat(session, chat_id, reason)
