"""A notice with one period is tested and ordered on its envelope, without probing ``periods``
(``notices.period_count``): every time filter must find the same notices in the same order as when each
notice's periods are probed."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.search import NoticeFilter, find_notice_ids
from db.store import replace_periods, store_notice
from db.tables import notices
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")
FIRST = date(2030, 3, 1)


def moment(day: int, hour: int = 0) -> datetime:
    return datetime.combine(FIRST + timedelta(days=day), datetime.min.time(), tzinfo=SH) + timedelta(
        hours=hour
    )


def some_period(rng: random.Random) -> Period:
    """All-day or timed; open at the start, at the end, or not at all."""
    first = FIRST + timedelta(days=rng.randrange(40))
    if rng.random() < 0.3:
        start = moment((first - FIRST).days, rng.randrange(24))
        return Period(start, start + timedelta(hours=rng.randrange(1, 60)), all_day=False)
    shape = rng.random()
    if shape < 0.15:
        return Period(None, first + timedelta(days=rng.randrange(20)))
    if shape < 0.3:
        return Period(first, None)
    return Period(first, first + timedelta(days=rng.randrange(15)))


def some_notices(count: int) -> list[ParsedNotice]:
    rng = random.Random(11)
    found = []
    for n in range(count):
        periods = [some_period(rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        category = rng.choice((Category.ROAD_CLOSURE, Category.POWER_OUTAGE))
        found.append(
            ParsedNotice(title=f"通告{n}号", category=category, body=f"第{n}号通告正文。", periods=periods)
        )
    return found


def filters() -> list[NoticeFilter]:
    found = []
    for day in range(-2, 60, 3):
        at, until = moment(day, 9), moment(day + 5)
        for categories in ((), (Category.ROAD_CLOSURE,)):
            found += [
                NoticeFilter(categories=categories, active_at=at, limit=500),
                NoticeFilter(categories=categories, active_on=at.date(), limit=500),
                NoticeFilter(categories=categories, starts_between=(at, until), limit=500),
                NoticeFilter(categories=categories, ends_between=(at, until), limit=500),
                NoticeFilter(categories=categories, ends_between=(at, until), latest_first=True, limit=500),
                NoticeFilter(categories=categories, active_at=at, ends_between=(at, until), limit=500),
            ]
    return found


async def answers(sessions: Sessions) -> list[list[int]]:
    async with sessions() as session:
        return [await find_notice_ids(session, flt, tz=SH) for flt in filters()]


async def test_notices_with_one_period_are_found_on_their_envelope_as_by_their_periods(
    sessions: Sessions,
) -> None:
    async with session_scope(sessions) as session:
        stored = [(await store_notice(session, parsed, tz=SH)).id for parsed in some_notices(120)]
        # a correction turning one period into two, and two into one, keeps the count with them
        await replace_periods(
            session, stored[0], [Period(FIRST, FIRST), Period(FIRST + timedelta(9), None)], tz=SH
        )
        await replace_periods(session, stored[1], [Period(FIRST + timedelta(3), FIRST + timedelta(4))], tz=SH)
    by_envelope = await answers(sessions)
    assert sum(map(len, by_envelope)) > 1000  # the filters do find notices
    async with session_scope(sessions) as session:
        rows = await session.execute(select(notices.c.id, notices.c.period_count))
        counts: dict[int, int] = {notice_id: count for notice_id, count in rows}
        assert counts[stored[0]] == 2
        assert counts[stored[1]] == 1
        assert list(counts.values()).count(1) > 60
        await session.execute(update(notices).values(period_count=0))  # 0: probe every notice's periods
    assert await answers(sessions) == by_envelope
