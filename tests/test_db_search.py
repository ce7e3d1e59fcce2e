"""Finding notices: active at a moment or on a day, by category and keyword, windows, nearest ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.models import NoticeStatus
from db.rows import load_records
from db.search import (
    NoticeFilter,
    count_any,
    count_notices,
    find_notice_ids,
    find_notice_ids_each,
    find_notices,
    fold,
    nearest_notices,
)
from db.store import replace_periods, set_status, store_notice
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def notice(
    title: str,
    category: Category,
    *periods: Period,
    body: str = "",
    places: tuple[str, ...] = (),
    published: date | None = date(2022, 5, 10),
) -> ParsedNotice:
    return ParsedNotice(
        title=title,
        category=category,
        body=body or f"{title}。特此公告。",
        published=published,
        periods=list(periods),
        places=list(places),
    )


CORPUS: dict[str, ParsedNotice] = {
    # all day, inclusive end: 2022-05-11 00:00 to 2022-05-27 00:00 Shanghai
    "shoushan": notice(
        "封路公告",
        Category.ROAD_CLOSURE,
        Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限"),
        body="因道路施工，寿山镇忠诚村至礼让村路\n段封闭施工，请过往车辆绕行。",
        places=("寿山镇忠诚村至礼让村路段",),
    ),
    # open-ended from 2022-05-20
    "bridge": notice(
        "关于人民大街桥梁维修封闭的通告",
        Category.ROAD_CLOSURE,
        Period(date(2022, 5, 20), None, text="5月20日起"),
        places=("人民大街",),
    ),
    # an earlier closure, long over
    "april": notice(
        "四月封路通告",
        Category.ROAD_CLOSURE,
        Period(date(2022, 4, 1), date(2022, 4, 3)),
        published=date(2022, 3, 30),
    ),
    # a closure that starts later
    "june": notice(
        "六月封路通告",
        Category.ROAD_CLOSURE,
        Period(date(2022, 6, 10), date(2022, 6, 12)),
        places=("东吉大路",),
    ),
    # two timed windows
    "outage": notice(
        "停电通知",
        Category.POWER_OUTAGE,
        Period(local(2022, 5, 12, 8), local(2022, 5, 12, 17), all_day=False),
        Period(local(2022, 5, 13, 8), local(2022, 5, 13, 12), all_day=False),
        body="因线路检修，西安区ＡＢＣ小区停电（50%区域）。",
    ),
    # early morning Shanghai = the previous UTC day
    "dawn": notice(
        "停水通知", Category.WATER_OUTAGE, Period(local(2022, 5, 12, 6), local(2022, 5, 12, 9), all_day=False)
    ),
    # a deadline: no start, counts from publication (2022-05-10)
    "bank": notice(
        "2022年专业人才引进公告",
        Category.RECRUITMENT,
        Period(None, date(2022, 5, 31), label="报名时间", note="节假日除外"),
        body="辽源农村商业银行招聘客户经理3-5人。",
    ),
    # a deadline with no publication date: active until it passes
    "undated": notice("招标公告", Category.TENDER, Period(None, date(2022, 5, 15)), published=None),
    # no period at all
    "rental": notice("出 租", Category.RENTAL, body="西安区门市房出租，面积120平方米。", places=("西安区",)),
}


@pytest.fixture
async def ids(sessions: Sessions, tz: ZoneInfo) -> dict[str, int]:
    stored: dict[str, int] = {}
    async with session_scope(sessions) as session:
        for name, parsed in CORPUS.items():
            stored[name] = (await store_notice(session, parsed, tz=tz)).id
    return stored


async def names(sessions: Sessions, ids: dict[str, int], flt: NoticeFilter, tz: ZoneInfo = SH) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    async with sessions() as session:
        found = await find_notices(session, flt, tz=tz)
        assert await count_notices(session, flt, tz=tz) == len(found)
    return [by_id[n.id] for n in found]


def roads(**kwargs: object) -> NoticeFilter:
    return NoticeFilter(categories=[Category.ROAD_CLOSURE], **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2022, 5, 10, 23, 59), []),
        (local(2022, 5, 11, 0, 0), ["shoushan"]),
        # 16:00 UTC on the 10th is already the 11th in Shanghai
        (datetime(2022, 5, 10, 16, 0, tzinfo=UTC), ["shoushan"]),
        (local(2022, 5, 26, 23, 59), ["bridge", "shoushan"]),
        (local(2022, 5, 27, 0, 0), ["bridge"]),
        (datetime(2022, 5, 26, 15, 59, tzinfo=UTC), ["bridge", "shoushan"]),
        (datetime(2022, 5, 26, 16, 0, tzinfo=UTC), ["bridge"]),
        (local(2030, 1, 1), ["bridge"]),
        (local(2022, 4, 2, 12), ["april"]),
    ],
)
async def test_roads_closed_at_a_moment(
    sessions: Sessions, ids: dict[str, int], moment: datetime, expected: list[str]
) -> None:
    # newest start first: the bridge (from the 20th) before Shoushan (from the 11th)
    assert await names(sessions, ids, roads(active_at=moment)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 5, 10), []),
        (date(2022, 5, 11), ["shoushan"]),
        (date(2022, 5, 26), ["bridge", "shoushan"]),
        (date(2022, 5, 27), ["bridge"]),
        (date(2022, 6, 11), ["june", "bridge"]),
    ],
)
async def test_roads_closed_on_a_day(
    sessions: Sessions, ids: dict[str, int], day: date, expected: list[str]
) -> None:
    assert await names(sessions, ids, roads(active_on=day)) == expected


async def test_timed_periods_have_an_exclusive_end(sessions: Sessions, ids: dict[str, int]) -> None:
    power = NoticeFilter(categories=[Category.POWER_OUTAGE])
    power.active_at = local(2022, 5, 12, 16, 59)
    assert await names(sessions, ids, power) == ["outage"]
    power.active_at = local(2022, 5, 12, 17, 0)
    assert await names(sessions, ids, power) == []
    power.active_at = local(2022, 5, 13, 11, 0)  # the second window
    assert await names(sessions, ids, power) == ["outage"]
    power.active_at = None
    for day, expected in [(12, ["outage"]), (13, ["outage"]), (14, [])]:
        power.active_on = date(2022, 5, day)
        assert await names(sessions, ids, power) == expected


async def test_day_is_the_local_day_not_the_utc_day(sessions: Sessions, ids: dict[str, int]) -> None:
    # 06:00-09:00 Shanghai on the 12th is 22:00 on the 11th to 01:00 on the 12th in UTC.
    water = NoticeFilter(categories=[Category.WATER_OUTAGE])
    water.active_on = date(2022, 5, 12)
    assert await names(sessions, ids, water) == ["dawn"]
    water.active_on = date(2022, 5, 11)
    assert await names(sessions, ids, water) == []
    # Read in UTC, the same rows fall on both days: the zone passed in decides.
    assert await names(sessions, ids, water, tz=ZoneInfo("UTC")) == ["dawn"]
    water.active_on = None
    water.active_at = datetime(2022, 5, 11, 23, 30, tzinfo=UTC)
    assert await names(sessions, ids, water) == ["dawn"]


async def test_deadline_counts_from_publication_until_its_last_day(
    sessions: Sessions, ids: dict[str, int]
) -> None:
    jobs = NoticeFilter(categories=[Category.RECRUITMENT])
    for moment, expected in [
        (local(2022, 5, 9, 23), []),
        (local(2022, 5, 10, 9), ["bank"]),
        (local(2022, 5, 31, 23, 59), ["bank"]),
        (local(2022, 6, 1, 0, 0), []),
    ]:
        jobs.active_at = moment
        assert await names(sessions, ids, jobs) == expected, moment
    tenders = NoticeFilter(categories=[Category.TENDER], active_at=local(2001, 1, 1))
    assert await names(sessions, ids, tenders) == ["undated"]
    tenders.active_at = local(2022, 5, 16)
    assert await names(sessions, ids, tenders) == []


async def test_everything_active_on_a_day_ordered_by_nearest_start(
    sessions: Sessions, ids: dict[str, int]
) -> None:
    found = await names(sessions, ids, NoticeFilter(active_on=date(2022, 5, 12)))
    # started that day (latest first), then the older ones; the undated deadline (no start) last
    assert found == ["outage", "dawn", "shoushan", "bank", "undated"]


async def test_several_categories(sessions: Sessions, ids: dict[str, int]) -> None:
    flt = NoticeFilter(categories=[Category.POWER_OUTAGE, Category.WATER_OUTAGE], active_on=date(2022, 5, 12))
    assert sorted(await names(sessions, ids, flt)) == ["dawn", "outage"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("忠诚村", ["shoushan"]),
        ("路段封闭", ["shoushan"]),  # the body breaks the line between 路 and 段
        ("人民大街", ["bridge"]),  # in the title and the places
        ("东吉大路", ["june"]),  # only in the places
        ("出租", ["rental"]),  # a spaced-out title
        ("abc", ["outage"]),  # full-width letters, any case
        ("ＡＢＣ小区", ["outage"]),
        ("50%", ["outage"]),
        ("%", ["outage"]),  # a literal percent sign, not a wildcard
        ("_", []),
        ("银行", ["bank"]),
        ("寿山镇礼让村", []),
        ("壽山鎮", ["shoushan"]),  # traditional script finds simplified text
        ("   ", None),  # blank text does not filter
    ],
)
async def test_keyword(
    sessions: Sessions, ids: dict[str, int], text: str, expected: list[str] | None
) -> None:
    found = await names(sessions, ids, NoticeFilter(text=text))
    assert sorted(found) == sorted(expected if expected is not None else ids)


async def test_keyword_with_category_and_day(sessions: Sessions, ids: dict[str, int]) -> None:
    flt = NoticeFilter(categories=[Category.ROAD_CLOSURE], text="寿山镇", active_on=date(2022, 5, 20))
    assert await names(sessions, ids, flt) == ["shoushan"]
    flt.active_on = date(2022, 5, 30)
    assert await names(sessions, ids, flt) == []


async def test_status_filter(sessions: Sessions, ids: dict[str, int]) -> None:
    async with session_scope(sessions) as session:
        await set_status(session, ids["bridge"], NoticeStatus.WITHDRAWN)
    assert await names(sessions, ids, roads(active_on=date(2022, 5, 26))) == ["shoushan"]
    withdrawn = roads(active_on=date(2022, 5, 26), status=NoticeStatus.WITHDRAWN)
    assert await names(sessions, ids, withdrawn) == ["bridge"]
    async with sessions() as session:
        with pytest.raises(ValueError, match="unknown status"):
            await find_notices(session, NoticeFilter(status="gone"), tz=SH)


async def test_starts_within_a_window(sessions: Sessions, ids: dict[str, int]) -> None:
    week = (local(2022, 5, 9), local(2022, 5, 16))
    found = await names(sessions, ids, NoticeFilter(starts_between=week))
    # a deadline counts from publication day (the 10th); earliest start first
    assert found == ["bank", "shoushan", "dawn", "outage"]
    later = (local(2022, 5, 16), local(2022, 6, 30))
    assert await names(sessions, ids, roads(starts_between=later)) == ["bridge", "june"]


async def test_ends_within_a_window_uses_the_inclusive_last_day(
    sessions: Sessions, ids: dict[str, int]
) -> None:
    # Week Mon 2022-05-30 to Sun 2022-06-05: the bank's deadline (Tue the 31st) falls in it.
    week = (local(2022, 5, 30), local(2022, 6, 6))
    assert await names(sessions, ids, NoticeFilter(ends_between=week)) == ["bank"]
    # A deadline on Sunday the 15th falls in the week ending Monday 16th 00:00, not in the next one.
    assert await names(sessions, ids, NoticeFilter(ends_between=(local(2022, 5, 9), local(2022, 5, 16)))) == [
        "dawn",
        "outage",
        "undated",
    ]
    assert "undated" not in await names(
        sessions, ids, NoticeFilter(ends_between=(local(2022, 5, 16), local(2022, 5, 23)))
    )


async def test_limit_offset_and_count(sessions: Sessions, ids: dict[str, int]) -> None:
    everything = NoticeFilter(active_on=date(2022, 5, 12))
    async with sessions() as session:
        full = [n.id for n in await find_notices(session, everything, tz=SH)]
        everything.limit, everything.offset = 2, 1
        page = [n.id for n in await find_notices(session, everything, tz=SH)]
        assert page == full[1:3]
        assert await count_notices(session, everything, tz=SH) == len(full) == 5


async def test_results_carry_periods_and_places(sessions: Sessions, ids: dict[str, int]) -> None:
    async with sessions() as session:
        (found,) = await find_notices(session, roads(text="忠诚村"), tz=SH)
        assert [p.start_date for p in found.periods] == [date(2022, 5, 11)]
        assert [p.name for p in found.places] == ["寿山镇忠诚村至礼让村路段"]


async def test_without_time_filter_newest_first(sessions: Sessions, ids: dict[str, int]) -> None:
    found = await names(sessions, ids, roads())
    assert found[-1] == "april"  # published earliest
    assert set(found) == {"shoushan", "bridge", "april", "june"}


async def test_naive_datetimes_are_refused(sessions: Sessions, ids: dict[str, int]) -> None:
    async with sessions() as session:
        with pytest.raises(ValueError, match="aware"):
            await find_notices(session, NoticeFilter(active_at=datetime(2022, 5, 12)), tz=SH)
        with pytest.raises(ValueError, match="aware"):
            await nearest_notices(session, NoticeFilter(), at=datetime(2022, 5, 12), tz=SH)


async def test_nearest_past_and_future(sessions: Sessions, ids: dict[str, int]) -> None:
    by_id = {v: k for k, v in ids.items()}
    async with sessions() as session:
        # Nothing closed on 2022-05-05: the April closure ended last, Shoushan starts next.
        flt = roads(active_on=date(2022, 5, 5))
        assert await find_notices(session, flt, tz=SH) == []
        past, future = await nearest_notices(session, flt, at=local(2022, 5, 5, 12), tz=SH)
        assert past is not None
        assert future is not None
        assert (by_id[past.id], by_id[future.id]) == ("april", "shoushan")
        # After Shoushan reopens, it is the past one; June is next (the bridge started before).
        past, future = await nearest_notices(session, roads(), at=local(2022, 5, 28), tz=SH)
        assert past is not None
        assert future is not None
        assert (by_id[past.id], by_id[future.id]) == ("shoushan", "june")
        # Keyword and category still apply; nothing in the future for the bank.
        past, future = await nearest_notices(session, NoticeFilter(text="银行"), at=local(2022, 6, 2), tz=SH)
        assert past is not None
        assert by_id[past.id] == "bank"
        assert future is None
        assert await nearest_notices(session, NoticeFilter(text="无此内容"), at=local(2022, 6, 2), tz=SH) == (
            None,
            None,
        )


def test_fold() -> None:
    assert fold("出 租\nＡＢＣ　１２３") == "出租abc123"
    assert fold("") == ""


async def test_many_notices_page_through(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        for i in range(30):
            start = date(2022, 5, 1) + timedelta(days=i % 10)
            parsed = notice(f"封路通告{i}", Category.ROAD_CLOSURE, Period(start, start + timedelta(days=20)))
            await store_notice(session, parsed, tz=tz)
    flt = roads(active_at=local(2022, 5, 15), limit=7)
    seen: list[int] = []
    async with sessions() as session:
        assert await count_notices(session, flt, tz=tz) == 30
        while batch := await find_notices(session, flt, tz=tz):
            seen += [n.id for n in batch]
            flt.offset += flt.limit
        assert len(seen) == len(set(seen)) == 30
        # the closures that began most recently (on the 10th) come first
        firsts = await find_notices(session, roads(active_at=local(2022, 5, 15), limit=3), tz=tz)
        assert [p.start_date for n in firsts for p in n.periods] == [date(2022, 5, 10)] * 3


async def test_corrected_periods_move_the_notice_in_time(sessions: Sessions, ids: dict[str, int]) -> None:
    async with session_scope(sessions) as session:
        await replace_periods(session, ids["june"], [Period(date(2022, 7, 1), date(2022, 7, 2))], tz=SH)
    assert "june" not in await names(sessions, ids, roads(active_on=date(2022, 6, 11)))
    assert await names(sessions, ids, roads(active_on=date(2022, 7, 2))) == ["june", "bridge"]
    async with session_scope(sessions) as session:
        await replace_periods(session, ids["june"], [], tz=SH)
    assert "june" not in await names(sessions, ids, roads(active_on=date(2022, 7, 2)))
    assert "june" in await names(sessions, ids, roads(text="东吉大路"))


async def test_undated_since_finds_recent_notices_without_periods(
    sessions: Sessions, ids: dict[str, int]
) -> None:
    assert await names(sessions, ids, NoticeFilter(undated_since=date(2022, 5, 1))) == ["rental"]
    assert await names(sessions, ids, NoticeFilter(undated_since=date(2022, 5, 11))) == []
    async with session_scope(sessions) as session:
        # a correction that takes a notice's periods away makes it undated, and giving them back undoes it
        await replace_periods(session, ids["june"], [], tz=SH)
    assert await names(sessions, ids, roads(undated_since=date(2022, 5, 1))) == ["june"]
    async with session_scope(sessions) as session:
        await replace_periods(session, ids["june"], [Period(date(2022, 7, 1), None)], tz=SH)
    assert await names(sessions, ids, roads(undated_since=date(2022, 5, 1))) == []
    async with sessions() as session:
        with pytest.raises(ValueError, match="time filter"):
            await find_notices(
                session, NoticeFilter(undated_since=date(2022, 5, 1), active_on=date(2022, 5, 12)), tz=SH
            )


async def test_ids_then_load_is_find(sessions: Sessions, ids: dict[str, int]) -> None:
    filters = [
        NoticeFilter(active_on=date(2022, 5, 12)),
        NoticeFilter(starts_between=(local(2022, 5, 1), local(2022, 7, 1))),
        NoticeFilter(ends_between=(local(2022, 5, 1), local(2022, 7, 1))),
        NoticeFilter(),
    ]
    async with sessions() as session:
        for flt in filters:
            found = [n.id for n in await find_notices(session, flt, tz=SH)]
            assert await find_notice_ids(session, flt, tz=SH) == found
            assert found
            assert [n.id for n in await load_records(session, [*found[::-1], 10**9])] == found[::-1]
        assert await load_records(session, []) == []


async def test_count_any_counts_each_notice_once(sessions: Sessions, ids: dict[str, int]) -> None:
    active = NoticeFilter(active_on=date(2022, 5, 12))
    starting = NoticeFilter(starts_between=(local(2022, 5, 1), local(2022, 7, 1)))
    undated = NoticeFilter(undated_since=date(2022, 1, 1))
    async with sessions() as session:
        sets = [set(await find_notice_ids(session, f, tz=SH)) for f in (active, starting, undated)]
        assert sets[0] & sets[1]  # the union below really has repeats to drop
        expected = len(sets[0] | sets[1] | sets[2])
        assert await count_any(session, [active, starting, undated], tz=SH) == expected
        assert await count_any(session, [active, starting, undated], tz=SH, cap=3) == 3
        assert await count_any(session, [], tz=SH) == 0


async def test_the_later_filters_run_only_while_the_first_is_short(
    sessions: Sessions, ids: dict[str, int]
) -> None:
    """``while_short``: one statement that gives the later filters' ids only when the first filter
    found fewer than the limit, as separate queries would have been asked."""
    active = NoticeFilter(active_on=date(2022, 5, 12))
    starting = NoticeFilter(starts_between=(local(2022, 5, 1), local(2022, 7, 1)))
    undated = NoticeFilter(undated_since=date(2022, 1, 1))
    filters = [active, starting, undated]
    async with sessions() as session:
        alone = [await find_notice_ids(session, replace(f, limit=50), tz=SH) for f in filters]
        assert all(alone)
        wide = await find_notice_ids_each(session, filters, tz=SH, limit=50, while_short=True)
        assert wide == alone == await find_notice_ids_each(session, filters, tz=SH, limit=50)
        full = len(alone[0])  # the first filter fills the limit: the others are not read
        narrow = await find_notice_ids_each(session, filters, tz=SH, limit=full, while_short=True)
        assert narrow == [alone[0], [], []]
        short = await find_notice_ids_each(session, filters, tz=SH, limit=full + 1, while_short=True)
        assert short == [f[: full + 1] for f in alone]
