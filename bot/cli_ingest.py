"""``noticebot ingest``: read pages and store their notices as published, all in one transaction.

Every page is read before anything is stored, so a page that cannot be read stores nothing. Each file's
report is printed as soon as it is stored (``--json`` prints one report at the end).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from bot.cli_pages import read_page, source_label
from bot.cli_support import App, emit_json, fail, one_line, parse_date, run_coroutine
from notices.errors import NoticebotError

if TYPE_CHECKING:
    from bot.progress import Progress
    from db.store import StoredNotice, StoreReport
    from notices.model import PageResult


@click.command()
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

    day = parse_date(published, "--published")
    if paths.count("-") > 1:
        fail("standard input ('-') can be read only once")
    with Progress(bar=not as_json and len(paths) > 1 and on_terminal()) as progress:
        progress.stage("Reading", len(paths))
        pages = []  # all readable, or nothing stored
        for path in paths:
            pages.append((source_label(path), read_page(path, app, day)))
            progress.advance()
        progress.stage("Storing", len(pages))
        if as_json:
            reports = run_coroutine(_store_pages(app, pages))
        else:
            totals = run_coroutine(_store_and_report(app, pages, progress))
    if as_json:
        files = [_report_json(label, report) for label, report in reports]
        emit_json(
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
            one_line(exc) if isinstance(exc, NoticebotError) else f"{type(exc).__name__}: {one_line(exc)}"
        )
        raise click.ClickException(f"{reason}; nothing was stored") from exc
    return totals


# --- the report ------------------------------------------------------------------------------------


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
