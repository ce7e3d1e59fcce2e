"""Reply markup checked the way Telegram checks it, for the mistakes a bot can make.

Sends, edits and inline answers all carry a keyboard; each refuses a bad one with the same 400s.
"""

from __future__ import annotations

import re
from typing import Any

from bot.standin.faults import bad_request

MAX_CALLBACK_DATA = 64
_URL = re.compile(r"(?:https?|tg)://\S+")


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup the way Telegram does for the mistakes a bot can make."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    count = 0
    for row in rows:
        for button in row:
            count += 1
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not _URL.fullmatch(str(url)):
                raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
            actions = [key for key in button if key != "text"]
            if len(actions) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
    if count > 100:
        raise bad_request("reply markup is too long")
    return markup


__all__ = ["MAX_CALLBACK_DATA", "check_markup"]
