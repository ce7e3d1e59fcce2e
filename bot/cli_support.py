"""What every ``noticebot`` command shares: the settings it is handed, one-line errors, JSON output and
the reading of option values (dates, moments, categories).

Only the standard library and click are imported here, so that a command pays for its own imports and
no more.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo

import click

if TYPE_CHECKING:
    from bot.settings import Settings
    from bot.settings_light import DatabaseSettings
    from notices.categories import Category

T = TypeVar("T")


@dataclass(slots=True)
class App:
    """What the group callback hands every command: the settings, read once. ``noticebot ask`` gets
    only the database settings (``bot.settings_light``); the full ones are read if a command asks."""

    database: DatabaseSettings
    debug: bool = False
    loaded: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self.loaded is None:
            self.loaded = load_settings()
        return self.loaded

    @property
    def tz(self) -> ZoneInfo:
        return self.database.zone


def load_settings() -> Settings:
    """All the settings, a refused one as one line naming it."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "settings"
        raise click.ClickException(f"invalid setting {where}: {first.get('msg', exc)}") from exc


def settings_of(obj: Any) -> Settings:
    """The settings the group read, or read now when a command is invoked on its own (as tests do)."""
    settings = getattr(obj, "settings", None)
    if settings is None:
        from bot.settings import Settings

        settings = Settings()
    return settings


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] or type(exc).__name__


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# --- option values ---------------------------------------------------------------------------------


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{option}: {value!r} is not a date; use YYYY-MM-DD")


def parse_moment(value: str | None, option: str, tz: ZoneInfo) -> datetime | None:
    """YYYY-MM-DD (local midnight) or YYYY-MM-DDTHH:MM, read in ``tz`` unless it carries an offset."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time())
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {value!r} is not a date or time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def parse_categories(values: Sequence[str]) -> tuple[Category, ...]:
    from notices.categories import Category

    found: list[Category] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            try:
                found.append(Category.parse(part))
            except ValueError as exc:
                fail(str(exc))
    return tuple(found)
