"""``noticebot ingest`` over many files: each file's report is written as soon as it is stored, in order;
a progress bar runs on a terminal only (never into a pipe, never with --json)."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import env_for

BIN = Path(sys.executable).with_name("noticebot")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]
BAR = re.compile(r"\[[#-]{5,}\]")


def write_pages(folder: Path, count: int) -> list[str]:
    """``count`` pages of one road-closure notice each, every one about another road."""
    paths = []
    for number in range(count):
        page = folder / f"page-{number:03d}.txt"
        page.write_text(
            f"封路公告\n经交通警察支队批准，对和平{number}路（解放街至新华街路段）进行施工，施工期间全封闭，"
            "请过往车辆绕行。\n封闭期限：2022年6月1日至6月3日\n特此公告\n某市政工程有限公司\n2022年5月20日\n",
            encoding="utf-8",
        )
        paths.append(str(page))
    return paths


def environment(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA")}
    return {**env, **env_for(db_url), "COLUMNS": "100"}


async def test_each_files_report_comes_as_it_is_stored_without_a_bar_in_a_pipe(
    db_url: str, tmp_path: Path
) -> None:
    paths = write_pages(tmp_path, 300)
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *ENTRY,
        "ingest",
        *paths,
        cwd=tmp_path,
        env=environment(db_url),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    lines: list[str] = []
    arrived: list[float] = []
    async for raw in process.stdout:
        lines.append(raw.decode())
        arrived.append(time.monotonic())
    err = (await process.stderr.read()).decode()
    assert await process.wait() == 0, err

    headers = [line.split(": ", 1)[0] for line in lines if not line.startswith(("  ", "total:"))]
    assert headers == paths, "one report per file, in the order given"
    assert lines[-1] == "total: 300 stored, 0 duplicates, 0 skipped\n"
    # Written while the work went on, not all at the end: output flushed once arrives in one or two
    # reads a few microseconds apart; reports written as each file is stored arrive in many, with the
    # work between them (however long the interpreter took to start).
    pauses = sum(1 for a, b in itertools.pairwise(arrived) if b - a > 0.0005)
    assert pauses >= 10, pauses
    assert arrived[0] > started
    output = "".join(lines) + err
    for bar_trace in ("\r", "\x1b[", "Reading", "Storing"):
        assert bar_trace not in output
    assert not BAR.search(output)


def run_in_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run ``args`` with stdout and stderr on a pseudo-terminal; its exit code and everything shown."""
    master, slave = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return process.wait(timeout=60), shown.decode(errors="replace")


async def test_a_terminal_shows_a_progress_bar_under_the_reports(db_url: str, tmp_path: Path) -> None:
    paths = write_pages(tmp_path, 5)
    code, shown = await asyncio.to_thread(
        run_in_a_terminal, [*ENTRY, "ingest", *paths], tmp_path, environment(db_url)
    )
    assert code == 0, shown
    assert "Storing" in shown
    assert "5/5" in shown
    assert BAR.search(shown)
    text = re.sub(r"\r\x1b\[K|\x1b\[\?25[lh]", "", shown)
    for path in paths:
        assert f"{path}: 1 stored, 0 duplicates, 0 skipped" in text
    assert shown.rstrip().endswith("total: 5 stored, 0 duplicates, 0 skipped")

    code, shown = await asyncio.to_thread(
        run_in_a_terminal, [*ENTRY, "ingest", "--json", *paths], tmp_path, environment(db_url)
    )
    assert code == 0, shown
    assert "\x1b[" not in shown
    assert "Storing" not in shown
    assert json.loads(shown.replace("\r\n", "\n"))["duplicates"] == 5
