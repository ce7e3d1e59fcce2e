"""Chats, their subscriptions and preferences, and bot-wide values: what the bot remembers across restarts.

Every function takes the caller's session and leaves committing to it, so one user action is one
transaction (a refused or failed action changes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, delete, func, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.models import (
    BotState,
    Chat,
    KeyValue,
    Notice,
    Place,
    Reminder,
    ReminderStatus,
    SentMessage,
    Subscription,
    SubscriptionKind,
)
from db.reader import Reader
from db.writes import rowcount, write_alone

CHAT_SETTINGS = frozenset(
    {"language", "tz", "quiet_start", "quiet_end", "morning_hour", "digest", "deadline_days", "lead_minutes"}
)
"""The columns a chat may change about itself (through /settings)."""

BROADCAST_CHANNEL_KEY = "broadcast_channel"
BROADCAST_SINCE_KEY = "broadcast_channel_since"
"""When the broadcast channel was chosen (wall-clock UTC, ISO 8601): only notices published or changed
from then on are posted there, so choosing a channel does not flood it with the back catalogue."""


async def get_chat(session: AsyncSession, chat_id: int) -> Chat | None:
    return await session.get(Chat, chat_id)


async def ensure_chat(
    session: AsyncSession,
    chat_id: int,
    *,
    type: str,
    title: str | None = None,
    language: str | None = None,
) -> Chat:
    """The chat's row, created on first contact; a chat that writes again after blocking us is active again.

    ``language`` only applies to a new chat: afterwards the chat's own choice (in /settings) wins.
    """
    chat = await session.get(Chat, chat_id)
    if chat is None:
        chat = Chat(id=chat_id, type=type, title=title, language=language or "zh")
        session.add(chat)
        await session.flush()
        return chat
    if title is not None and chat.title != title:
        chat.title = title
    if chat.type != type:
        chat.type = type
    if not chat.active:
        chat.active = True
        chat.inactive_reason = None
    return chat


async def create_chat(
    engine: AsyncEngine, chat_id: int, *, type: str, title: str | None, language: str | None
) -> ChatSettings | None:
    """A new chat's row as :func:`ensure_chat` makes it, in one statement committed on its own (no
    ORM object, no transaction held open): the chat's settings, or None when it already had a row."""
    statement = _new_chat(engine.dialect.name)
    language = language or "zh"
    values = {"id": chat_id, "type": type, "title": title, "language": language}
    if not await write_alone(engine, statement, values, rowcount):
        return None
    return ChatSettings(chat_id, type, title, language, None, True)


@lru_cache(maxsize=2)
def _new_chat(dialect: str) -> Any:
    """INSERT of a chat's row unless it exists, with the columns' defaults (built once)."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return insert(_chats).on_conflict_do_nothing(index_elements=["id"])


async def update_chat(session: AsyncSession, chat_id: int, **values: Any) -> Chat:
    """Change a chat's settings; only the columns in CHAT_SETTINGS may be set this way."""
    unknown = set(values) - CHAT_SETTINGS
    if unknown:
        raise ValueError(f"not a chat setting: {', '.join(sorted(unknown))}")
    chat = await session.get(Chat, chat_id)
    if chat is None:
        raise LookupError(f"no chat {chat_id}")
    for name, value in values.items():
        setattr(chat, name, value)
    await session.flush()
    return chat


async def list_subscriptions(session: AsyncSession, chat_id: int) -> list[Subscription]:
    """A chat's subscriptions: categories first, then places and keywords in the order they were added."""
    rows = await session.scalars(select(Subscription).where(Subscription.chat_id == chat_id))
    order = {kind: index for index, kind in enumerate(SubscriptionKind.ALL)}
    return sorted(rows, key=lambda s: (order.get(s.kind, 9), s.id))


async def subscribed_categories(session: AsyncSession, chat_id: int) -> set[str]:
    rows = await session.scalars(
        select(Subscription.value).where(
            Subscription.chat_id == chat_id, Subscription.kind == SubscriptionKind.CATEGORY
        )
    )
    return set(rows)


async def find_subscription(
    session: AsyncSession, chat_id: int, kind: str, value: str
) -> Subscription | None:
    return await session.scalar(
        select(Subscription).where(
            Subscription.chat_id == chat_id, Subscription.kind == kind, Subscription.value == value
        )
    )


async def add_subscription(
    session: AsyncSession, chat_id: int, kind: str, value: str
) -> tuple[Subscription, bool]:
    """Subscribe a chat; returns the subscription and whether it is new (subscribing twice is harmless)."""
    if kind not in SubscriptionKind.ALL:
        raise ValueError(f"unknown subscription kind {kind!r}")
    value = value.strip()
    if not value:
        raise ValueError("empty subscription value")
    existing = await find_subscription(session, chat_id, kind, value)
    if existing is not None:
        return existing, False
    subscription = Subscription(chat_id=chat_id, kind=kind, value=value)
    session.add(subscription)
    await session.flush()
    return subscription, True


