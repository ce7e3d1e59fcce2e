"""Telegram's failures on demand: scripted errors, blocked chats, outages and flood limits.

Every call to a known method passes :meth:`Failures._check_faults` before the method runs, so a
test can make any call fail the way Telegram would and watch the bot's retry and give-up paths.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from bot.standin.faults import CONFLICT_POLLING, FORBIDDEN, ApiError, Fault
from bot.standin.limits import FloodGate, FloodLimits
from bot.standin.params import Params, get_int
from bot.standin.state import ServerState

# Methods that put a message into a chat: they count against flood limits and fail when blocked.
SENDING = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
        "sendMediaGroup",
    }
)
CHAT_BOUND = SENDING | {"editMessageText", "editMessageReplyMarkup", "deleteMessage", "sendChatAction"}


def _text_of(params: Params) -> str:
    return str(params.get("text", params.get("caption", "")))


class Failures(ServerState):
    """Scripting failures: ``fail``, ``rate_limit``, ``block``, ``go_down``, ``enforce_limits`` and kin."""

    def _check_faults(self, method: str, params: Params) -> None:
        for fault in self.faults:
            if fault.matches(method, params):
                fault.fire()
                if fault.remaining == 0:
                    self.faults.remove(fault)
                raise ApiError(fault.status, fault.description, fault.retry_after)
        if method not in CHAT_BOUND:
            return
        if self.blocked:
            chat_id = (
                get_int(params, "chat_id") if not str(params.get("chat_id", "")).startswith("@") else None
            )
            if chat_id in self.blocked:
                raise ApiError(403, self.blocked[chat_id])
        if self._gate is not None and method in SENDING:
            chat = self.api.chat(params)
            retry_after = self._gate.admit(chat.id, chat.type != "private")
            if retry_after is not None:
                raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    def fail(
        self,
        method: str | None,
        status: int,
        description: str,
        *,
        count: int | None = 1,
        chat_id: int | str | None = None,
        retry_after: int | None = None,
        when: Callable[[str, Params], bool] | None = None,
    ) -> Fault:
        """Answer the next ``count`` matching calls (``None``: all, until removed) with an error."""
        fault = Fault(status, description, method, chat_id, count, retry_after, when)
        self.faults.append(fault)
        return fault

    def rate_limit(
        self, method: str = "sendMessage", *, count: int = 1, retry_after: int = 1, chat_id: int | None = None
    ) -> Fault:
        """The next ``count`` calls get 429 ``Too Many Requests: retry after N``."""
        return self.fail(
            method, 429, f"Too Many Requests: retry after {retry_after}", count=count, chat_id=chat_id,
            retry_after=retry_after,
        )  # fmt: skip

    def block(self, chat_id: int, reason: str = "blocked") -> None:
        """Every message to the chat gets 403: ``blocked``, ``kicked``, ``deactivated`` or ``channel``."""
        self.blocked[chat_id] = FORBIDDEN.get(reason, reason)

    def unblock(self, chat_id: int) -> None:
        self.blocked.pop(chat_id, None)

    def reject_message(
        self,
        contains: str,
        *,
        chat_id: int | None = None,
        description: str = "Bad Request: message can't be sent",
        count: int | None = None,
    ) -> Fault:
        """400 for messages whose text contains ``contains`` (a permanent failure of one message)."""
        return self.fail(
            None, 400, description, count=count, chat_id=chat_id,
            when=lambda method, params: method in SENDING and contains in _text_of(params),
        )  # fmt: skip

    def conflict_polling(self, count: int | None = None) -> Fault:
        """getUpdates answers 409 as when a second instance polls the same token."""
        return self.fail("getUpdates", 409, CONFLICT_POLLING, count=count)

    def go_down(self, seconds: float | None = None, *, mode: str = "502") -> None:
        """Answer every call with 502 (``mode="close"``: also drop the connection) for a while."""
        self._down_mode = mode
        self._down_until = math.inf if seconds is None else self._monotonic() + seconds

    def come_up(self) -> None:
        self._down_until = None

    def clear_faults(self) -> None:
        self.faults.clear()
        self.blocked.clear()
        self._down_until = None

    def enforce_limits(
        self,
        limits: FloodLimits | None = FloodLimits(),  # noqa: B008
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Answer 429 whenever Telegram's flood limits would be exceeded (``None`` stops).

        ``clock`` (monotonic seconds) lets a test step time instead of waiting for it.
        """
        self._gate = None if limits is None else FloodGate(limits, clock or self._monotonic)


__all__ = ["CHAT_BOUND", "SENDING", "Failures"]
