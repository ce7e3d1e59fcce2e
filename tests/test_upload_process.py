"""A real ``noticebot run`` told to stop (SIGTERM) while an admin's large page is being read: it exits
within a few seconds, the child reading the page is gone, nothing is stored and the admin is told to
send the page again."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.standin import StandIn
from tests.test_bot_harness import ADMIN_ID
from tests.test_bot_uploads import big_page, notice_count
from tests.test_run_process import BANNER_END

pytest_plugins = ["tests.test_run_process"]

STOP_SECONDS = 5.0


def gone(pids: set[int]) -> bool:
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


def children(pid: int) -> set[int]:
    """The processes ``pid`` started that are still there (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


async def test_sigterm_while_a_large_page_is_read_stops_within_seconds(
    server: StandIn,
    start_bot,  # type: ignore[no-untyped-def]
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    bot = await start_bot(
        server.url, server.token, ADMIN_IDS=str(ADMIN_ID), NOTICEBOT_INSTANCE_CHECK_SECONDS="0"
    )
    await bot.wait_for(BANNER_END)
    admin = server.user("Editor", user_id=ADMIN_ID, language_code="en")
    page = big_page(variants=5, copies=2000)  # 7.3 MB: many seconds of reading
    since = server.mark()
    server.document(admin, None, "big.txt", page.encode())
    [reading] = await server.wait_for_messages(admin.id, since=since, timeout=30)
    assert (reading.plain or "").startswith("Reading big.txt (7.3 MB)")
    workers: set[int] = set()
    for _ in range(100):  # the message goes out just before the child starts
        if workers := children(bot.process.pid):
            break
        await asyncio.sleep(0.05)
    assert workers, "the page is read by a child process"

    loop = asyncio.get_running_loop()
    started = loop.time()
    bot.process.send_signal(signal.SIGTERM)
    assert await bot.exit_code(timeout=30) == 0
    took = loop.time() - started
    assert took < STOP_SECONDS, f"took {took:.1f} s to stop:\n{bot.output}"

    assert gone(workers), "the child reading the page is gone with the bot"
    told = [m.plain or "" for m in server.sent_to(admin.id)]
    assert told[-1] == (
        "The bot is restarting: I stopped reading big.txt and stored nothing. "
        "Please send it again in a minute."
    )
    assert await notice_count(sessions) == 0
    assert "SIGTERM received, stopping" in bot.output
    assert "Traceback" not in bot.output
