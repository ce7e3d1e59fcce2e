"""Notices read as plain rows for showing them: what an answer lists, without ORM objects.

An answer shows one page of notices. Loading them as ORM objects (identity map, instrumented
attributes, a selectin load per relationship) cost more CPU than the queries; these records carry the
same attribute names (``db.store.to_parsed`` reads either) from two Core statements: the notices with
their periods (one join), then their places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
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


async def load_records(session: AsyncSession, ids: Sequence[int]) -> list[NoticeRecord]:
    """The notices with these ids, periods and places in their order, in the order given; missing ids
    are left out."""
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    by_id: dict[int, NoticeRecord] = {}
    rows = await session.execute(
        select(*_NOTICE, *_PERIOD)
        .outerjoin(Period, Period.notice_id == Notice.id)
        .where(Notice.id.in_(wanted))
        .order_by(Notice.id, Period.position, Period.id)
    )
    width = len(_NOTICE)
    for result_row in rows:
        row: tuple[Any, ...] = tuple(result_row)
        notice = by_id.get(row[0])
        if notice is None:
            notice = by_id[row[0]] = NoticeRecord(*row[:width])
        if row[width] is not None:
            notice.periods.append(PeriodRecord(*row[width:]))
    places = await session.execute(
        select(Place.notice_id, Place.name, Place.role)
        .where(Place.notice_id.in_(wanted))
        .order_by(Place.notice_id, Place.position, Place.id)
    )
    for notice_id, name, role in places:
        by_id[notice_id].places.append(PlaceRecord(name, role))
    return [by_id[i] for i in wanted if i in by_id]
