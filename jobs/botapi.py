"""Sending reminders straight over the Bot API's HTTP interface, for the dispatch-only worker.

A reminder needs one call (``sendMessage``) and one field of the answer (``message_id``). Through
python-telegram-bot each message costs about 1.8 ms of CPU (building request objects, then a full
``Message`` from the answer), ten times what claiming and marking it cost; at the paid-broadcast rate
that is most of a core. Here a message is one JSON POST on a pooled aiohttp session and one dict
lookup. Errors map onto the same ``SendError`` hierarchy as ``TelegramSender``'s.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from jobs.sender import ButtonRows, ChatGone, Rejected, RetryLater, SendError, Transient

_GONE_400 = ("chat not found", "user not found", "peer_id_invalid", "bot was kicked", "chat_write_forbidden")


class BotApiSender:
    """``send`` for a Bot API server at ``base_url`` (``https://api.telegram.org/bot``, token appended).
    Use as ``async with BotApiSender(token, base_url) as sender``."""

    def __init__(self, token: str, base_url: str, *, connections: int = 32, timeout: float = 20.0) -> None:
        self.url = f"{base_url.rstrip('/')}{token}/sendMessage"
        self.connections = connections
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> BotApiSender:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self.connections),
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            json_serialize=lambda value: json.dumps(value, ensure_ascii=False),
        )
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        buttons: ButtonRows = (),
    ) -> int:
        assert self._session is not None, "use BotApiSender in `async with`"
        payload: dict[str, Any] = {
            "chat_id": chat_id,
            "text": text,
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        }
        if buttons:
            payload["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": label, "callback_data": data} for label, data in row] for row in buttons
                ]
            }
        if reply_to is not None:
            payload["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
        try:
            async with self._session.post(self.url, json=payload) as response:
                status = response.status
                try:
                    answer = await response.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError):
                    answer = None
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise Transient(repr(error)) from error
        if isinstance(answer, dict) and answer.get("ok"):
            result = answer.get("result")
            if isinstance(result, dict) and "message_id" in result:
                return int(result["message_id"])
            raise Transient("the Bot API answered without a message_id")
        raise error_for(status, answer)


def error_for(status: int, answer: Any) -> SendError:
    """The ``SendError`` for a refused call, as ``jobs.sender.translate`` reads python-telegram-bot's."""
    body = answer if isinstance(answer, dict) else {}
    description = str(body.get("description") or f"HTTP {status}")
    code = int(body.get("error_code") or status)
    raw = body.get("parameters")
    parameters: dict[str, Any] = raw if isinstance(raw, dict) else {}
    if code == 429:
        return RetryLater(float(parameters.get("retry_after") or 1), description)
    if code == 403:
        return ChatGone(description)
    if code == 400:
        if "migrate_to_chat_id" in parameters:
            return ChatGone(f"group became supergroup {parameters['migrate_to_chat_id']}")
        if any(marker in description.lower() for marker in _GONE_400):
            return ChatGone(description)
        return Rejected(description)
    if code in (401, 404):
        return Transient(f"invalid bot token: {description}")  # a setup error: keep the rows for later
    return Transient(description)
