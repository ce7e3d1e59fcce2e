"""Finding notices: by category, keyword, the moment or day they are active, or a window of starts/ends.

Every time condition is about one period of a notice: "active at 9:00 and ending this week" means a
single period does both. Instants are compared in UTC against ``periods.active_from``/``ends_at``
(both indexed), so the zone only matters for turning a local day into instants, done here in Python.

Cost, measured by ``bench/query.py`` on 100,000 notices: category + moment is a range scan of
``ix_notices_category_active`` over the notices whose periods are not all over, then one covering-index
probe of ``periods`` per candidate; a window of starts/ends does the same for one category and walks the
periods in the window otherwise. :func:`find_notice_ids` and :func:`count_any` let a caller merge several
queries on ids and load only what it shows (see ``bot.answer``). Keyword search is a substring scan of the
folded ``search_text`` of the notices in the status: linear in the stored text (about 0.2-0.3 s for
100,000 notices when nothing matches; quick when the newest notices match, because results come in date
order and stop at the limit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.sqltypes import NullType

from db.models import Notice, NoticeStatus
from db.models import Period as PeriodRow
from db.textsearch import FTS_TABLE, MIN_INDEXED, escape_like, fts_phrase
from db.types import UTCDateTime
from notices.categories import Category
from notices.normalize import normalize

_SPACE = re.compile(r"\s+")


class position_of(FunctionElement[int]):
    """``position_of(haystack, needle)``: 1-based position of ``needle``, 0 when absent.

    A plain substring test (SQLite ``instr``, PostgreSQL ``strpos``) instead of ``LIKE '%…%'``: the
    folded text needs no case-insensitive matching or wildcard escaping, and ``instr`` scans SQLite's
    text about a third faster than ``LIKE``.
    """

    type = Integer()
    inherit_cache = True
    name = "position_of"


@compiles(position_of)
def _strpos(element: position_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


@compiles(position_of, "sqlite")
def _instr(element: position_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


class keyword_in(FunctionElement[Any]):
    """``keyword_in(notices.id, notices.search_text, needle, like_pattern, fts_phrase)``: the folded
    text contains ``needle`` (three characters or more), through the keyword index (``db.textsearch``):
    on SQLite the FTS5 trigram table narrows the notices before the exact test, on PostgreSQL
    ``LIKE '%needle%'`` is what the pg_trgm index answers. Build it with :func:`_contains`."""

    # No Boolean type: SQLite would compare it with 1, hiding the IN from its planner.
    type = NullType()
    inherit_cache = True
    name = "keyword_in"


@compiles(keyword_in)
def _keyword_like(element: keyword_in, compiler: SQLCompiler, **kw: Any) -> str:
    _id, haystack, _needle, pattern, _phrase = list(element.clauses)
    return f"({compiler.process(haystack, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\')"


@compiles(keyword_in, "sqlite")
def _keyword_fts(element: keyword_in, compiler: SQLCompiler, **kw: Any) -> str:
    notice_id, haystack, needle, _pattern, phrase = list(element.clauses)
    rowids = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {compiler.process(phrase, **kw)}"
    exact = f"instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)}) > 0"
    return f"({compiler.process(notice_id, **kw)} IN ({rowids}) AND {exact})"


class not_by_index(FunctionElement[Any]):
    """A column SQLite must not walk an index of to produce the order (``+column``): with a keyword,
    its planner otherwise walks ``ix_notices_published`` testing every notice against the FTS matches,
    a scan of them all when nothing matches, instead of starting from the matches. Plain elsewhere
    (PostgreSQL's planner weighs the keyword's selectivity itself)."""

    inherit_cache = True
    name = "not_by_index"


@compiles(not_by_index)
def _plain(element: not_by_index, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(not_by_index, "sqlite")
def _unary_plus(element: not_by_index, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(next(iter(element.clauses)), **kw)


def _contains(needle: str) -> ColumnElement[bool]:
    """The folded text of a notice contains ``needle`` (folded, not empty)."""
    if len(needle) < MIN_INDEXED:
        return position_of(Notice.search_text, needle) > 0
    pattern = "%" + escape_like(needle) + "%"
    return keyword_in(
        Notice.id, Notice.search_text, literal(needle), literal(pattern), literal(fts_phrase(needle))
    )


def fold(text: str) -> str:
    """Text reduced for substring matching: one script (traditional → simplified), NFKC (full-width →
    half-width), case-folded, no whitespace.

    PDF extraction breaks lines mid-word (``忠诚\\n村``) and spaces titles out (``出 租``); folding both
    the stored text and the query makes ``忠诚村`` and ``出租`` find them, and ``壽山鎮`` find ``寿山镇``.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", normalize(text)).casefold())


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


def _utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{what} needs an aware datetime, got {moment.isoformat()}")
    return moment.astimezone(UTC)


