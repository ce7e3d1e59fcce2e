"""``noticebot run`` as real processes against the local Bot API stand-in: a second instance on the same
token exits 3 and leaves the first running, Telegram unreachable at start-up is retried until it comes
up, and the log is a banner plus the lines that matter."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.error import Conflict

from bot.runlog import hide_password
from bot.runner import CONFLICT_MESSAGE, Backoff
from bot.standin import StandIn
from tests.conftest import env_for, postgres_url
from tests.standin_fixtures import stand_in_bot
from tests.test_bot_runner import free_port

BIN = Path(sys.executable).with_name("noticebot")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
BANNER_END = "Ctrl-C to stop"


class Bot:
    """One ``noticebot run`` process; its log (stdout and stderr together) is collected line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            self.lines.append(raw.decode(errors="replace").rstrip("\n"))
            self._changed.set()
        self._changed.set()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    async def wait_for(self, needle: str, *, count: int = 1, timeout: float = 30) -> None:  # noqa: ASYNC109
        async def seen() -> None:
            while sum(needle in line for line in self.lines) < count:
                if self._reader.done():
                    raise AssertionError(f"exited before {needle!r}:\n{self.output}")
                self._changed.clear()
                await self._changed.wait()

        try:
            await asyncio.wait_for(seen(), timeout)
        except TimeoutError:
            raise AssertionError(f"no {needle!r} within {timeout}s:\n{self.output}") from None

    async def exit_code(self, timeout: float = 30) -> int:  # noqa: ASYNC109
        code = await asyncio.wait_for(self.process.wait(), timeout)
        await self._reader
        return code

    async def interrupt(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
        return await self.exit_code()


@pytest.fixture
async def start_bot(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start ``noticebot run`` with this test's database, pointed at ``api`` with ``token``."""
    started: list[Bot] = []
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_"))}
    base.pop("DATABASE_URL", None)

    async def start(api: str, token: str, *args: str, **env: str) -> Bot:
        process = await asyncio.create_subprocess_exec(
            *ENTRY,
            "run",
            *args,
            cwd=tmp_path,
            env={
                **base,
                **env_for(db_url),
                "TELEGRAM_BOT_TOKEN": token,
                "TELEGRAM_API_BASE_URL": api,
                **env,
            },
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        bot = Bot(process)
        started.append(bot)
        return bot

    yield start
    for bot in started:
        if bot.process.returncode is None:
            bot.process.kill()
        await bot.exit_code()


@pytest.fixture
async def server() -> AsyncIterator[StandIn]:
    async with StandIn() as running:
        yield running


async def test_a_second_instance_exits_3_and_the_first_keeps_answering(  # type: ignore[no-untyped-def]
    server: StandIn, start_bot, tmp_path: Path
) -> None:
    first = await start_bot(server.url, server.token)
    await first.wait_for(BANNER_END)
    before = server.mark()
    # On SQLite a second process on the same file is refused before it looks at Telegram (see
    # test_worker_sqlite); here the second has a file of its own and meets the first on the token.
    own = {} if postgres_url() else {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'second.sqlite3'}"}
    second = await start_bot(server.url, server.token, **own)
    assert await second.exit_code() == 3
    assert second.lines == [CONFLICT_MESSAGE], "one clear line, nothing else"
    # The second instance only looked (getMe, getWebhookInfo, getUpdates): nothing deleted or set.
    assert {r.method for r in server.requests()[before:]} <= {"getMe", "getWebhookInfo", "getUpdates"}

    # The newcomer's probe cut the first instance's long poll off once; it polled again and is alone.
    await first.wait_for("409 Conflict")
    user = server.user("Ann", language_code="en")
    since = server.mark()
    server.user_message(user, None, "/help")
    [reply] = await server.wait_for_messages(user.id, since=since, timeout=15)
    assert "/subscribe" in (reply.plain or "")

    assert await first.interrupt() == 0
    assert sum("409 Conflict" in line for line in first.lines) == 1
    assert "Traceback" not in first.output


async def test_telegram_unreachable_at_start_up_is_retried_until_it_answers(start_bot) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    where = f"127.0.0.1:{port}"
    api = f"http://{where}"
    token = "123456789:STANDIN-token_for-local-tests"
    bot = await start_bot(
        api,
        token,
        NOTICEBOT_TELEGRAM_RETRY_SECONDS="0.05",
        NOTICEBOT_TELEGRAM_RETRY_MAX_SECONDS="0.4",
        NOTICEBOT_INSTANCE_CHECK_SECONDS="0",
    )
    await bot.wait_for("Telegram unreachable", count=3)
    async with StandIn(port=port, token=token) as server:
        await bot.wait_for(BANNER_END)
        user = server.user("Ann", language_code="en")
        [reply] = await server.say(user, None, "/help", timeout=15)
        assert "/subscribe" in (reply.plain or "")
    # Telegram gone again while stopping: the library's last getUpdates fails, in one line.
    assert await bot.interrupt() == 0
    assert "Traceback" not in bot.output
    retries = [line for line in bot.lines if "Telegram unreachable" in line]
    for line in retries:
        assert re.search(rf"WARNING .*Telegram unreachable at {where} \(.+\), retrying in [\d.]+ s$", line)
    waits = [float(re.findall(r"retrying in ([\d.]+) s", line)[0]) for line in retries]
    assert max(waits) <= 0.4, "capped"
    assert waits[-1] > waits[0], "growing"
    assert "Traceback" not in bot.output


async def test_an_invalid_token_still_exits_with_a_clear_message(server: StandIn, start_bot) -> None:  # type: ignore[no-untyped-def]
    bot = await start_bot(server.url, "42:wrong")
    assert await bot.exit_code() == 2
    assert bot.lines == ["Telegram rejected TELEGRAM_BOT_TOKEN (invalid token); check it with @BotFather."]


async def test_the_log_is_a_banner_and_the_events_that_matter(server: StandIn, start_bot) -> None:  # type: ignore[no-untyped-def]
    bot = await start_bot(server.url, server.token, NOTICEBOT_INSTANCE_CHECK_SECONDS="0")
    await bot.wait_for(BANNER_END)
    await server.wait_for_poller(timeout=10)
    await asyncio.sleep(2.5)  # the dispatch job runs every second
    assert await bot.interrupt() == 0
    messages = [line.split(": ", 1)[1] for line in bot.lines]
    assert messages[0] == f"noticebot {messages[0].split()[1]} running as @noticebot_test_bot (Notice Bot)"
    assert messages[1].startswith("  database:  ")
    assert messages[2] == f"  updates:   long polling ({server.url})"
    assert messages[3].startswith("  reminders: scheduler on")
    assert messages[4:] == [BANNER_END, "SIGINT received, stopping", "stopped"], bot.output

    verbose = await start_bot(server.url, server.token, "--verbose", NOTICEBOT_INSTANCE_CHECK_SECONDS="0")
    await verbose.wait_for("Running job")
    assert await verbose.interrupt() == 0
    assert "apscheduler" in verbose.output


def test_the_banner_hides_the_database_password() -> None:
    shown = hide_password("postgresql+asyncpg://bot:s3cr%40t@db.example:5432/noticebot")
    assert shown == "postgresql+asyncpg://bot:***@db.example:5432/noticebot"
    assert "s3cr" not in hide_password("postgresql+asyncpg://bot:s3cr@t@db/x")
    assert (
        hide_password("sqlite+aiosqlite:///./data/noticebot.sqlite3")
        == "sqlite+aiosqlite:///./data/noticebot.sqlite3"
    )


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    backoff = Backoff(1.0, 60.0)
    for attempt, nominal in enumerate([1, 2, 4, 8, 16, 32]):
        assert 0.8 * nominal <= backoff.delay(attempt) <= 1.2 * nominal
    assert all(backoff.delay(attempt) <= 60 for attempt in range(6, 100))
    assert len({backoff.delay(3) for _ in range(20)}) > 1, "jittered"


async def test_the_stand_in_ends_the_older_long_poll_not_the_newer(server: StandIn) -> None:
    """As Telegram does: a getUpdates that arrives while another is held makes the held one answer 409
    ("terminated by other getUpdates request"); the newcomer's request is served normally."""
    async with stand_in_bot(server) as older, stand_in_bot(server) as newer:
        held = asyncio.create_task(older.get_updates(timeout=30))
        await server.wait_for_poller()
        newer_poll = asyncio.create_task(newer.get_updates(timeout=30))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(held, 5)
        await server.wait_for_poller()
        user = server.user()
        server.user_message(user, None, "hello")
        updates = await asyncio.wait_for(newer_poll, 5)
        assert [u.message.text for u in updates if u.message] == ["hello"]
        with contextlib.suppress(Exception):
            held.cancel()
