"""What the parts of the stand-in server share: its options, the Bot API state, the recorded
requests, the queue of updates and the tests waiting on either.

The server is put together from parts by area (HTTP, failures, update delivery, scripting, traffic);
each builds on this state, and the few steps several of them take (waking waiters, queueing an update)
live here too.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.standin.api import BotApi
from bot.standin.faults import Fault
from bot.standin.limits import FloodGate, FloodLimits
from bot.standin.objects import Request, User
from bot.standin.params import Params

DEFAULT_TOKEN = "123456789:STANDIN-token_for-local-tests"
DEFAULT_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "my_chat_member",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "chat_join_request",
    }
)
# How a held getUpdates long poll ends: with what is queued, or with 409 for a competing poller.
WAKE, CONFLICT = "wake", "conflict"


class ServerState:
    """The stand-in's state; :class:`bot.standin.server.StandIn` is the class to use."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "noticebot_test_bot",
        bot_name: str = "Notice Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        flood_limits: FloodLimits | None = None,
        strict_entities: bool = True,
        strict_chats: bool = False,
        max_poll_seconds: float | None = None,
        webhook_retry_seconds: float = 0.05,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self._clock = clock
        self._monotonic = monotonic
        self.max_poll_seconds = max_poll_seconds
        self.webhook_retry_seconds = webhook_retry_seconds
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        self.bot_user = User(bot_id, bot_name, username=bot_username, is_bot=True)
        self.api = BotApi(
            self.bot_user,
            clock=clock,
            strict_entities=strict_entities,
            strict_chats=strict_chats,
            sequence=lambda: len(self._requests),
        )
        self._requests: list[Request] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._updates: deque[tuple[int, str, dict[str, Any]]] = deque()
        self._update_ids = itertools.count(1)
        self._last_update_id = 0
        self.delivered_update_id = 0
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATES
        self._poller: asyncio.Future[str] | None = None
        self.webhook: dict[str, Any] | None = None
        self.webhook_deliveries: list[tuple[int, int | None, str | None]] = []
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_wake = asyncio.Event()
        self._webhook_error: tuple[int, str] | None = None
        self.faults: list[Fault] = []
        self.blocked: dict[int, str] = {}
        self._down_until: float | None = None
        self._down_mode = "502"
        self._gate: FloodGate | None = None if flood_limits is None else FloodGate(flood_limits, monotonic)
        self.count_429 = 0
        self._callback_ids = itertools.count(1)
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, tuple[str, Callable[[Params], Any] | None]] = {
            name.lower(): (name, handler) for name, handler in self.api.methods.items()
        }
        for name in ("getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo"):
            self._methods[name.lower()] = (name, None)

    def _wake_poller(self, outcome: str) -> None:
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(outcome)

    def _notify(self) -> None:
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    def queue(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue a raw update of ``kind`` (e.g. ``"message"``); returns its update_id."""
        update_id = self._last_update_id = next(self._update_ids)
        self._updates.append((update_id, kind, {"update_id": update_id, kind: payload}))
        self._wake_poller(WAKE)
        self._webhook_wake.set()
        return update_id

    @property
    def pending_updates(self) -> int:
        return len(self._updates)


__all__ = ["CONFLICT", "DEFAULT_TOKEN", "DEFAULT_UPDATES", "WAKE", "ServerState"]
