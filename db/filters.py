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
from typing import Any, Self
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Boolean, ColumnElement, String, and_, bindparam, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.operators import OperatorType
from sqlalchemy.types import TypeEngine

from db.keywords import fold, keyword_condition, keyword_values
from db.tables import LATEST, NoticeStatus, notices, periods
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


RECENT = timedelta(days=7)
"""For "what is on" in no category or one: the starts a first page is looked for among before all the notices
active are sorted (``db.search``). A week of starts fills a page at scale; where it does not, the
notices are few enough to sort them all."""


def recent_first(flt: NoticeFilter) -> bool:
    """Whether ``flt`` asks what is on at a moment or on a day, in no category or in one, and nothing of
    a notice's text: the notices starting latest come first, and one with a single period can be read
    in that order from an index on its start (``db.search``; migrations 0015 and 0016) instead of
    sorting every one active."""
    return (
        (flt.active_at is None) != (flt.active_on is None)
        and flt.starts_between is None
        and flt.ends_between is None
        and flt.undated_since is None
        and len(set(flt.categories)) <= 1
        and not fold(flt.text or "")
    )


ANY_ZONE = ZoneInfo("UTC")
"""A zone for building conditions that turn no day into instants (their values come from elsewhere)."""


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


def _overlaps(
    start: BindParameter[Any], end: BindParameter[Any], *, instant: bool
) -> list[ColumnElement[bool]]:
    """The period shares some instant with [start, end) (an ``instant``: contains ``start``); NULL ends
    mean open on that side."""
    p = periods.c
    return [
        or_(p.active_from.is_(None), p.active_from <= start if instant else p.active_from < end),
        or_(p.ends_at.is_(None), p.ends_at > start),
    ]


class _Condition(FunctionElement[bool]):
    """A condition whose SQL is written per dialect, already a whole parenthesised comparison: used
    as it is in a WHERE (not compared with 1 as a Boolean value is where there is no Boolean type)."""

    type = Boolean()
    inherit_cache = True

    def self_group(self, against: OperatorType | None = None) -> Self:
        return self


class envelope_meets(_Condition):
    """``envelope_meets(start, end)``: the notice's envelope shares some instant with [start, end).

    On SQLite (and any other database) the two comparisons of the bounds (``UNTIL`` and ``SINCE``,
    the operators each variant below sets), which the btrees ``ix_notices_(category_)active`` answer.
    On PostgreSQL the envelope as a closed ``tsrange`` meets the closed [start, end], which the GiST
    indexes ``ix_notices_envelope_range`` and ``ix_notices_category_range`` answer (the latter from
    the index alone), made exact by inequalities that no index takes: no btree comparison of the
    bounds is left beside the range. Such comparisons were redundant with the range, yet the planner
    counted them as independent and so believed a BitmapAnd of the range and a btree narrowed ~700
    candidates to ~125; it chose that and read one heap page per candidate (568 for "what roads are
    closed" at 1,000,000 notices, 8,015 for a day) instead of the covering GiST scan. A comparison of
    ``active_until`` stays (``<>`` or ``IS NOT NULL``): the GiST indexes are partial, on the notices
    with periods."""

    inherit_cache = True
    name = "envelope_meets"
    UNTIL, SINCE = ">", "<"


class envelope_holds(envelope_meets):
    """``envelope_holds(at, at)``: the envelope contains the instant ``at``."""

    inherit_cache = True
    name = "envelope_holds"
    UNTIL, SINCE = ">", "<="


class envelope_reaches(envelope_meets):
    """``envelope_reaches(start, end)``: the envelope can hold a period starting in [start, end)
    (a period never ends before it counts from, so it reaches ``start`` and begins before ``end``)."""

    inherit_cache = True
    name = "envelope_reaches"
    UNTIL, SINCE = ">=", "<"


class envelope_ends_in(envelope_meets):
    """``envelope_ends_in(start, end)``: the envelope can hold a period ending in (start, end]
    (``ends_at`` is exclusive)."""

    inherit_cache = True
    name = "envelope_ends_in"
    UNTIL, SINCE = ">", "<="


_ENVELOPE = "tsrange(notices.active_since, notices.active_until, '[]')"


def _bounds(element: FunctionElement[bool], compiler: SQLCompiler, kw: dict[str, Any]) -> tuple[str, str]:
    """The element's two arguments as SQL, rendered anew for each use (a positional parameter style
    such as SQLite's ``?`` needs one rendering per occurrence)."""
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return start, end


