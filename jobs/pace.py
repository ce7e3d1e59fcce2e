"""The global message rate as one budget shared by every dispatcher: slots reserved from one row.

``dispatch_pace.next_at`` is the next free slot of the global rate (epoch seconds). A dispatcher
reserves a block of slots in one statement (``next_at`` moves on by the block's length, atomically), then
sends one message per slot, at the slot. Slots are evenly spaced over all dispatchers together, so the
whole cluster keeps the rate whatever the number of processes; a reservation is one round trip per
block (a few tens of milliseconds of sending), not per message.

A slot whose moment has passed by more than ``tolerance`` is dropped unused: a message sent late next to
one sent on time would bunch them, and the limit is judged by when messages arrive. ``fill`` keeps the
slots a little apart from the limit (0.92: 92 % of it) so that delays between sending and
arriving do not add up to a burst. A 429 pushes ``next_at`` past its ``retry_after`` for everyone.
"""

from __future__ import annotations

import math
from collections import deque

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from jobs.metrics import SLOTS_UNUSED

_RESERVE = text(
    "UPDATE dispatch_pace SET next_at = CASE WHEN next_at > :now THEN next_at ELSE :now END + :span "
    "WHERE id = 1 RETURNING next_at"
)
_PAUSE = text("UPDATE dispatch_pace SET next_at = :until WHERE id = 1 AND next_at < :until")
_SEED = text("INSERT INTO dispatch_pace (id, next_at) VALUES (1, 0)")
#: The share of the limit the slots are spaced at (see the module docstring).
FILL = 0.92


class SharedPace:
    """One dispatcher's view of the shared rate: the slots it has reserved and not used yet."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        rate: float,
        *,
        fill: float = FILL,
        block_seconds: float = 0.05,
        tolerance: float = 0.02,
    ) -> None:
        self.sessions = sessions
        self.spacing = 1.0 / (rate * fill)
        self.block = max(1, math.floor(block_seconds / self.spacing))
        self.tolerance = tolerance
        self.slots: deque[float] = deque()
        self.reservations = 0
        self.dropped = 0

    def _drop_stale(self, now: float) -> None:
        slots = self.slots
        dropped = 0
        while slots and slots[0] < now - self.tolerance:
            slots.popleft()
            dropped += 1
        if dropped:
            self.dropped += dropped
            SLOTS_UNUSED.inc(dropped)

    async def reserve(self, now: float, want: int) -> None:
        """Reserve ``want`` slots (at most a block) from the shared row."""
        count = max(1, min(want, self.block))
        span = count * self.spacing
        async with session_scope(self.sessions) as session:
            end = await session.scalar(_RESERVE, {"now": now, "span": span})
            if end is None:
                await session.execute(_SEED)
                end = await session.scalar(_RESERVE, {"now": now, "span": span})
        assert end is not None
        start = float(end) - span
        self.slots.extend(start + i * self.spacing for i in range(count))
        self.reservations += 1

    async def acquire(self, now: float, want: int) -> float:
        """Take a slot for one message if one is due now (returns 0); else the seconds until the next
        reserved one. Reserves more when none is left."""
        self._drop_stale(now)
        if not self.slots:
            await self.reserve(now, want)
            self._drop_stale(now)
            if not self.slots:
                return 0.001
        wait = self.slots[0] - now
        if wait <= 0:
            self.slots.popleft()
            return 0.0
        return wait

    async def pause(self, until: float) -> None:
        """Nothing goes out from any dispatcher before ``until`` (a 429's retry_after)."""
        self.slots.clear()
        async with session_scope(self.sessions) as session:
            await session.execute(_PAUSE, {"until": until})
