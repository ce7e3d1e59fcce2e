"""Reading a page for ``noticebot ingest`` and ``noticebot parse``: a file, standard input or an
http(s) URL, capped at ``NOTICEBOT_MAX_INPUT_BYTES``, decoded and parsed.

Every refusal (no such file, a directory, too large, not a page) is an ``InputError`` naming the
source, which the command line prints as one line.
"""

from __future__ import annotations

import os
import stat
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.cli_support import App
    from notices.model import PageResult

ACCEPTED = "give a .txt, .pdf or .html file, or an http(s) URL"
"""What the command line reads, said in every refusal of a file it cannot."""


def source_label(path: str) -> str:
    return "stdin" if path == "-" else path


def is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def read_bytes(path: str, max_bytes: int) -> bytes:
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
        raise InputError(f"{source_label(path)}: too large, {limit}")
    return data


def read_page(path: str, app: App, published: date | None) -> PageResult:
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
        data = read_bytes(path, max_bytes)
    label = source_label(path)
    try:
        text = decode_input(
            data, name=label, max_bytes=max_bytes, charset=charset, html=html, accepted=ACCEPTED
        )
    except InputError as exc:
        message = str(exc)
        raise InputError(message if label in message else f"{label}: {message}") from None
    # a notice dated by nothing but its weekdays takes the latest year they fit up to today
    return parse_page(text, published=published, tz=app.tz, read_on=datetime.now(app.tz).date())
