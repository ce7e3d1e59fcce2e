"""Telegram's flood limits, enforced so a dispatcher that ignores them sees the 429s it would get.

The limits are read strictly, as sliding windows: at most ``per_second`` messages in any one
second, one message per chat per ``per_chat_interval``, ``group_per_minute`` per group in any
minute. A sender that spaces its messages evenly, or keeps its own window, never trips them; one
that bursts (a token bucket refilled to full) does, as it would risk doing against Telegram.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Limits to enforce; ``None`` switches one off.

    ``jitter`` is slack for messages that left the client on time but arrived slightly closer
    together: each window is that much shorter than nominal.
    """

    per_second: float | None = 30.0
    per_chat_interval: float | None = 1.0
    group_per_minute: int | None = 20
    jitter: float = 0.02


class _Window:
    """At most ``limit`` events in any ``period``."""

    __slots__ = ("limit", "period", "times")

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        times = self.times
        while times and times[0] <= now - self.period:
            times.popleft()
        if len(times) < self.limit:
            return 0.0
        return times[0] + self.period - now

    def take(self, now: float) -> None:
        self.times.append(now)


class FloodGate:
    """Decides whether one more message may go out now, and for how long to back off if not."""

    def __init__(self, limits: FloodLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self._clock = clock
        self._global: _Window | None = None
        if limits.per_second:
            # A fractional rate (0.5/s) becomes "1 per 2 s"; an integral one "N per second".
            count = max(1, math.floor(limits.per_second))
            self._global = _Window(count, count / limits.per_second - limits.jitter)
        self._chat_period = (limits.per_chat_interval or 0.0) - limits.jitter
        self._last_in_chat: dict[int, float] = {}
        self._groups: dict[int, _Window] = {}

    def admit(self, chat_id: int | None, is_group: bool) -> int | None:
        """``None`` if the message may go (and counts it), else Telegram's ``retry_after``."""
        now = self._clock()
        limits = self.limits
        wait = 0.0 if self._global is None else self._global.wait(now)
        group: _Window | None = None
        if chat_id is not None:
            if limits.per_chat_interval:
                last = self._last_in_chat.get(chat_id)
                if last is not None:
                    wait = max(wait, last + self._chat_period - now)
            if is_group and limits.group_per_minute:
                group = self._groups.get(chat_id)
                if group is None:
                    group = self._groups[chat_id] = _Window(limits.group_per_minute, 60.0 - limits.jitter)
                wait = max(wait, group.wait(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        if self._global is not None:
            self._global.take(now)
        if chat_id is not None:
            self._last_in_chat[chat_id] = now
        if group is not None:
            group.take(now)
        return None
