"""periods keep their daily window

A period over whole days may open only for a window each day (每日9:00至17:00, 每晚22时至翌日6时).
The window's opening and closing clock times are stored with the period so answers and reminders
say the window instead of "all day", and a closure's first reminder comes before the first window.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.add_column(sa.Column("daily_start", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("daily_end", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.drop_column("daily_end")
        batch_op.drop_column("daily_start")
