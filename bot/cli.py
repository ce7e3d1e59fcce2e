"""The ``noticebot`` command line: ingest pages, inspect the parser, ask questions, list notices.

The output of every command (``--json`` above all) is a contract scripts rely on. Errors a person can
fix print one line on stderr and exit non-zero; nothing is stored unless every input was readable.
Imports of the database, the parser and above all Telegram stay inside the commands, so a command
only pays for what it uses and ``noticebot dates`` starts in a blink.

This module holds the group and the list of commands; each command lives in a module of its own
(``bot.cli_query`` here, the others loaded when invoked: see ``LAZY_COMMANDS``).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from bot.cli_query import ask, notices
from bot.cli_support import App, load_settings, one_line, run_coroutine
from notices.errors import NoticebotError

# Commands registered as "name": "module:attribute", imported only when invoked: the heavy ones
# (Telegram, the scheduler), and the page readers, which `noticebot ask` need not load.
LAZY_COMMANDS: dict[str, str] = {
    "ingest": "bot.cli_ingest:ingest",
    "parse": "bot.cli_inspect:parse",
    "dates": "bot.cli_inspect:dates",
    "run": "bot.cli_run:run",
    "try": "bot.cli_try:try_command",
    "reminders": "bot.cli_reminders:reminders",
    "worker": "bot.cli_worker:worker",
}

DATABASE_ONLY = frozenset({"ask"})
"""Commands that need only the database settings: they skip reading the rest (and importing pydantic)."""


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
            raise click.ClickException(one_line(exc)) from exc
        except Exception as exc:
            app = ctx.obj
            if isinstance(app, App) and app.debug:
                raise
            raise click.ClickException(f"{type(exc).__name__}: {one_line(exc)}") from exc


@click.group(cls=NoticebotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """noticebot: public notices from a local newspaper, parsed, stored and answered."""
    # python-telegram-bot's documented opt-in: durations such as a 429's retry_after come as
    # timedelta (which the sender reads), instead of a deprecation warning on every flood error.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    if ctx.invoked_subcommand in DATABASE_ONLY:
        from bot.settings_light import light_settings

        database = light_settings()
        if database is not None:
            ctx.obj = App(database=database, debug=debug)
            return
    settings = load_settings()
    ctx.obj = App(database=settings.database, debug=debug, loaded=settings)


for _command in (ask, notices):
    main.add_command(_command)


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command()
@click.pass_obj
def upgrade(app: App) -> None:
    """Apply the migrations (every command also does this on its own)."""
    revision = run_coroutine(_upgrade(app))
    from db.url import safe_url

    click.echo(f"database {safe_url(app.settings.database_url)} is at revision {revision}")


async def _upgrade(app: App) -> str | None:
    from bot.context import open_database
    from db.engine import current_revision

    async with open_database(app.settings) as sessions:
        engine = sessions.kw["bind"]
        return await current_revision(engine)


if __name__ == "__main__":
    main(prog_name="noticebot")
