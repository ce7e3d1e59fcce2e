"""notices count their periods

``notices.period_count`` is how many periods a notice has. A notice with one period (most of them) is
its envelope (``active_since``/``active_until``), so a time filter tests and orders it on the notice row
alone; only notices with several periods are probed in ``periods`` (see ``db.filters``). The column is
filled here from ``periods``; from then on every write of a notice's periods sets it with the envelope
(``db.store.envelope``).

A notice stored by a process of the previous release during a rolling upgrade gets 0, which answers
treat as "probe the periods" (right whatever it has). Only a correction of periods made by such a
process to a notice that had one period would leave its count stale: finish the rollout before
correcting notices.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One pass over ``periods`` joined to the notices (SQLite 3.33+ and PostgreSQL), not a count per notice.
_FILL = (
    "UPDATE notices SET period_count = counted.n"
    " FROM (SELECT notice_id, count(*) AS n FROM periods GROUP BY notice_id) AS counted"
    " WHERE notices.id = counted.notice_id"
)


def upgrade() -> None:
    op.add_column(
        "notices", sa.Column("period_count", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )
    op.execute(_FILL)


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN in place (SQLite 3.35+), not a batch copy of ``notices``: the copy would
    # drop the keyword index's triggers with the old table (see 0010).
    op.drop_column("notices", "period_count")
