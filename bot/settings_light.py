"""The database settings (``DATABASE_URL``, ``NOTICEBOT_DB_SCHEMA``, ``NOTICEBOT_TZ``) read without
pydantic: importing pydantic-settings and building :class:`bot.settings.Settings` costs about as much as
the rest of a cold ``noticebot ask``.

The reading is pydantic-settings' own (the environment over a ``.env`` file in the working directory,
names in any case) and the checks are the ones ``Settings`` runs (it calls the functions here). When
anything else that ``Settings`` would check is set, or a value is refused, :func:`light_settings` says
None and the caller reads the full ``Settings``, so every error reads exactly as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.url import async_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/noticebot.sqlite3"
DEFAULT_TZ = "Asia/Shanghai"
ENV_FILE = ".env"

LIGHT_ALIASES = ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA", "NOTICEBOT_TZ")
"""Read and checked here."""
UNCHECKED_ALIASES = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "NOTICEBOT_OPS_LISTEN")
"""Plain optional strings ``Settings`` accepts as they come: being set does not need the full read."""
CHECKED_ALIASES = (
    "ADMIN_IDS",
    "NOTICEBOT_MAX_INPUT_BYTES",
    "NOTICEBOT_FETCH_TIMEOUT",
    "NOTICEBOT_CHAT_CACHE_SECONDS",
    "NOTICEBOT_CONCURRENT_UPDATES",
    "NOTICEBOT_MESSAGES_PER_SECOND",
    "NOTICEBOT_BURST_THRESHOLD",
    "NOTICEBOT_TELEGRAM_RETRY_SECONDS",
    "NOTICEBOT_TELEGRAM_RETRY_MAX_SECONDS",
    "NOTICEBOT_INSTANCE_CHECK_SECONDS",
    "NOTICEBOT_LOG_FORMAT",
    "NOTICEBOT_HEALTH_MAX_LAG",
    "NOTICEBOT_GLOBAL_RATE",
    "NOTICEBOT_LEASE_SECONDS",
    "NOTICEBOT_DISPATCH_IN_FLIGHT",
)
"""Settings pydantic checks (numbers, ranges, lists): when one is set, the full ``Settings`` is read."""


def database_url_value(value: str) -> str:
    """The URL as people copy it (``sqlite:///x.db``, ``postgres://…``), with the async driver."""
    return async_url(value).render_as_string(hide_password=False)


def schema_value(value: str | None) -> str | None:
    """``NOTICEBOT_DB_SCHEMA=`` (left empty in a .env) means the default schema, not an empty path."""
    return value.strip() or None if value is not None else None


def zone_value(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


class DatabaseConfig(Protocol):
    """What opening the database needs: ``Settings`` and :class:`DatabaseSettings` both have it."""

    @property
    def database_url(self) -> str: ...

    @property
    def database_schema(self) -> str | None: ...

    def ensure_data_dir(self) -> None: ...


@dataclass(frozen=True, slots=True)
class DatabaseSettings:
    """Where the notices are and the zone answers are given in."""

    database_url: str = DEFAULT_DATABASE_URL
    database_schema: str | None = None
    tz: str = DEFAULT_TZ

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def ensure_data_dir(self) -> None:
        ensure_data_dir(self.database_url)


def ensure_data_dir(database_url: str) -> None:
    """Create the directory of a SQLite file URL, so the default works on a fresh clone."""
    url = async_url(database_url)
    path = url.database
    if url.get_backend_name() == "sqlite" and path and path != ":memory:" and "mode=memory" not in path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _raw_values() -> dict[str, str | None]:
    """Every variable as pydantic-settings sees it: the ``.env`` file's, then the environment's over
    them, names lower-cased."""
    values: dict[str, str | None] = {}
    env_file = Path(ENV_FILE).expanduser()
    if env_file.is_file():
        from dotenv import dotenv_values

        values.update({k.lower(): v for k, v in dotenv_values(env_file, encoding="utf-8").items()})
    values.update({k.lower(): v for k, v in os.environ.items()})
    return values


def light_settings() -> DatabaseSettings | None:
    """The database settings, or None when the full ``Settings`` must be read (another checked
    setting is given, or a value here is refused: the full read says why, as it always has)."""
    raw = _raw_values()
    if any(alias.lower() in raw for alias in CHECKED_ALIASES):
        return None
    if any(alias.lower() in raw and raw[alias.lower()] is None for alias in LIGHT_ALIASES):
        return None  # a bare name in .env: left to pydantic-settings
    url, schema, tz = (raw.get(alias.lower()) for alias in LIGHT_ALIASES)
    try:
        return DatabaseSettings(
            database_url=database_url_value(DEFAULT_DATABASE_URL if url is None else url),
            database_schema=schema_value(schema),
            tz=zone_value(DEFAULT_TZ if tz is None else tz),
        )
    except ValueError:
        return None
