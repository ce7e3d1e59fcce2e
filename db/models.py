"""The tables as ORM classes. The database is the source of truth for everything that must survive a
restart. The notices, periods and places are Core tables in ``db.tables`` (the question path reads them
without the ORM), mapped here."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

from db import tables
from db.tables import NAMING as NAMING
from db.tables import NoticeStatus as NoticeStatus
from db.tables import PlaceRole as PlaceRole
from db.tables import metadata
from db.tables import utcnow as utcnow
from db.types import UTCDateTime


class Base(DeclarativeBase):
    metadata = metadata


class Notice(Base):
    """A notice as stored: parsed fields plus its lifecycle status (columns: ``db.tables.notices``)."""

    __table__ = tables.notices

    id: Mapped[int]
    title: Mapped[str]
    category: Mapped[str]
    issuer: Mapped[str | None]
    published: Mapped[date | None]
    body: Mapped[str]
    status: Mapped[str]
    content_hash: Mapped[str]
    source: Mapped[str | None]
    warnings: Mapped[str]
    # Only queries read it, so listing notices does not load every body twice.
    search_text: Mapped[str] = deferred(tables.notices.c.search_text)
    active_since: Mapped[datetime | None]
    active_until: Mapped[datetime | None]
    period_count: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    periods: Mapped[list[Period]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="Period.position", lazy="selectin"
    )
    places: Mapped[list[Place]] = relationship(
        back_populates="notice", cascade="all, delete-orphan", order_by="Place.position", lazy="selectin"
    )


class Period(Base):
    """A notice's period (columns: ``db.tables.periods``). ``starts_at``/``ends_at`` are UTC instants (end
    exclusive) for fast range queries; ``start_date``/``end_date`` keep the all-day dates as written (end
    inclusive).

    ``active_from`` is the instant the period counts from: ``starts_at``, or for a pure deadline the local
    midnight of the notice's publication day (NULL when neither is known: active since forever). Keeping
    it stored lets "active at" be two index comparisons, with no time zone arithmetic in SQL.
    """

    __table__ = tables.periods

    id: Mapped[int]
    notice_id: Mapped[int]
    position: Mapped[int]
    label: Mapped[str | None]
    note: Mapped[str | None]
    text: Mapped[str]
    all_day: Mapped[bool]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    active_from: Mapped[datetime | None]
    daily_start: Mapped[time | None]
    daily_end: Mapped[time | None]
    places: Mapped[str]

    notice: Mapped[Notice] = relationship(back_populates="periods")


class Place(Base):
    """A place a notice names (road section, town, street, address), and its role in the notice
    (columns: ``db.tables.places``)."""

    __table__ = tables.places

    id: Mapped[int]
    notice_id: Mapped[int]
    position: Mapped[int]
    name: Mapped[str]
    role: Mapped[str]

    notice: Mapped[Notice] = relationship(back_populates="places")


class Chat(Base):
    """A Telegram chat (private, group or channel) and its preferences."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(16), default="private")
    title: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="zh")
    tz: Mapped[str | None] = mapped_column(String(64))
    quiet_start: Mapped[int | None] = mapped_column(Integer)  # minutes after midnight, chat zone
    quiet_end: Mapped[int | None] = mapped_column(Integer)
    morning_hour: Mapped[int] = mapped_column(Integer, default=8)
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline_days: Mapped[str] = mapped_column(String(32), default="3,1,0")
    lead_minutes: Mapped[int] = mapped_column(Integer, default=120)
    is_broadcast_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    inactive_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="chat", cascade="all, delete-orphan", lazy="selectin"
    )


class SubscriptionKind:
    CATEGORY = "category"
    PLACE = "place"
    KEYWORD = "keyword"
    ALL = (CATEGORY, PLACE, KEYWORD)


class Subscription(Base):
    """What a chat wants to hear about: a category code, a place, or a keyword."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    chat: Mapped[Chat] = relationship(back_populates="subscriptions")

    __table_args__ = (
        UniqueConstraint("chat_id", "kind", "value", name="uq_subscriptions_chat_kind_value"),
        # Covering: planning joins a notice's matched (kind, value) pairs to chat ids without table reads.
        Index("ix_subscriptions_kind_value_chat", "kind", "value", "chat_id"),
    )


class SubscriptionTerm(Base):
    """A distinct (kind, value) some chat subscribed to, with how many subscriptions hold it.

    Kept by triggers on ``subscriptions`` (migration 0009), whatever path writes them (the bot, a
    cascade from a deleted chat, a bulk load), so planning matches a page of notices against these few
    thousand terms instead of reading every chat's subscriptions on each publish."""

    __tablename__ = "subscription_terms"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    chats: Mapped[int] = mapped_column(Integer, default=0)


