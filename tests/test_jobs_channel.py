"""The broadcast channel: every published notice is posted there once, by whatever path it was published,
through the reminder outbox (announcements only, no buttons, corrections replying to the post), and
choosing a channel does not post the back catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from db.chats import add_subscription, get_broadcast_since, set_broadcast_channel
from db.engine import session_scope
from db.models import ReminderStatus, SentMessage
from db.store import replace_periods, set_status, store_page
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.due import Event
from jobs.planner import deactivate_chat, plan_chat, plan_notice, replan_notice, withdraw_notice
from notices.model import PageResult, ParsedNotice, Period
from tests.test_jobs_support import (
    SHANGHAI,
    ClockedSender,
    Sessions,
    add_chat,
    add_notice,
    local,
    recruitment,
    reminder_rows,
    road_closure,
    run_sweep,
    walk,
)

CHANNEL = -100_555
SUBSCRIBER = 42


async def choose_channel(sessions: Sessions, chat_id: int | None = CHANNEL) -> None:
    async with session_scope(sessions) as session:
        await set_broadcast_channel(session, chat_id, title="Notices")


def dispatcher_for(sessions: Sessions, clock: FixedClock) -> tuple[Dispatcher, ClockedSender]:
    sender = ClockedSender(clock)
    return Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep), sender


async def ingest(sessions: Sessions, *notices: ParsedNotice) -> list[int]:
    """Store published notices as ``noticebot ingest`` does (no planning: the sweep finds them)."""
    page = PageResult(notices=list(notices))
    async with session_scope(sessions) as session:
        report = await store_page(session, page, tz=SHANGHAI, source="ingest")
    return [stored.id for stored in report.stored]


async def test_an_ingested_notice_is_posted_once_with_no_buttons(sessions: Sessions) -> None:
    await choose_channel(sessions)
    await add_chat(sessions, SUBSCRIBER, [("category", "road_closure")])
    [road] = await ingest(sessions, road_closure())
    clock = FixedClock(local(10, 9))
    dispatcher, sender = dispatcher_for(sessions, clock)

    await walk(dispatcher, sessions, clock, local(1, 0, month=6))

    [post] = sender.to(CHANNEL)
    assert post.text.startswith("🆕 <b>道路封闭</b>｜封路公告"), "the text of any announcement"
    assert "寿山镇忠诚村至礼让村路段" in post.text
    assert post.buttons == []
    assert timedelta(0) <= post.at - local(10, 9) < timedelta(seconds=2), "at once, within the rate limits"
    # The subscriber, meanwhile, gets the whole series, with buttons.
    events = [r.event for r in await reminder_rows(sessions, chat_id=SUBSCRIBER)]
    assert events == [Event.NEW, Event.EVE, Event.STARTS, Event.ENDS]
    assert all(d.buttons for d in sender.to(SUBSCRIBER))
    rows = await reminder_rows(sessions, chat_id=CHANNEL)
    assert [(r.notice_id, r.event, r.status) for r in rows] == [(road, Event.NEW, ReminderStatus.SENT)]
    async with sessions() as session:
        kinds = list(await session.scalars(select(SentMessage.kind)))
    assert sorted(set(kinds)) == ["channel", "reminder"]


async def test_publishing_and_sweeping_post_once(sessions: Sessions) -> None:
    await choose_channel(sessions)
    now = local(12, 10)
    clock = FixedClock(now)
    dispatcher, sender = dispatcher_for(sessions, clock)
    draft = await add_notice(sessions, recruitment(), status="draft")
    async with session_scope(sessions) as session:
        await set_status(session, draft, "published")
        await plan_notice(session, draft, now=now, tz=SHANGHAI)
    await dispatcher.run_once()
    for _ in range(3):
        await run_sweep(sessions, clock)
        async with session_scope(sessions) as session:
            await plan_notice(session, draft, now=clock.now(), tz=SHANGHAI)
            await plan_chat(session, CHANNEL, now=clock.now(), tz=SHANGHAI)
        clock.advance(timedelta(hours=1))
        await dispatcher.run_once()
    assert len(sender.to(CHANNEL)) == 1
    assert "辽源农村商业银行" in sender.to(CHANNEL)[0].text
    # Only the announcement: no deadline countdown for the channel, whatever is planned later.
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))
    assert len(sender.to(CHANNEL)) == 1
    assert {r.event for r in await reminder_rows(sessions, chat_id=CHANNEL)} == {Event.NEW}


async def test_withdrawal_and_edit_reply_to_the_channel_post(sessions: Sessions) -> None:
    await choose_channel(sessions)
    now = local(10, 9)
    clock = FixedClock(now)
    dispatcher, sender = dispatcher_for(sessions, clock)
    [road, job] = await ingest(sessions, road_closure(), recruitment())
    await run_sweep(sessions, clock)
    await dispatcher.run_once()
    posts = {d.text.split("\n", 1)[0]: d for d in sender.to(CHANNEL)}
    assert len(posts) == 2
    road_post = next(d for d in sender.to(CHANNEL) if "封路公告" in d.text)
    job_post = next(d for d in sender.to(CHANNEL) if "人才引进" in d.text)

    clock.advance(timedelta(hours=1))
    async with session_scope(sessions) as session:
        await replace_periods(session, road, [Period(date(2022, 5, 11), date(2022, 5, 30))], tz=SHANGHAI)
        await replan_notice(session, road, now=clock.now(), tz=SHANGHAI)
        await set_status(session, job, "withdrawn")
        await withdraw_notice(session, job, now=clock.now(), tz=SHANGHAI)
    await dispatcher.run_once()
    await run_sweep(sessions, clock)
    await dispatcher.run_once()

    _first, _second, *corrections = sender.to(CHANNEL)
    assert len(corrections) == 2, "one correction each, no second announcement"
    changed = next(d for d in corrections if "更正" in d.text)
    assert "结束日期由5月26日改为5月30日" in changed.text
    assert changed.reply_to == road_post.message_id
    assert changed.buttons == []
    withdrawn = next(d for d in corrections if "已撤回" in d.text)
    assert withdrawn.reply_to == job_post.message_id


async def test_choosing_a_channel_does_not_post_the_back_catalogue(sessions: Sessions) -> None:
    clock = FixedClock(local(10, 9))
    dispatcher, sender = dispatcher_for(sessions, clock)
    [old] = await ingest(sessions, road_closure())
    await run_sweep(sessions, clock)
    await choose_channel(sessions)
    async with sessions() as session:
        since = await get_broadcast_since(session)
    assert since is not None
    await choose_channel(sessions)
    async with sessions() as session:
        assert await get_broadcast_since(session) == since, "choosing it again keeps its moment"

    [new] = await ingest(sessions, recruitment())
    clock.advance(timedelta(minutes=5))
    await run_sweep(sessions, clock)
    async with session_scope(sessions) as session:
        await plan_notice(session, old, now=clock.now(), tz=SHANGHAI)  # re-planning the old one: still not
        await plan_chat(session, CHANNEL, now=clock.now(), tz=SHANGHAI)
    await dispatcher.run_once()
    assert [d.text.split("\n", 1)[0] for d in sender.to(CHANNEL)] == [
        "🆕 <b>招聘</b>｜辽源农村商业银行股份有限公司2022年专业人才引进公告"
    ]
    assert {r.notice_id for r in await reminder_rows(sessions, chat_id=CHANNEL)} == {new}

    # Withdrawn before and published again after the channel was chosen: that is news for the channel.
    async with session_scope(sessions) as session:
        await set_status(session, old, "withdrawn")
        await withdraw_notice(session, old, now=clock.now(), tz=SHANGHAI)
    await run_sweep(sessions, clock)
    async with session_scope(sessions) as session:
        await set_status(session, old, "published")
    clock.advance(timedelta(minutes=5))
    await run_sweep(sessions, clock)
    await dispatcher.run_once()
    assert len(sender.to(CHANNEL)) == 2
    assert "封路公告" in sender.to(CHANNEL)[1].text


async def test_a_channel_given_up_gets_no_more_posts(sessions: Sessions) -> None:
    await choose_channel(sessions)
    now = local(10, 7)
    clock = FixedClock(now)
    dispatcher, sender = dispatcher_for(sessions, clock)
    road = await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        await plan_notice(session, road, now=now, tz=SHANGHAI)  # due at 08:00
    [row] = await reminder_rows(sessions, chat_id=CHANNEL)
    assert row.status == ReminderStatus.PENDING
    await choose_channel(sessions, None)
    [row] = await reminder_rows(sessions, chat_id=CHANNEL)
    assert row.status == ReminderStatus.CANCELLED
    job = await add_notice(sessions, recruitment())
    async with session_scope(sessions) as session:
        await plan_notice(session, job, now=now, tz=SHANGHAI)
        await plan_notice(session, road, now=now, tz=SHANGHAI)
    await walk(dispatcher, sessions, clock, local(12, 0))
    assert sender.to(CHANNEL) == []


async def test_the_channel_ignores_subscriptions_and_an_inactive_one_gets_nothing(sessions: Sessions) -> None:
    await choose_channel(sessions)
    async with session_scope(sessions) as session:
        await add_subscription(session, CHANNEL, "category", "road_closure")
    now = local(10, 9)
    road = await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        await plan_notice(session, road, now=now, tz=SHANGHAI)
    assert [r.event for r in await reminder_rows(sessions, chat_id=CHANNEL)] == [Event.NEW]

    clock = FixedClock(now)
    dispatcher, sender = dispatcher_for(sessions, clock)
    async with session_scope(sessions) as session:
        await deactivate_chat(session, CHANNEL, "bot was kicked")
    job = await add_notice(sessions, recruitment())
    async with session_scope(sessions) as session:
        await plan_notice(session, job, now=now, tz=SHANGHAI)
    await dispatcher.run_once()
    assert sender.to(CHANNEL) == []
    assert {r.notice_id for r in await reminder_rows(sessions, chat_id=CHANNEL)} == {road}


async def test_a_busy_day_keeps_the_channel_within_the_group_limit(sessions: Sessions) -> None:
    await choose_channel(sessions)
    pieces = [replace(road_closure(), title=f"封路公告（第{n}号）") for n in range(25)]
    await ingest(sessions, *pieces)
    clock = FixedClock(local(10, 9))
    dispatcher, sender = dispatcher_for(sessions, clock)
    await walk(dispatcher, sessions, clock, local(10, 10))

    times = [d.at for d in sender.to(CHANNEL)]
    assert len(times) == 25
    for index in range(len(times) - 20):
        assert times[index + 20] - times[index] > timedelta(minutes=1), "at most 20 a minute to a channel"
