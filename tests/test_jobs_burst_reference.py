"""The set-based planning of a page against a plain per-chat reference: for a seeded mix of chats
(settings, subscriptions that overlap, one chat told one by one before, one inactive) and notices
(announcements, eves, starts and deadlines inside the horizon), the outbox holds exactly the rows the
rules give each chat, one burst list instead of the announcements for a chat owed more than the
threshold, and planning again changes nothing."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import literal, literal_column, select, union_all

from db.engine import session_scope
from db.models import Chat, Reminder, Subscription
from db.types import UTCDateTime
from jobs.burst import matches
from jobs.due import Event, schedule
from jobs.fanout import upsert
from jobs.planner import HORIZON, plan_chat, plan_notices, sweep
from jobs.views import chat_profile, load_notices
from notices.categories import Category
from notices.model import ParsedNotice, Period
from tests.test_jobs_support import SHANGHAI, Sessions, add_chat, add_notice, local, reminder_rows

THRESHOLD = 3
PLACES = ["忠诚村", "礼让村", "寿山镇", "人民大街", "安石镇", "灯塔村", "泉太镇", "金州乡"]
WORDS = ["停电", "施工", "出租", "报名", "供水", "桥梁", "门市", "拍卖"]
CATEGORIES = [Category.POWER_OUTAGE, Category.ROAD_CLOSURE, Category.RENTAL, Category.RECRUITMENT]


def notice(n: int, rng: random.Random) -> ParsedNotice:
    category = CATEGORIES[n % len(CATEGORIES)]
    place, word = rng.choice(PLACES), rng.choice(WORDS)
    day = date(2022, 5, 10) + timedelta(days=rng.randint(1, 3))
    periods: list[Period] = []
    if category == Category.POWER_OUTAGE:
        start = datetime(day.year, day.month, day.day, 8, tzinfo=SHANGHAI)
        periods = [Period(start, start + timedelta(hours=4), all_day=False)]
    elif category == Category.ROAD_CLOSURE:
        periods = [Period(day, day + timedelta(days=5))]
    elif category == Category.RECRUITMENT:
        periods = [Period(date(2022, 5, 10), day)]
    return ParsedNotice(
        title=f"{category.zh}公告 第{n}号",
        category=category,
        body=f"{place}附近{word}相关事项，编号{n}。",
        published=date(2022, 5, 10),
        periods=periods,
        places=[place],
    )


async def expected(
    sessions: Sessions, ids: list[int], now: datetime, told: int
) -> tuple[set[tuple], set[int]]:
    """(chat, notice, period, event, point, due) of every row the rules give, and the chats owed a list:
    each active chat, each notice its subscriptions match, as one chat would be planned alone."""
    limit = now + HORIZON
    async with sessions() as session:
        views = await load_notices(session, ids)
        chats = list(await session.scalars(select(Chat).where(Chat.active)))
        subscriptions: dict[int, list[tuple[str, str]]] = {}
        for chat_id, kind, value in await session.execute(
            select(Subscription.chat_id, Subscription.kind, Subscription.value)
        ):
            subscriptions.setdefault(chat_id, []).append((kind, value))
    rows: set[tuple] = set()
    bursts: set[int] = set()
    owed: dict[int, int] = {}
    for chat in chats:
        profile = chat_profile(chat, SHANGHAI)
        mine = [v for v in views.values() if matches(v, subscriptions.get(chat.id, []))]
        planned = {v.id: schedule(v, profile, now=now, tz=SHANGHAI) for v in mine}
        announced = [n for n, items in planned.items() if any(p.event == Event.NEW for p in items)]
        owed[chat.id] = len(announced)
        listed = len(announced) > THRESHOLD and chat.id != told
        if listed:
            bursts.add(chat.id)
        for notice_id, items in planned.items():
            for p in items:
                if p.event == Event.NEW and listed:
                    continue
                if p.event == Event.NEW or p.due_at <= limit:
                    rows.add((chat.id, notice_id, p.period_id, p.event, p.point, p.due_at))
    return rows, bursts, owed


async def outbox(sessions: Sessions) -> tuple[set[tuple], list[int], set[int]]:
    rows = await reminder_rows(sessions)
    single = {
        (r.chat_id, r.notice_id, r.period_id, r.event, r.point, r.due_at.astimezone(SHANGHAI))
        for r in rows
        if r.event != Event.BURST
    }
    listed = sorted(r.chat_id for r in rows if r.event == Event.BURST)
    return single, listed, {r.notice_id for r in rows if r.event == Event.BURST}


async def test_set_based_plan_matches_the_per_chat_rules(sessions: Sessions) -> None:
    rng = random.Random(8)
    pool = [("category", c.value) for c in CATEGORIES]
    pool += [("place", p) for p in PLACES] + [("keyword", w) for w in WORDS]
    for chat_id in range(1, 41):
        settings: dict[str, object] = {}
        if chat_id % 7 == 0:
            settings = {"digest": True}
        elif chat_id % 9 == 0:
            settings = {"quiet_start": 20 * 60, "quiet_end": 9 * 60, "tz": "Asia/Tokyo"}
        elif chat_id % 11 == 0:
            settings = {"active": False}
        await add_chat(sessions, chat_id, rng.sample(pool, rng.randint(1, 3)), **settings)
    # Overlapping terms: one notice reached through two subscriptions must still count once.
    await add_chat(sessions, 41, [("category", Category.RENTAL.value), ("keyword", "出租")])
    await add_chat(sessions, 42, [("place", "忠诚村"), ("keyword", "忠诚")])
    ids = [await add_notice(sessions, notice(n, rng)) for n in range(1, 15)]
    now = local(10, 9)
    told = 43  # subscribed (and was planned one by one) before the page was swept
    await add_chat(
        sessions, told, [("category", Category.RENTAL.value), ("category", Category.POWER_OUTAGE.value)]
    )
    async with session_scope(sessions) as session:
        await plan_chat(session, told, now=now, tz=SHANGHAI)
    async with session_scope(sessions) as session:
        await sweep(session, now=now, tz=SHANGHAI, burst=THRESHOLD)

    want_rows, want_bursts, owed = await expected(sessions, ids, now, told)
    rows, listed, anchors = await outbox(sessions)
    assert rows == want_rows
    assert listed == sorted(want_bursts)  # one list per chat, no more
    assert anchors == {min(ids)}
    # The mix must exercise both sides of the threshold, and the chat told before.
    assert want_bursts
    assert {THRESHOLD - 1, THRESHOLD, THRESHOLD + 1} <= set(owed.values())
    assert owed[told] > THRESHOLD
    assert any(r[0] == told and r[3] == Event.NEW for r in rows)
    assert any(r[3] not in (Event.NEW, Event.BURST) for r in rows)

    # Planning again (a re-publication, the next sweep) adds nothing and lists nothing twice.
    async with session_scope(sessions) as session:
        await plan_notices(session, ids, now=now + timedelta(hours=1), tz=SHANGHAI, burst=THRESHOLD)
        await sweep(session, now=now + timedelta(hours=1), tz=SHANGHAI, burst=THRESHOLD)
    assert await outbox(sessions) == (rows, listed, anchors)


async def test_a_row_that_appeared_meanwhile_falls_back_to_the_upsert(sessions: Sessions) -> None:
    """Rows written as new (plain INSERT on PostgreSQL) that meet a row after all (another process
    planned the chat meanwhile): the statement is redone as the upsert, the cancelled row revived, the
    sent one left alone, nothing fails."""
    now = local(10, 9)
    async with session_scope(sessions) as session:
        for chat_id, status in ((1, "cancelled"), (2, "sent")):
            session.add(
                Reminder(
                    chat_id=chat_id, notice_id=7, event=Event.NEW, due_at=now, status=status, created_at=now
                )
            )
    async with session_scope(sessions) as session:
        later = literal(now + timedelta(hours=1), UTCDateTime())
        wanted = [
            select(
                literal_column(str(chat_id)),
                literal(7),
                literal(0),
                literal(Event.NEW),
                literal(""),
                later,
                literal("pending"),
                literal(0),
                literal(now, UTCDateTime()),
            )
            for chat_id in (1, 2, 3)
        ]
        rows = union_all(*wanted)
        names = ["chat_id", "notice_id", "period_id", "event", "point", "due_at", "status", "attempts"]
        await upsert(session, [*names, "created_at"], rows, revive=True, new=True)
    got = {r.chat_id: (r.status, r.due_at.astimezone(SHANGHAI)) for r in await reminder_rows(sessions)}
    assert got == {
        1: ("pending", now + timedelta(hours=1)),
        2: ("sent", now),
        3: ("pending", now + timedelta(hours=1)),
    }
