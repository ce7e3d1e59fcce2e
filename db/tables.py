"""The notices, their periods and their places as Core tables: what answering a question reads.

``db.models`` maps its ORM classes onto these same tables (one definition, one schema for Alembic).
They live apart so that the question path (``db.search``, ``db.rows``, ``noticebot ask``) builds its
statements without importing the ORM, whose import and mapper set-up cost more than a cold answer.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
)

from db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)
"""Every table of the schema, these and the ORM models' (``db.models.Base.metadata``)."""


# The open sides of ``notices.active_since``/``active_until``: sentinels rather than NULL, so the
# envelope test stays a plain range comparison an index can answer.
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class NoticeStatus:
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    ALL = (DRAFT, PUBLISHED, WITHDRAWN)


class PlaceRole:
    AFFECTED = "affected"  # closed, cut off, or otherwise what the notice is about
    DETOUR = "detour"  # a road to take instead (请绕行新华路): named, never closed by this notice
    ALL = (AFFECTED, DETOUR)


notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(500), nullable=False),
    Column("category", String(32), nullable=False),
    Column("issuer", String(500)),
    Column("published", Date),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False, default=NoticeStatus.PUBLISHED),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", String(500)),
    Column("warnings", Text, nullable=False, default=""),
    # Title, places and body folded for substring search (see db.keywords.fold): one LIKE over one column
    # instead of three, blind to the line breaks and full-width letters of PDF-extracted text. Deferred
    # in the ORM mapping: only queries read it, so listing notices does not load every body twice.
    Column("search_text", Text, nullable=False, default="", server_default=""),
    # The envelope of the periods (earliest active_from, latest ends_at; 0001-01-01 / 9999-12-31 stand
    # for an open side; NULL exactly when there are no periods). With the indexes below, "active at t" is
    # an index range scan that skips the notices whose periods are all over, before probing periods; and
    # "recent notices without periods" is a range of the same indexes (hence ``published`` at their end).
    Column("active_since", UTCDateTime()),
    Column("active_until", UTCDateTime()),
    # How many periods the notice has. A notice with one period (most of them) is its envelope: a time
    # filter tests and orders it on the envelope alone, without probing ``periods`` (db.filters).
    Column("period_count", Integer, nullable=False, default=0, server_default="0"),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow),
    Index("ix_notices_status_category", "status", "category"),
    Index("ix_notices_published", "published"),
    Index("ix_notices_category_active", "status", "category", "active_until", "active_since", "published"),
    Index("ix_notices_active", "status", "active_until", "active_since", "published"),
)

periods = Table(
    "periods",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("label", String(100)),
    Column("note", String(200)),
    Column("text", String(500), nullable=False, default=""),
    Column("all_day", Boolean, nullable=False, default=True),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("starts_at", UTCDateTime()),
    Column("ends_at", UTCDateTime()),
    Column("active_from", UTCDateTime()),
    # The window each day of an all-day span opens for (local clock times), when there is one.
    Column("daily_start", Time),
    Column("daily_end", Time),
    # The places this period is about, one a line, when the notice gives each period its own
    # (停电: 甲村 on June 3, 乙村 on June 6); empty: the notice's affected places.
    Column("places", Text, nullable=False, default="", server_default=""),
    # Covers the per-notice EXISTS probe of "active at": no table lookup per candidate notice.
    Index("ix_periods_notice_active", "notice_id", "active_from", "ends_at"),
    Index("ix_periods_starts_at", "starts_at"),
    Index("ix_periods_active_from", "active_from"),
    Index("ix_periods_ends_at", "ends_at"),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False, default=PlaceRole.AFFECTED, server_default=PlaceRole.AFFECTED),
    Index("ix_places_notice_id", "notice_id"),
    Index("ix_places_name", "name"),
)
