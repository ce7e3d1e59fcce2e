"""Asked what is on in no category, the notices with one period are read from the latest start back
and the reading stops at the page (``db.recent``): any page, found that way or by sorting every notice
active (when the last week's starts are too few), is the same slice of the same order, with the
notices of several periods in their place."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.search import NoticeFilter, find_notice_ids, find_notice_ids_each
from db.store import store_notice
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")
FIRST = date(2030, 3, 1)
DAY = FIRST + timedelta(days=20)


def moment(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=SH) + timedelta(hours=hour)


def some_notices(count: int) -> list[ParsedNotice]:
    """Notices active around ``DAY``: most started within the week before it (many on the same day, so
    that the id decides between them), some long before or open at the start, a few with two periods."""
    rng = random.Random(5)
    found = []
    for n in range(count):
        start = DAY - timedelta(days=rng.choice((0, 1, 1, 2, 3, 5, 6, 9, 15)))
        periods = [Period(start, start + timedelta(days=rng.randrange(1, 30)))]
        if rng.random() < 0.1:
            periods = [Period(None, DAY + timedelta(days=rng.randrange(3)))]
        elif rng.random() < 0.1:
            timed = moment(start, 9)
            periods = [Period(timed, timed + timedelta(hours=rng.randrange(1, 60)), all_day=False)]
        if rng.random() < 0.15:
            periods.append(Period(DAY - timedelta(days=rng.randrange(4)), DAY + timedelta(days=2)))
        category = rng.choice((Category.ROAD_CLOSURE, Category.POWER_OUTAGE, Category.HEATING))
        found.append(
            ParsedNotice(title=f"通告{n}号", category=category, body=f"第{n}号通告正文。", periods=periods)
        )
    return found


async def test_a_page_read_from_the_latest_starts_is_the_slice_of_the_whole_order(sessions: Sessions) -> None:
    async with session_scope(sessions) as session:
        for parsed in some_notices(150):
            await store_notice(session, parsed, tz=SH)
    for asked in (
        NoticeFilter(active_on=DAY),
        NoticeFilter(active_at=moment(DAY, 10)),
        NoticeFilter(active_on=DAY + timedelta(days=3)),
    ):
        async with sessions() as session:
            whole = await find_notice_ids(session, replace(asked, limit=10_000), tz=SH)
            assert len(whole) > 60  # more than the pages below, fewer than the whole's limit
            # Every category is no category, asked the way a category is (the envelopes sorted whole).
            every = replace(asked, categories=tuple(Category), limit=10_000)
            assert await find_notice_ids(session, every, tz=SH) == whole
            for limit, offset in ((5, 0), (10, 0), (20, 0), (10, 10), (7, 30)):
                page = await find_notice_ids(session, replace(asked, limit=limit, offset=offset), tz=SH)
                assert page == whole[offset : offset + limit]
            each = await find_notice_ids_each(
                session, [asked, NoticeFilter(active_on=DAY - timedelta(days=1))], tz=SH, limit=15
            )
            assert each[0] == whole[:15]


async def test_one_category_is_read_from_its_latest_starts_in_the_same_order(sessions: Sessions) -> None:
    """ "What roads are closed": the category's page read from its latest starts (migration 0016) is the
    slice of the order every active road closure sorted whole gives (asked with a second category that
    has no notices, which takes the sorting path)."""
    async with session_scope(sessions) as session:
        for parsed in some_notices(240):
            await store_notice(session, parsed, tz=SH)
    for asked in (
        NoticeFilter(active_on=DAY, categories=(Category.ROAD_CLOSURE,)),
        NoticeFilter(active_at=moment(DAY, 10), categories=(Category.POWER_OUTAGE,)),
        NoticeFilter(active_on=DAY + timedelta(days=3), categories=(Category.HEATING,)),
    ):
        async with sessions() as session:
            sorted_whole = replace(asked, categories=(*asked.categories, Category.AUCTION), limit=10_000)
            whole = await find_notice_ids(session, sorted_whole, tz=SH)
            assert len(whole) > 30
            assert await find_notice_ids(session, replace(asked, limit=10_000), tz=SH) == whole
            for limit, offset in ((5, 0), (10, 0), (10, 10), (7, 20)):
                page = await find_notice_ids(session, replace(asked, limit=limit, offset=offset), tz=SH)
                assert page == whole[offset : offset + limit]
            each = await find_notice_ids_each(
                session, [asked, NoticeFilter(active_on=DAY - timedelta(days=1))], tz=SH, limit=12
            )
            assert each[0] == whole[:12]
