"""dispatch claims with an owner and a lease; per-chat owners; the shared global pace

Several dispatch processes share one PostgreSQL. A claimed reminder names its dispatcher
(``claimed_by``) and the instant its claim runs out (``lease_until``); only an expired claim is taken
over. ``chat_owners`` gives one dispatcher a chat's sends at a time, so the per-chat and per-group
limits hold wherever the chat is dispatched (``free_at``: the first instant a new owner may send).
``dispatch_pace`` is one row: the next free slot of the global rate, reserved by all dispatchers.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
    op.create_table(
        "chat_owners",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.Float(), nullable=False, server_default="0"),
        sa.Column("free_at", sa.Float(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_chat_owners")),
    )
    op.create_index("ix_chat_owners_owner", "chat_owners", ["owner"], unique=False)
    op.create_table(
        "dispatch_pace",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch_pace")),
    )
    op.execute("INSERT INTO dispatch_pace (id, next_at) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("dispatch_pace")
    op.drop_index("ix_chat_owners_owner", table_name="chat_owners")
    op.drop_table("chat_owners")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("claimed_by")
