"""Time, injected: the dispatcher and planner never read the machine clock directly, so tests can walk
through a month in milliseconds and nothing sleeps for real."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

Sleep = Callable[[float], Awaitable[None]]
"""How to wait ``seconds``: ``asyncio.sleep`` in production, a clock-advancing fake in tests."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def _aware_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a clock needs an aware datetime")
    return moment.astimezone(UTC)


class FixedClock:
    """A clock that moves only when told to; ``sleep`` advances it instead of waiting."""

    def __init__(self, now: datetime) -> None:
        self._now = _aware_utc(now)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = _aware_utc(moment)

    def advance(self, delta: timedelta) -> None:
        if delta < timedelta(0):
            raise ValueError("time does not run backwards")
        self._now += delta

    async def sleep(self, seconds: float) -> None:
        """A ``Sleep`` for tests: the simulated time passes at once (and other tasks get a turn)."""
        if seconds > 0:
            # Round up to the clock's resolution, or a tiny wait would never end.
            self.advance(timedelta(microseconds=math.ceil(seconds * 1_000_000)))
        await asyncio.sleep(0)
