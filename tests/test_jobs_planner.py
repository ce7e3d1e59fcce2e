"""Planning: which chats get which reminders, when, and how re-planning keeps the outbox consistent."""

from __future__ import annotations

from datetime import UTC, date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus
from db.store import replace_periods, set_status
from jobs.due import Event
from jobs.planner import (
    HORIZON,
    deactivate_chat,
    extend_horizon,
    plan_chat,
    plan_notice,
    plan_notices,
    replan_notice,
    snooze,
    sweep,
    withdraw_notice,
)
from notices.model import Period
from tests.test_jobs_support import (
    SHANGHAI,
    Sessions,
    add_chat,
    add_notice,
    local,
    recruitment,
    reminder_rows,
    road_closure,
)

JUNE = local(1, 0, month=6)
"""Tests of what each chat is owed plan through May, past the planning horizon."""


def plan_of(rows: list[Reminder], chat_id: int, zone: ZoneInfo = SHANGHAI) -> list[tuple[str, str, str]]:
    return [
        (r.event, r.point, r.due_at.astimezone(zone).strftime("%m-%d %H:%M"))
        for r in rows
        if r.chat_id == chat_id and r.status == ReminderStatus.PENDING
    ]


async def test_publish_plans_each_kind_of_subscriber(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("place", "忠诚村")])
    await add_chat(sessions, 3, [("keyword", "人才引进")])
    await add_chat(sessions, 4, [("category", "rental"), ("keyword", "无关词")])
    await add_chat(sessions, 5, [("category", "road_closure")], active=False)
    road = await add_notice(sessions, road_closure())
    job = await add_notice(sessions, recruitment())
    now = local(10, 7, 30)
    async with session_scope(sessions) as session:
        assert await plan_notices(session, [road], now=now, tz=SHANGHAI, until=JUNE) == 8
        assert await plan_notices(session, [job], now=now, tz=SHANGHAI, until=JUNE) == 4
    rows = await reminder_rows(sessions)
    closure = [("new", "", "05-10 08:00"), ("eve", "", "05-10 20:00"), ("starts", "", "05-11 08:00")]
    closure.append(("ends", "", "05-27 08:00"))
    assert plan_of(rows, 1) == closure
    assert plan_of(rows, 2) == closure
    assert plan_of(rows, 3) == [
        ("new", "", "05-10 08:00"),
        ("deadline", "3", "05-28 08:00"),
        ("deadline", "1", "05-30 08:00"),
        ("deadline", "0", "05-31 08:00"),
    ]
    assert plan_of(rows, 4) == []
    assert plan_of(rows, 5) == []


