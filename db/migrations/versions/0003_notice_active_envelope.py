"""notice active envelope

Notices get ``active_since``/``active_until``, the envelope of their periods, and indexes led by
status (and category) so that "active at t" range-scans notices instead of probing every one.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of db.store.EARLIEST / LATEST.
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, tzinfo=UTC)


def upgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active_since", db.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("active_until", db.types.UTCDateTime(), nullable=True))
        batch_op.create_index(
            "ix_notices_category_active", ["status", "category", "active_until", "active_since"], unique=False
        )
        batch_op.create_index("ix_notices_active", ["status", "active_until", "active_since"], unique=False)
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    notices = sa.table(
        "notices",
        sa.column("id", sa.Integer()),
        sa.column("active_since", db.types.UTCDateTime()),
        sa.column("active_until", db.types.UTCDateTime()),
    )
    periods = sa.table(
        "periods",
        sa.column("notice_id", sa.Integer()),
        sa.column("active_from", db.types.UTCDateTime()),
        sa.column("ends_at", db.types.UTCDateTime()),
    )
    spans: dict[int, tuple[datetime, datetime]] = {}
    for notice_id, since, until in bind.execute(
        sa.select(periods.c.notice_id, periods.c.active_from, periods.c.ends_at)
    ):
        since, until = since or EARLIEST, until or LATEST
        if notice_id in spans:
            known = spans[notice_id]
            since, until = min(since, known[0]), max(until, known[1])
        spans[notice_id] = (since, until)
    for notice_id, (since, until) in spans.items():
        bind.execute(
            sa.update(notices).where(notices.c.id == notice_id).values(active_since=since, active_until=until)
        )


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_active")
        batch_op.drop_index("ix_notices_category_active")
        batch_op.drop_column("active_until")
        batch_op.drop_column("active_since")
