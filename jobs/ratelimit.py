"""Telegram's limits, kept on the sending side so the bot never provokes a 429: messages spaced evenly at
the global rate and never more than its whole-number part in any one second, one message per chat per
interval, ``group_per_minute`` per group in any minute; plus the pause a 429 ``retry_after`` orders.

Times are plain seconds (epoch floats from the injected clock); nothing here sleeps.
"""

from __future__ import annotations

import math
from collections import deque


class RateLimiter:
    """``margin`` widens each window a little: messages leave on time but may arrive closer together."""

    def __init__(
        self,
        rate: float = 30.0,
        *,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        margin: float = 0.03,
    ) -> None:
        self.rate = rate if rate and rate > 0 and math.isfinite(rate) else 0.0
        self.per_chat_interval = per_chat_interval
        self.group_per_minute = group_per_minute
        self.margin = margin
        self._spacing = 1.0 / self.rate if self.rate else 0.0
        self._window_count = max(1, math.floor(self.rate)) if self.rate else 0
        self._window = self._window_count / self.rate + margin if self.rate else 0.0
        self._recent: deque[float] = deque()
        self._last = -math.inf
        self._last_in_chat: dict[int, float] = {}
        self._groups: dict[int, deque[float]] = {}
        self._held: dict[int, float] = {}
        self.paused_until = -math.inf

    def pause(self, until: float) -> None:
        """Nothing goes out before ``until`` (a 429's ``retry_after``, or a run of network errors)."""
        self.paused_until = max(self.paused_until, until)

    def global_wait(self, now: float) -> float:
        """Seconds until the next message may go to anyone."""
        wait = self.paused_until - now
        if self.rate:
            wait = max(wait, self._last + self._spacing - now)
            recent = self._recent
            while recent and recent[0] <= now - self._window:
                recent.popleft()
            if len(recent) >= self._window_count:
                wait = max(wait, recent[0] + self._window - now)
        return wait if wait > 1e-6 else 0.0

    def chat_ready_at(self, chat_id: int, is_group: bool) -> float:
        """The first instant the next message to this chat may go."""
        ready = self._last_in_chat.get(chat_id, -math.inf) + self.per_chat_interval + self.margin
        if self._held:
            ready = max(ready, self._held.get(chat_id, -math.inf))
        if is_group and self.group_per_minute:
            window = self._groups.get(chat_id)
            if window is not None and len(window) >= self.group_per_minute:
                ready = max(ready, window[-self.group_per_minute] + 60.0 + self.margin)
        return ready

    def hold(self, chat_id: int, until: float) -> None:
        """Nothing goes to ``chat_id`` before ``until`` (what another dispatcher sent there still counts)."""
        if until > self._held.get(chat_id, -math.inf):
            self._held[chat_id] = until

    def free_at(self, chat_id: int, is_group: bool) -> float:
        """When another dispatcher, knowing nothing of this one's sends, may start sending to the chat:
        a group's minute must have passed since the last message here (its new window starts empty)."""
        ready = self.chat_ready_at(chat_id, is_group)
        last = self._last_in_chat.get(chat_id)
        if is_group and self.group_per_minute and last is not None:
            ready = max(ready, last + 60.0 + self.margin)
        return ready

    def record(self, chat_id: int, is_group: bool, now: float) -> None:
        """A message to ``chat_id`` left at ``now``."""
        self._last = now
        if self.rate:
            self._recent.append(now)
        self._last_in_chat[chat_id] = now
        if is_group and self.group_per_minute:
            window = self._groups.setdefault(chat_id, deque(maxlen=self.group_per_minute))
            window.append(now)

    def finished(self, chat_id: int, is_group: bool, now: float) -> None:
        """The message to ``chat_id`` was answered at ``now``: count the chat's spacing from here, as the
        message reached the server no later than that (network delays cannot bunch a chat's messages)."""
        if chat_id in self._last_in_chat:
            self._last_in_chat[chat_id] = max(self._last_in_chat[chat_id], now)
        window = self._groups.get(chat_id)
        if is_group and window:
            window[-1] = max(window[-1], now)

    def forget(self, before: float) -> None:
        """Drop per-chat state older than any limit cares about (keeps memory flat over days)."""
        horizon = before - max(self.per_chat_interval, 60.0) - 1.0
        stale = [chat for chat, last in self._last_in_chat.items() if last < horizon]
        for chat in stale:
            del self._last_in_chat[chat]
            self._groups.pop(chat, None)
        for chat in [chat for chat, until in self._held.items() if until < before]:
            del self._held[chat]
