"""envelope indexes carry the publication day

The envelope indexes of notices get ``published`` as their last column. A notice without periods has a
NULL envelope, so "recent notices without dates" (what an answer lists after the current and upcoming
ones) becomes a range of these indexes, newest first, with no table reads, instead of a lookup of
every undated notice of the category.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CATEGORY = ["status", "category", "active_until", "active_since"]
_ALL = ["status", "active_until", "active_since"]


def upgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_category_active")
        batch_op.drop_index("ix_notices_active")
        batch_op.create_index("ix_notices_category_active", [*_CATEGORY, "published"], unique=False)
        batch_op.create_index("ix_notices_active", [*_ALL, "published"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_active")
        batch_op.drop_index("ix_notices_category_active")
        batch_op.create_index("ix_notices_category_active", _CATEGORY, unique=False)
        batch_op.create_index("ix_notices_active", _ALL, unique=False)
