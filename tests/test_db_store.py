"""Storing notices: dedupe by content, periods as written and as instants, status and corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.models import Notice, NoticeStatus
from db.models import Period as PeriodRow
from db.models import Place as PlaceRow
from db.store import (
    NoticeNotFound,
    StatusError,
    StoreInterrupted,
    counts_by_status,
    get_notice,
    replace_periods,
    set_category,
    set_status,
    store_notice,
    store_page,
    to_parsed,
)
from notices.categories import Category
from notices.model import PageResult, ParsedNotice, Period, SkippedItem

Sessions = async_sessionmaker[AsyncSession]


def road_closure() -> ParsedNotice:
    return ParsedNotice(
        title="封路公告",
        category=Category.ROAD_CLOSURE,
        body="因道路施工，寿山镇忠诚村至礼让村路段\n封闭施工，请过往车辆绕行。",
        published=date(2022, 5, 10),
        issuer="东辽县交通运输局",
        periods=[
            Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限", text="2022年5月11日—26日"),
        ],
        places=["寿山镇忠诚村至礼让村路段", "寿山镇"],
        warnings=["issuer guessed from signature"],
    )


def outage(tz: ZoneInfo) -> ParsedNotice:
    return ParsedNotice(
        title="停电通知",
        category=Category.POWER_OUTAGE,
        body="因线路检修，西安区部分区域停电。",
        published=date(2022, 5, 10),
        periods=[
            Period(datetime(2022, 5, 12, 8, tzinfo=tz), datetime(2022, 5, 12, 17, tzinfo=tz), all_day=False),
            Period(datetime(2022, 5, 13, 8, tzinfo=tz), datetime(2022, 5, 13, 12, tzinfo=tz), all_day=False),
        ],
        places=["西安区"],
    )


def recruitment() -> ParsedNotice:
    return ParsedNotice(
        title="2022年专业人才引进公告",
        category=Category.RECRUITMENT,
        body="辽源农村商业银行招聘3-5人，报名截至5月31日。",
        published=date(2022, 5, 10),
        periods=[Period(None, date(2022, 5, 31), label="报名时间", note="节假日除外")],
    )


async def total(session: AsyncSession, model: type[object]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


async def test_store_page_stores_notices_and_reports_skipped(sessions: Sessions, tz: ZoneInfo) -> None:
    page = PageResult(
        notices=[road_closure(), outage(tz), recruitment()],
        skipped=[SkippedItem("news report", "本报讯 …")],
    )
    async with session_scope(sessions) as session:
        report = await store_page(session, page, tz=tz, source="liaoyuan-2022-05-10.txt")
    assert [s.duplicate for s in report.stored] == [False, False, False]
    assert report.duplicates == []
    assert report.skipped == page.skipped
    assert len({s.id for s in report.stored}) == 3
    async with sessions() as session:
        assert await total(session, Notice) == 3
        assert await total(session, PeriodRow) == 4
        row = await get_notice(session, report.stored[0].id)
        assert row is not None
        assert row.status == NoticeStatus.PUBLISHED
        assert row.source == "liaoyuan-2022-05-10.txt"
        assert [p.name for p in row.places] == ["寿山镇忠诚村至礼让村路段", "寿山镇"]
        assert row.content_hash == road_closure().content_hash


async def test_all_day_period_is_stored_as_dates_and_local_midnights(
    sessions: Sessions, tz: ZoneInfo
) -> None:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, road_closure(), tz=tz)
    async with sessions() as session:
        row = await get_notice(session, stored.id)
        assert row is not None
        (period,) = row.periods
        assert (period.start_date, period.end_date) == (date(2022, 5, 11), date(2022, 5, 26))
        # Shanghai midnight of the 11th is 16:00 UTC on the 10th;
        # the inclusive end runs to the midnight after the 26th.
        assert period.starts_at == datetime(2022, 5, 10, 16, tzinfo=UTC)
        assert period.ends_at == datetime(2022, 5, 26, 16, tzinfo=UTC)
        assert period.active_from == period.starts_at
        assert period.all_day
        assert period.label == "封闭期限"


async def test_deadline_counts_from_publication_day(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, recruitment(), tz=tz)
    async with sessions() as session:
        row = await get_notice(session, stored.id)
        assert row is not None
        (period,) = row.periods
        assert period.starts_at is None
        assert period.start_date is None
        assert period.active_from == datetime(2022, 5, 9, 16, tzinfo=UTC)
        assert period.note == "节假日除外"


async def test_round_trip_gives_back_the_parsed_notice(sessions: Sessions, tz: ZoneInfo) -> None:
    originals = [road_closure(), outage(tz), recruitment()]
    async with session_scope(sessions) as session:
        report = await store_page(session, PageResult(notices=originals), tz=tz)
    async with sessions() as session:
        for original, stored in zip(originals, report.stored, strict=True):
            row = await get_notice(session, stored.id)
            assert row is not None
            again = to_parsed(row, tz)
            assert again == original
            assert again.content_hash == original.content_hash
    async with sessions() as session:
        row = await get_notice(session, report.stored[1].id)
        assert row is not None
        start = to_parsed(row, tz).periods[0].start
        assert isinstance(start, datetime)
        assert start.tzinfo == tz
        assert start.hour == 8


async def test_same_page_twice_stores_nothing_new_and_changes_nothing(
    sessions: Sessions, tz: ZoneInfo
) -> None:
    page = PageResult(notices=[road_closure(), recruitment()])
    async with session_scope(sessions) as session:
        first = await store_page(session, page, tz=tz, source="first")
    async with session_scope(sessions) as session:
        await set_status(session, first.stored[1].id, NoticeStatus.WITHDRAWN)
    async with sessions() as session:
        before = [(n.id, n.status, n.source, n.updated_at) for n in await session.scalars(select(Notice))]
        periods_before = await total(session, PeriodRow)

    # Same text re-extracted with other line breaks and spacing still dedupes.
    reflowed = road_closure()
    reflowed.body = reflowed.body.replace("\n", "").replace("，", "， ")
    again = PageResult(notices=[reflowed, recruitment()])
    async with session_scope(sessions) as session:
        second = await store_page(session, again, tz=tz, source="second", status=NoticeStatus.PUBLISHED)
    assert second.stored == []
    assert [d.id for d in second.duplicates] == [s.id for s in first.stored]
    assert all(d.duplicate for d in second.duplicates)
    async with sessions() as session:
        after = [(n.id, n.status, n.source, n.updated_at) for n in await session.scalars(select(Notice))]
        assert after == before  # the withdrawn one stays withdrawn
        assert await total(session, PeriodRow) == periods_before


async def test_duplicates_within_one_page(sessions: Sessions, tz: ZoneInfo) -> None:
    page = PageResult(notices=[road_closure(), recruitment(), road_closure()])
    async with session_scope(sessions) as session:
        report = await store_page(session, page, tz=tz)
    assert len(report.stored) == 2
    assert [d.id for d in report.duplicates] == [report.stored[0].id]
    async with sessions() as session:
        assert await total(session, Notice) == 2
        assert await total(session, PlaceRow) == 2


async def test_failed_page_leaves_the_database_unchanged(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        await store_notice(session, recruitment(), tz=tz)

    async def ingest_then_fail() -> None:
        async with session_scope(sessions) as session:
            await store_page(session, PageResult(notices=[road_closure(), outage(tz)]), tz=tz)
            raise RuntimeError("the parser of the next page failed")

    with pytest.raises(RuntimeError):
        await ingest_then_fail()
    async with sessions() as session:
        assert await total(session, Notice) == 1
        assert await total(session, PeriodRow) == 1


async def test_a_page_stopped_part_way_leaves_nothing(sessions: Sessions, tz: ZoneInfo) -> None:
    """The bot stopping while it stores a long page: the notices stored so far are rolled back."""
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    page = PageResult(notices=[road_closure(), outage(tz), recruitment()])
    with pytest.raises(StoreInterrupted):
        async with session_scope(sessions) as session:
            await store_page(session, page, tz=tz, stop=stop)
    assert len(asked) == 3, "asked before each notice, and stopped at the third"
    async with sessions() as session:
        assert await total(session, Notice) == 0
        assert await total(session, PeriodRow) == 0


async def test_known_notices_are_found_in_batches(sessions: Sessions, tz: ZoneInfo) -> None:
    """More known notices than one lookup holds: each is still reported with its own id."""
    notices = []
    for number in range(1200):
        notice = recruitment()
        notice.body = f"{notice.body} 第{number}号"
        notices.append(notice)
    async with session_scope(sessions) as session:
        first = await store_page(session, PageResult(notices=notices), tz=tz)
    async with session_scope(sessions) as session:
        again = await store_page(session, PageResult(notices=notices), tz=tz, stop=lambda: True)
    assert again.stored == []
    assert [d.id for d in again.duplicates] == [s.id for s in first.stored]


async def test_unknown_status_is_refused(sessions: Sessions, tz: ZoneInfo) -> None:
    async with sessions() as session:
        with pytest.raises(StatusError):
            await store_notice(session, road_closure(), tz=tz, status="archived")
        assert await total(session, Notice) == 0


async def test_status_transitions(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, road_closure(), tz=tz, status=NoticeStatus.DRAFT)
    async with session_scope(sessions) as session:
        assert (await set_status(session, stored.id, NoticeStatus.PUBLISHED)).status == NoticeStatus.PUBLISHED
        assert (await set_status(session, stored.id, NoticeStatus.PUBLISHED)).status == NoticeStatus.PUBLISHED
        assert (await set_status(session, stored.id, NoticeStatus.WITHDRAWN)).status == NoticeStatus.WITHDRAWN
    async with session_scope(sessions) as session:
        with pytest.raises(ValueError, match="cannot become draft"):
            await set_status(session, stored.id, NoticeStatus.DRAFT)
        with pytest.raises(ValueError, match="unknown status"):
            await set_status(session, stored.id, "deleted")
        with pytest.raises(LookupError):
            await set_status(session, stored.id + 1000, NoticeStatus.PUBLISHED)
        with pytest.raises(NoticeNotFound):
            await set_category(session, stored.id + 1000, Category.OTHER)
    async with sessions() as session:
        row = await get_notice(session, stored.id)
        assert row is not None
        assert row.status == NoticeStatus.WITHDRAWN
        assert await counts_by_status(session) == {"draft": 0, "published": 0, "withdrawn": 1}


async def test_counts_by_status(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        await store_notice(session, road_closure(), tz=tz)
        await store_notice(session, outage(tz), tz=tz)
        await store_notice(session, recruitment(), tz=tz, status=NoticeStatus.DRAFT)
    async with sessions() as session:
        assert await counts_by_status(session) == {"draft": 1, "published": 2, "withdrawn": 0}


async def test_set_category(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, road_closure(), tz=tz)
    async with session_scope(sessions) as session:
        row = await set_category(session, stored.id, Category.TRAFFIC_CONTROL)
        assert row.category == "traffic_control"
    async with sessions() as session:
        row2 = await get_notice(session, stored.id)
        assert row2 is not None
        assert to_parsed(row2, tz).category is Category.TRAFFIC_CONTROL


async def test_replace_periods(sessions: Sessions, tz: ZoneInfo) -> None:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, outage(tz), tz=tz)
    corrected = [Period(date(2022, 5, 14), None, label="停电时间", text="5月14日起")]
    async with session_scope(sessions) as session:
        row = await replace_periods(session, stored.id, corrected, tz=tz)
        assert [p.start_date for p in row.periods] == [date(2022, 5, 14)]
    async with sessions() as session:
        assert await total(session, PeriodRow) == 1
        row2 = await get_notice(session, stored.id)
        assert row2 is not None
        assert to_parsed(row2, tz).periods == corrected
        (period,) = row2.periods
        assert period.ends_at is None
        assert period.starts_at == datetime(2022, 5, 13, 16, tzinfo=UTC)
    async with session_scope(sessions) as session:
        with pytest.raises(LookupError):
            await replace_periods(session, 999_999, corrected, tz=tz)


async def test_get_notice_missing_is_none(sessions: Sessions) -> None:
    async with sessions() as session:
        assert await get_notice(session, 12345) is None


async def test_upgrade_fills_the_new_columns_of_existing_notices(db_url: str, tz: ZoneInfo) -> None:
    from sqlalchemy import text

    from db.engine import make_sessionmaker, upgrade
    from tests.conftest import engine_for

    engine = engine_for(db_url)
    try:
        await upgrade(engine, "0001")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO notices (id, title, category, published, body, status, content_hash,"
                    " warnings, created_at, updated_at)"
                    " VALUES (1, '出 租', 'rental', :day, :body, 'published', 'h', '', :now, :now)"
                ),
                {"day": date(2022, 5, 10), "body": "门市房\n出租", "now": datetime(2022, 5, 10)},
            )
            await connection.execute(
                text(
                    "INSERT INTO periods (id, notice_id, position, text, all_day, end_date, ends_at)"
                    " VALUES (1, 1, 0, '', :yes, :end, :ends)"
                ),
                {"yes": True, "end": date(2022, 5, 31), "ends": datetime(2022, 5, 31, 16)},
            )
        await upgrade(engine)
        async with make_sessionmaker(engine)() as session:
            row = await get_notice(session, 1)
            assert row is not None
            folded = await session.scalar(select(Notice.search_text).where(Notice.id == 1))
            assert folded == "出租\n门市房出租"
            assert row.periods[0].active_from == datetime(2022, 5, 9, 16, tzinfo=UTC)
            assert row.active_since == datetime(2022, 5, 9, 16, tzinfo=UTC)
            assert row.active_until == datetime(2022, 5, 31, 16, tzinfo=UTC)
    finally:
        await engine.dispose()


async def test_roles_and_period_places_round_trip(sessions: Sessions, tz: ZoneInfo) -> None:
    notice = ParsedNotice(
        title="停电及封路通知",
        category=Category.POWER_OUTAGE,
        body="6月3日东风村停电，6月6日红旗村停电；新华路封闭，请绕行胜利路、建设路。",
        published=date(2023, 5, 30),
        periods=[
            Period(date(2023, 6, 3), date(2023, 6, 3), places=("东风村",)),
            Period(date(2023, 6, 6), date(2023, 6, 6), places=("红旗村", "新华路")),
        ],
        places=["东风村", "红旗村", "新华路"],
        detours=["胜利路", "建设路", "新华路"],  # a name both closed and a detour is closed
    )
    async with session_scope(sessions) as session:
        stored = await store_notice(session, notice, tz=tz)
    async with sessions() as session:
        rows = (
            await session.execute(
                select(PlaceRow.name, PlaceRow.role)
                .where(PlaceRow.notice_id == stored.id)
                .order_by(PlaceRow.position)
            )
        ).all()
        assert [tuple(r) for r in rows] == [
            ("东风村", "affected"),
            ("红旗村", "affected"),
            ("新华路", "affected"),
            ("胜利路", "detour"),
            ("建设路", "detour"),
        ]
        row = await get_notice(session, stored.id)
        assert row is not None
        again = to_parsed(row, tz)
        assert again.places == ["东风村", "红旗村", "新华路"]
        assert again.detours == ["胜利路", "建设路"]
        assert [p.places for p in again.periods] == [("东风村",), ("红旗村", "新华路")]
        folded = await session.scalar(select(Notice.search_text).where(Notice.id == stored.id))
        assert folded is not None
        assert folded.split("\n")[1:4] == ["东风村", "红旗村", "新华路"]  # detours are not its places


async def test_upgrade_keeps_places_stored_before_roles_affected(db_url: str, tz: ZoneInfo) -> None:
    from sqlalchemy import text

    from db.engine import make_sessionmaker, upgrade
    from tests.conftest import engine_for

    engine = engine_for(db_url)
    try:
        await upgrade(engine, "0006")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO notices (id, title, category, published, body, status, content_hash,"
                    " warnings, search_text, created_at, updated_at)"
                    " VALUES (1, '封路', 'road_closure', :day, '新华路封闭', 'published', 'h', '', '',"
                    " :now, :now)"
                ),
                {"day": date(2022, 5, 10), "now": datetime(2022, 5, 10)},
            )
            await connection.execute(
                text(
                    "INSERT INTO periods (id, notice_id, position, text, all_day, start_date, end_date)"
                    " VALUES (1, 1, 0, '', :yes, :day, :day)"
                ),
                {"yes": True, "day": date(2022, 5, 11)},
            )
            await connection.execute(
                text("INSERT INTO places (id, notice_id, position, name) VALUES (1, 1, 0, '新华路')")
            )
        await upgrade(engine)
        async with make_sessionmaker(engine)() as session:
            row = await get_notice(session, 1)
            assert row is not None
            parsed = to_parsed(row, tz)
            assert (parsed.places, parsed.detours) == (["新华路"], [])
            assert parsed.periods[0].places == ()
    finally:
        await engine.dispose()
