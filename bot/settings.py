"""All configuration, read once into one typed object and passed to whoever needs it."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import settings_light as light
from bot.settings_light import DEFAULT_DATABASE_URL as DEFAULT_DATABASE_URL
from bot.settings_light import DatabaseSettings


class Settings(BaseSettings):
    """noticebot's settings; every field can be set in the environment or a `.env` file."""

    model_config = SettingsConfigDict(env_file=light.ENV_FILE, env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    database_schema: str | None = Field(default=None, validation_alias="NOTICEBOT_DB_SCHEMA")
    tz: str = Field(default=light.DEFAULT_TZ, validation_alias="NOTICEBOT_TZ")
    telegram_bot_token: str | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str | None = Field(default=None, validation_alias="TELEGRAM_API_BASE_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default=frozenset(), validation_alias="ADMIN_IDS")
    max_input_bytes: int = Field(default=20 * 1024 * 1024, validation_alias="NOTICEBOT_MAX_INPUT_BYTES")
    fetch_timeout: float = Field(default=20.0, gt=0, le=600, validation_alias="NOTICEBOT_FETCH_TIMEOUT")
    # Seconds a web process trusts its copy of a chat's settings (bot.chat_cache); 0: read them each time.
    chat_cache_seconds: float = Field(
        default=0.0, ge=0, le=3600, validation_alias="NOTICEBOT_CHAT_CACHE_SECONDS"
    )
    concurrent_updates: int = Field(default=16, ge=1, le=256, validation_alias="NOTICEBOT_CONCURRENT_UPDATES")
    messages_per_second: float = Field(default=30.0, validation_alias="NOTICEBOT_MESSAGES_PER_SECOND")
    # A chat owed more than this many announcements from one page gets one list of them instead.
    burst_threshold: int = Field(default=3, ge=1, le=100, validation_alias="NOTICEBOT_BURST_THRESHOLD")
    # `noticebot run` retries an unreachable Telegram after 1, 2, 4 … seconds, never more than the cap.
    telegram_retry_seconds: float = Field(
        default=1.0, gt=0, validation_alias="NOTICEBOT_TELEGRAM_RETRY_SECONDS"
    )
    telegram_retry_max_seconds: float = Field(
        default=60.0, gt=0, validation_alias="NOTICEBOT_TELEGRAM_RETRY_MAX_SECONDS"
    )
    # How long a starting `noticebot run` listens for an instance already polling the token (0: not at all).
    instance_check_seconds: float = Field(
        default=3.0, ge=0, le=60, validation_alias="NOTICEBOT_INSTANCE_CHECK_SECONDS"
    )
    # Operations: `text` or `json` log lines; where /healthz and /metrics listen besides the webhook port;
    # how late the oldest due reminder may be before a process sending reminders reports itself unhealthy.
    log_format: Literal["text", "json"] = Field(default="text", validation_alias="NOTICEBOT_LOG_FORMAT")
    ops_listen: str | None = Field(default=None, validation_alias="NOTICEBOT_OPS_LISTEN")
    health_max_lag: float = Field(default=600.0, gt=0, validation_alias="NOTICEBOT_HEALTH_MAX_LAG")

    # Dispatch across processes (`noticebot worker`, and `noticebot run` with reminders): the global
    # message rate shared by all of them (Telegram: 30/s; paid broadcasts up to 1000/s), how long a claim
    # holds without renewal (a dead process's claims go to the others after it), and sends in flight at
    # once per process (also the most a killed process can send twice, with its unwritten marks).
    global_rate: float = Field(default=30.0, gt=0, le=10_000, validation_alias="NOTICEBOT_GLOBAL_RATE")
    lease_seconds: float = Field(default=60.0, ge=1, le=3600, validation_alias="NOTICEBOT_LEASE_SECONDS")
    dispatch_in_flight: int = Field(default=16, ge=1, le=256, validation_alias="NOTICEBOT_DISPATCH_IN_FLIGHT")

    @property
    def dispatch_rate(self) -> float:
        """The global rate: NOTICEBOT_GLOBAL_RATE, or the older NOTICEBOT_MESSAGES_PER_SECOND if only that
        one is set."""
        if "global_rate" not in self.model_fields_set and "messages_per_second" in self.model_fields_set:
            return self.messages_per_second
        return self.global_rate

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept the URL forms people copy (``sqlite:///x.db``, ``postgres://…``), stored with the
        async driver noticebot runs on."""
        return light.database_url_value(value)

    @field_validator("database_schema")
    @classmethod
    def _schema_or_none(cls, value: str | None) -> str | None:
        """``NOTICEBOT_DB_SCHEMA=`` (left empty in a .env) means the default schema, not an empty path."""
        return light.schema_value(value)

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return light.zone_value(value)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def database(self) -> DatabaseSettings:
        """The settings opening the database needs (what ``noticebot ask`` reads without pydantic)."""
        return DatabaseSettings(self.database_url, self.database_schema, self.tz)

    def ensure_data_dir(self) -> None:
        """Create the directory of a SQLite file URL, so the default works on a fresh clone."""
        light.ensure_data_dir(self.database_url)
