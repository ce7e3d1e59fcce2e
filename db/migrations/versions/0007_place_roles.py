"""places have roles; periods keep their own places

A notice names the places it affects and the roads it sends traffic over instead (请绕行新华路):
``places.role`` tells them apart ('affected' or 'detour'), so an answer or a reminder never calls a
detour closed. A notice whose periods name different places (停电: 甲村 on June 3, 乙村 on June 6)
keeps each period's places in ``periods.places`` (names, one a line; empty: the notice's places).
Existing rows are affected places of every period, as they were read before.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=16), server_default="affected", nullable=False)
        )
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.add_column(sa.Column("places", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.drop_column("places")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_column("role")
