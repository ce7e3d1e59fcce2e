"""notices by latest start, and the few with several periods apart, for "what is on" in any category

"Everything active on a day" (or at a moment) in no category lists the notices whose period began most
recently. At 1,000,000 notices some 7,000 are active on a day: the GiST scan read all of them to sort
out the first page (8-20 ms, more with cold buffers). ``ix_notices_recent_start`` (status, latest start
first, id) lets a notice with one period be read in that order from the starts of the last week
(``db.filters.RECENT``) and stop at the page; ``ix_notices_multi_range`` holds only the notices with
several periods (``period_count <> 1``), whose order comes from their periods, so they are found
without the others (``db.search`` merges the two).

On PostgreSQL both are built CONCURRENTLY, so the running bot goes on storing notices; an INVALID index
left by an interrupted build is built again. SQLite gets btree equivalents.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

from collections.abc import Sequence

from db.index_builds import create_indexes, drop_indexes

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = "ix_notices_recent_start"
MULTI = "ix_notices_multi_range"

# What each index is on ``notices``, per dialect. ``period_count <> 1`` is written as the queries write
# it (inline), so that the planners see the partial index applies; the notices without periods have no
# envelope and are left out.
_PG = {
    RECENT: "(status, active_since DESC, id) INCLUDE (active_until, period_count)",
    MULTI: "USING gist (tsrange(active_since, active_until, '[]')) INCLUDE (id, status, active_since,"
    " active_until) WHERE period_count <> 1 AND active_until IS NOT NULL",
}
_SQLITE = {
    RECENT: "(status, active_since DESC, id, active_until, period_count)",
    MULTI: "(status, active_until, active_since) WHERE period_count <> 1 AND active_until IS NOT NULL",
}


def upgrade() -> None:
    create_indexes("notices", _PG, _SQLITE)


def downgrade() -> None:
    drop_indexes("notices", list(_PG))
