"""Running the bot the way ``noticebot run`` does: polling that keeps pending updates, a second instance
(409 Conflict) that stops cleanly while the first keeps polling, webhook mode with a secret token, no
token, and ``noticebot try``. tests/test_run_process.py runs the same as real processes."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import datetime
from types import SimpleNamespace

import aiohttp
import pytest
from click.testing import CliRunner
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_application
from bot.cli_run import EXIT_NO_TOKEN, run
from bot.cli_try import _try
from bot.runner import Backoff, Outcome, Webhook, parse_listen, serve
from bot.standin import StandIn
from jobs.clock import FixedClock
from tests.standin_fixtures import stand_in_bot
from tests.test_bot_harness import TZ, bot_settings, publish_sample

pytest_plugins = ["tests.test_bot_harness"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_for(server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str):  # type: ignore[no-untyped-def]
    return build_application(
        bot_settings(db_url), sessions, clock=clock, token=server.token, base_url=server.url
    )


async def test_polling_answers_what_was_sent_while_the_bot_was_down(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    user = standin_server.user("Ann", language_code="en")
    standin_server.user_message(user, None, "/help")  # before the bot starts
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(app_for(standin_server, sessions, clock, db_url), stop=stop, poll_timeout=1, probe_seconds=0)
    )
    [reply] = await standin_server.wait_for_messages(user.id, timeout=10)
    assert "/subscribe" in (reply.plain or "")
    deletes = standin_server.requests("deleteWebhook")
    assert all(r.params.get("drop_pending_updates") in (None, False, "False", "false") for r in deletes)
    stop.set()
    assert await asyncio.wait_for(task, 10) is Outcome.STOPPED


async def test_a_second_instance_stops_with_conflict_instead_of_looping(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    standin_server.conflict_polling()
    outcome = await asyncio.wait_for(
        serve(app_for(standin_server, sessions, clock, db_url), poll_timeout=1), 10
    )
    assert outcome is Outcome.CONFLICT
    # The start-up check's one refused poll, and nothing else: polling never started.
    assert len(standin_server.requests("getUpdates", ok=False)) == 1
    assert not standin_server.requests("deleteWebhook")
    assert not standin_server.requests("setMyCommands")


async def test_a_running_instance_polls_again_after_a_newcomers_poll_cuts_it_off(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    """Telegram answers the older long poll with 409 when a newer getUpdates arrives (a second instance
    checking whether the token is taken): the running bot keeps polling and answering."""
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(app_for(standin_server, sessions, clock, db_url), stop=stop, poll_timeout=5, probe_seconds=0)
    )
    try:
        await standin_server.wait_for_poller(timeout=10)
        async with stand_in_bot(standin_server) as newcomer:
            assert await newcomer.get_updates(timeout=0) == ()
        await standin_server.wait_for("getUpdates", status=409, timeout=5)
        user = standin_server.user("Ann", language_code="en")
        [reply] = await standin_server.say(user, None, "/help", timeout=10)
        assert "/subscribe" in (reply.plain or "")
        assert not task.done()
    finally:
        stop.set()
    assert await asyncio.wait_for(task, 10) is Outcome.STOPPED


async def test_a_webhook_left_by_an_earlier_run_is_replaced_by_polling(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    async with stand_in_bot(standin_server) as earlier:
        await earlier.set_webhook("https://example.org/hook")
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(app_for(standin_server, sessions, clock, db_url), stop=stop, poll_timeout=1)
    )
    try:
        user = standin_server.user("Ann", language_code="en")
        [reply] = await standin_server.say(user, None, "/help", timeout=15)
        assert "/subscribe" in (reply.plain or "")
        assert standin_server.webhook is None
    finally:
        stop.set()
    assert await asyncio.wait_for(task, 10) is Outcome.STOPPED


async def test_a_webhook_set_under_a_polling_instance_stops_it(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    task = asyncio.create_task(
        serve(app_for(standin_server, sessions, clock, db_url), poll_timeout=5, probe_seconds=0)
    )
    await standin_server.wait_for_poller(timeout=10)
    async with stand_in_bot(standin_server) as other:
        await other.set_webhook("https://example.org/hook")
    assert await asyncio.wait_for(task, 10) is Outcome.WEBHOOK_CONFLICT


async def test_telegram_failing_between_getme_and_polling_is_retried_too(
    standin_server: StandIn,
    sessions: async_sessionmaker[AsyncSession],
    clock: FixedClock,
    db_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    standin_server.fail("deleteWebhook", 502, "Bad Gateway", count=2)
    stop = asyncio.Event()
    app = app_for(standin_server, sessions, clock, db_url)
    task = asyncio.create_task(
        serve(app, stop=stop, poll_timeout=1, probe_seconds=0, backoff=Backoff(0.01, 0.05))
    )
    try:
        user = standin_server.user("Ann", language_code="en")
        [reply] = await standin_server.say(user, None, "/help", timeout=10)
        assert "/subscribe" in (reply.plain or "")
    finally:
        stop.set()
    assert await asyncio.wait_for(task, 10) is Outcome.STOPPED
    retries = [r.getMessage() for r in caplog.records if "Telegram unreachable" in r.getMessage()]
    assert len(retries) == 2, retries
    assert len(standin_server.requests("deleteWebhook", ok=False)) == 2


async def test_webhook_mode_needs_the_secret_token(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    port = free_port()
    hook = Webhook(f"http://127.0.0.1:{port}/telegram/hook", "127.0.0.1", port, "s3cret-token_1")
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(app_for(standin_server, sessions, clock, db_url), webhook=hook, stop=stop, probe_seconds=0)
    )
    try:
        await standin_server.wait_for("setWebhook", timeout=10)
        [request] = standin_server.requests("setWebhook")
        assert request.params["secret_token"] == "s3cret-token_1"
        user = standin_server.user("Ann", language_code="zh")
        since = standin_server.mark()
        standin_server.user_message(user, None, "/start")
        [welcome] = await standin_server.wait_for_messages(user.id, since=since, timeout=10)
        assert "你好，Ann" in (welcome.plain or "")

        forged = {
            "update_id": 10**6,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": user.id, "type": "private"},
                "text": "/start",
            },
        }
        async with aiohttp.ClientSession() as client:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with client.post(hook.url, json=forged, headers=headers) as response:
                    assert response.status == 403
        await asyncio.sleep(0.2)
        assert len(standin_server.sent_to(user.id)) == 1, "refused requests reach no handler"
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 10) is Outcome.STOPPED


def test_listen_address_parsing() -> None:
    assert parse_listen("0.0.0.0:8443") == ("0.0.0.0", 8443)
    assert parse_listen("[::1]:80") == ("::1", 80)
    assert parse_listen(":9000") == ("0.0.0.0", 9000)
    for bad in ("localhost", "host:0", "host:99999", "host:http"):
        try:
            parse_listen(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_run_without_a_token_explains_and_exits_non_zero(db_url: str) -> None:
    settings = bot_settings(db_url)
    result = CliRunner().invoke(run, [], obj=SimpleNamespace(settings=settings))
    assert result.exit_code == EXIT_NO_TOKEN
    assert "@BotFather" in result.output
    assert "noticebot try" in result.output


async def test_try_is_a_terminal_conversation_with_numbered_buttons(
    sessions: async_sessionmaker[AsyncSession], sample_page: str, db_url: str
) -> None:
    await publish_sample(sessions, sample_page)
    typed: Iterator[str] = iter(["哪些路封闭", "1", "/subscribe", "1", "@ 封路", "99", "/quit"])
    output: list[str] = []

    async def read(prompt: str) -> str | None:
        line = next(typed, None)
        output.append(f"{prompt}{line}")
        return line

    await _try(bot_settings(db_url), datetime(2022, 5, 12, 9, tzinfo=TZ), "zh", read, output.append)
    text = "\n".join(output)
    assert "现在有 3 条已发布的公告" in text
    assert "  [1] ➕ 道路封闭" in text
    assert "当前及即将开始的道路封闭通知（1条）" in text
    assert "bot> #2 封路公告" in text or "封闭期限：2022年5月11日—26日（全天）\n📍" in text
    assert "💬 已订阅：道路封闭" in text
    assert "inline 1. 封路公告" in text
    assert "(no such button)" in text


async def test_try_ingests_the_example_pages_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    from bot.cli_try import ingest_examples

    first = await ingest_examples(sessions, TZ)
    assert first > 0
    assert await ingest_examples(sessions, TZ) == 0, "only into an empty database"


async def test_run_pushes_reminders_from_the_table(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], db_url: str, sample_page: str
) -> None:
    """`noticebot run` runs the scheduler beside the bot: a notice stored by `ingest` (not through the bot)
    is planned by the sweep and pushed to a subscriber, with the mute button, through the real HTTP API."""
    from bot.cli_run import reminder_jobs
    from db.chats import add_subscription, ensure_chat
    from db.engine import session_scope

    await publish_sample(sessions, sample_page)
    async with session_scope(sessions) as session:
        await ensure_chat(session, 4242, type="private", language="zh")
        await add_subscription(session, 4242, "category", "road_closure")
    clock = FixedClock(datetime(2022, 5, 10, 9, 0, tzinfo=TZ))
    settings = bot_settings(
        db_url, TELEGRAM_BOT_TOKEN=standin_server.token, TELEGRAM_API_BASE_URL=standin_server.url
    )
    app = build_application(settings, sessions, clock=clock)
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(
            app,
            stop=stop,
            poll_timeout=1,
            probe_seconds=0,
            background=reminder_jobs(settings, sessions, clock),
        )
    )
    try:
        [pushed] = await standin_server.wait_for_messages(4242, timeout=15)
        assert "寿山镇忠诚村至礼让村路段" in (pushed.plain or "")
        buttons = [b for row in pushed.reply_markup["inline_keyboard"] for b in row]
        assert any(b["callback_data"] == "mute:road_closure" for b in buttons)
    finally:
        stop.set()
        assert await asyncio.wait_for(task, 15) is Outcome.STOPPED
