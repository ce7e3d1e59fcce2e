"""Pages read from things whose size is not known in advance (/dev/zero, a FIFO, a pipe on stdin): at most
the limit + 1 bytes are read, then the page is refused in one line. The processes run with a 2 GB
address-space cap, so reading without a bound fails the test quickly instead of filling the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
from pathlib import Path
from typing import IO

import pytest

from tests.test_cli import ENTRY, ROAD

LIMIT = 100_000
CAP = 2 * 1024**3


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def noticebot(tmp_path: Path, *args: str, stdin: IO[bytes] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA")}
    env.update(NOTICEBOT_MAX_INPUT_BYTES=str(LIMIT), DATABASE_URL=f"sqlite:///{tmp_path / 'input.db'}")
    return subprocess.run(
        [*ENTRY, *args],
        cwd=tmp_path,
        env=env,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_cap_memory,
    )


def assert_too_large(done: subprocess.CompletedProcess[str], label: str) -> None:
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: {label}: too large, more than the {LIMIT:,}-byte limit; split the page"
    ]


@pytest.mark.parametrize("command", ["parse", "ingest"])
def test_dev_zero_is_refused(tmp_path: Path, command: str) -> None:
    assert_too_large(noticebot(tmp_path, command, "/dev/zero"), "/dev/zero")


@pytest.mark.parametrize("command", ["parse", "ingest"])
def test_endless_stdin_is_refused(tmp_path: Path, command: str) -> None:
    with open("/dev/zero", "rb") as zeros:
        assert_too_large(noticebot(tmp_path, command, "-", stdin=zeros), "stdin")


class Writer(threading.Thread):
    """Writes ``data`` to a FIFO (``repeat``: over and over until the reader goes away)."""

    def __init__(self, fifo: Path, data: bytes, *, repeat: bool) -> None:
        super().__init__(daemon=True)
        self.fifo, self.data, self.repeat = fifo, data, repeat
        self.written = 0
        self.reader_left = False

    def run(self) -> None:
        with open(self.fifo, "wb", buffering=0) as pipe:
            try:
                while True:
                    self.written += pipe.write(self.data)
                    if not self.repeat:
                        return
            except BrokenPipeError:
                self.reader_left = True


@pytest.mark.parametrize("command", ["parse", "ingest"])
def test_endless_fifo_is_refused(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)
    writer = Writer(fifo, b"x" * 65536, repeat=True)
    writer.start()
    assert_too_large(noticebot(tmp_path, command, str(fifo)), str(fifo))
    writer.join(timeout=10)
    assert writer.reader_left
    assert writer.written < 20 * LIMIT  # read at most the limit + 1, plus what the pipe buffers


def test_a_page_from_a_fifo_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)
    writer = Writer(fifo, ROAD.encode(), repeat=False)
    writer.start()
    done = noticebot(tmp_path, "parse", str(fifo), "--json")
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert '"title": "封路公告"' in done.stdout


def test_a_regular_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(LIMIT + 1)
    done = noticebot(tmp_path, "parse", str(huge))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"Error: {huge}: too large ({LIMIT + 1:,} bytes), more than the {LIMIT:,}-byte limit; split the page"
    ]
