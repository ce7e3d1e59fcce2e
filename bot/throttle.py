"""Per-user flood control: a token bucket, so a burst of a few messages is fine and dozens a second are not.

A throttled user is told once ("please wait"), then ignored until the bucket refills, so a flood costs at
most one reply. Time comes from a monotonic callable passed in, so tests step it instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"
    DROP = "drop"


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class Throttle:
    """``burst`` messages at once, then ``rate`` per second, for each key (a user id)."""

    def __init__(
        self, *, burst: int = 20, rate: float = 1.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if burst < 1 or rate <= 0:
            raise ValueError("burst must be at least 1 and rate positive")
        self.burst = burst
        self.rate = rate
        self._monotonic = monotonic
        self._buckets: dict[int, _Bucket] = {}

    def check(self, key: int) -> Verdict:
        now = self._monotonic()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) > 10_000:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(tokens=float(self.burst), updated=now)
        else:
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def _prune(self, now: float) -> None:
        """Forget users whose bucket is full again: they are indistinguishable from new ones."""
        full = [
            key for key, b in self._buckets.items() if b.tokens + (now - b.updated) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
