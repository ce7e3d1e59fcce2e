"""What the bot did, as a test sees it: the recorded requests, the messages it sent, and waiting for them.

Waiting is event-driven: every recorded request, webhook delivery and long poll held open wakes the
waiters, which then look again, so a test waits no longer than the bot takes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from bot.standin.objects import Request, StoredMessage
from bot.standin.state import ServerState

Predicate = Callable[[Request], bool]
MessagePredicate = Callable[[StoredMessage], bool]


class Traffic(ServerState):
    """``requests``, ``sent``, ``sent_to`` and the ``wait_for*`` family."""

    def requests(
        self, method: str | None = None, *, chat_id: int | None = None, ok: bool | None = None
    ) -> list[Request]:
        """Every recorded call, oldest first, optionally only one method / chat / outcome."""
        found = []
        for request in self._requests:
            if method is not None and request.method != method:
                continue
            if chat_id is not None and request.chat_id != chat_id:
                continue
            if ok is not None and request.ok != ok:
                continue
            found.append(request)
        return found

    def sent_to(self, chat_id: int, *, include_deleted: bool = False) -> list[StoredMessage]:
        """Messages the bot sent to the chat (current text after edits), oldest first."""
        return [
            message
            for message in self.api.outbox
            if message.chat.id == chat_id and (include_deleted or not message.deleted)
        ]

    @property
    def sent(self) -> list[StoredMessage]:
        return list(self.api.outbox)

    def mark(self) -> int:
        """A point in time for ``since=``: only what happens after it counts."""
        return len(self._requests)

    def subscribe(self, listener: Callable[[str, StoredMessage], None]) -> None:
        """Call ``listener(event, message)`` on ``sent``, ``edited`` and ``deleted`` bot messages."""
        self.api.listeners.append(listener)

    async def _until(self, check: Callable[[], Any], timeout: float, what: str) -> Any:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = check()
            if found:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = ", ".join(f"{r.method}({r.chat_id})={r.status}" for r in self._requests[-8:])
                raise TimeoutError(f"waited {timeout}s for {what}; last requests: {recent or 'none'}")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, remaining)

    async def wait_for(
        self,
        method: str | None = None,
        *,
        chat_id: int | None = None,
        predicate: Predicate | None = None,
        count: int = 1,
        since: int = 0,
        status: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Request]:
        """Wait until ``count`` calls recorded after ``since`` match; returns the first ``count``."""
        scanned = since
        matched: list[Request] = []

        def check() -> list[Request] | None:
            nonlocal scanned
            while scanned < len(self._requests):
                request = self._requests[scanned]
                scanned += 1
                if (
                    (method is None or request.method == method)
                    and (chat_id is None or request.chat_id == chat_id)
                    and (status is None or request.status == status)
                    and (predicate is None or predicate(request))
                ):
                    matched.append(request)
            return matched[:count] if len(matched) >= count else None

        result: list[Request] = await self._until(check, timeout, f"{count} × {method or 'any call'}")
        return result

    async def wait_for_messages(
        self,
        chat_id: int | None = None,
        *,
        count: int = 1,
        since: int = 0,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[StoredMessage]:
        """Wait until the bot has sent ``count`` messages (to ``chat_id``) after ``since``."""

        def check() -> list[StoredMessage] | None:
            found = [
                message
                for message in self.api.outbox
                if message.seq >= since
                and (chat_id is None or message.chat.id == chat_id)
                and (predicate is None or predicate(message))
            ]
            return found[:count] if len(found) >= count else None

        result: list[StoredMessage] = await self._until(check, timeout, f"{count} message(s) to {chat_id}")
        return result

    async def wait_delivered(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update has been handed to the bot."""
        last = self._last_update_id
        await self._until(lambda: self.delivered_update_id >= last, timeout, "updates to be delivered")

    async def wait_for_poller(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until a getUpdates long poll is being held open (the bot is idle and listening)."""
        await self._until(
            lambda: self._poller is not None and not self._poller.done(), timeout, "a long poll"
        )


__all__ = ["MessagePredicate", "Predicate", "Traffic"]
