"""``noticebot ask`` and ``noticebot notices``: questions and listings over the stored notices, answered
as the bot answers them, without Telegram."""

from __future__ import annotations

import gc
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from bot.cli_support import App, emit_json, parse_categories, parse_moment, run_coroutine

if TYPE_CHECKING:
    from db.models import Notice
    from db.rows import NoticeRecord
    from notices.categories import Category


@click.command()
@click.argument("question")
@click.option("--at", "at", metavar="YYYY-MM-DD[THH:MM]", help="Answer as if asked then (default: now).")
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Most notices the answer lists.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print {language, question, text, notices, detour_of} as JSON."
)
@click.pass_obj
def ask(app: App, question: str, at: str | None, limit: int, as_json: bool) -> None:
    """Answer QUESTION the way the bot does ("哪些路封闭", "what roads are closed on May 20")."""
    now = parse_moment(at, "--at", app.tz) or datetime.now(app.tz)
    result = run_coroutine(_ask(app, question, now, limit))
    if as_json:
        emit_json(result)
    else:
        click.echo(result["text"])


async def _ask(app: App, question: str, now: datetime, limit: int) -> dict[str, Any]:
    """On a current schema, one light connection (no async engine, ORM or Alembic to import); else the
    full engine, which upgrades the schema first."""
    from bot.answer import answer_question
    from bot.context import open_database, open_reader

    # What is loaded by now (SQLAlchemy, the grammar, the catalogue) lives until the command exits, so
    # the collector is told to leave it be: else the first full collection the question's allocations
    # set off walks all of it, and costs more than the answer (a tenth of a cold start on PostgreSQL).
    # Reference counting still frees what the answer drops; a process that goes on (a test) only keeps
    # the cycles that are garbage already.
    gc.freeze()
    async with open_reader(app.database) as reader:
        if reader is not None:
            answer = await answer_question(reader, question, now=now, tz=app.tz, limit=limit)
            return answer.to_json()
    async with open_database(app.database) as sessions, sessions() as session:
        answer = await answer_question(session, question, now=now, tz=app.tz, limit=limit)
        return answer.to_json()


@click.command()
@click.option("--active-at", metavar="YYYY-MM-DD[THH:MM]", help="Only notices active then.")
@click.option("--category", "categories", multiple=True, metavar="CODE", help="Repeatable; codes or names.")
@click.option("--text", help="A place or keyword the notice mentions.")
@click.option(
    "--status",
    type=click.Choice(["draft", "published", "withdrawn"]),
    default="published",
    show_default=True,
)
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Most notices to list."
)
@click.option("--json", "as_json", is_flag=True, help="Print the notices as a JSON list.")
@click.pass_obj
def notices(
    app: App,
    active_at: str | None,
    categories: tuple[str, ...],
    text: str | None,
    status: str,
    limit: int,
    as_json: bool,
) -> None:
    """List stored notices, newest first: each with its periods and places, then how many there are."""
    moment = parse_moment(active_at, "--active-at", app.tz)
    chosen = parse_categories(categories)
    rows, total = run_coroutine(_list_notices(app, moment, chosen, text, status, limit))
    if as_json:
        emit_json([{k: v for k, v in row.items() if k != "entry"} for row in rows])
        return
    for row in rows:
        click.echo(row["entry"])
    noun = "notice" if total == 1 else "notices"
    if len(rows) < total:
        click.echo(f"showing {len(rows)} of {total} {status} {noun} (--limit {total} shows them all)")
    else:
        click.echo(f"{total} {status} {noun}" if total else f"no {status} notices")


async def _list_notices(
    app: App,
    moment: datetime | None,
    categories: tuple[Category, ...],
    text: str | None,
    status: str,
    limit: int,
) -> tuple[list[dict[str, Any]], int]:
    """The rows to list (each as JSON, plus its text ``entry``) and how many notices match in all."""
    from bot.context import open_database
    from db.search import NoticeFilter, count_notices, find_notices
    from db.store import to_parsed
    from notices.render import format_notice_entry

    flt = NoticeFilter(categories=categories, text=text, active_at=moment, status=status, limit=limit)
    async with open_database(app.settings) as sessions, sessions() as session:
        found = await find_notices(session, flt, tz=app.tz)
        rows = []
        for notice in found:
            row = _notice_json(notice, app.tz)
            parsed = to_parsed(notice, app.tz)
            row["entry"] = format_notice_entry(parsed, language="en", tz=app.tz, notice_id=notice.id)
            rows.append(row)
        total = len(rows) if len(rows) < limit else await count_notices(session, flt, tz=app.tz)
    return rows, total


def _notice_json(notice: Notice | NoticeRecord, tz: ZoneInfo) -> dict[str, Any]:
    """A stored notice as ``notices --json`` lists it."""
    from db.store import to_parsed

    parsed = to_parsed(notice, tz)
    return {
        "id": notice.id,
        "title": notice.title,
        "category": notice.category,
        "periods": [p.to_json() for p in parsed.periods],
        "status": notice.status,
        "issuer": notice.issuer,
        "published": None if notice.published is None else notice.published.isoformat(),
        "places": list(parsed.places),
        "detours": list(parsed.detours),
    }
