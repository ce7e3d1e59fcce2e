"""Progress for long commands: report lines on stdout as each piece of work is done, and on a terminal a
bar on stderr under them.

The bar is drawn only when both stdout and stderr are terminals: a redirected report or log must not
fill with carriage returns and bar characters. Before a report line is written the bar's line is
cleared, and the bar is redrawn below it, so the two never garble each other.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import Any, Self

import click

CLEAR_LINE = "\r\x1b[K"
SHOW_CURSOR = "\x1b[?25h"


def on_terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


class Progress:
    """``with Progress(bar=on_terminal()) as progress:`` then ``stage``, ``echo`` and ``advance``."""

    def __init__(self, *, bar: bool) -> None:
        self.bar = bar
        self._current: Any = None  # click's ProgressBar of the current stage

    def stage(self, label: str, total: int) -> None:
        """Start a bar of ``total`` steps labelled ``label`` (replacing the previous one)."""
        self._clear()
        if not self.bar:
            return
        self._current = click.progressbar(
            length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True, width=30
        )
        self._current.render_progress()

    def echo(self, text: str) -> None:
        """One report line on stdout, written at once. If the reader has gone (``| head``), the work goes
        on and the rest of the report is dropped: stopping half-way would store nothing."""
        if self._current is not None:
            sys.stderr.write(CLEAR_LINE)
            sys.stderr.flush()  # the next step (a new position) draws the bar again
        try:
            click.echo(text)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def advance(self, steps: int = 1) -> None:
        if self._current is not None:
            self._current.update(steps)

    def _clear(self) -> None:
        if self._current is not None:
            sys.stderr.write(CLEAR_LINE + SHOW_CURSOR)
            sys.stderr.flush()
            self._current = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._clear()
