"""The time filters at the edges of periods: a moment, a day or a window that begins or ends exactly
where a period begins or ends. The notices found must be those whose stored periods
(``periods.active_from``/``ends_at``, the end exclusive) satisfy the filter, computed here in Python:
on PostgreSQL the envelope is tested as a closed range plus inequalities (``db.filters.envelope_meets``),
on SQLite by comparing its bounds, and both must keep exactly the same notices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.search import NoticeFilter, day_bounds, find_notice_ids
from db.store import store_notice
from db.tables import periods
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")
DAY = date(2031, 7, 10)
NOON = datetime(2031, 7, 10, 12, tzinfo=SH)


def timed(start: datetime, hours: int) -> Period:
    return Period(start, start + timedelta(hours=hours), all_day=False)


def edge_periods() -> list[list[Period]]:
    """Periods that begin or end on the edges the filters below ask about, alone and beside others."""
    hour = timedelta(hours=1)
    single = [
        timed(NOON, 2),  # begins at the moment asked
        timed(NOON - 2 * hour, 2),  # ends (exclusively) at the moment asked
        timed(NOON - hour, 2),  # holds it
        Period(DAY, DAY),  # the day itself, all day
        Period(DAY - timedelta(days=1), DAY - timedelta(days=1)),  # ends at the day's first instant
        Period(DAY + timedelta(days=1), DAY + timedelta(days=3)),  # begins at the day's end
        Period(None, DAY),  # open start
        Period(DAY, None),  # open end
        Period(None, DAY - timedelta(days=1)),
        Period(DAY + timedelta(days=1), None),
    ]
    several = [
        [timed(NOON - 5 * hour, 1), timed(NOON, 1)],
        [timed(NOON - 2 * hour, 2), timed(NOON + 3 * hour, 1)],
        [Period(DAY - timedelta(days=3), DAY - timedelta(days=2)), Period(DAY + timedelta(days=1), None)],
        [Period(None, DAY - timedelta(days=2)), timed(NOON + hour, 1)],
    ]
    return [[p] for p in single] + several


def filters() -> list[tuple[NoticeFilter, Callable[[datetime | None, datetime | None], bool]]]:
    """Each filter with what one period (active_from, ends_at; None open) must satisfy."""
    found: list[tuple[NoticeFilter, Callable[[datetime | None, datetime | None], bool]]] = []
    hour = timedelta(hours=1)
    for at in (NOON, NOON - 2 * hour, NOON + hour, datetime.combine(DAY, datetime.min.time(), tzinfo=SH)):
        moment = at.astimezone(UTC)
        found.append(
            (
                NoticeFilter(active_at=at),
                lambda a, e, m=moment: (a is None or a <= m) and (e is None or e > m),
            )
        )
    for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
        first, after = day_bounds(day, SH)
        found.append(
            (
                NoticeFilter(active_on=day),
                lambda a, e, s=first, t=after: (a is None or a < t) and (e is None or e > s),
            )
        )
    edges = [NOON, NOON - 2 * hour, datetime.combine(DAY + timedelta(days=1), datetime.min.time(), tzinfo=SH)]
    for start in edges:
        for length in (timedelta(hours=2), timedelta(days=1)):
            window = (start, start + length)
            s, t = (w.astimezone(UTC) for w in window)
            found.append(
                (
                    NoticeFilter(starts_between=window),
                    lambda a, e, s=s, t=t: a is not None and s <= a < t,
                )
            )
            found.append(
                (
                    NoticeFilter(ends_between=window),
                    lambda a, e, s=s, t=t: e is not None and s < e <= t,
                )
            )
    # In one category the envelope is read first (the other path walks the periods in the window).
    return found + [
        (NoticeFilter(categories=[Category.ROAD_CLOSURE], **_fields(flt)), test) for flt, test in found
    ]


def _fields(flt: NoticeFilter) -> dict[str, object]:
    names = ("active_at", "active_on", "starts_between", "ends_between")
    return {name: getattr(flt, name) for name in names if getattr(flt, name) is not None}


async def test_time_filters_keep_exactly_the_notices_whose_periods_meet_them(sessions: Sessions) -> None:
    async with session_scope(sessions) as session:
        for n, shape in enumerate(edge_periods()):
            parsed = ParsedNotice(
                title=f"封路通告{n}号", category=Category.ROAD_CLOSURE, body=f"第{n}号。", periods=shape
            )
            await store_notice(session, parsed, tz=SH)
    async with sessions() as session:
        rows = (
            await session.execute(select(periods.c.notice_id, periods.c.active_from, periods.c.ends_at))
        ).all()
        by_notice: dict[int, list[tuple[datetime | None, datetime | None]]] = {}
        for notice_id, active_from, ends_at in rows:
            by_notice.setdefault(notice_id, []).append((active_from, ends_at))
        kept_some = 0
        for flt, meets in filters():
            expected = {i for i, spans in by_notice.items() if any(meets(a, e) for a, e in spans)}
            found = await find_notice_ids(session, flt, tz=SH)
            assert set(found) == expected, flt
            assert len(found) == len(set(found))
            kept_some += 0 < len(expected) < len(by_notice)
    assert kept_some > 20  # the edges do split the notices