def _window(window: tuple[datetime, datetime], what: str) -> tuple[datetime, datetime]:
    start, end = _utc(window[0], what), _utc(window[1], what)
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
    p = PeriodRow
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
        Notice.active_until > start,
        Notice.active_since < end if end > start else Notice.active_since <= start,
        envelope_meets(literal(start, UTCDateTime()), literal(end, UTCDateTime())),
    ]


def _envelope_conditions(flt: NoticeFilter, tz: ZoneInfo) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.active_at is not None:
        moment = _utc(flt.active_at, "active_at")
        conditions += _envelope(moment, moment)
    if flt.active_on is not None:
        conditions += _envelope(*day_bounds(flt.active_on, tz))
    # A period never ends before it counts from (notices.model.Period, db.store.period_values), so a
    # period starting in [start, end) lies in an envelope reaching ``start``, and one ending in
    # (start, end] in an envelope beginning by ``end``.
    if flt.starts_between is not None:
        start, end = _window(flt.starts_between, "starts_between")
        conditions += [Notice.active_until >= start, Notice.active_since < end]
    if flt.ends_between is not None:
        start, end = _window(flt.ends_between, "ends_between")
        conditions += [Notice.active_until > start, Notice.active_since <= end]
    return conditions


def _period_conditions(
    flt: NoticeFilter, tz: ZoneInfo, *, with_active: bool = True
) -> list[ColumnElement[bool]]:
    p = PeriodRow
    conditions: list[ColumnElement[bool]] = []
    if with_active and flt.active_at is not None:
        moment = _utc(flt.active_at, "active_at")
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


def _notice_conditions(flt: NoticeFilter) -> list[ColumnElement[bool]]:
    if flt.status not in NoticeStatus.ALL:
        raise ValueError(f"unknown status {flt.status!r}; known: {', '.join(NoticeStatus.ALL)}")
    conditions: list[ColumnElement[bool]] = [Notice.status == flt.status]
    if flt.categories:
        codes = sorted({Category(c).value for c in flt.categories})
        conditions.append(Notice.category == codes[0] if len(codes) == 1 else Notice.category.in_(codes))
    needle = fold(flt.text or "")
    if needle:
        conditions.append(_contains(needle))
    return conditions


def _where(flt: NoticeFilter, tz: ZoneInfo) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    conditions = _notice_conditions(flt) + _envelope_conditions(flt, tz)
    periods = _period_conditions(flt, tz)
    if periods:
        # A correlated probe of ``ix_periods_notice_active`` per candidate notice. Not EXISTS: PostgreSQL
        # turns that into a hash semi-join reading every period in the window (~45,000 of 100,000
        # notices' periods for "active now"); a LIMIT 1 subquery it cannot flatten.
        probe = select(literal(1)).where(PeriodRow.notice_id == Notice.id, *periods).limit(1)
        conditions.append(probe.scalar_subquery().is_not(None))
    return conditions, periods


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


def _ids(flt: NoticeFilter, tz: ZoneInfo, *, ordered: bool) -> Select[int]:
    """The ids of the matching notices, in the order :func:`find_notices` returns them when
    ``ordered`` (unordered and possibly repeated otherwise: for counting distinct ids)."""
    if _by_periods(flt):
        p = PeriodRow
        query = (
            select(p.notice_id)
            .join(Notice, Notice.id == p.notice_id)
            .where(*_notice_conditions(flt), *_period_conditions(flt, tz))
        )
        if not ordered:
            return query
        # The nearest relevant period first: the earliest start in a starts window, else the earliest end
        # (the latest when asked for what ended recently).
        if flt.starts_between is None and flt.latest_first:
            return query.group_by(p.notice_id).order_by(func.max(p.ends_at).desc().nulls_last(), p.notice_id)
        column = p.active_from if flt.starts_between is not None else p.ends_at
        return query.group_by(p.notice_id).order_by(func.min(column).asc().nulls_last(), p.notice_id)
    conditions, periods = _where(flt, tz)
    if flt.undated_since is not None:
        if periods or flt.active_at is not None or flt.active_on is not None:
            raise ValueError("undated_since cannot be combined with a time filter")
        # No periods: the envelope is NULL (db.store keeps it so). Both sides are tested so that the
        # envelope indexes answer it as equalities followed by a range of ``published``.
        conditions += [
            Notice.active_until.is_(None),
            Notice.active_since.is_(None),
            or_(Notice.published >= flt.undated_since, Notice.published.is_(None)),
        ]
    query = select(Notice.id).where(*conditions)
    return _ordered(query, flt, periods) if ordered else query


