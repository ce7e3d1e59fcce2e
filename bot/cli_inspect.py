"""``noticebot parse`` and ``noticebot dates``: what the parser and the date grammar make of a page or a
piece of text, without a database and without storing anything."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from bot.cli_pages import read_page, source_label
from bot.cli_support import App, emit_json, parse_date


@click.command()
@click.argument("path")
@click.option(
    "--published", metavar="YYYY-MM-DD", help="Publication date when a notice has no signature date."
)
@click.option("--json", "as_json", is_flag=True, help="Print the notices as a JSON list.")
@click.pass_obj
def parse(app: App, path: str, published: str | None, as_json: bool) -> None:
    """Parse a page (a file, an http(s) URL or '-') and show its notices; stores nothing."""
    from notices.render import format_notice_full

    result = read_page(path, app, parse_date(published, "--published"))
    if as_json:
        emit_json([n.to_json() for n in result.notices])
        return
    if not result.notices:
        click.echo(f"{source_label(path)}: no notices found ({len(result.skipped)} items skipped)")
    for index, notice in enumerate(result.notices):
        if index:
            click.echo("\n" + "-" * 40)
        click.echo(format_notice_full(notice, language="en", tz=app.tz, with_warnings=True))


@click.command()
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
    day = parse_date(base, "--base") or datetime.now(app.tz).date()
    periods = find_periods(text, base=day, tz=app.tz)
    for slip in find_impossible(normalize(text)):
        # said on stderr, so --json stays a list of periods
        click.echo(f"left out: {slip.text.strip()} ({slip.reason})", err=True)
    if as_json:
        emit_json([{"text": p.text, **p.to_json()} for p in periods])
        return
    if not periods:
        click.echo("no dates found")
    for period in periods:
        click.echo(f"{period.text} → {format_period_labelled(period, language='en', tz=app.tz)}")
