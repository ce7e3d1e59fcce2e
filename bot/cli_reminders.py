"""``noticebot reminders``: a dry run of the reminders — the timeline of what would be sent, to whom,
when, with the text. Nothing is written (the planning happens in a transaction that is rolled back)."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

import click


def _settings(ctx: click.Context) -> Any:
    obj = ctx.obj
    if obj is not None and hasattr(obj, "settings"):
        return obj.settings
    from bot.settings import Settings

    return obj if isinstance(obj, Settings) else Settings()


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=option) from None


@click.command("reminders")
@click.option("--from", "start", required=True, metavar="YYYY-MM-DD", help="First day of the window.")
@click.option("--to", "end", required=True, metavar="YYYY-MM-DD", help="Last day of the window (inclusive).")
@click.option("--chat", "chat_id", type=int, help="Only this chat.")
@click.option("--category", metavar="CODE", help="Simulate a new subscriber to this category.")
@click.option("--keyword", metavar="WORD", help="Simulate a new subscriber to this place or keyword.")
@click.option("--language", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the simulated subscriber.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print [{chat, notice_id, event, due, text}] as JSON.")
@click.pass_context
def reminders(
    ctx: click.Context,
    start: str,
    end: str,
    chat_id: int | None,
    category: str | None,
    keyword: str | None,
    language: str,
    as_json: bool,
) -> None:
    """Show the reminders that would be sent between two dates (a dry run: nothing is written)."""
    first, last = _day(start, "--from"), _day(end, "--to")
    if last < first:
        raise click.BadParameter("the window ends before it starts", param_hint="--to")
    if sum(x is not None for x in (chat_id, category, keyword)) > 1:
        raise click.UsageError("give at most one of --chat, --category, --keyword")
    if keyword is not None and not keyword.strip():
        raise click.BadParameter("an empty keyword matches nothing", param_hint="--keyword")
    code = None
    if category is not None:
        from notices.categories import Category

        try:
            code = Category.parse(category).value
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--category") from None
    settings = _settings(ctx)
    entries, subscribed = asyncio.run(_timeline(settings, first, last, chat_id, code, keyword, language))
    if as_json:
        click.echo(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(f"No reminders due from {first} to {last}.")
        if not subscribed and chat_id is None and code is None and keyword is None:
            click.echo(
                "No chat subscribes to anything yet. To see what a new subscriber would get, add "
                "--category CODE (e.g. --category road_closure) or --keyword WORD (a place or keyword)."
            )
        return
    for entry in entries:
        notice = "" if entry.notice_id is None else f" #{entry.notice_id}"
        click.echo(f"{entry.due:%Y-%m-%d %H:%M %z}  chat {entry.chat}{notice}  {entry.event}")
        for line in entry.plain.splitlines():
            if line.strip():
                click.echo(f"    {line}")


async def _timeline(
    settings: Any,
    first: date,
    last: date,
    chat_id: int | None,
    category: str | None,
    keyword: str | None,
    language: str,
) -> tuple[list[Any], bool]:
    """The timeline, and whether any chat subscribes to anything."""
    from sqlalchemy import select

    from bot.context import open_database
    from db.models import Subscription
    from jobs.timeline import timeline

    async with open_database(settings) as sessions, sessions() as session:
        subscribed = await session.scalar(select(Subscription.id).limit(1)) is not None
        entries = await timeline(
            session,
            start=first,
            end=last,
            tz=settings.zone,
            chat_id=chat_id,
            category=category,
            keyword=keyword,
            language=language,
        )
        return entries, subscribed
