"""What a :class:`NoticeFilter` asks for, as SQL conditions on notices and on their periods.

Every time condition is about one period of a notice: "active at 9:00 and ending this week" means a
single period does both. Instants are compared in UTC against ``periods.active_from``/``ends_at``
(both indexed), so the zone only matters for turning a local day into instants, done here in Python.
Each period condition has a looser twin on the notice's envelope (``notices.active_since``/
``active_until``), which the indexes on notices answer before any period is probed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, ColumnElement, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from db.keywords import contains_keyword, fold
from db.tables import NoticeStatus, notices, periods
from db.types import UTCDateTime
from notices.categories import Category


@dataclass(slots=True)
class NoticeFilter:
    """What to look for. Empty/None fields do not filter. Datetimes must be aware."""

    categories: Sequence[Category] = ()
    text: str | None = None
    active_at: datetime | None = None
    active_on: date | None = None
    starts_between: tuple[datetime, datetime] | None = None
    ends_between: tuple[datetime, datetime] | None = None
    # Only notices without periods published on or after this day (or of unknown publication day): an
    # advert without dates counts as current for a while. Not combinable with the time filters above.
    undated_since: date | None = None
    status: str = NoticeStatus.PUBLISHED
    # For a window of ends: the latest end first ("what ended recently") instead of the earliest.
    latest_first: bool = False
    limit: int = 50
    offset: int = 0


def as_utc(moment: datetime, what: str) -> datetime:
    """``moment`` in UTC; a naive datetime is refused, naming the field it came as (``what``)."""
    if moment.tzinfo is None:
        raise ValueError(f"{what} needs an aware datetime, got {moment.isoformat()}")
    return moment.astimezone(UTC)


def _window(window: tuple[datetime, datetime], what: str) -> tuple[datetime, datetime]:
    start, end = as_utc(window[0], what), as_utc(window[1], what)
    if end < start:
        raise ValueError(f"{what}: the window ends before it starts")
    return start, end


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A local day as UTC instants [midnight, next midnight); DST days are 23 or 25 hours long."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def _overlaps(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    """The period shares some instant with [start, end); NULL ends mean open on that side."""
    p = periods.c
    return [
        or_(p.active_from.is_(None), p.active_from < end if end > start else p.active_from <= start),
        or_(p.ends_at.is_(None), p.ends_at > start),
    ]


class envelope_meets(FunctionElement[bool]):
    """``envelope_meets(start, end)``: on PostgreSQL, the notice's envelope as a closed ``tsrange``
    meets [start, end) (contains ``start`` when ``end`` is ``start``), which the GiST index
    ``ix_notices_envelope_range`` answers without reading every notice that ends later (what a btree
    on the bounds must do for a day in the past). Looser than :func:`_envelope`'s comparisons, which
    stay beside it; elsewhere it is true."""

    type = Boolean()
    inherit_cache = True
    name = "envelope_meets"


@compiles(envelope_meets)
def _envelope_true(element: envelope_meets, compiler: SQLCompiler, **kw: Any) -> str:
    return "1 = 1"


@compiles(envelope_meets, "postgresql")
def _envelope_range(element: envelope_meets, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    envelope = "tsrange(notices.active_since, notices.active_until, '[]')"
    return f"({envelope} && tsrange({start}, {end}, '[]'))"


def _envelope(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    """Necessary for a period to overlap [start, end): the notice's envelope overlaps it. Answered by
    ``ix_notices_(category_)active`` before any period is probed (on PostgreSQL also by the GiST
    index of :class:`envelope_meets`)."""
    return [
        notices.c.active_until > start,
        notices.c.active_since < end if end > start else notices.c.active_since <= start,
        envelope_meets(literal(start, UTCDateTime()), literal(end, UTCDateTime())),
    ]


def _envelope_conditions(flt: NoticeFilter, tz: ZoneInfo) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.active_at is not None:
        moment = as_utc(flt.active_at, "active_at")
        conditions += _envelope(moment, moment)
    if flt.active_on is not None:
        conditions += _envelope(*day_bounds(flt.active_on, tz))
    # A period never ends before it counts from (notices.model.Period, db.store.period_values), so a
    # period starting in [start, end) lies in an envelope reaching ``start``, and one ending in
    # (start, end] in an envelope beginning by ``end``.
    if flt.starts_between is not None:
        start, end = _window(flt.starts_between, "starts_between")
        conditions += [notices.c.active_until >= start, notices.c.active_since < end]
    if flt.ends_between is not None:
        start, end = _window(flt.ends_between, "ends_between")
        conditions += [notices.c.active_until > start, notices.c.active_since <= end]
    return conditions


def period_conditions(
    flt: NoticeFilter, tz: ZoneInfo, *, with_active: bool = True
) -> list[ColumnElement[bool]]:
    """What one period of the notice must satisfy (``with_active=False``: the window filters only)."""
    p = periods.c
    conditions: list[ColumnElement[bool]] = []
    if with_active and flt.active_at is not None:
        moment = as_utc(flt.active_at, "active_at")
        conditions += _overlaps(moment, moment)
    if with_active and flt.active_on is not None:
        conditions += _overlaps(*day_bounds(flt.active_on, tz))
    if flt.starts_between is not None:
        start, end = _window(flt.starts_between, "starts_between")
        conditions += [p.active_from >= start, p.active_from < end]
    if flt.ends_between is not None:
        # ends_at is exclusive: a period whose last moment falls in [start, end) has ends_at in (start, end].
        start, end = _window(flt.ends_between, "ends_between")
        conditions += [p.ends_at > start, p.ends_at <= end]
    return conditions


def notice_conditions(flt: NoticeFilter) -> list[ColumnElement[bool]]:
    """What the notice itself must satisfy, whatever its periods: status, category, keyword."""
    if flt.status not in NoticeStatus.ALL:
        raise ValueError(f"unknown status {flt.status!r}; known: {', '.join(NoticeStatus.ALL)}")
    conditions: list[ColumnElement[bool]] = [notices.c.status == flt.status]
    if flt.categories:
        codes = sorted({Category(c).value for c in flt.categories})
        category = notices.c.category
        conditions.append(category == codes[0] if len(codes) == 1 else category.in_(codes))
    needle = fold(flt.text or "")
    if needle:
        conditions.append(contains_keyword(needle))
    return conditions


def where_conditions(
    flt: NoticeFilter, tz: ZoneInfo
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """The WHERE of a query on notices, and the period conditions it probes (to order by them)."""
    conditions = notice_conditions(flt) + _envelope_conditions(flt, tz)
    per_period = period_conditions(flt, tz)
    if per_period:
        # A correlated probe of ``ix_periods_notice_active`` per candidate notice. Not EXISTS: PostgreSQL
        # turns that into a hash semi-join reading every period in the window (~45,000 of 100,000
        # notices' periods for "active now"); a LIMIT 1 subquery it cannot flatten.
        probe = select(literal(1)).where(periods.c.notice_id == notices.c.id, *per_period).limit(1)
        conditions.append(probe.scalar_subquery().is_not(None))
    return conditions, per_period
