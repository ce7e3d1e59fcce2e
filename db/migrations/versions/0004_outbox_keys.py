"""outbox keys for set-based planning

The reminders' unique key leads with the notice (planning appends a notice's rows to the index rather
than scattering them), which makes the separate notice index redundant; subscriptions get a covering
(kind, value, chat_id) index for the fan-out join.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_notice")
        batch_op.drop_constraint("uq_reminders_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_reminders_key", ["notice_id", "chat_id", "period_id", "event", "point"]
        )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_kind_value")
        batch_op.create_index("ix_subscriptions_kind_value_chat", ["kind", "value", "chat_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_kind_value_chat")
        batch_op.create_index("ix_subscriptions_kind_value", ["kind", "value"], unique=False)
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_constraint("uq_reminders_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_reminders_key", ["chat_id", "notice_id", "period_id", "event", "point"]
        )
        batch_op.create_index("ix_reminders_notice", ["notice_id"], unique=False)