async def test_planning_twice_writes_nothing_new(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure"), ("place", "寿山镇")])
    road = await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        first = await plan_notice(session, road, now=local(10, 7), tz=SHANGHAI)
        again = await plan_notice(session, road, now=local(10, 7), tz=SHANGHAI)
    assert first == 3  # new, eve and start; the reopening is beyond the horizon
    assert again == 0
    assert len(await reminder_rows(sessions)) == 3


async def test_chat_settings_shape_the_plan(sessions: Sessions) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    await add_chat(sessions, 1, [("category", "road_closure")], quiet_start=21 * 60, quiet_end=9 * 60)
    await add_chat(sessions, 2, [("category", "road_closure")], tz="Europe/Berlin")
    await add_chat(sessions, 3, [("category", "recruitment")], digest=True, deadline_days="7, 2")
    await add_chat(sessions, 4, [("category", "road_closure")], quiet_start=19 * 60, quiet_end=7 * 60)
    await add_chat(sessions, 5, [("category", "road_closure")], digest=True, morning_hour=7)
    road = await add_notice(sessions, road_closure())
    job = await add_notice(sessions, recruitment())
    async with session_scope(sessions) as session:
        await plan_notices(session, [road, job], now=local(10, 7, 30), tz=SHANGHAI, until=JUNE)
    rows = await reminder_rows(sessions)
    assert plan_of(rows, 1) == [
        ("new", "", "05-10 09:00"),
        ("eve", "", "05-10 20:00"),
        ("starts", "", "05-11 09:00"),
        ("ends", "", "05-27 09:00"),
    ]
    assert plan_of(rows, 2, berlin) == [
        ("new", "", "05-10 08:00"),
        ("eve", "", "05-10 20:00"),
        ("starts", "", "05-11 08:00"),
        ("ends", "", "05-27 08:00"),
    ]
    # The digest comes at the morning hour; deadlines at the chosen points.
    assert plan_of(rows, 3) == [
        ("new", "", "05-10 08:00"),
        ("deadline", "7", "05-24 08:00"),
        ("deadline", "2", "05-29 08:00"),
    ]
    # Quiet from 19:00: the eve would move past midnight, so it is not planned.
    assert plan_of(rows, 4) == [
        ("new", "", "05-10 08:00"),
        ("starts", "", "05-11 08:00"),
        ("ends", "", "05-27 08:00"),
    ]
    # Digest at 07:00, published after it: the next digest announces it, and as it starts that day
    # no separate "starts" line is planned.
    assert plan_of(rows, 5) == [("new", "", "05-11 07:00"), ("ends", "", "05-27 07:00")]


async def test_timed_outage_is_announced_lead_minutes_before(sessions: Sessions) -> None:
    from notices.categories import Category
    from notices.model import ParsedNotice

    outage = ParsedNotice(
        title="停电通知",
        category=Category.POWER_OUTAGE,
        body="因线路检修，西安区仙城街停电。",
        published=date(2022, 5, 10),
        periods=[Period(local(12, 8), local(12, 17), all_day=False)],
        places=["仙城街"],
    )
    await add_chat(sessions, 1, [("place", "仙城街")])
    await add_chat(sessions, 2, [("place", "仙城街")], lead_minutes=30, digest=True)
    notice_id = await add_notice(sessions, outage)
    async with session_scope(sessions) as session:
        await plan_notices(session, [notice_id], now=local(10, 10), tz=SHANGHAI, until=JUNE)
    rows = await reminder_rows(sessions)
    assert plan_of(rows, 1) == [
        ("new", "", "05-10 10:00"),
        ("eve", "", "05-11 20:00"),
        ("starts", "", "05-12 06:00"),
        ("ends", "", "05-12 17:00"),
    ]
    # A digest chat hears of a timed outage in the digest before it (the day before, at 08:00).
    assert plan_of(rows, 2) == [("new", "", "05-11 08:00"), ("ends", "", "05-12 08:00")]


async def test_stale_and_unpublished_notices_are_not_planned(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    draft = await add_notice(sessions, road_closure(), status="draft")
    async with session_scope(sessions) as session:
        assert await plan_notice(session, draft, now=local(10, 7), tz=SHANGHAI) == 0
        await set_status(session, draft, "published")
        assert await plan_notice(session, draft, now=local(27, 7), tz=SHANGHAI) == 0  # closure over
        assert await plan_notice(session, draft, now=local(26, 12), tz=SHANGHAI) == 2  # new + reopened
    assert [(r.event, r.due_at) for r in await reminder_rows(sessions)] == [
        ("new", local(26, 12).astimezone(UTC)),
        ("ends", local(27, 8).astimezone(UTC)),
    ]


async def test_edit_replans_and_queues_a_correction_for_chats_told(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("category", "road_closure")])
    road = await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        await plan_notices(session, [road], now=local(10, 7), tz=SHANGHAI, until=JUNE)
    # Chat 1 was told (its "new" went out as message 501); chat 2 has heard nothing yet.
    async with session_scope(sessions) as session:
        row = await session.scalar(select(Reminder).where(Reminder.chat_id == 1, Reminder.event == "new"))
        assert row is not None
        row.status, row.message_id = ReminderStatus.SENT, 501
    async with session_scope(sessions) as session:
        await replace_periods(
            session, road, [Period(date(2022, 5, 11), date(2022, 5, 30), label="封闭期限")], tz=SHANGHAI
        )
        await replan_notice(session, road, now=local(10, 9), tz=SHANGHAI)
        # The new reopening is beyond the horizon: the sweep writes it as its day nears.
        await extend_horizon(session, now=local(10, 9), tz=SHANGHAI, until=JUNE)
    rows = await reminder_rows(sessions)
    changed = [r for r in rows if r.event == Event.CHANGED]
    assert [(r.chat_id, r.reply_to, r.due_at) for r in changed] == [(1, 501, local(10, 9).astimezone(UTC))]
    assert "2022-05-26" in (changed[0].detail or "")
    assert "2022-05-30" in (changed[0].detail or "")
    for chat in (1, 2):
        pending = [(e, d) for e, _p, d in plan_of(rows, chat) if e != Event.CHANGED]
        assert ("ends", "05-31 08:00") in pending
        assert ("ends", "05-27 08:00") not in pending
    # Replanning again with no edit queues no second correction.
    async with session_scope(sessions) as session:
        await replan_notice(session, road, now=local(10, 10), tz=SHANGHAI)
    assert len([r for r in await reminder_rows(sessions) if r.event == Event.CHANGED]) == 1


async def test_withdraw_cancels_and_tells_only_chats_told(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("category", "road_closure")])
    road = await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        await plan_notice(session, road, now=local(10, 7), tz=SHANGHAI)
        row = await session.scalar(select(Reminder).where(Reminder.chat_id == 2, Reminder.event == "new"))
        assert row is not None
        row.status, row.message_id = ReminderStatus.SENT, 77
    async with session_scope(sessions) as session:
        await set_status(session, road, "withdrawn")
        assert await withdraw_notice(session, road, now=local(10, 12), tz=SHANGHAI) == 1
    rows = await reminder_rows(sessions)
    assert {r.status for r in rows if r.event not in ("new", "withdrawn")} == {ReminderStatus.CANCELLED}
    withdrawn = [r for r in rows if r.event == Event.WITHDRAWN]
    assert [(r.chat_id, r.reply_to, r.status) for r in withdrawn] == [(2, 77, ReminderStatus.PENDING)]


