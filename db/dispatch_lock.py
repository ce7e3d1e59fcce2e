"""One dispatching process per SQLite file: an OS lock on a file beside the database.

SQLite serves one writer at a time and has no ``SKIP LOCKED``: two processes sending reminders from one
file would fight over its lock and could not share the work safely. ``noticebot run`` and ``noticebot
worker`` take this lock for as long as they run, so a second one stops at once with one line; short
commands (``ingest``, ``ask``) take no lock and work beside a running bot. The operating system drops the
lock when the process ends, however it ends, so a killed bot never leaves a stale lock behind.

PostgreSQL needs none of this (claims there carry an owner and a lease); nor does an in-memory database.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from sqlalchemy.engine import URL

from db.url import async_url
from notices.errors import NoticebotError


class AlreadyRunning(NoticebotError):
    """Another process already dispatches from this SQLite file."""


def lock_path(url: str | URL) -> Path | None:
    """The lock file for a SQLite file URL (``noticebot.sqlite3.lock``); None when no lock is needed."""
    parsed = async_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if "mode=memory" in database or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".lock")


class DispatchLock:
    """``with DispatchLock(url):`` holds the file's lock, or raises AlreadyRunning at once."""

    def __init__(self, url: str | URL) -> None:
        self.path = lock_path(url)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        if self.path is None:
            return
        try:
            import fcntl
        except ImportError:  # not a POSIX system: no lock, as before
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 (held open for the lock's lifetime)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise AlreadyRunning(
                f"another noticebot process ({holder}) is already running on {self.path.with_suffix('')}; "
                "stop it first (several processes need PostgreSQL)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