@compiles(envelope_meets)
def _by_bounds(element: envelope_meets, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _bounds(element, compiler, kw)
    return f"(notices.active_until {element.UNTIL} {start} AND notices.active_since {element.SINCE} {end})"


@compiles(envelope_meets, "postgresql")
def _by_range(element: envelope_meets, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = _bounds(element, compiler, kw)
    # The closed ranges' && is active_since <= end AND active_until >= start; a strict side excludes
    # equality.
    exact = []
    if element.UNTIL == ">":
        exact.append(f"notices.active_until <> {_bounds(element, compiler, kw)[0]}")
    else:
        exact.append("notices.active_until IS NOT NULL")
    if element.SINCE == "<":
        exact.append(f"notices.active_since <> {_bounds(element, compiler, kw)[1]}")
    return f"({_ENVELOPE} && tsrange({start}, {end}, '[]') AND {' AND '.join(exact)})"


def envelope_conditions(flt: NoticeFilter, bind: Binds) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.active_at is not None:
        conditions.append(envelope_holds(bind("at", UTCDateTime()), bind("at", UTCDateTime())))
    if flt.active_on is not None:
        conditions.append(envelope_meets(bind("day_start", UTCDateTime()), bind("day_end", UTCDateTime())))
    # A period never ends before it counts from (notices.model.Period, db.store.period_values), so a
    # period starting in [start, end) lies in an envelope reaching ``start``, and one ending in
    # (start, end] in an envelope beginning by ``end``.
    if flt.starts_between is not None:
        conditions.append(
            envelope_reaches(bind("starts_from", UTCDateTime()), bind("starts_to", UTCDateTime()))
        )
    if flt.ends_between is not None:
        conditions.append(envelope_ends_in(bind("ends_from", UTCDateTime()), bind("ends_to", UTCDateTime())))
    return conditions


def period_conditions(
    flt: NoticeFilter, tz: ZoneInfo, *, with_active: bool = True, bind: Binds | None = None
) -> list[ColumnElement[bool]]:
    """What one period of the notice must satisfy (``with_active=False``: the window filters only)."""
    bind = bind or Binds.of(flt, tz)
    p = periods.c
    conditions: list[ColumnElement[bool]] = []
    if with_active and flt.active_at is not None:
        moment = bind("at", UTCDateTime())
        conditions += _overlaps(moment, moment, instant=True)
    if with_active and flt.active_on is not None:
        conditions += _overlaps(
            bind("day_start", UTCDateTime()), bind("day_end", UTCDateTime()), instant=False
        )
    if flt.starts_between is not None:
        start, end = bind("starts_from", UTCDateTime()), bind("starts_to", UTCDateTime())
        conditions += [p.active_from >= start, p.active_from < end]
    if flt.ends_between is not None:
        # ends_at is exclusive: a period whose last moment falls in [start, end) has ends_at in (start, end].
        start, end = bind("ends_from", UTCDateTime()), bind("ends_to", UTCDateTime())
        conditions += [p.ends_at > start, p.ends_at <= end]
    return conditions


def notice_conditions(flt: NoticeFilter, bind: Binds | None = None) -> list[ColumnElement[bool]]:
    """What the notice itself must satisfy, whatever its periods: status, category, keyword."""
    bind = bind or Binds.of(flt, ANY_ZONE)
    conditions: list[ColumnElement[bool]] = [notices.c.status == bind("status", String(16))]
    codes = bind.get("category")
    if codes is not None:
        category = notices.c.category
        conditions.append(
            category == bind("category", String(32))
            if isinstance(codes, str)
            else category.in_(bind("category", String(32), expanding=True))
        )
    needle = bind.get("needle")
    if needle is not None:
        indexed = bind.get("pattern") is not None
        pattern, phrase = (bind("pattern", String()), bind("phrase", String())) if indexed else (None, None)
        conditions.append(keyword_condition(bind("needle", String()), pattern, phrase))
    return conditions


def where_conditions(
    flt: NoticeFilter, tz: ZoneInfo, bind: Binds | None = None
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """The WHERE of a query on notices, and the period conditions it probes (to order by them)."""
    bind = bind or Binds.of(flt, tz)
    conditions = notice_conditions(flt, bind) + envelope_conditions(flt, bind)
    per_period = period_conditions(flt, tz, bind=bind)
    if per_period:
        # A notice with one period is its envelope: tested on the row already read. Otherwise a
        # correlated probe of ``ix_periods_notice_active`` per candidate notice. Not EXISTS: PostgreSQL
        # turns that into a hash semi-join reading every period in the window (~45,000 of 100,000
        # notices' periods for "active now"); a LIMIT 1 subquery it cannot flatten.
        probe = select(literal(1)).where(periods.c.notice_id == notices.c.id, *per_period).limit(1)
        conditions.append(
            or_(
                and_(single_period(), *_single_conditions(flt, bind)),
                and_(notices.c.period_count != 1, probe.scalar_subquery().is_not(None)),
            )
        )
    return conditions, per_period


def single_period() -> ColumnElement[bool]:
    """The notice has exactly one period, so its envelope is that period (``db.store.envelope``): the
    open sides as the sentinels ``EARLIEST``/``LATEST`` instead of NULL."""
    return notices.c.period_count == 1


def _single_conditions(flt: NoticeFilter, bind: Binds) -> list[ColumnElement[bool]]:
    """:func:`period_conditions` for a notice with one period, on its envelope: what
    :func:`envelope_conditions` leaves out (for "active" filters they are already exact)."""
    conditions: list[ColumnElement[bool]] = []
    if flt.starts_between is not None:
        conditions.append(notices.c.active_since >= bind("starts_from", UTCDateTime()))
    if flt.ends_between is not None:
        conditions += [
            notices.c.active_until <= bind("ends_to", UTCDateTime()),
            notices.c.active_until < literal(LATEST, UTCDateTime()),  # an open end ends in no window
        ]
    return conditions


# --- parameters ----------------------------------------------------------------------------------


def filter_values(flt: NoticeFilter, tz: ZoneInfo, prefix: str = "") -> dict[str, Any]:
    """The values of ``flt``'s conditions, by parameter name (after ``prefix``): what a statement built
    once for the filter's shape (:func:`filter_shape`) is run with. Refuses what the conditions refuse
    (a naive moment, a window ending before it starts, an unknown status)."""
    if flt.status not in NoticeStatus.ALL:
        raise ValueError(f"unknown status {flt.status!r}; known: {', '.join(NoticeStatus.ALL)}")
    values: dict[str, Any] = {"status": flt.status}
    if flt.categories:
        codes = sorted({Category(c).value for c in flt.categories})
        values["category"] = codes[0] if len(codes) == 1 else codes
    needle = fold(flt.text or "")
    if needle:
        values.update(keyword_values(needle))
    if flt.active_at is not None:
        values["at"] = as_utc(flt.active_at, "active_at")
    if flt.active_on is not None:
        values["day_start"], values["day_end"] = day_bounds(flt.active_on, tz)
    if recent_first(flt):
        values["recent_from"] = values["at" if flt.active_at is not None else "day_end"] - RECENT
    if flt.starts_between is not None:
        values["starts_from"], values["starts_to"] = _window(flt.starts_between, "starts_between")
    if flt.ends_between is not None:
        values["ends_from"], values["ends_to"] = _window(flt.ends_between, "ends_between")
    if flt.undated_since is not None:
        values["undated_since"] = flt.undated_since
    return {prefix + name: value for name, value in values.items()} if prefix else values


def filter_shape(flt: NoticeFilter, values: dict[str, Any], prefix: str = "") -> tuple[Any, ...]:
    """What decides the SQL of ``flt``'s conditions, apart from the values: statements built for one
    shape serve every filter of that shape."""
    codes = values.get(prefix + "category")
    return (
        None if codes is None else isinstance(codes, str),
        None if prefix + "needle" not in values else prefix + "pattern" in values,
        flt.active_at is not None,
        flt.active_on is not None,
        flt.starts_between is not None,
        flt.ends_between is not None,
        flt.undated_since is not None,
        flt.latest_first,
        len(set(flt.categories)) == 1,
    )


class Binds:
    """The bound parameters of a filter's conditions, by name (after ``prefix``), and the values they
    stand for (what decides the shape of the conditions too). With ``carry`` each parameter carries its
    value, so the statement runs as it is; without, the statement is a template, built once per shape
    (:func:`filter_shape`) and run with each filter's :func:`filter_values`."""

    __slots__ = ("carry", "prefix", "values")

    def __init__(self, values: dict[str, Any], prefix: str = "", *, carry: bool = True) -> None:
        self.values = values
        self.prefix = prefix
        self.carry = carry

    @classmethod
    def of(cls, flt: NoticeFilter, tz: ZoneInfo, prefix: str = "", *, carry: bool = True) -> Binds:
        return cls(filter_values(flt, tz, prefix), prefix, carry=carry)

    def get(self, name: str) -> Any:
        """The value named, None when the filter has none."""
        return self.values.get(self.prefix + name)

    def __call__(self, name: str, type_: TypeEngine[Any], *, expanding: bool = False) -> BindParameter[Any]:
        key = self.prefix + name
        if not self.carry:
            return bindparam(key, type_=type_, expanding=expanding)
        return bindparam(key, self.values[key], type_=type_, expanding=expanding)