class BurstNotice(Base):
    """A notice on a planned page: chats owed more than a few of a page's announcements get one list
    (a ``burst`` reminder whose point is the page and whose notice is the page's ``anchor``) instead.
    Re-planning a notice later skips the chats whose burst already lists it."""

    __tablename__ = "burst_notices"

    page: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    notice_id: Mapped[int] = mapped_column(
        ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    anchor: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_burst_notices_notice", "notice_id", "page", "anchor"),)


class ReminderStatus:
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"
    CANCELLED = "cancelled"


PENDING_ROWS = "status = 'pending'"
"""The predicate of the outbox's due index: only pending rows are in it."""
SENDING_ROWS = "status = 'sending'"
"""The predicate of the outbox's claims index: only rows being sent are in it."""


class Reminder(Base):
    """One planned message (the outbox). The unique key makes planning idempotent.

    The key leads with the notice: planning writes a notice's rows together, so they append to the key's
    index instead of landing all over it (with a second index led by the chat, every insert was a random
    write). Per-chat lookups go through the key too, one probe per notice (see ``jobs.planner``)."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No foreign keys: checking them cost three quarters of writing a page's rows (a lookup and a row
    # lock per row), and the dispatcher cancels a row whose chat or notice is gone (neither is deleted).
    chat_id: Mapped[int] = mapped_column(BigInteger)
    notice_id: Mapped[int] = mapped_column(Integer)
    period_id: Mapped[int] = mapped_column(Integer, default=0)  # 0: about the notice as a whole
    event: Mapped[str] = mapped_column(String(16))
    point: Mapped[str] = mapped_column(String(16), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default=ReminderStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The dispatcher holding the claim and when the claim runs out (jobs.claims): only an expired
    # claim is taken over by another dispatcher.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    reply_to: Mapped[int | None] = mapped_column(BigInteger)
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        UniqueConstraint("notice_id", "chat_id", "period_id", "event", "point", name="uq_reminders_key"),
        # Dispatch claims pending rows in (due_at, id) order: this index gives that order, so a claim
        # reads its batch and stops, however many rows fell due at the same instant (a page's
        # announcements, a morning's reminders). Sent, skipped and cancelled rows stay out of it. Queries
        # spell the status out (``pending_rows``) so that the planner can prove the predicate.
        Index(
            "ix_reminders_pending_due",
            "due_at",
            "id",
            postgresql_where=text(PENDING_ROWS),
            sqlite_where=text(PENDING_ROWS),
        ),
        # The few rows being sent, by their dispatcher (lease renewal, take-over of expired claims).
        Index(
            "ix_reminders_sending",
            "claimed_by",
            postgresql_where=text(SENDING_ROWS),
            sqlite_where=text(SENDING_ROWS),
        ),
    )


def pending_rows() -> Any:
    """``status = 'pending'`` with the value written into the SQL rather than bound, so that PostgreSQL
    and SQLite can use the partial ``ix_reminders_pending_due`` (a bound value cannot prove a predicate)."""
    return Reminder.status == literal_column(f"'{ReminderStatus.PENDING}'", String)


def sending_rows() -> Any:
    """``status = 'sending'`` written out, for the partial ``ix_reminders_sending``."""
    return Reminder.status == literal_column(f"'{ReminderStatus.SENDING}'", String)


class SentMessage(Base):
    """Every message the bot pushed, for /stats and for corrections that reply to the original."""

    __tablename__ = "sent_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    notice_id: Mapped[int | None] = mapped_column(Integer)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16), default="reply")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_sent_messages_chat_notice", "chat_id", "notice_id"),)


class KeyValue(Base):
    """Small pieces of bot-wide state, such as the broadcast channel an admin chose."""

    __tablename__ = "key_values"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChatOwner(Base):
    """Which dispatcher sends to a chat now (jobs.claims): one at a time, so the per-chat and per-group
    limits hold across processes. Times are epoch seconds of the dispatchers' clocks."""

    __tablename__ = "chat_owners"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(64), index=True)
    lease_until: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    # The first instant a new owner may send to the chat (its limits, carried over from the last owner).
    free_at: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class DispatchPace(Base):
    """One row: the next free slot of the global message rate, shared by every dispatcher (jobs.pace)."""

    __tablename__ = "dispatch_pace"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_at: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class BotState(Base):
    """Conversation state of one chat or user (a half-entered /add, a pending "Edit period", the
    questions an answer's Next button pages through), kept here so any web process can take the next
    update. ``scope`` is ``chat:<id>`` or ``user:<id>``; ``version`` makes every write an optimistic
    compare-and-set."""

    __tablename__ = "bot_state"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class UpdateCursor(Base):
    """Per chat (or user, for updates without a chat): the newest update handled and the recent ones, so
    a webhook delivery repeated to another process is dropped and a late older one is still handled."""

    __tablename__ = "update_cursors"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    last_update_id: Mapped[int] = mapped_column(BigInteger, default=0)
    recent: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
