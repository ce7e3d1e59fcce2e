"""the outbox's due index holds pending rows only, in claim order; a small index of rows being sent

``ix_reminders_status_due`` (status, due_at) held every row of the outbox, sent ones included, and gave
rows falling due at the same instant in no particular order: a dispatcher claiming the oldest 32 of a
million announcements due at once read and sorted all of them. ``ix_reminders_pending_due`` is
(due_at, id) over pending rows only, the order claims take them in; ``ix_reminders_sending`` finds the
rows a dispatcher holds (lease renewal, expired claims) among the few being sent.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDING = sa.text("status = 'pending'")
_SENDING = sa.text("status = 'sending'")


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_pending_due",
            ["due_at", "id"],
            unique=False,
            postgresql_where=_PENDING,
            sqlite_where=_PENDING,
        )
        batch_op.create_index(
            "ix_reminders_sending",
            ["claimed_by"],
            unique=False,
            postgresql_where=_SENDING,
            sqlite_where=_SENDING,
        )
        batch_op.drop_index("ix_reminders_status_due")


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("ix_reminders_status_due", ["status", "due_at"], unique=False)
        batch_op.drop_index("ix_reminders_sending")
        batch_op.drop_index("ix_reminders_pending_due")