async def test_plan_chat_follows_subscriptions_and_settings(sessions: Sessions) -> None:
    road = await add_notice(sessions, road_closure())
    await add_notice(sessions, recruitment())
    await add_chat(sessions, 9, [("category", "road_closure")])
    async with session_scope(sessions) as session:
        assert await plan_chat(session, 9, now=local(10, 12), tz=SHANGHAI, until=JUNE) == 4
    assert plan_of(await reminder_rows(sessions), 9)[0] == ("new", "", "05-10 12:00")
    # Later: the chat switches to a 07:00 morning and adds a keyword for the recruitment.
    async with session_scope(sessions) as session:
        chat = await session.get(Chat, 9)
        assert chat is not None
        chat.morning_hour = 7
        from db.models import Subscription

        session.add(Subscription(chat_id=9, kind="keyword", value="农村商业银行"))
    async with session_scope(sessions) as session:
        await plan_chat(session, 9, now=local(10, 13), tz=SHANGHAI, until=JUNE)
    plan = plan_of(await reminder_rows(sessions), 9)
    assert ("starts", "", "05-11 07:00") in plan
    assert ("deadline", "0", "05-31 07:00") in plan
    assert plan.count(("new", "", "05-10 13:00")) == 2  # one per notice, the closure's revived once
    rows = await reminder_rows(sessions, chat_id=9, notice_id=road)
    assert {r.status for r in rows} == {ReminderStatus.PENDING}


async def test_deactivate_and_snooze(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "recruitment")])
    await add_chat(sessions, 2, [("category", "recruitment")])
    job = await add_notice(sessions, recruitment())
    async with session_scope(sessions) as session:
        await plan_notices(session, [job], now=local(10, 7), tz=SHANGHAI, until=JUNE)
        await deactivate_chat(session, 1, "Forbidden: bot was blocked by the user")
    rows = await reminder_rows(sessions, chat_id=1)
    assert {r.status for r in rows} == {ReminderStatus.CANCELLED}
    first = (await reminder_rows(sessions, chat_id=2, point="3"))[0]
    async with session_scope(sessions) as session:
        await snooze(session, first.id, now=local(28, 8, 5), tz=SHANGHAI)
        await snooze(session, first.id, now=local(28, 8, 6), tz=SHANGHAI)  # a double tap
    again = [r for r in await reminder_rows(sessions, chat_id=2) if r.point.startswith("3~")]
    assert [(r.event, r.due_at) for r in again] == [("deadline", local(29, 8).astimezone(UTC))]


