"""On SQLite one process dispatches: a second ``noticebot worker`` or ``noticebot run`` on the same file is
refused with one line, while a short ``ingest`` beside the running worker just works (it waits for the
file's write lock, never failing with "database is locked"). SIGTERM stops a worker cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

import notices
from bot.standin import StandIn
from db.models import ReminderStatus
from tests.conftest import env_for, postgres_url
from tests.test_jobs_support import Sessions
from tests.workers_support import ENTRY, seed_outbox, start_worker, statuses, wait_all_sent

pytestmark = pytest.mark.skipif(postgres_url() is not None, reason="the one-process rule is SQLite's")

EXAMPLES = Path(notices.__file__).parent / "examples"


async def cli(db_url: str, server: StandIn, cwd: Path, *args: str) -> tuple[int, list[str]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_", "DATABASE_"))}
    env = {**base, **env_for(db_url), "TELEGRAM_BOT_TOKEN": server.token, "TELEGRAM_API_BASE_URL": server.url}
    process = await asyncio.create_subprocess_exec(
        *ENTRY, *args, cwd=cwd, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, (out + err).decode(errors="replace").splitlines()


async def wait_for_line(process: asyncio.subprocess.Process, needle: str, lines: list[str]) -> None:
    assert process.stdout is not None
    while not any(needle in line for line in lines):
        raw = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        assert raw, "\n".join(lines)
        lines.append(raw.decode(errors="replace").rstrip("\n"))


async def test_a_second_process_on_one_file_is_refused_and_ingest_works_beside(
    sessions: Sessions, db_url: str, tmp_path: Path
) -> None:
    total = sum((await seed_outbox(sessions, [(30_000 + i, "private", 6) for i in range(150)])).values())
    async with StandIn() as server:
        first = await start_worker(db_url, server, tmp_path, NOTICEBOT_GLOBAL_RATE="300")
        lines: list[str] = []
        try:
            await wait_for_line(first, "sending reminders", lines)
            # a short command beside the running worker, while it writes what it sends
            page = sorted(EXAMPLES.glob("*.txt"))[0]
            code, said = await cli(db_url, server, tmp_path, "ingest", str(page))
            assert code == 0, said
            assert not any("locked" in line for line in said)
            assert 0 < len(server.sent) < total, "the ingest ran while the worker was sending"
            for command in (["worker"], ["run"]):
                code, said = await cli(db_url, server, tmp_path, *command)
                assert code == 3
                assert len(said) == 1, said
                assert said[0].startswith("another noticebot process (pid ")
                assert "is already running on" in said[0]
                assert "PostgreSQL" in said[0]
            await wait_all_sent(sessions, total, timeout=60)
        finally:
            if first.returncode is None:
                first.send_signal(signal.SIGTERM)
            rest, _ = await asyncio.wait_for(first.communicate(), timeout=30)
        log = "\n".join(lines) + rest.decode(errors="replace")
        assert first.returncode == 0, log
        assert "SIGTERM received" in log
        assert "stopped" in log
        assert "Traceback" not in log
        assert len(server.sent) == total
    assert await statuses(sessions) == {ReminderStatus.SENT: total}

    # the lock went with the process: the next one starts
    async with StandIn() as server:
        again = await start_worker(db_url, server, tmp_path)
        lines = []
        await wait_for_line(again, "sending reminders", lines)
        again.send_signal(signal.SIGTERM)
        await asyncio.wait_for(again.communicate(), timeout=30)
        assert again.returncode == 0
