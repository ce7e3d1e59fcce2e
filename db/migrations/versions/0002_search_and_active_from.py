"""search text and period active_from

Notices get ``search_text`` (title, places and body folded for substring search); periods get
``active_from`` (the instant a period counts from, which for a pure deadline is the publication day)
and a covering index for the "active at" probe.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import context, op

import db.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    """A frozen copy of db.search.fold, so this migration keeps meaning what it meant."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _zone() -> ZoneInfo:
    name = context.config.attributes.get("tz") or os.environ.get("NOTICEBOT_TZ") or "Asia/Shanghai"
    return ZoneInfo(str(name))


def upgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active_from", db.types.UTCDateTime(), nullable=True))
        batch_op.drop_index("ix_periods_notice_id")
        batch_op.create_index(
            "ix_periods_notice_active", ["notice_id", "active_from", "ends_at"], unique=False
        )
        batch_op.create_index("ix_periods_active_from", ["active_from"], unique=False)
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    notices = sa.table(
        "notices",
        sa.column("id", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("body", sa.Text()),
        sa.column("published", sa.Date()),
        sa.column("search_text", sa.Text()),
    )
    places = sa.table("places", sa.column("notice_id", sa.Integer()), sa.column("name", sa.String()))
    periods = sa.table(
        "periods",
        sa.column("id", sa.Integer()),
        sa.column("notice_id", sa.Integer()),
        sa.column("starts_at", db.types.UTCDateTime()),
        sa.column("active_from", db.types.UTCDateTime()),
    )
    names: dict[int, list[str]] = {}
    for notice_id, name in bind.execute(sa.select(places.c.notice_id, places.c.name)):
        names.setdefault(notice_id, []).append(name)
    published: dict[int, date | None] = {}
    for notice_id, title, body, day in bind.execute(
        sa.select(notices.c.id, notices.c.title, notices.c.body, notices.c.published)
    ):
        published[notice_id] = day
        folded = "\n".join(_fold(part) for part in (title, *names.get(notice_id, []), body))
        bind.execute(sa.update(notices).where(notices.c.id == notice_id).values(search_text=folded))
    bind.execute(sa.update(periods).values(active_from=periods.c.starts_at))
    zone = _zone()
    for period_id, notice_id in bind.execute(
        sa.select(periods.c.id, periods.c.notice_id).where(periods.c.starts_at.is_(None))
    ):
        day = published.get(notice_id)
        if day is None:
            continue
        midnight = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        bind.execute(sa.update(periods).where(periods.c.id == period_id).values(active_from=midnight))


def downgrade() -> None:
    with op.batch_alter_table("periods", schema=None) as batch_op:
        batch_op.drop_index("ix_periods_active_from")
        batch_op.drop_index("ix_periods_notice_active")
        batch_op.create_index("ix_periods_notice_id", ["notice_id"], unique=False)
        batch_op.drop_column("active_from")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("search_text")
