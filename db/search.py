"""Finding notices: the queries that turn a :class:`NoticeFilter` into ids, counts and loaded notices.

What a filter means as conditions is in ``db.filters``, keyword matching in ``db.keywords``; this module
chooses the shape of each query (which index it starts from), its order, and how several are merged.
Every name callers use is importable from here. What is found is loaded as records (``db.rows``), not
ORM objects: loading a page of 50 as ORM objects cost 14 ms at the median and 70 ms at p99 on
PostgreSQL with 100,000 notices, against 5 and 8 ms as records.

Cost, measured by ``bench/query.py`` on 100,000 notices: on SQLite category + moment is a range scan of
``ix_notices_category_active`` over the notices whose periods are not all over, then one covering-index
probe of ``periods`` per candidate (only for a notice with several periods); a window of starts/ends
does the same for one category and walks the periods in the window otherwise. On PostgreSQL the
envelope is tested as a range (``db.filters.envelope_meets``), read from the covering GiST index
``ix_notices_category_range`` without touching the table. What is on in no category, ordered, is read
from the latest start back up to the page (``db.recent``). :func:`find_notice_ids` and
:func:`count_any` let a caller merge several queries on ids and load only what it shows (see
``bot.answer``). A keyword search is a substring scan of the folded text (see ``db.keywords``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)

from db.filters import (
    ANY_ZONE,
    Binds,
    NoticeFilter,
    as_utc,
    day_bounds,
    envelope_meets,
    filter_shape,
    filter_values,
    notice_conditions,
    period_conditions,
    recent_first,
    single_period,
    where_conditions,
)
from db.keywords import fold, keyword_in, not_by_index, position_of
from db.recent import recent_ids
from db.rows import NoticeRecord, load_records
from db.tables import EARLIEST, LATEST, notices, periods
from db.types import UTCDateTime

if TYPE_CHECKING:
    from db.reader import Reader

__all__ = [
    "NoticeFilter",
    "count_any",
    "count_notices",
    "day_bounds",
    "envelope_meets",
    "find_notice_ids",
    "find_notice_ids_each",
    "find_notices",
    "fold",
    "keyword_in",
    "nearest_notices",
    "not_by_index",
    "position_of",
]


def _by_periods(flt: NoticeFilter) -> bool:
    """Only a window of starts or ends, not in one category: the query walks the periods in the window
    (``ix_periods_active_from``/``ix_periods_ends_at``) and joins their notices, instead of range-scanning
    the envelopes of the notices, which for a window in the past is most of them. For one category the
    envelope scan of ``ix_notices_category_active`` is the smaller one (that category's notices, read from
    the index alone, against every category's periods in the window, each probing its notice)."""
    return (
        len(set(flt.categories)) != 1
        and flt.active_at is None
        and flt.active_on is None
        and (flt.starts_between is not None or flt.ends_between is not None)
    )


def _ids(
    flt: NoticeFilter,
    tz: ZoneInfo,
    *,
    ordered: bool,
    bind: Binds | None = None,
    need: ColumnElement[Any] | None = None,
) -> Select[int]:
    """The ids of the matching notices, in the order :func:`find_notices` returns them when
    ``ordered`` (unordered and possibly repeated otherwise: for counting distinct ids). The values are
    ``bind``'s parameters (by default carrying ``flt``'s values: a statement ready to run). ``need``:
    how many of the first ids the caller reads (its limit and offset), which lets "what is on" in no
    category stop there (:func:`db.recent.recent_ids`)."""
    bind = bind or Binds.of(flt, tz)
    if ordered and need is not None and recent_first(flt):
        return recent_ids(flt, bind, need)
    if _by_periods(flt):
        p = periods.c
        query = (
            select(p.notice_id)
            .join(notices, notices.c.id == p.notice_id)
            .where(*notice_conditions(flt, bind), *period_conditions(flt, tz, bind=bind))
        )
        if not ordered:
            return query
        # The nearest relevant period first: the earliest start in a starts window, else the earliest end
        # (the latest when asked for what ended recently).
        if flt.starts_between is None and flt.latest_first:
            return query.group_by(p.notice_id).order_by(func.max(p.ends_at).desc().nulls_last(), p.notice_id)
        column = p.active_from if flt.starts_between is not None else p.ends_at
        return query.group_by(p.notice_id).order_by(func.min(column).asc().nulls_last(), p.notice_id)
    conditions, per_period = where_conditions(flt, tz, bind)
    if flt.undated_since is not None:
        if per_period or flt.active_at is not None or flt.active_on is not None:
            raise ValueError("undated_since cannot be combined with a time filter")
        # No periods: the envelope is NULL (db.store keeps it so). Both sides are tested so that the
        # envelope indexes answer it as equalities followed by a range of ``published``.
        conditions += [
            notices.c.active_until.is_(None),
            notices.c.active_since.is_(None),
            or_(notices.c.published >= bind("undated_since", Date()), notices.c.published.is_(None)),
        ]
    query = select(notices.c.id).where(*conditions)
    return _ordered(query, flt, per_period, bind) if ordered else query


def _ordered(
    query: Select[int], flt: NoticeFilter, per_period: list[ColumnElement[bool]], bind: Binds
) -> Select[int]:
    """Nearest relevant period first: for "active" filters the period that began most recently, for a
    starts window the earliest start, for an ends window the earliest end; without a time filter, the
    newest notices first."""
    if not per_period:
        newest = notices.c.published
        if bind.get("pattern") is not None:  # a keyword through the index (MIN_INDEXED characters or more)
            newest = not_by_index(newest)  # type: ignore[assignment]
        return query.order_by(newest.desc().nulls_last(), notices.c.id.desc())
    p = periods.c
    relevant = and_(p.notice_id == notices.c.id, *per_period)

    def key(aggregate: ColumnElement[Any], own: ColumnElement[Any]) -> ColumnElement[Any]:
        """The order key: ``aggregate`` over the notice's matching periods, or for a notice with one
        period (db.filters.single_period) ``own``, the same value read off its envelope."""
        probed = select(aggregate).where(relevant).scalar_subquery()
        return case((single_period(), own), else_=probed)

    n = notices.c
    earliest, latest = literal(EARLIEST, UTCDateTime()), literal(LATEST, UTCDateTime())
    if flt.active_at is not None or flt.active_on is not None:
        latest_start = key(func.max(p.active_from), func.nullif(n.active_since, earliest))
        return query.order_by(latest_start.desc().nulls_last(), n.id)
    if flt.starts_between is None and flt.latest_first:
        latest_end = key(func.max(p.ends_at), func.nullif(n.active_until, latest))
        return query.order_by(latest_end.desc().nulls_last(), n.id)
    if flt.starts_between is not None:
        first = key(func.min(p.active_from), n.active_since)
    else:
        first = key(func.min(p.ends_at), n.active_until)
    return query.order_by(first.asc().nulls_last(), n.id)


async def find_notice_ids(session: Reader, flt: NoticeFilter, *, tz: ZoneInfo) -> list[int]:
    """The ids :func:`find_notices` would return, in its order, without loading any notice: for
    merging several queries on keys before loading the one page that is shown."""
    values = filter_values(flt, tz)
    query = _ids_page(flt, values, filter_shape(flt, values))
    values.update(limit=max(flt.limit, 0), offset=max(flt.offset, 0))
    return list((await session.scalars(query, values)).all())


async def find_notice_ids_each(
    session: Reader,
    filters: Sequence[NoticeFilter],
    *,
    tz: ZoneInfo,
    limit: int,
    while_short: bool = False,
) -> list[list[int]]:
    """For each filter, the first ``limit`` ids :func:`find_notice_ids` would return, in one statement
    (a UNION ALL of the filters' queries, each numbering its rows in its own order).

    With ``while_short``, the filters after the first run only when the first finds fewer than
    ``limit`` ids (the others' lists are then empty): an answer that the first filter fills needs no
    more, and one that it does not fill gets the rest in the same round trip."""
    if len(filters) < 2:
        return [await find_notice_ids(session, replace(f, limit=limit, offset=0), tz=tz) for f in filters]
    values: dict[str, Any] = {"limit": max(limit, 0)}
    shapes = []
    for index, flt in enumerate(filters):
        own = filter_values(flt, tz, f"f{index}_")
        shapes.append(filter_shape(flt, own, f"f{index}_"))
        values.update(own)
    query = ids_each(tuple(filters), values, tuple(shapes), while_short=while_short)
    found: list[list[int]] = [[] for _ in filters]
    for notice_id, part, _pos in await session.execute(query, values):
        found[part].append(notice_id)
    return found


# Statements built once per shape of filter (the SQL apart from the values, see ``filter_shape``) and
# run with each filter's values: building one costs more than running it. A shape is a handful of
# booleans, so there are few of them; a caller combining many filters could still make new ones, so
# the cache starts over past ``_MAX_TEMPLATES`` rather than grow without bound.
_TEMPLATES: dict[tuple[Any, ...], Select[Any]] = {}
_MAX_TEMPLATES = 256


def _remember(key: tuple[Any, ...], statement: Select[Any]) -> Select[Any]:
    if len(_TEMPLATES) >= _MAX_TEMPLATES:
        _TEMPLATES.clear()
    _TEMPLATES[key] = statement
    return statement


def _ids_page(flt: NoticeFilter, values: dict[str, Any], shape: tuple[Any, ...]) -> Select[int]:
    """:func:`_ids` (ordered) as a template, with the parameters ``limit`` and ``offset``."""
    key = ("page", shape)
    found = _TEMPLATES.get(key)
    if found is None:
        template = Binds(values, carry=False)
        need = bindparam("limit", type_=BigInteger()) + bindparam("offset", type_=BigInteger())
        query = _ids(flt, ANY_ZONE, ordered=True, bind=template, need=need)
        found = _remember(
            key,
            query.limit(bindparam("limit", type_=BigInteger())).offset(
                bindparam("offset", type_=BigInteger())
            ),
        )
    return found


def ids_each(
    filters: tuple[NoticeFilter, ...],
    values: dict[str, Any],
    shapes: tuple[tuple[Any, ...], ...],
    *,
    while_short: bool = False,
) -> Select[Any]:
    """The statement of :func:`find_notice_ids_each` as a template (parameters ``f<i>_…`` and ``limit``).

    With ``while_short`` the first filter's rows are a CTE, and every later part carries the condition
    that it has fewer than ``limit`` rows: uncorrelated, so the database tests it once, before reading
    anything of that part (PostgreSQL's one-time filter, SQLite's constant WHERE term)."""
    key = ("each", shapes, while_short)
    found = _TEMPLATES.get(key)
    if found is not None:
        return found
    parts = []
    short: ColumnElement[bool] | None = None
    for index, flt in enumerate(filters):
        template = Binds(values, f"f{index}_", carry=False)
        query = _ids(flt, ANY_ZONE, ordered=True, bind=template, need=bindparam("limit", type_=BigInteger()))
        position = func.row_number().over(order_by=query._order_by_clauses).label("pos")
        limited = query.add_columns(literal(index).label("part"), position).limit(
            bindparam("limit", type_=BigInteger())
        )
        ranked = limited.cte("first_part") if while_short and index == 0 else limited.subquery()
        first = next(iter(ranked.c))  # notices.id, or periods.notice_id for a window of periods
        part = select(first, ranked.c.part, ranked.c.pos)
        if short is not None:
            part = part.where(short)
        elif while_short:
            count = select(func.count()).select_from(ranked).scalar_subquery()
            short = count < bindparam("limit", type_=BigInteger())
        parts.append(part)
    merged = union_all(*parts).subquery()
    return _remember(key, select(merged).order_by(merged.c.part, merged.c.pos))


async def find_notices(session: Reader, flt: NoticeFilter, *, tz: ZoneInfo) -> list[NoticeRecord]:
    """The notices matching ``flt`` as records to show (periods and places loaded), nearest relevant
    period first, then id."""
    from db.rows import load_records

    return await load_records(session, await find_notice_ids(session, flt, tz=tz))


async def count_notices(session: Reader, flt: NoticeFilter, *, tz: ZoneInfo) -> int:
    """How many notices match ``flt`` (limit and offset ignored)."""
    return await count_any(session, [flt], tz=tz)


async def count_any(
    session: Reader, filters: Sequence[NoticeFilter], *, tz: ZoneInfo, cap: int | None = None
) -> int:
    """How many notices match at least one of ``filters`` (each counted once; limits ignored).

    Each filter's ids come from its own index (a UNION of them, not one OR that no index answers).
    With ``cap``, counting stops at ``cap`` matches: for substring searches, whose count is otherwise
    a scan of every stored text.
    """
    if not filters:
        return 0
    ids: Any
    if len(filters) > 1:
        # Each filter's parameters named apart: two filters may give one condition different values.
        ids = union(
            *(_ids(flt, tz, ordered=False, bind=Binds.of(flt, tz, f"f{i}_")) for i, flt in enumerate(filters))
        )
    elif _by_periods(filters[0]):
        ids = _ids(filters[0], tz, ordered=False).distinct()  # one row per period in the window
    else:
        ids = _ids(filters[0], tz, ordered=False)  # one row per notice already
    if cap is not None:
        ids = select(literal(1)).select_from(ids.subquery()).limit(max(cap, 0))
    return int(await session.scalar(select(func.count()).select_from(ids.subquery())) or 0)


async def nearest_notices(
    session: Reader, flt: NoticeFilter, *, at: datetime, tz: ZoneInfo, by_end: bool = False
) -> tuple[NoticeRecord | None, NoticeRecord | None]:
    """For "nothing matches": the matching notice whose period ended most recently at or before ``at``,
    and the one whose period starts soonest after it (``flt.active_*`` ignored); with ``by_end``, the
    one whose period ends soonest after it (the next deadline, which has no start)."""
    moment = as_utc(at, "at")
    p = periods.c
    base = (
        select(notices.c.id)
        .join(periods, p.notice_id == notices.c.id)
        .where(*notice_conditions(flt), *period_conditions(flt, tz, with_active=False))
    )
    past = base.where(p.ends_at <= moment).order_by(p.ends_at.desc(), notices.c.id).limit(1)
    if by_end:
        future = base.where(p.ends_at > moment).order_by(p.ends_at, notices.c.id).limit(1)
    else:
        future = base.where(p.active_from > moment).order_by(p.active_from, notices.c.id).limit(1)
    past_id, future_id = await session.scalar(past), await session.scalar(future)
    found = {n.id: n for n in await load_records(session, [i for i in (past_id, future_id) if i is not None])}
    return found.get(past_id), found.get(future_id)