async def toggle_category(session: AsyncSession, chat_id: int, code: str) -> bool:
    """Flip a category subscription; returns whether the chat is now subscribed."""
    existing = await find_subscription(session, chat_id, SubscriptionKind.CATEGORY, code)
    if existing is None:
        await add_subscription(session, chat_id, SubscriptionKind.CATEGORY, code)
        return True
    await session.delete(existing)
    await session.flush()
    return False


async def remove_subscription(
    session: AsyncSession, chat_id: int, subscription_id: int
) -> Subscription | None:
    """Remove one subscription of this chat (another chat's id removes nothing); returns what was removed."""
    subscription = await session.get(Subscription, subscription_id)
    if subscription is None or subscription.chat_id != chat_id:
        return None
    await session.delete(subscription)
    await session.flush()
    return subscription


async def remove_all_subscriptions(session: AsyncSession, chat_id: int) -> int:
    result = await session.execute(delete(Subscription).where(Subscription.chat_id == chat_id))
    await session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


async def get_subscription(session: AsyncSession, subscription_id: int) -> Subscription | None:
    return await session.get(Subscription, subscription_id)


async def is_known_place(session: AsyncSession, name: str) -> bool:
    """Whether some stored notice names this place (so ``/subscribe 寿山镇`` becomes a place subscription)."""
    found = await session.scalar(select(Place.id).where(Place.name == name).limit(1))
    return found is not None


async def get_reminder_chat(session: AsyncSession, reminder_id: int) -> int | None:
    """The chat a planned reminder belongs to (a button may only snooze its own chat's reminders)."""
    return await session.scalar(select(Reminder.chat_id).where(Reminder.id == reminder_id))


async def get_value(session: AsyncSession, key: str) -> str | None:
    row = await session.get(KeyValue, key)
    return None if row is None else row.value


async def set_value(session: AsyncSession, key: str, value: str) -> None:
    row = await session.get(KeyValue, key)
    if row is None:
        session.add(KeyValue(key=key, value=value))
    else:
        row.value = value
    await session.flush()


async def delete_value(session: AsyncSession, key: str) -> None:
    await session.execute(delete(KeyValue).where(KeyValue.key == key))


async def get_broadcast_channel(session: AsyncSession) -> int | None:
    value = await get_value(session, BROADCAST_CHANNEL_KEY)
    return int(value) if value else None


async def get_broadcast_since(session: AsyncSession) -> datetime | None:
    """The moment the broadcast channel was chosen; None when unknown (every notice then qualifies)."""
    value = await get_value(session, BROADCAST_SINCE_KEY)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def set_broadcast_channel(
    session: AsyncSession, chat_id: int | None, *, title: str | None = None, since: datetime | None = None
) -> None:
    """Choose (or with None, clear) the channel where every published notice is posted.

    Posts go through the reminder outbox (the planner gives the channel a ``new`` row for each published
    notice). A newly chosen channel records ``since`` — by default the wall clock, the clock that stamps
    ``notices.updated_at``, which it is compared with — and gets only notices published or changed from
    then on. Choosing the current channel again keeps its moment. A channel given up keeps no pending
    posts; corrections to what it already carries still reach it."""
    previous = await get_broadcast_channel(session)
    if previous is not None and previous != chat_id:
        await session.execute(update(Chat).where(Chat.id == previous).values(is_broadcast_channel=False))
        await session.execute(
            update(Reminder)
            .where(
                Reminder.notice_id.in_(select(Notice.id).scalar_subquery()),
                Reminder.chat_id == previous,
                Reminder.status == ReminderStatus.PENDING,
                Reminder.event == "new",
            )
            .values(status=ReminderStatus.CANCELLED, last_error="no longer the broadcast channel")
        )
    if chat_id is None:
        await delete_value(session, BROADCAST_CHANNEL_KEY)
        await delete_value(session, BROADCAST_SINCE_KEY)
        return
    chat = await ensure_chat(session, chat_id, type="channel", title=title)
    chat.is_broadcast_channel = True
    if previous != chat_id or await get_value(session, BROADCAST_SINCE_KEY) is None:
        moment = since or datetime.now(UTC)
        await set_value(session, BROADCAST_SINCE_KEY, moment.astimezone(UTC).isoformat())
    await set_value(session, BROADCAST_CHANNEL_KEY, str(chat_id))


async def record_sent(
    session: AsyncSession, chat_id: int, message_id: int | None, *, notice_id: int | None = None, kind: str
) -> None:
    session.add(SentMessage(chat_id=chat_id, message_id=message_id, notice_id=notice_id, kind=kind))
    await session.flush()


