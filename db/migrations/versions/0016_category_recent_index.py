"""the same two indexes led by category, for "what is on" in one category (what roads are closed)

"What roads are closed" at a moment read every road closure active then from the category's GiST index
(``ix_notices_category_range``) to sort out the first page: 3,600 entries and 34 ms at 1,000,000 notices.
``ix_notices_category_recent`` (status, category, latest start first, id) lets a notice with one period
of the category be read in that order from the starts of the last week and stop at the page (0.3 ms);
``ix_notices_category_multi`` holds only the notices with several periods, led by status and category,
so the few of the category active then are found without the others (under 1 ms). ``db.recent`` reads
them as it reads 0015's indexes when no category is asked.

On PostgreSQL both are built CONCURRENTLY (the running bot goes on storing notices); an INVALID index
left by an interrupted build is built again. SQLite gets btree equivalents.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from alembic import op

from db.index_builds import create_indexes, drop_indexes, has_extension

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")

RECENT = "ix_notices_category_recent"
MULTI = "ix_notices_category_multi"

# What each index is on ``notices``, per dialect; ``period_count <> 1`` is written as the queries write
# it (inline), so that the planners see the partial index applies (see 0015).
_PG = {
    RECENT: "(status, category, active_since DESC, id) INCLUDE (active_until, period_count)",
    MULTI: "USING gist (status, category, tsrange(active_since, active_until, '[]')) INCLUDE (id,"
    " active_since, active_until) WHERE period_count <> 1 AND active_until IS NOT NULL",
}
_SQLITE = {
    RECENT: "(status, category, active_since DESC, id, active_until, period_count)",
    MULTI: "(status, category, active_until, active_since)"
    " WHERE period_count <> 1 AND active_until IS NOT NULL",
}


def upgrade() -> None:
    postgresql = dict(_PG)
    if op.get_bind().dialect.name == "postgresql" and not has_extension("btree_gist"):
        # (0014 could not create it): the category's notices of several periods come from older indexes
        log.warning("btree_gist is not available: %s is left out", MULTI)
        del postgresql[MULTI]
    create_indexes("notices", postgresql, _SQLITE)


def downgrade() -> None:
    drop_indexes("notices", list(_PG))
