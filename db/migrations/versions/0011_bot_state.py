"""conversation state and update cursors in the database

Web processes behind a load balancer keep nothing between updates: a chat's conversation state
(``bot_state``) and which of its updates were handled (``update_cursors``) are rows, so the next update
may reach any process. Only new tables: running processes of the previous release are unaffected.

Revision ID: 0011
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_bot_state")),
    )
    op.create_table(
        "update_cursors",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("last_update_id", sa.BigInteger(), nullable=False),
        sa.Column("recent", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_update_cursors")),
    )


def downgrade() -> None:
    op.drop_table("update_cursors")
    op.drop_table("bot_state")
