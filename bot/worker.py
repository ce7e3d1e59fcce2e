"""Parsing a large page in a child process, so the bot keeps answering everyone while it is read.

The parser is pure Python and CPU-bound: in a thread it holds the interpreter lock for most of the
time it runs, and every chat's answer waits its turn behind it; a child process leaves the bot's
process alone. A child can also be killed, which a thread cannot: when the bot is told to stop, a
page half read is dropped at once instead of holding the shutdown up for as long as it takes.

The child is ``python -m bot.worker``: the request (text, publication date, zone, the day it is
read) arrives pickled on its stdin and the ``PageResult`` goes back pickled on its stdout. Both ends
are this program, so pickle carries the domain values as they are. Small texts are parsed in place:
starting a process costs more than reading them.
"""

from __future__ import annotations

import asyncio
import pickle
import sys
from datetime import date
from zoneinfo import ZoneInfo

from notices.model import PageResult
from notices.parse import parse_page

INLINE_CHARS = 16_000
"""Texts up to this long are parsed on the event loop (a few tens of milliseconds); longer ones in a
child process."""


class ParseStopped(Exception):
    """The bot began to stop while the page was being read; nothing was parsed or stored."""


class WorkerFailed(Exception):
    """The child process ended without a result (killed from outside, out of memory, a parser bug)."""


async def parse_text(
    text: str, *, published: date | None, read_on: date | None, tz: ZoneInfo, stopping: asyncio.Event
) -> PageResult:
    """``parse_page`` for ``text``: in place when it is short, else in a child process that is killed as
    soon as ``stopping`` is set (then ParseStopped). ``read_on``: the day the page is read, from the
    caller's clock (a notice dated by nothing but its weekdays takes the latest year they fit)."""
    if stopping.is_set():
        raise ParseStopped
    if len(text) <= INLINE_CHARS:
        return parse_page(text, published=published, tz=tz, read_on=read_on)
    return await _in_child(pickle.dumps((text, published, tz, read_on)), stopping)


async def _in_child(request: bytes, stopping: asyncio.Event) -> PageResult:
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.worker",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    work = asyncio.ensure_future(child.communicate(request))
    stop = asyncio.ensure_future(stopping.wait())
    stopped = True
    try:
        await asyncio.wait((work, stop), return_when=asyncio.FIRST_COMPLETED)
        stopped = not work.done()
    finally:
        stop.cancel()
        if stopped:  # told to stop, or this task was cancelled: the child must not outlive it
            if child.returncode is None:
                child.kill()
            work.cancel()
            await asyncio.gather(work, return_exceptions=True)
            await child.wait()
    if stopped:
        raise ParseStopped
    output, errors = work.result()
    if child.returncode != 0:
        last = errors.decode(errors="replace").strip().splitlines()[-1:] or [
            f"exit status {child.returncode}"
        ]
        raise WorkerFailed(last[0])
    result = pickle.loads(output)  # written by our own child process
    if not isinstance(result, PageResult):
        raise WorkerFailed(f"the worker answered {type(result).__name__}")
    return result


def main() -> None:
    """The child: one request on stdin, its result on stdout."""
    text, published, tz, read_on = pickle.loads(sys.stdin.buffer.read())  # sent by our own parent
    result = parse_page(text, published=published, tz=tz, read_on=read_on)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
