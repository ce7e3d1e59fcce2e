"""Sending one message, and the errors the dispatcher acts on.

``TelegramSender`` wraps a python-telegram-bot ``Bot`` and turns its exceptions into this one hierarchy,
so the dispatcher never sees Telegram types (and the command line never imports Telegram).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from notices.errors import NoticebotError

if TYPE_CHECKING:
    from telegram import Bot

ButtonRows = Sequence[Sequence[tuple[str, str]]]
"""Inline keyboard rows of (label, callback_data)."""


class SendError(NoticebotError):
    """A message could not be sent."""


class RetryLater(SendError):
    """Flood control (429): nothing may be sent for ``seconds``."""

    def __init__(self, seconds: float, message: str = "") -> None:
        super().__init__(message or f"flood control: retry after {seconds:g} s")
        self.seconds = seconds


class ChatGone(SendError):
    """The chat cannot receive messages any more (403: blocked, kicked, deactivated; or chat not found)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Rejected(SendError):
    """Telegram refused this message (400); sending it again would fail again."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class Transient(SendError):
    """A network error or server trouble; the same message may succeed later."""


class Sender(Protocol):
    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        buttons: ButtonRows = (),
    ) -> int:
        """Send HTML ``text``; return Telegram's message_id or raise a ``SendError``."""
        ...


@dataclass(slots=True)
class Sent:
    chat_id: int
    text: str
    reply_to: int | None
    buttons: list[list[tuple[str, str]]]
    message_id: int


@dataclass(slots=True)
class MemorySender:
    """Keeps messages in a list: for tests and dry runs. ``failures`` maps a chat to the errors its next
    sends raise, in order."""

    sent: list[Sent] = field(default_factory=list)
    failures: dict[int, list[SendError]] = field(default_factory=dict)
    next_id: int = 1000

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        buttons: ButtonRows = (),
    ) -> int:
        queued = self.failures.get(chat_id)
        if queued:
            raise queued.pop(0)
        self.next_id += 1
        rows = [list(row) for row in buttons]
        self.sent.append(Sent(chat_id, text, reply_to, rows, self.next_id))
        return self.next_id


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


_GONE_400 = ("chat not found", "user not found", "peer_id_invalid", "bot was kicked", "chat_write_forbidden")


class TelegramSender:
    """Sends through a python-telegram-bot ``Bot`` with HTML parse mode and no link previews."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        buttons: ButtonRows = (),
    ) -> int:
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
        from telegram.constants import ParseMode

        markup = None
        if buttons:
            markup = InlineKeyboardMarkup(
                [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons]
            )
        reply = None
        if reply_to is not None:
            reply = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        kwargs: dict[str, Any] = {
            "chat_id": chat_id,
            "text": text,
            "parse_mode": ParseMode.HTML,
            "reply_markup": markup,
            "reply_parameters": reply,
            "link_preview_options": LinkPreviewOptions(is_disabled=True),
        }
        try:
            message = await self.bot.send_message(**kwargs)
        except Exception as exc:
            raise translate(exc) from exc
        return int(message.message_id)


def translate(exc: BaseException) -> SendError:
    """python-telegram-bot's exception as one of ours."""
    from telegram import error

    if isinstance(exc, SendError):
        return exc
    if isinstance(exc, error.RetryAfter):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PTB 22.2+ warns that the type will become timedelta
            seconds = _seconds(exc.retry_after)
        return RetryLater(seconds, str(exc))
    if isinstance(exc, error.Forbidden):
        return ChatGone(exc.message)
    if isinstance(exc, error.ChatMigrated):
        return ChatGone(f"group became supergroup {exc.new_chat_id}")
    if isinstance(exc, error.BadRequest):
        if any(marker in exc.message.lower() for marker in _GONE_400):
            return ChatGone(exc.message)
        return Rejected(exc.message)
    if isinstance(exc, error.InvalidToken):
        return Transient(f"invalid bot token: {exc.message}")  # a setup error: keep the rows for later
    if isinstance(exc, error.TelegramError):
        return Transient(exc.message)
    if isinstance(exc, (OSError, TimeoutError)):
        return Transient(repr(exc))
    return Transient(f"unexpected {type(exc).__name__}: {exc}")
