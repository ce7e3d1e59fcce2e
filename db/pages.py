"""The first page of an answer in one statement: several filters' ids merged, counted, and the page's
notices loaded, where :func:`db.search.find_notice_ids_each` and :func:`db.rows.load_records` take two.

Merged as an answer merges them (the filters' lists one after the other, each id where it first
appears): every id is keyed by the smallest ``part * SPAN + pos`` among its rows, the ids in key order
are the merged list, and its first ``size`` are the page. Each row of the page's notices carries its
key (to put them in order) and how many ids the merged list has. Only a first page: a later one that
is empty would not tell how many there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Select, bindparam, func, literal, select

from db.filters import NoticeFilter, filter_shape, filter_values
from db.rows import NoticeRecord, read_records, records_of
from db.search import ids_each

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from db.reader import Reader

SPAN = 1 << 32
"""Above any position within one filter's list (a list holds at most ``limit`` ids)."""

_STATEMENTS: dict[tuple[Any, ...], Select[Any]] = {}
_MAX_STATEMENTS = 64


async def first_page_each(
    session: Reader,
    filters: Sequence[NoticeFilter],
    *,
    tz: ZoneInfo,
    limit: int,
    size: int,
) -> tuple[list[NoticeRecord], int]:
    """The first ``size`` notices of the filters' ids merged (each filter read up to ``limit`` ids, the
    later ones only while the first finds fewer, as ``find_notice_ids_each(..., while_short=True)``),
    and how many distinct ids that merge holds. At least two filters."""
    if len(filters) < 2:
        raise ValueError("first_page_each merges two filters or more")
    values: dict[str, Any] = {"limit": max(limit, 0), "size": max(size, 0)}
    shapes = []
    for index, flt in enumerate(filters):
        own = filter_values(flt, tz, f"f{index}_")
        shapes.append(filter_shape(flt, own, f"f{index}_"))
        values.update(own)
    statement = _statement(tuple(filters), values, tuple(shapes))
    rows = (await session.execute(statement, values)).all()
    if not rows:
        return [], 0
    by_id = read_records(rows)
    order = {row[1]: row[-2] for row in rows}
    return sorted(by_id.values(), key=lambda notice: order[notice.id]), int(rows[0][-1])


def _statement(
    filters: tuple[NoticeFilter, ...], values: dict[str, Any], shapes: tuple[tuple[Any, ...], ...]
) -> Select[Any]:
    """Built once per shape of filters, as the statements of ``db.search`` are."""
    key = shapes
    found = _STATEMENTS.get(key)
    if found is not None:
        return found
    each = ids_each(filters, values, shapes, while_short=True).order_by(None).subquery("each")
    notice_id, part, pos = each.c
    firsts = (
        select(notice_id.label("id"), func.min(part * literal(SPAN, BigInteger()) + pos).label("k"))
        .group_by(notice_id)
        .cte("firsts")
    )
    page = (
        select(firsts.c.id, firsts.c.k)
        .order_by(firsts.c.k)
        .limit(bindparam("size", type_=BigInteger()))
        .cte("page")
    )
    total = select(func.count()).select_from(firsts).scalar_subquery()

    def extra(notice: Any) -> list[Any]:
        rank = select(page.c.k).where(page.c.id == notice).scalar_subquery()
        return [rank.label("k"), total.label("total")]

    statement = records_of(lambda notice: notice.in_(select(page.c.id)), extra)
    if len(_STATEMENTS) >= _MAX_STATEMENTS:
        _STATEMENTS.clear()
    _STATEMENTS[key] = statement
    return statement
