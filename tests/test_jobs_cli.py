"""``noticebot reminders``: the dry-run timeline for the sample page, as text and JSON, writing nothing."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import session_scope
from db.models import Chat, KeyValue, Reminder
from db.store import store_page
from jobs.timeline import timeline
from notices.parse import parse_page
from tests.conftest import env_for
from tests.test_jobs_support import SHANGHAI, Sessions, add_chat

ROOT = Path(__file__).resolve().parents[1]


async def ingest(sessions: Sessions, page: str) -> None:
    result = parse_page(page, published=date(2022, 5, 10), tz=SHANGHAI)
    async with session_scope(sessions) as session:
        await store_page(session, result, tz=SHANGHAI)


def _registered() -> bool:
    from bot.cli import LAZY_COMMANDS, main

    return "reminders" in LAZY_COMMANDS or "reminders" in main.commands


async def run_cli(db_url: str, *args: str) -> tuple[int, str, str]:
    """``noticebot reminders …`` through the real entry point once registered, else the command itself."""
    if _registered():
        command = [sys.executable, "-c", "from bot.cli import main; main()", "reminders", *args]
    else:
        command = [sys.executable, "-c", "from bot.cli_reminders import reminders; reminders()", *args]
    env = {**os.environ, **env_for(db_url), "NOTICEBOT_TZ": "Asia/Shanghai"}
    process = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def counts(sessions: Sessions) -> tuple[Any, ...]:
    async with sessions() as session:
        return tuple(
            [await session.scalar(select(func.count()).select_from(t)) for t in (Reminder, Chat, KeyValue)]
        )


async def test_road_closure_subscriber_timeline(sessions: Sessions, db_url: str, sample_page: str) -> None:
    await ingest(sessions, sample_page)
    before = await counts(sessions)
    code, out, err = await run_cli(
        db_url, "--category", "road_closure", "--from", "2022-05-09", "--to", "2022-06-01", "--json"
    )
    assert code == 0, err
    entries = json.loads(out)
    assert [(e["event"], e["due"]) for e in entries] == [
        ("new", "2022-05-10T08:00:00+08:00"),
        ("eve", "2022-05-10T20:00:00+08:00"),
        ("starts", "2022-05-11T08:00:00+08:00"),
        ("ends", "2022-05-27T08:00:00+08:00"),
    ]
    assert {e["chat"] for e in entries} == {0}
    assert len({e["notice_id"] for e in entries}) == 1
    assert "寿山镇忠诚村至礼让村路段" in entries[2]["text"]
    assert "<b>" not in entries[0]["text"]
    assert await counts(sessions) == before  # a dry run writes nothing

    code, out, _err = await run_cli(
        db_url, "--category", "道路封闭", "--from", "2022-05-09", "--to", "2022-06-01"
    )
    assert code == 0
    assert out.splitlines()[0].startswith("2022-05-10 08:00 +0800  chat 0 #")
    assert "2022-05-27 08:00 +0800" in out


async def test_keyword_and_chat_timelines(sessions: Sessions, db_url: str, sample_page: str) -> None:
    await ingest(sessions, sample_page)
    code, out, err = await run_cli(
        db_url, "--keyword", "农村商业银行", "--from", "2022-05-27", "--to", "2022-05-31", "--json"
    )
    assert code == 0, err
    # Subscribing at the start of the window: the notice is announced at once, then counted down.
    assert [(e["event"], e["due"][:16]) for e in json.loads(out)] == [
        ("new", "2022-05-27T00:00"),
        ("deadline", "2022-05-28T08:00"),
        ("deadline", "2022-05-30T08:00"),
        ("deadline", "2022-05-31T08:00"),
    ]
    await add_chat(sessions, 42, [("category", "recruitment")], digest=True, language="en")
    async with sessions() as session:
        entries = await timeline(
            session, start=date(2022, 5, 9), end=date(2022, 6, 1), tz=SHANGHAI, chat_id=42
        )
    assert [(e.event, e.due.strftime("%m-%d %H:%M")) for e in entries] == [
        ("digest", "05-10 08:00"),
        ("digest", "05-28 08:00"),
        ("digest", "05-30 08:00"),
        ("digest", "05-31 08:00"),
    ]
    assert entries[0].plain.startswith("🗞 Daily digest · May 10")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2022-13-01", "--to", "2022-06-01"), "not a date"),
        (("--from", "2022-06-01", "--to", "2022-05-01"), "ends before it starts"),
        (("--from", "2022-05-01", "--to", "2022-06-01", "--category", "nonsense"), "unknown category"),
        (("--from", "2022-05-01", "--to", "2022-06-01", "--chat", "1", "--keyword", "x"), "at most one"),
    ],
)
async def test_bad_options_get_one_line(db_url: str, args: tuple[str, ...], message: str) -> None:
    code, _out, err = await run_cli(db_url, *args)
    assert code != 0
    assert message in err
    assert "Traceback" not in err


WINDOWED = """中正路夜间封闭施工通告
因排水管道改造，中正路（民生路至和平路段）自2022年5月16日至5月18日，每晚22时至翌日6时封闭施工，请绕行中山路。
某某市公安局交通警察支队
2022年5月10日
"""


async def test_a_nightly_window_is_said_and_planned_before_the_first_night(
    sessions: Sessions, db_url: str
) -> None:
    """The reminders of a closure open only at night say the window, never "all day", and the
    "starts" reminder comes before the first night's closing, not the next morning."""
    await ingest(sessions, WINDOWED)
    code, out, err = await run_cli(
        db_url, "--category", "road_closure", "--from", "2022-05-09", "--to", "2022-06-01", "--json"
    )
    assert code == 0, err
    entries = {e["event"]: e for e in json.loads(out)}
    assert entries["starts"]["due"] == "2022-05-16T08:00:00+08:00"  # the morning before 22:00
    assert "每晚22:00—次日6:00" in entries["starts"]["text"]
    assert "全天" not in entries["starts"]["text"]
    assert "全天" not in entries["eve"]["text"]
