"""What is on at a moment or on a day, in no category or in one, with no keyword: the first page read
from the latest start back instead of sorting every notice active (7,000 on a day at 1,000,000
notices; 3,600 road closures at a moment, 34 ms of the answer to "what roads are closed").

The order is the one ``db.search`` gives "active" filters: the period that began most recently first,
then id. For a notice with one period that is its envelope's start, which ``ix_notices_recent_start``
(migration 0015) holds in that order, ``ix_notices_category_recent`` (0016) within a category; the
notices with several periods are ordered by their periods and ``ix_notices_multi_range`` (by category,
``ix_notices_category_multi``) holds only them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, literal_column, select, union_all

from db.filters import (
    ANY_ZONE,
    Binds,
    NoticeFilter,
    envelope_conditions,
    notice_conditions,
    period_conditions,
    single_period,
)
from db.tables import EARLIEST, notices, periods
from db.types import UTCDateTime


def recent_ids(flt: NoticeFilter, bind: Binds, need: ColumnElement[Any]) -> Select[int]:
    """The ids ``db.search`` finds, in its order, for ``flt`` (``db.filters.recent_first``): ``need`` is
    how many of them the caller reads.

    Ordered, the notices with one period are their starts, latest first (then id): the first ``need``
    of those that started in the last week (``db.filters.RECENT``), read in that order from
    ``ix_notices_recent_start``, are the first ``need`` of them all. When the week holds fewer, every
    active one is read from the envelopes as before (a one-time filter: one or the other runs). Notices
    with several periods, ordered by the period that began last, come from ``ix_notices_multi_range``
    (those notices only), and the three parts meet in the outer order."""
    n, p = notices.c, periods.c
    if flt.active_at is not None:
        moment = bind("at", UTCDateTime())
        started, until = n.active_since <= moment, n.active_until > moment
    else:
        started = n.active_since < bind("day_end", UTCDateTime())
        until = n.active_until > bind("day_start", UTCDateTime())
    recent = (
        select(n.id.label("id"), n.active_since.label("key"))
        .where(
            *notice_conditions(flt, bind),
            single_period(),
            n.active_since >= bind("recent_from", UTCDateTime()),
            started,
            until,
        )
        .order_by(n.active_since.desc(), n.id)
        .limit(need)
        .cte(f"{bind.prefix}recent")
    )
    found = select(func.count()).select_from(recent).scalar_subquery()
    envelope = [*notice_conditions(flt, bind), *envelope_conditions(flt, bind)]
    earliest = literal(EARLIEST, UTCDateTime())
    every_single = select(n.id, func.nullif(n.active_since, earliest)).where(
        *envelope, single_period(), found < need
    )
    per_period = period_conditions(flt, ANY_ZONE, bind=bind)
    relevant = and_(p.notice_id == n.id, *per_period)
    probe = select(literal(1)).where(relevant).limit(1).scalar_subquery()
    several = select(n.id, select(func.max(p.active_from)).where(relevant).scalar_subquery()).where(
        *envelope,
        n.period_count != literal_column("1"),  # inline, as ``ix_notices_multi_range`` is partial
        probe.is_not(None),
    )
    merged = union_all(
        select(recent.c.id, recent.c.key).where(found >= need), every_single, several
    ).subquery(f"{bind.prefix}active")
    return select(merged.c.id).order_by(merged.c.key.desc().nulls_last(), merged.c.id)
