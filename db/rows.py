"""Notices read as plain rows for showing them: what an answer lists, without ORM objects.

An answer shows one page of notices. Loading them as ORM objects (identity map, instrumented
attributes, a selectin load per relationship) cost more CPU than the queries; these records carry the
same attribute names (``db.store.to_parsed`` reads either) from one Core statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Notice, Period, Place


@dataclass(slots=True)
class PeriodRecord:
    id: int
    all_day: bool
    start_date: date | None
    end_date: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    label: str | None
    note: str | None
    text: str
    daily_start: time | None
    daily_end: time | None
    places: str


@dataclass(slots=True)
class PlaceRecord:
    name: str
    role: str


@dataclass(slots=True)
class NoticeRecord:
    """A stored notice as an answer shows it (``search_text`` and bookkeeping left out)."""

    id: int
    title: str
    category: str
    issuer: str | None
    published: date | None
    body: str
    status: str
    warnings: str
    periods: list[PeriodRecord] = field(default_factory=list)
    places: list[PlaceRecord] = field(default_factory=list)


_NOTICE = (
    Notice.id,
    Notice.title,
    Notice.category,
    Notice.issuer,
    Notice.published,
    Notice.body,
    Notice.status,
    Notice.warnings,
)
_PERIOD = (
    Period.id,
    Period.all_day,
    Period.start_date,
    Period.end_date,
    Period.starts_at,
    Period.ends_at,
    Period.label,
    Period.note,
    Period.text,
    Period.daily_start,
    Period.daily_end,
    Period.places,
)


def _nulls(columns: Sequence[Any]) -> list[Any]:
    return [null().cast(c.type).label(None) for c in columns]


@cache
def _statement() -> Select[Any]:
    """Built once: the ids are an expanding parameter, so each call only binds them."""
    wanted: BindParameter[int] = bindparam("ids", expanding=True)
    place_columns = (Place.name, Place.role)
    with_periods = (
        select(literal(0).label("part"), Notice.id.label("nid"), *_NOTICE, *_PERIOD, *_nulls(place_columns))
        .outerjoin(Period, Period.notice_id == Notice.id)
        .where(Notice.id.in_(wanted))
    )
    places = select(literal(1), Place.notice_id, *_nulls(_NOTICE), *_nulls(_PERIOD), *place_columns).where(
        Place.notice_id.in_(wanted)
    )
    # Order within a notice: periods by position, places by position (ids break ties, as the ORM did).
    rows = union_all(
        with_periods.add_columns(Period.position.label("pos"), Period.id.label("rid")),
        places.add_columns(Place.position, Place.id),
    ).subquery()
    return select(rows).order_by(rows.c.part, rows.c.nid, rows.c.pos, rows.c.rid)


async def load_records(session: AsyncSession, ids: Sequence[int]) -> list[NoticeRecord]:
    """The notices with these ids, periods and places in their order, in the order given; missing ids
    are left out. One statement: the notices joined to their periods, then their places, as rows of
    one shape (a place row has NULL notice and period columns)."""
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    by_id: dict[int, NoticeRecord] = {}
    notice_end = 2 + len(_NOTICE)
    period_end = notice_end + len(_PERIOD)
    for result_row in await session.execute(_statement(), {"ids": wanted}):
        row: tuple[Any, ...] = tuple(result_row)
        if row[0] == 0:
            notice = by_id.get(row[1])
            if notice is None:
                notice = by_id[row[1]] = NoticeRecord(*row[2:notice_end])
            if row[notice_end] is not None:
                notice.periods.append(PeriodRecord(*row[notice_end:period_end]))
        elif row[1] in by_id:
            by_id[row[1]].places.append(PlaceRecord(*row[period_end : period_end + 2]))
    return [by_id[i] for i in wanted if i in by_id]
