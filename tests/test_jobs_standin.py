"""Dispatch through the real python-telegram-bot to the local Bot API stand-in: what the server receives,
Telegram's limits and its failures (429, 403 mid-run, a 400 for one message, the server down)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.standin import FloodLimits, StandIn
from db.models import Chat, Reminder, ReminderStatus
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.sender import TelegramSender
from tests.test_jobs_support import (
    SHANGHAI,
    Sessions,
    add_chat,
    local,
    publish,
    recruitment,
    reminder_rows,
    road_closure,
    walk,
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(local(10, 7, 30))


@pytest.fixture
async def server(clock: FixedClock) -> AsyncIterator[StandIn]:
    def now() -> float:
        return clock.now().timestamp()

    async with StandIn(clock=now, monotonic=now) as stand_in:
        stand_in.enforce_limits(FloodLimits(), clock=now)
        yield stand_in


@pytest.fixture
async def bot(server: StandIn) -> AsyncIterator[Bot]:
    async with Bot(server.token, base_url=server.base_url) as telegram_bot:
        yield telegram_bot


def dispatcher_for(sessions: Sessions, bot: Bot, clock: FixedClock, **options: float) -> Dispatcher:
    return Dispatcher(sessions, TelegramSender(bot), clock, tz=SHANGHAI, sleep=clock.sleep, **options)  # type: ignore[arg-type]


async def test_may_walk_over_http(sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock) -> None:
    await add_chat(sessions, 101, [("category", "road_closure")])
    await add_chat(sessions, 102, [("keyword", "人才引进")], language="en")
    await add_chat(
        sessions,
        -2001,
        [("category", "road_closure"), ("category", "recruitment")],
        type="group",
        digest=True,
    )
    dispatcher = dispatcher_for(sessions, bot, clock)
    await publish(sessions, road_closure(), now=clock.now())
    await publish(sessions, recruitment(), now=clock.now())
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))

    private = server.sent_to(101)
    assert [m.plain.split("\n")[0] for m in private if m.plain] == [
        "🆕 道路封闭｜封路公告",
        "⚠️ 明天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。",
        "📌 今天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。",
        "✅ 寿山镇忠诚村至礼让村路段恢复通行。",
    ]
    assert all(m.parse_mode == "HTML" for m in private)
    keyboard = private[0].reply_markup
    assert keyboard is not None
    assert keyboard["inline_keyboard"][0][0]["callback_data"] == "mute:road_closure"
    english = [m.plain.split("\n")[0] for m in server.sent_to(102) if m.plain]
    title = recruitment().title
    assert english[1:] == [
        f"⏰ 3 days left (until May 31): {title}",
        f"⏰ Deadline tomorrow (May 31): {title}",
        f"⏰ Last day today: {title}",
    ]
    assert len(server.sent_to(-2001)) == 6
    assert server.count_429 == 0
    # The message ids the server handed out are the ones stored (corrections reply to them).
    rows = await reminder_rows(sessions, chat_id=101)
    assert [r.message_id for r in rows] == [m.message_id for m in private]


async def test_limits_hold_for_a_burst(
    sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock
) -> None:
    """25 notices at once for 30 private chats and a group: nothing trips a flood limit."""
    for chat_id in range(1, 31):
        await add_chat(sessions, chat_id, [("category", "recruitment")])
    await add_chat(sessions, -600, [("category", "recruitment")], type="group")
    notices = []
    for index in range(25):
        notice = recruitment()
        notice.title = f"{notice.title}（第{index + 1}批）"
        notices.append(notice)
    dispatcher = dispatcher_for(sessions, bot, clock)
    for notice in notices:
        await publish(sessions, notice, now=clock.now())
    clock.set(local(10, 8))
    start = clock.now()
    stats = await dispatcher.run_once()
    assert server.count_429 == 0
    assert stats.flood_waits == 0
    group = [m.time for m in server.sent_to(-600)]
    assert len(group) == 25
    assert group[20] - group[0] >= 60  # at most 20 a minute to a group
    one = [m.time for m in server.sent_to(7)]
    assert len(one) == 25
    assert all(b - a >= 1 for a, b in itertools.pairwise(one))
    times = sorted(m.time for m in server.sent)
    assert all(times[i + 30] - times[i] >= 0.98 for i in range(len(times) - 30))
    assert len(times) == 25 * 31
    # The group's 25 messages need 60 s and more; everything else fits around them.
    assert (clock.now() - start).total_seconds() < 75


async def test_429_pauses_everything(
    sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock
) -> None:
    for chat_id in range(1, 11):
        await add_chat(sessions, chat_id, [("category", "road_closure")])
    await publish(sessions, road_closure(), now=clock.now())
    clock.set(local(10, 8))
    server.rate_limit(count=1, retry_after=7)
    stats = await dispatcher_for(sessions, bot, clock).run_once()
    assert stats.flood_waits == 1
    assert stats.sent == 10
    calls = server.requests("sendMessage")
    assert calls[0].status == 429
    assert calls[1].time - calls[0].time >= 7
    assert len(server.sent) == 10


async def test_403_mid_run(sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock) -> None:
    for chat_id in (1, 2, 3):
        await add_chat(sessions, chat_id, [("category", "road_closure")])
    await publish(sessions, road_closure(), now=clock.now())
    dispatcher = dispatcher_for(sessions, bot, clock)
    await walk(dispatcher, sessions, clock, local(10, 21))  # "new" and "eve" went out to everyone
    server.block(2, "blocked")
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))
    assert len(server.sent_to(1)) == len(server.sent_to(3)) == 4
    assert len(server.sent_to(2)) == 2
    async with sessions() as session:
        chat = await session.get(Chat, 2)
        assert chat is not None
        assert not chat.active
        assert chat.inactive_reason == "Forbidden: bot was blocked by the user"
    rows = await reminder_rows(sessions, chat_id=2)
    # The start was cancelled; the reopening was never written, the chat having left before the planning
    # horizon reached it.
    assert [r.status for r in rows] == ["sent", "sent", "cancelled"]
    assert len(server.requests("sendMessage", chat_id=2)) == 3  # one refused attempt, no retries


async def test_400_for_one_message(sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure"), ("category", "recruitment")])
    server.reject_message("人才引进", description="Bad Request: message is too long")
    await publish(sessions, road_closure(), now=clock.now())
    await publish(sessions, recruitment(), now=clock.now())
    dispatcher = dispatcher_for(sessions, bot, clock)
    await walk(dispatcher, sessions, clock, local(12, 0))
    failed = [r for r in await reminder_rows(sessions) if r.status == ReminderStatus.FAILED]
    assert [(r.event, r.attempts) for r in failed] == [("new", 1)]
    assert "too long" in (failed[0].last_error or "").lower()
    assert len(server.sent_to(1)) == 3  # the closure's new, eve and start
    refused = [r for r in server.requests("sendMessage") if r.status == 400]
    assert len(refused) == 1


async def test_server_down_for_a_while(
    sessions: Sessions, server: StandIn, bot: Bot, clock: FixedClock
) -> None:
    for chat_id in range(1, 6):
        await add_chat(sessions, chat_id, [("category", "road_closure")])
    await publish(sessions, road_closure(), now=clock.now())
    clock.set(local(10, 8))
    server.go_down(120)
    dispatcher = dispatcher_for(sessions, bot, clock)
    stats = await walk(dispatcher, sessions, clock, local(10, 9))
    assert stats.retried >= 3
    assert stats.failed == 0
    assert sorted(m.chat.id for m in server.sent) == [1, 2, 3, 4, 5]
    first_ok = min(r.time for r in server.requests("sendMessage", ok=True))
    assert first_ok >= local(10, 8).timestamp() + 120
    # Backoff: a handful of probes during the two minutes, not a storm.
    assert len([r for r in server.requests("sendMessage") if not r.ok]) <= 10
    async with sessions() as session:
        rows = list(await session.scalars(select(Reminder).where(Reminder.event == "new")))
    assert {r.status for r in rows} == {ReminderStatus.SENT}
    assert max(r.attempts for r in rows) >= 1
    assert clock.now() - local(10, 8) <= timedelta(hours=1)