@dataclass(slots=True)
class ChatStats:
    """The figures /stats shows about chats and deliveries."""

    chats_by_type: dict[str, int] = field(default_factory=dict)
    inactive_chats: int = 0
    subscriptions_by_category: dict[str, int] = field(default_factory=dict)
    subscriptions_by_kind: dict[str, int] = field(default_factory=dict)
    messages_by_kind: dict[str, int] = field(default_factory=dict)
    reminders_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def messages_sent(self) -> int:
        return sum(self.messages_by_kind.values())


async def chat_stats(session: AsyncSession) -> ChatStats:
    stats = ChatStats()
    for kind, active, count in await session.execute(
        select(Chat.type, Chat.active, func.count()).group_by(Chat.type, Chat.active)
    ):
        if active:
            stats.chats_by_type[kind] = stats.chats_by_type.get(kind, 0) + int(count)
        else:
            stats.inactive_chats += int(count)
    for kind, count in await session.execute(
        select(Subscription.kind, func.count()).group_by(Subscription.kind)
    ):
        stats.subscriptions_by_kind[kind] = int(count)
    for value, count in await session.execute(
        select(Subscription.value, func.count())
        .where(Subscription.kind == SubscriptionKind.CATEGORY)
        .group_by(Subscription.value)
        .order_by(func.count().desc(), Subscription.value)
    ):
        stats.subscriptions_by_category[value] = int(count)
    for kind, count in await session.execute(
        select(SentMessage.kind, func.count()).group_by(SentMessage.kind)
    ):
        stats.messages_by_kind[kind] = int(count)
    for status, count in await session.execute(
        select(Reminder.status, func.count()).group_by(Reminder.status)
    ):
        stats.reminders_by_status[status] = int(count)
    stats.reminders_by_status.setdefault(ReminderStatus.SENT, 0)
    return stats


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What answering a message needs of a chat's row, read with one primary-key lookup (no ORM
    object, no subscriptions)."""

    id: int
    type: str
    title: str | None
    language: str
    tz: str | None
    active: bool


_chats = cast(Table, Chat.__table__)
_CHAT_SETTINGS = select(
    _chats.c.id, _chats.c.type, _chats.c.title, _chats.c.language, _chats.c.tz, _chats.c.active
).where(_chats.c.id == bindparam("chat_id"))
"""Built once: every message reads it (building a statement costs more than running this one)."""


async def read_chat_settings(reader: Reader, chat_id: int) -> ChatSettings | None:
    row = (await reader.execute(_CHAT_SETTINGS, {"chat_id": chat_id})).first()
    return None if row is None else ChatSettings(*row)


_states = cast(Table, BotState.__table__)
_one = select(literal_column("1").label("one")).subquery("one")


@lru_cache(maxsize=4)
def _chat_settings_and_states(count: int) -> Select[Any]:
    """The chat's settings and ``count`` ``bot_state`` values of one scope (keys ``key0``, ``key1``…)
    in one statement: any of them may be missing. Built once per count."""
    joined: Any = _one.outerjoin(_chats, _chats.c.id == bindparam("chat_id"))
    columns: list[Any] = []
    for index in range(count):
        state = _states.alias(f"state{index}")
        found = and_(state.c.scope == bindparam("scope"), state.c.key == bindparam(f"key{index}"))
        joined = joined.outerjoin(state, found)
        columns += [state.c.value, state.c.version]
    return select(
        _chats.c.id, _chats.c.type, _chats.c.title, _chats.c.language, _chats.c.tz, _chats.c.active, *columns
    ).select_from(joined)


async def read_chat_settings_and_state(
    reader: Reader, chat_id: int, scope: str, key: str
) -> tuple[ChatSettings | None, tuple[str, int] | None]:
    """:func:`read_chat_settings` and the stored ``(value, version)`` under ``scope``/``key`` in one
    statement: a question reads both before anything else."""
    settings, (state,) = await read_chat_settings_and_states(reader, chat_id, scope, (key,))
    return settings, state


async def read_chat_settings_and_states(
    reader: Reader, chat_id: int, scope: str, keys: tuple[str, ...]
) -> tuple[ChatSettings | None, list[tuple[str, int] | None]]:
    """:func:`read_chat_settings` and the stored ``(value, version)`` under each of ``keys`` of
    ``scope``, in one round trip."""
    parameters: dict[str, Any] = {"chat_id": chat_id, "scope": scope}
    parameters.update((f"key{index}", key) for index, key in enumerate(keys))
    row = (await reader.execute(_chat_settings_and_states(len(keys)), parameters)).one()
    settings = None if row[0] is None else ChatSettings(*row[:6])
    values = row[6:]
    return settings, [
        None if values[2 * i] is None else (values[2 * i], values[2 * i + 1]) for i in range(len(keys))
    ]
