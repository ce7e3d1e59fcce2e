"""Notices read as plain rows for showing them: what an answer lists, without ORM objects.

An answer shows one page of notices. Loading them as ORM objects (identity map, instrumented
attributes, a selectin load per relationship) cost more CPU than the queries; these records carry the
same attribute names (:func:`to_parsed` reads either) from one Core statement on the Core tables of
``db.tables``, so that answering needs no ORM at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, literal, null, select, union_all

from db.tables import PlaceRole, notices, periods, places
from notices.categories import Category
from notices.model import ParsedNotice
from notices.model import Period as ParsedPeriod

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from db.models import Notice as NoticeRow
    from db.models import Period as PeriodRow
    from db.reader import Reader


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
    active_from: datetime | None  # when the period's first window opens (UTC), as stored


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
    notices.c.id,
    notices.c.title,
    notices.c.category,
    notices.c.issuer,
    notices.c.published,
    notices.c.body,
    notices.c.status,
    notices.c.warnings,
)
_PERIOD = (
    periods.c.id,
    periods.c.all_day,
    periods.c.start_date,
    periods.c.end_date,
    periods.c.starts_at,
    periods.c.ends_at,
    periods.c.label,
    periods.c.note,
    periods.c.text,
    periods.c.daily_start,
    periods.c.daily_end,
    periods.c.places,
    periods.c.active_from,
)


def _nulls(columns: Sequence[Any]) -> list[Any]:
    return [null().cast(c.type).label(None) for c in columns]


@cache
def _statement() -> Select[Any]:
    """Built once: the ids are an expanding parameter, so each call only binds them."""
    wanted: BindParameter[int] = bindparam("ids", expanding=True)
    return records_of(lambda ids: ids.in_(wanted))


def records_of(
    wanted: Callable[[Any], ColumnElement[bool]], extra: Callable[[Any], Sequence[Any]] = lambda _id: ()
) -> Select[Any]:
    """The rows :func:`read_records` reads, for the notices whose id passes ``wanted`` (a condition on
    an id column), each row ending with the columns ``extra`` gives for its notice's id column."""
    place_columns = (places.c.name, places.c.role)
    with_periods = (
        select(literal(0).label("part"), notices.c.id.label("nid"), *_NOTICE, *_PERIOD)
        .add_columns(*_nulls(place_columns))
        .outerjoin(periods, periods.c.notice_id == notices.c.id)
        .where(wanted(notices.c.id))
    )
    place_rows = select(
        literal(1), places.c.notice_id, *_nulls(_NOTICE), *_nulls(_PERIOD), *place_columns
    ).where(wanted(places.c.notice_id))
    # Order within a notice: periods by position, places by position (ids break ties, as the ORM did).
    rows = union_all(
        with_periods.add_columns(
            periods.c.position.label("pos"), periods.c.id.label("rid"), *extra(notices.c.id)
        ),
        place_rows.add_columns(places.c.position, places.c.id, *extra(places.c.notice_id)),
    ).subquery()
    return select(rows).order_by(rows.c.part, rows.c.nid, rows.c.pos, rows.c.rid)


async def load_records(session: Reader, ids: Sequence[int]) -> list[NoticeRecord]:
    """The notices with these ids, periods and places in their order, in the order given; missing ids
    are left out. One statement: the notices joined to their periods, then their places, as rows of
    one shape (a place row has NULL notice and period columns)."""
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    by_id = read_records(await session.execute(_statement(), {"ids": wanted}))
    return [by_id[i] for i in wanted if i in by_id]


def read_records(rows: Iterable[Sequence[Any]]) -> dict[int, NoticeRecord]:
    """The records in the rows of :func:`records_of`, by id (extra columns ignored)."""
    by_id: dict[int, NoticeRecord] = {}
    notice_end = 2 + len(_NOTICE)
    period_end = notice_end + len(_PERIOD)
    for result_row in rows:
        row: tuple[Any, ...] = tuple(result_row)
        if row[0] == 0:
            notice = by_id.get(row[1])
            if notice is None:
                notice = by_id[row[1]] = NoticeRecord(*row[2:notice_end])
            if row[notice_end] is not None:
                notice.periods.append(PeriodRecord(*row[notice_end:period_end]))
        elif row[1] in by_id:
            by_id[row[1]].places.append(PlaceRecord(*row[period_end : period_end + 2]))
    return by_id


def _period_from_row(row: PeriodRow | PeriodRecord, tz: ZoneInfo) -> ParsedPeriod:
    start: date | datetime | None
    end: date | datetime | None
    if row.all_day:
        start, end = row.start_date, row.end_date
    else:
        start = None if row.starts_at is None else row.starts_at.astimezone(tz)
        end = None if row.ends_at is None else row.ends_at.astimezone(tz)
    daily = (
        (row.daily_start, row.daily_end)
        if row.daily_start is not None and row.daily_end is not None
        else None
    )
    return ParsedPeriod(
        start=start,
        end=end,
        all_day=row.all_day,
        label=row.label,
        note=row.note,
        text=row.text,
        daily=daily,
        places=tuple(name for name in row.places.split("\n") if name),
    )


def to_parsed(row: NoticeRow | NoticeRecord, tz: ZoneInfo) -> ParsedNotice:
    """The domain value for a stored notice (an ORM object or a record of this module); timed periods
    come back as aware datetimes in ``tz``."""
    return ParsedNotice(
        title=row.title,
        category=Category(row.category),
        body=row.body,
        published=row.published,
        issuer=row.issuer,
        periods=[_period_from_row(p, tz) for p in row.periods],
        places=[p.name for p in row.places if p.role != PlaceRole.DETOUR],
        warnings=[w for w in row.warnings.split("\n") if w],
        detours=[p.name for p in row.places if p.role == PlaceRole.DETOUR],
    )
