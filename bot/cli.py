"""The ``noticebot`` command line: ingest pages, inspect the parser, ask questions, list notices.

The output of every command (``--json`` above all) is a contract scripts rely on. Errors a person can
fix print one line on stderr and exit non-zero; nothing is stored unless every input was readable.
Imports of the database, the parser and above all Telegram stay inside the commands, so a command
only pays for what it uses and ``noticebot dates`` starts in a blink.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import stat
import sys
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo

import click

from notices.errors import NoticebotError

if TYPE_CHECKING:
    from bot.progress import Progress
    from bot.settings import Settings
    from db.models import Notice
    from db.store import StoredNotice, StoreReport
    from notices.categories import Category
    from notices.model import PageResult

T = TypeVar("T")

# Commands that live in other modules and pull in heavy dependencies (Telegram, the scheduler) are
# registered here as "name": "module:attribute" and imported only when invoked.
LAZY_COMMANDS: dict[str, str] = {
    "run": "bot.cli_run:run",
    "try": "bot.cli_run:try_command",
    "reminders": "bot.cli_reminders:reminders",
    "worker": "bot.cli_worker:worker",
}


@dataclass(slots=True)
class App:
    """What the group callback hands every command: the settings, read once."""

    settings: Settings
    debug: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.zone


class NoticebotGroup(click.Group):
    """A group that loads lazy commands and turns any failure into one line on stderr."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            loaded = getattr(importlib.import_module(module), attribute)
            assert isinstance(loaded, click.Command)
            command = loaded
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`noticebot notices | head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(141) from None
        except NoticebotError as exc:
            raise click.ClickException(_one_line(exc)) from exc
        except Exception as exc:
            app = ctx.obj
            if isinstance(app, App) and app.debug:
                raise
            raise click.ClickException(f"{type(exc).__name__}: {_one_line(exc)}") from exc


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] or type(exc).__name__


@click.group(cls=NoticebotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """noticebot: public notices from a local newspaper, parsed, stored and answered."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "settings"
        raise click.ClickException(f"invalid setting {where}: {first.get('msg', exc)}") from exc
    ctx.obj = App(settings=settings, debug=debug)


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def _fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def _emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


# --- option values ---------------------------------------------------------------------------------


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        _fail(f"{option}: {value!r} is not a date; use YYYY-MM-DD")


def _parse_moment(value: str | None, option: str, tz: ZoneInfo) -> datetime | None:
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
        _fail(f"{option}: {value!r} is not a date or time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def _parse_categories(values: Sequence[str]) -> tuple[Category, ...]:
    from notices.categories import Category

    found: list[Category] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            try:
                found.append(Category.parse(part))
            except ValueError as exc:
                _fail(str(exc))
    return tuple(found)


# --- reading pages ---------------------------------------------------------------------------------


ACCEPTED = "give a .txt, .pdf or .html file, or an http(s) URL"
"""What the command line reads, said in every refusal of a file it cannot."""


def _label(path: str) -> str:
    return "stdin" if path == "-" else path


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The raw bytes of a page: at most ``max_bytes`` + 1 bytes are read from anything (a file, stdin,
    a FIFO, /dev/zero), since only a regular file's size is known before reading it."""
    from notices.errors import InputError

    limit = f"more than the {max_bytes:,}-byte limit; split the page"
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        file = Path(path)
        try:
            if file.is_dir():
                raise InputError(f"{path}: is a directory, not a page")
            with file.open("rb") as handle:
                info = os.fstat(handle.fileno())
                if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                    raise InputError(f"{path}: too large ({info.st_size:,} bytes), {limit}")
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{_label(path)}: too large, {limit}")
    return data


def _read_page(path: str, app: App, published: date | None) -> PageResult:
    from notices.decode import decode_input
    from notices.errors import InputError
    from notices.parse import parse_page

    max_bytes = app.settings.max_input_bytes
    charset, html = None, False
    if is_url(path):
        from bot.fetch import fetch

        fetched = fetch(path, max_bytes=max_bytes, timeout=app.settings.fetch_timeout)
        data, charset, html = fetched.data, fetched.charset, fetched.html
    else:
        data = _read_bytes(path, max_bytes)
    try:
        text = decode_input(
            data, name=_label(path), max_bytes=max_bytes, charset=charset, html=html, accepted=ACCEPTED
        )
    except InputError as exc:
        message = str(exc)
        raise InputError(message if _label(path) in message else f"{_label(path)}: {message}") from None
    return parse_page(text, published=published, tz=app.tz)


def is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


# --- JSON shapes -----------------------------------------------------------------------------------


def _notice_json(notice: Notice, tz: ZoneInfo, *, full: bool = False) -> dict[str, Any]:
    from db.store import to_parsed

    parsed = to_parsed(notice, tz)
    data: dict[str, Any] = {
        "id": notice.id,
        "title": notice.title,
        "category": notice.category,
        "periods": [p.to_json() for p in parsed.periods],
    }
    if full:
        data.update(
            status=notice.status,
            issuer=notice.issuer,
            published=None if notice.published is None else notice.published.isoformat(),
            places=list(parsed.places),
            detours=list(parsed.detours),
        )
    return data


def _stored_json(item: StoredNotice) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.notice.title,
        "category": item.notice.category.value,
        "periods": [p.to_json() for p in item.notice.periods],
    }


def _report_json(label: str, report: StoreReport) -> dict[str, Any]:
    return {
        "source": label,
        "stored": [_stored_json(s) for s in report.stored],
        "duplicates": [_stored_json(s) for s in report.duplicates],
        "skipped": [{"reason": s.reason, "excerpt": s.excerpt} for s in report.skipped],
    }


# --- commands --------------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", metavar="YYYY-MM-DD", help="Publication date when a notice has no signature date."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def ingest(app: App, paths: tuple[str, ...], published: str | None, as_json: bool) -> None:
    """Parse pages (text, HTML or PDF files, http(s) URLs; '-' reads standard input) and store their
    notices.

    Each file's report is printed as soon as it is stored; on a terminal a progress bar runs below."""
    from bot.progress import Progress, on_terminal

    day = _parse_date(published, "--published")
    if paths.count("-") > 1:
        _fail("standard input ('-') can be read only once")
    with Progress(bar=not as_json and len(paths) > 1 and on_terminal()) as progress:
        progress.stage("Reading", len(paths))
        pages = []  # all readable, or nothing stored
        for path in paths:
            pages.append((_label(path), _read_page(path, app, day)))
            progress.advance()
        progress.stage("Storing", len(pages))
        if as_json:
            reports = _run(_store_pages(app, pages))
        else:
            totals = _run(_store_and_report(app, pages, progress))
    if as_json:
        files = [_report_json(label, report) for label, report in reports]
        _emit_json(
            {
                "files": files,
                "stored": sum(len(f["stored"]) for f in files),
                "duplicates": sum(len(f["duplicates"]) for f in files),
                "skipped": sum(len(f["skipped"]) for f in files),
            }
        )
        return
    if len(pages) > 1:
        click.echo(f"total: {totals[0]} stored, {totals[1]} duplicates, {totals[2]} skipped")


def _report_lines(label: str, report: StoreReport, tz: ZoneInfo) -> list[str]:
    """One file's part of the ``ingest`` report."""
    from notices.render import format_period_labelled

    counts = (len(report.stored), len(report.duplicates), len(report.skipped))
    lines = [f"{label}: {counts[0]} stored, {counts[1]} duplicates, {counts[2]} skipped"]
    for kind, items in (("stored", report.stored), ("duplicate", report.duplicates)):
        for item in items:
            periods = "; ".join(format_period_labelled(p, language="en", tz=tz) for p in item.notice.periods)
            line = f"  {kind:<9} #{item.id} {item.notice.category.value} {item.notice.title}"
            lines.append(line + (f" — {periods}" if periods else ""))
    lines.extend(f"  skipped   {s.reason}: {_shorten(s.excerpt)}" for s in report.skipped)
    if not report.stored and not report.duplicates:
        lines.append("  no notices found")
    return lines


def _shorten(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


async def _store_pages(app: App, pages: list[tuple[str, PageResult]]) -> list[tuple[str, StoreReport]]:
    """Store every page in one transaction: a failure half-way leaves the database as it was."""
    from bot.context import open_database
    from db.engine import session_scope
    from db.store import store_page

    async with open_database(app.settings) as sessions, session_scope(sessions) as session:
        return [
            (label, await store_page(session, result, tz=app.tz, source=label[-500:]))
            for label, result in pages
        ]


async def _store_and_report(app: App, pages: list[tuple[str, PageResult]], progress: Progress) -> list[int]:
    """As ``_store_pages``, printing each file's report when it is stored; the stored, duplicate and
    skipped totals. If the transaction fails after some reports, the error says nothing was kept."""
    from bot.context import open_database
    from db.engine import session_scope
    from db.store import store_page

    totals = [0, 0, 0]
    reported = False
    try:
        async with open_database(app.settings) as sessions, session_scope(sessions) as session:
            for label, result in pages:
                report = await store_page(session, result, tz=app.tz, source=label[-500:])
                for line in _report_lines(label, report, app.tz):
                    progress.echo(line)
                reported = True
                progress.advance()
                counts = (len(report.stored), len(report.duplicates), len(report.skipped))
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
    except Exception as exc:
        if not reported or app.debug:
            raise
        reason = (
            _one_line(exc) if isinstance(exc, NoticebotError) else f"{type(exc).__name__}: {_one_line(exc)}"
        )
        raise click.ClickException(f"{reason}; nothing was stored") from exc
    return totals


@main.command()
@click.argument("path")
@click.option(
    "--published", metavar="YYYY-MM-DD", help="Publication date when a notice has no signature date."
)
@click.option("--json", "as_json", is_flag=True, help="Print the notices as a JSON list.")
@click.pass_obj
def parse(app: App, path: str, published: str | None, as_json: bool) -> None:
    """Parse a page (a file, an http(s) URL or '-') and show its notices; stores nothing."""
    from notices.render import format_notice_full

    result = _read_page(path, app, _parse_date(published, "--published"))
    if as_json:
        _emit_json([n.to_json() for n in result.notices])
        return
    if not result.notices:
        click.echo(f"{_label(path)}: no notices found ({len(result.skipped)} items skipped)")
    for index, notice in enumerate(result.notices):
        if index:
            click.echo("\n" + "-" * 40)
        click.echo(format_notice_full(notice, language="en", tz=app.tz, with_warnings=True))


@main.command()
@click.argument("text")
@click.option(
    "--base", metavar="YYYY-MM-DD", help="Reference date for dates without a year (default: today)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the periods as a JSON list.")
@click.pass_obj
def dates(app: App, text: str, base: str | None, as_json: bool) -> None:
    """Show the periods the date grammar finds in TEXT ('-' reads standard input)."""
    from notices.dates import find_periods
    from notices.impossible import find_impossible
    from notices.normalize import normalize
    from notices.render import format_period_labelled

    if text == "-":
        text = sys.stdin.read(app.settings.max_input_bytes)
    day = _parse_date(base, "--base") or datetime.now(app.tz).date()
    periods = find_periods(text, base=day, tz=app.tz)
    for slip in find_impossible(normalize(text)):
        # said on stderr, so --json stays a list of periods
        click.echo(f"left out: {slip.text.strip()} ({slip.reason})", err=True)
    if as_json:
        _emit_json([{"text": p.text, **p.to_json()} for p in periods])
        return
    if not periods:
        click.echo("no dates found")
    for period in periods:
        click.echo(f"{period.text} → {format_period_labelled(period, language='en', tz=app.tz)}")


@main.command()
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
    now = _parse_moment(at, "--at", app.tz) or datetime.now(app.tz)
    result = _run(_ask(app, question, now, limit))
    if as_json:
        _emit_json(result)
    else:
        click.echo(result["text"])


async def _ask(app: App, question: str, now: datetime, limit: int) -> dict[str, Any]:
    from bot.answer import answer_question
    from bot.context import open_database

    async with open_database(app.settings) as sessions, sessions() as session:
        answer = await answer_question(session, question, now=now, tz=app.tz, limit=limit)
        return answer.to_json()


@main.command()
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
    moment = _parse_moment(active_at, "--active-at", app.tz)
    chosen = _parse_categories(categories)
    rows, total = _run(_list_notices(app, moment, chosen, text, status, limit))
    if as_json:
        _emit_json(_list_json_rows(rows))
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
    from bot.context import open_database
    from db.search import NoticeFilter, count_notices, find_notices
    from db.store import to_parsed
    from notices.render import format_notice_entry

    flt = NoticeFilter(categories=categories, text=text, active_at=moment, status=status, limit=limit)
    async with open_database(app.settings) as sessions, sessions() as session:
        found = await find_notices(session, flt, tz=app.tz)
        rows = []
        for notice in found:
            row = _notice_json(notice, app.tz, full=True)
            parsed = to_parsed(notice, app.tz)
            row["entry"] = format_notice_entry(parsed, language="en", tz=app.tz, notice_id=notice.id)
            rows.append(row)
        total = len(rows) if len(rows) < limit else await count_notices(session, flt, tz=app.tz)
    return rows, total


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command()
@click.pass_obj
def upgrade(app: App) -> None:
    """Apply the migrations (every command also does this on its own)."""
    revision = _run(_upgrade(app))
    from db.url import safe_url

    click.echo(f"database {safe_url(app.settings.database_url)} is at revision {revision}")


async def _upgrade(app: App) -> str | None:
    from bot.context import open_database
    from db.engine import current_revision

    async with open_database(app.settings) as sessions:
        engine = sessions.kw["bind"]
        return await current_revision(engine)


def _list_json_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "entry"} for row in rows]


if __name__ == "__main__":
    main(prog_name="noticebot")
