"""Reading Bot API parameters the way Telegram does: JSON bodies hold typed values, while form and
multipart bodies (what python-telegram-bot sends) hold strings with JSON inside for objects."""

from __future__ import annotations

import json
from typing import Any

from bot.standin.faults import bad_request

Params = dict[str, Any]


def get_str(params: Params, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def get_int(params: Params, name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise bad_request(f"invalid {name} specified") from None


def require_int(params: Params, name: str) -> int:
    value = get_int(params, name)
    if value is None:
        raise bad_request(f"{name} is empty")
    return value


def get_bool(params: Params, name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def get_json(params: Params, name: str) -> Any:
    value = params.get(name)
    if isinstance(value, str):
        if not value:
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
    return value
