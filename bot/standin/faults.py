"""Scripted failures: the errors Telegram answers with, on demand, so retry paths can be tested."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FORBIDDEN = {
    "blocked": "Forbidden: bot was blocked by the user",
    "kicked": "Forbidden: bot was kicked from the group chat",
    "deactivated": "Forbidden: user is deactivated",
    "channel": "Forbidden: bot is not a member of the channel chat",
}
CONFLICT_POLLING = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass(slots=True)
class Fault:
    """Answer matching calls with ``status``/``description`` while ``remaining`` is not 0.

    ``remaining=None`` keeps the fault until it is removed; ``when`` sees the method name and the
    parameters as received (form values are strings).
    """

    status: int
    description: str
    method: str | None = None
    chat_id: int | str | None = None
    remaining: int | None = 1
    retry_after: int | None = None
    when: Callable[[str, dict[str, Any]], bool] | None = None
    hits: int = 0

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.remaining == 0:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and str(params.get("chat_id")) != str(self.chat_id):
            return False
        return self.when is None or self.when(method, params)

    def fire(self) -> None:
        self.hits += 1
        if self.remaining is not None:
            self.remaining -= 1


class ApiError(Exception):
    """An error answer: HTTP status, Telegram's description and optional ``retry_after``."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            data["parameters"] = {"retry_after": self.retry_after}
        return data


def bad_request(message: str) -> ApiError:
    return ApiError(400, f"Bad Request: {message}")