async def test_sweep_plans_what_was_published_by_other_paths(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_notice(sessions, road_closure())
    async with session_scope(sessions) as session:
        assert await sweep(session, now=local(10, 7), tz=SHANGHAI) == 3  # up to the horizon
    async with session_scope(sessions) as session:
        assert await sweep(session, now=local(10, 7, 1), tz=SHANGHAI) == 0
    async with sessions() as session:
        count = await session.scalar(select(func.count()).select_from(Reminder))
    assert count == 3


async def test_the_horizon_moves_on_day_by_day(sessions: Sessions) -> None:
    """Publishing writes the announcement and what is due within the horizon; sweeps as the days pass
    write the rest, each row well before it is due, until the outbox holds exactly the full plan."""
    await add_chat(sessions, 1, [("category", "road_closure"), ("category", "recruitment")])
    await add_chat(sessions, 2, [("category", "recruitment")], digest=True, deadline_days="7,2")
    road = await add_notice(sessions, road_closure())
    job = await add_notice(sessions, recruitment())
    published = local(10, 7, 30)
    async with session_scope(sessions) as session:
        await plan_notices(session, [road, job], now=published, tz=SHANGHAI)
    rows = await reminder_rows(sessions)
    assert max(r.due_at for r in rows) <= published + HORIZON
    initial = len(rows)
    assert plan_of(rows, 1) == [
        ("new", "", "05-10 08:00"),
        ("new", "", "05-10 08:00"),
        ("eve", "", "05-10 20:00"),
        ("starts", "", "05-11 08:00"),
    ]
    # The sweep runs every minute in production; every few hours is enough to see the horizon move.
    written = 0
    moment = published
    while moment < JUNE:
        moment += HORIZON / 8
        async with session_scope(sessions) as session:
            written += await sweep(session, now=moment, tz=SHANGHAI)
    rows = await reminder_rows(sessions)
    assert written == len(rows) - initial
    assert plan_of(rows, 1) == [
        ("new", "", "05-10 08:00"),
        ("new", "", "05-10 08:00"),
        ("eve", "", "05-10 20:00"),
        ("starts", "", "05-11 08:00"),
        ("ends", "", "05-27 08:00"),
        ("deadline", "3", "05-28 08:00"),
        ("deadline", "1", "05-30 08:00"),
        ("deadline", "0", "05-31 08:00"),
    ]
    assert plan_of(rows, 2) == [
        ("new", "", "05-10 08:00"),
        ("deadline", "7", "05-24 08:00"),
        ("deadline", "2", "05-29 08:00"),
    ]
    for row in rows:
        if row.created_at > published:  # written by a sweep: a day or more ahead of time
            assert row.due_at - row.created_at >= HORIZON / 2, (row.event, row.due_at, row.created_at)
    # Sweeping again changes nothing: rows are keyed, and the horizon only moves forward.
    async with session_scope(sessions) as session:
        assert await sweep(session, now=moment, tz=SHANGHAI) == 0
        assert await extend_horizon(session, now=moment, tz=SHANGHAI, until=JUNE) == 0
    assert len(await reminder_rows(sessions)) == len(rows)


async def test_after_downtime_the_sweep_writes_what_came_due(sessions: Sessions) -> None:
    """Down from the 10th to the 28th: the first sweep writes everything owed in between with its own due
    time (the dispatcher then sends or skips it), nothing twice, nothing for chats that left."""
    await add_chat(sessions, 1, [("category", "road_closure"), ("category", "recruitment")])
    await add_chat(sessions, 2, [("category", "road_closure")])
    road = await add_notice(sessions, road_closure())
    job = await add_notice(sessions, recruitment())
    async with session_scope(sessions) as session:
        await plan_notices(session, [road, job], now=local(10, 7, 30), tz=SHANGHAI)
        await sweep(session, now=local(10, 7, 31), tz=SHANGHAI)
        await deactivate_chat(session, 2, "Forbidden: bot was blocked by the user")
    async with session_scope(sessions) as session:
        written = await sweep(session, now=local(28, 10), tz=SHANGHAI)
    rows = await reminder_rows(sessions)
    assert written == 3
    assert plan_of(rows, 1) == [
        ("new", "", "05-10 08:00"),
        ("new", "", "05-10 08:00"),
        ("eve", "", "05-10 20:00"),
        ("starts", "", "05-11 08:00"),
        ("ends", "", "05-27 08:00"),
        ("deadline", "3", "05-28 08:00"),
        ("deadline", "1", "05-30 08:00"),
    ]
    assert plan_of(rows, 2) == []
    async with session_scope(sessions) as session:
        assert await sweep(session, now=local(28, 10, 1), tz=SHANGHAI) == 0
