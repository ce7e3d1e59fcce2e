"""Operations: ``/healthz`` (200 with the outbox counted, 503 when the database does not answer or the
reminders lag), ``/metrics`` parsed as Prometheus text, JSON log lines without tokens or what people
wrote, and a web process stopping cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.ops import database_health, serve_ops
from bot.runner import token_secret
from bot.standin import StandIn
from db.engine import make_engine, make_sessionmaker, session_scope
from db.models import Chat, Notice, Reminder
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.metrics import REGISTRY
from jobs.scheduler import DISPATCH_JOB, SWEEP_JOB, jobs_for
from tests.conftest import postgres_url
from tests.test_bot_runner import free_port
from tests.test_jobs_support import SHANGHAI, ClockedSender, add_chat, add_notice, local, road_closure
from tests.test_run_process import BANNER_END, start_bot  # noqa: F401  (a fixture)

NOW = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as client, client.get(url) as response:
        return response.status, await response.text()


async def one_late_reminder(sessions: async_sessionmaker[AsyncSession], late: timedelta) -> None:
    async with session_scope(sessions) as session:
        session.add(Chat(id=5, type="private"))
        notice = Notice(title="Road closed", category="road_closure", body="", content_hash="h1")
        session.add(notice)
        await session.flush()
        session.add(Reminder(chat_id=5, notice_id=notice.id, event="start", due_at=NOW - late))
        session.add(Reminder(chat_id=5, notice_id=notice.id, event="end", due_at=NOW + timedelta(days=1)))


async def test_healthz_counts_the_outbox_and_metrics_parse(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await one_late_reminder(sessions, timedelta(seconds=90))
    clock = FixedClock(NOW)
    web = await serve_ops("127.0.0.1", 0, database_health(sessions, role="web", clock=clock))
    worker = await serve_ops(
        "127.0.0.1", 0, database_health(sessions, role="worker", clock=clock, max_lag=60)
    )
    try:
        status, body = await get(f"http://127.0.0.1:{web.port}/healthz")
        assert status == 200
        health = json.loads(body)
        assert health == {
            "role": "web",
            "database": "ok",
            "outbox_depth": 1,
            "dispatch_lag_seconds": 90.0,
            "status": "ok",
        }
        status, body = await get(f"http://127.0.0.1:{worker.port}/healthz")
        assert status == 503, "a worker whose oldest due reminder is 90 s late (limit 60) is unhealthy"
        assert json.loads(body)["problem"] == "the oldest due reminder is 90 s late (limit 60 s)"

        status, text = await get(f"http://127.0.0.1:{web.port}/metrics")
        assert status == 200
        families = {family.name: family for family in text_string_to_metric_families(text)}
        assert families["noticebot_outbox_depth"].samples[0].value == 1
        assert families["noticebot_dispatch_lag_seconds"].samples[0].value == 90
        assert {"noticebot_updates_handled", "noticebot_messages", "noticebot_planning_seconds"} <= set(
            families
        )
    finally:
        await web.close()
        await worker.close()


async def aiosqlite_threads_stopped() -> None:
    """Wait (the loop running) for the worker threads of aiosqlite connections to end. A connection
    that fails to open asks its thread to stop without waiting for it; the thread then posts its answer
    to the loop, and if the test's loop has closed by then, it fails with "Event loop is closed" in the
    middle of whichever test runs next."""
    for thread in threading.enumerate():
        if "_connection_worker_thread" in thread.name:
            await asyncio.to_thread(thread.join, 10)


async def test_healthz_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    url = (
        "postgresql+asyncpg://postgres@127.0.0.1:1/test"
        if postgres_url()
        else f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'dir' / 'db.sqlite3'}"
    )
    engine = make_engine(url)
    server = await serve_ops("127.0.0.1", 0, database_health(make_sessionmaker(engine), role="worker"))
    try:
        status, body = await get(f"http://127.0.0.1:{server.port}/healthz")
        assert status == 503
        health = json.loads(body)
        assert (health["status"], health["database"], health["role"]) == (
            "unhealthy",
            "unreachable",
            "worker",
        )
        status, text = await get(f"http://127.0.0.1:{server.port}/metrics")
        assert status == 200, "metrics are served even when the database is down"
        assert list(text_string_to_metric_families(text))
    finally:
        await server.close()
        await engine.dispose()
        await aiosqlite_threads_stopped()  # each check above failed to open the SQLite file


async def test_a_web_process_logs_json_lines_serves_ops_and_stops_on_sigterm(
    start_bot,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    async with StandIn() as server:
        port, ops_port = free_port(), free_port()
        bot = await start_bot(
            server.url,
            server.token,
            "--webhook",
            f"http://127.0.0.1:{port}/hook",
            "--listen",
            f"127.0.0.1:{port}",
            "--no-scheduler",
            "--ops-listen",
            f"127.0.0.1:{ops_port}",
            NOTICEBOT_LOG_FORMAT="json",
            NOTICEBOT_INSTANCE_CHECK_SECONDS="0",
        )
        await bot.wait_for(BANNER_END)
        [hook] = server.requests("setWebhook")
        assert hook.params["secret_token"] == token_secret(server.token), "derived from the token"
        user = server.user("Ann", language_code="en")
        server.user_message(user, None, "/start")
        server.user_message(user, None, "where is the private-words-42 closure")
        await server.wait_for_messages(user.id, count=2, timeout=20)
        await bot.wait_for('"update_id"', count=2)

        for where in (port, ops_port):
            status, body = await get(f"http://127.0.0.1:{where}/healthz")
            assert status == 200
            assert json.loads(body)["role"] == "web"
        status, text = await get(f"http://127.0.0.1:{port}/metrics")
        handled = {
            sample.labels["kind"]: sample.value
            for family in text_string_to_metric_families(text)
            if family.name == "noticebot_updates_handled"
            for sample in family.samples
            if sample.name == "noticebot_updates_handled_total"
        }
        assert handled == {"command": 1, "message": 1}

        bot.process.send_signal(signal.SIGTERM)
        assert await bot.exit_code() == 0
    lines = [json.loads(line) for line in bot.lines if line.strip()]  # every line is one JSON object
    events = [line for line in lines if line.get("update_id") is not None]
    assert len(events) == 2
    assert {event["chat_id"] for event in events} == {user.id}
    assert all(event["level"] == "info" and event["logger"] == "bot.webhook" for event in events)
    assert any("stopping" in line["msg"] for line in lines), "SIGTERM is logged and the process stops"
    assert "private-words-42" not in bot.output, "what people write stays out of the log"
    assert server.token not in bot.output
    assert server.token.split(":")[1] not in bot.output


def test_json_lines_hide_a_token_in_any_message() -> None:
    from bot.runlog import JsonLines, _no_tokens

    token = "123456789:AAF" + "x" * 32
    record = logging.LogRecord(
        "httpx", logging.WARNING, __file__, 1, "POST %s failed", (f"/bot{token}/x",), None
    )
    assert _no_tokens(record)
    line = json.loads(JsonLines().format(record))
    assert line["msg"] == "POST /bot<token>/x failed"
    assert token not in json.dumps(line)


def sample(name: str, **labels: str) -> float:
    """The current value of a sample in this process's registry (0 when absent)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_sends_outcomes_and_planning_time_are_counted(
    sessions: async_sessionmaker[AsyncSession],
) -> None:

    clock = FixedClock(local(10, 8))
    sender = ClockedSender(clock)
    await add_chat(sessions, 5, [("category", "road_closure")])
    await add_notice(sessions, road_closure())
    dispatcher = Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep)
    jobs = jobs_for(dispatcher, sessions=sessions, clock=clock, tz=SHANGHAI)
    sent_before = sample("noticebot_messages_total", outcome="sent", reason="none")
    plans_before = sample("noticebot_planning_seconds_count")
    await jobs[SWEEP_JOB]()
    assert sample("noticebot_planning_seconds_count") == plans_before + 1
    await jobs[DISPATCH_JOB]()
    assert sender.log, "the sweep planned the announcement and the dispatcher sent it"
    assert sample("noticebot_messages_total", outcome="sent", reason="none") == sent_before + len(sender.log)