def _ordered(query: Select[int], flt: NoticeFilter, periods: list[ColumnElement[bool]]) -> Select[int]:
    """Nearest relevant period first: for "active" filters the period that began most recently, for a
    starts window the earliest start, for an ends window the earliest end; without a time filter, the
    newest notices first."""
    if not periods:
        newest = Notice.published
        if len(fold(flt.text or "")) >= MIN_INDEXED:
            newest = not_by_index(newest)  # type: ignore[assignment]
        return query.order_by(newest.desc().nulls_last(), Notice.id.desc())
    p = PeriodRow
    relevant = and_(p.notice_id == Notice.id, *periods)
    if flt.active_at is not None or flt.active_on is not None:
        key = select(func.max(p.active_from)).where(relevant).scalar_subquery()
        return query.order_by(key.desc().nulls_last(), Notice.id)
    if flt.starts_between is None and flt.latest_first:
        latest = select(func.max(p.ends_at)).where(relevant).scalar_subquery()
        return query.order_by(latest.desc().nulls_last(), Notice.id)
    column = p.active_from if flt.starts_between is not None else p.ends_at
    key = select(func.min(column)).where(relevant).scalar_subquery()
    return query.order_by(key.asc().nulls_last(), Notice.id)


async def find_notice_ids(session: AsyncSession, flt: NoticeFilter, *, tz: ZoneInfo) -> list[int]:
    """The ids :func:`find_notices` would return, in its order, without loading any notice: for
    merging several queries on keys before loading the one page that is shown."""
    query = _ids(flt, tz, ordered=True).limit(max(flt.limit, 0)).offset(max(flt.offset, 0))
    return list((await session.scalars(query)).all())


async def find_notice_ids_each(
    session: AsyncSession, filters: Sequence[NoticeFilter], *, tz: ZoneInfo, limit: int
) -> list[list[int]]:
    """For each filter, the first ``limit`` ids :func:`find_notice_ids` would return, in one statement
    (a UNION ALL of the filters' queries, each numbering its rows in its own order)."""
    if len(filters) < 2:
        return [await find_notice_ids(session, replace(f, limit=limit, offset=0), tz=tz) for f in filters]
    parts = []
    for index, flt in enumerate(filters):
        query = _ids(flt, tz, ordered=True)
        position = func.row_number().over(order_by=query._order_by_clauses).label("pos")
        ranked = query.add_columns(literal(index).label("part"), position).limit(max(limit, 0)).subquery()
        first = next(iter(ranked.c))  # notices.id, or periods.notice_id for a window of periods
        parts.append(select(first, ranked.c.part, ranked.c.pos))
    merged = union_all(*parts).subquery()
    rows = await session.execute(select(merged).order_by(merged.c.part, merged.c.pos))
    found: list[list[int]] = [[] for _ in filters]
    for notice_id, part, _pos in rows:
        found[part].append(notice_id)
    return found


async def load_notices(session: AsyncSession, ids: Sequence[int]) -> list[Notice]:
    """The notices with these ids (periods and places loaded), in the order given; missing ids are
    left out."""
    if not ids:
        return []
    rows = await session.scalars(select(Notice).where(Notice.id.in_(list(ids))))
    by_id = {notice.id: notice for notice in rows}
    return [by_id[i] for i in ids if i in by_id]


async def find_notices(session: AsyncSession, flt: NoticeFilter, *, tz: ZoneInfo) -> list[Notice]:
    """The notices matching ``flt`` (periods and places loaded), nearest relevant period first, then id."""
    return await load_notices(session, await find_notice_ids(session, flt, tz=tz))


async def count_notices(session: AsyncSession, flt: NoticeFilter, *, tz: ZoneInfo) -> int:
    """How many notices match ``flt`` (limit and offset ignored)."""
    return await count_any(session, [flt], tz=tz)


async def count_any(
    session: AsyncSession, filters: Sequence[NoticeFilter], *, tz: ZoneInfo, cap: int | None = None
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
        ids = union(*(_ids(flt, tz, ordered=False) for flt in filters))
    elif _by_periods(filters[0]):
        ids = _ids(filters[0], tz, ordered=False).distinct()  # one row per period in the window
    else:
        ids = _ids(filters[0], tz, ordered=False)  # one row per notice already
    if cap is not None:
        ids = select(literal(1)).select_from(ids.subquery()).limit(max(cap, 0))
    return int(await session.scalar(select(func.count()).select_from(ids.subquery())) or 0)


async def nearest_notices(
    session: AsyncSession, flt: NoticeFilter, *, at: datetime, tz: ZoneInfo, by_end: bool = False
) -> tuple[Notice | None, Notice | None]:
    """For "nothing matches": the matching notice whose period ended most recently at or before ``at``,
    and the one whose period starts soonest after it (``flt.active_*`` ignored); with ``by_end``, the
    one whose period ends soonest after it (the next deadline, which has no start)."""
    moment = _utc(at, "at")
    p = PeriodRow
    base = (
        select(Notice)
        .join(p, p.notice_id == Notice.id)
        .where(*_notice_conditions(flt), *_period_conditions(flt, tz, with_active=False))
    )
    past = base.where(p.ends_at <= moment).order_by(p.ends_at.desc(), Notice.id).limit(1)
    if by_end:
        future = base.where(p.ends_at > moment).order_by(p.ends_at, Notice.id).limit(1)
    else:
        future = base.where(p.active_from > moment).order_by(p.active_from, Notice.id).limit(1)
    return (await session.scalar(past), await session.scalar(future))
