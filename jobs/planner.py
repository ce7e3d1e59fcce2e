"""Planning reminders into the outbox (the ``reminders`` table), set-based.

The fan-out to chats is SQL: matching chats are found by joining subscriptions, and one
``INSERT … SELECT … ON CONFLICT`` writes every reminder. Python only computes due times once per
(notice, distinct chat settings) — see ``jobs.due`` — and matches a notice's text against the distinct
place and keyword values people subscribed to, never iterating over chats.

The broadcast channel an admin chose (``db.chats.set_broadcast_channel``) is one more chat: it gets the
``new`` announcement of every notice published or changed since it was chosen, whatever it subscribed to,
and nothing else but corrections replying to its post; so a notice reaches it by whatever path it was
published (the bot, ``noticebot ingest`` through the sweep, a re-publication), with the outbox's retries,
rate limits and record.

Idempotent: the unique key (chat, notice, period, event, point) makes planning twice harmless. A re-plan
first cancels the pending rows it may replace and then revives, with a new due time, those still wanted;
rows already sent are never touched, so nothing is announced twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import get_broadcast_channel, get_broadcast_since
from db.models import (
    Chat,
    KeyValue,
    Notice,
    NoticeStatus,
    Reminder,
    ReminderStatus,
    Subscription,
    SubscriptionKind,
)
from db.search import fold
from db.types import UTCDateTime
from jobs.due import Event, NoticeView, Planned, Profile, correction_due, schedule, snooze_due
from jobs.texts import describe_changes, snapshot
from jobs.views import chat_profile, load_notices, profile_of

SNAPSHOT_KEY = "jobs:periods:{}"
"""Key-value row holding the periods a notice had when last planned, to describe a later edit."""

SWEEP_KEY = "jobs:sweep"
"""Key-value row holding the newest ``notices.updated_at`` the sweep has handled."""

HORIZON_KEY = "jobs:horizon"
"""Key-value row holding the instant up to which the outbox holds every reminder owed."""

HORIZON = timedelta(hours=48)
"""How far ahead reminders are written as rows. Later ones are owed by the notices, periods, chats and
subscriptions tables and written by the sweep as time moves on (``extend_horizon``)."""

REFILL = timedelta(hours=12)
"""The sweep extends the horizon once it is less than ``HORIZON - REFILL`` ahead: a half-day slice at a
time, not a sliver every minute."""

OVERLAP = timedelta(hours=1)
"""Each extension re-derives this much before the old horizon (idempotent), covering a notice planned in
a transaction the previous extension could not yet see."""

REACH = timedelta(hours=26)
"""The most a rule moves a reminder after its natural time (quiet hours, digest slots; a day plus a DST
hour). Extensions plan as of ``REACH`` before their window, which gives, for every reminder due inside
it, exactly the rows planning at publication gave (see ``extend_horizon``)."""

_scratch = MetaData()
_terms = Table(
    "jobs_terms",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(200), nullable=False),
)
_told = Table(
    "jobs_told",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("chat_id", BigInteger, nullable=False),
)
_profiles = Table(
    "jobs_profiles",
    _scratch,
    Column("pid", Integer, nullable=False),
    Column("tz", String(64), nullable=False),
    Column("morning_hour", Integer, nullable=False),
    Column("quiet_start", Integer, nullable=False),
    Column("quiet_end", Integer, nullable=False),
    Column("digest", Boolean, nullable=False),
    Column("deadline_days", String(32), nullable=False),
    Column("lead_minutes", Integer, nullable=False),
)
_plan = Table(
    "jobs_plan",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("period_id", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Column("point", String(16), nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
)
_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS jobs_terms "
    "(notice_id INTEGER NOT NULL, kind VARCHAR(16) NOT NULL, value VARCHAR(200) NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_told (notice_id INTEGER NOT NULL, chat_id BIGINT NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_profiles (pid INTEGER NOT NULL, tz VARCHAR(64) NOT NULL, "
    "morning_hour INTEGER NOT NULL, quiet_start INTEGER NOT NULL, quiet_end INTEGER NOT NULL, "
    "digest BOOLEAN NOT NULL, deadline_days VARCHAR(32) NOT NULL, lead_minutes INTEGER NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_plan (notice_id INTEGER NOT NULL, pid INTEGER NOT NULL, "
    "period_id INTEGER NOT NULL, event VARCHAR(16) NOT NULL, point VARCHAR(16) NOT NULL, "
    "due_at TIMESTAMP NOT NULL)",
    "CREATE INDEX IF NOT EXISTS {temp}jobs_plan_key ON jobs_plan (notice_id, pid)",
    "CREATE UNIQUE INDEX IF NOT EXISTS {temp}jobs_profiles_key ON jobs_profiles "
    "(tz, morning_hour, quiet_start, quiet_end, digest, deadline_days, lead_minutes)",
)
_KEY = ["notice_id", "chat_id", "period_id", "event", "point"]
_NONE = -1
"""Stands for NULL quiet hours in ``jobs_profiles``, so the profile join is plain equality."""


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert


async def _scratch_tables(session: AsyncSession) -> None:
    """Per-connection temporary tables for one planning run, emptied before use."""
    prefix = "temp." if _dialect(session) == "sqlite" else ""
    for statement in _DDL:
        await session.execute(text(statement.format(temp=prefix)))
    for table in (_terms, _told, _profiles, _plan):
        await session.execute(delete(table))


async def _analyze(session: AsyncSession) -> None:
    """Statistics for the scratch tables (a few hundred rows), so the fan-out starts from them and walks
    into subscriptions and chats by index, rather than scanning every chat."""
    prefix = "temp." if _dialect(session) == "sqlite" else ""
    for table in (_terms, _told, _profiles, _plan):
        await session.execute(text(f"ANALYZE {prefix}{table.name}"))


def _rowcount(result: Any) -> int:
    return max(int(getattr(result, "rowcount", 0) or 0), 0)


async def _insert_many(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        await session.execute(table.insert(), rows[start : start + 5000])


def for_chat(chat_id: int) -> Any:
    """Reminders of one chat, found through the notice-led unique key (one index probe per notice)
    rather than a scan of every pending row."""
    return and_(Reminder.notice_id.in_(select(Notice.id).scalar_subquery()), Reminder.chat_id == chat_id)


# --- the horizon -------------------------------------------------------------------------------------


async def stored_horizon(session: AsyncSession) -> datetime | None:
    """The instant up to which the outbox is complete; None before anything was planned."""
    value = await session.scalar(select(KeyValue.value).where(KeyValue.key == HORIZON_KEY))
    return None if value is None else datetime.fromisoformat(value)


async def _store_horizon(session: AsyncSession, moment: datetime) -> None:
    statement = _insert(session)(KeyValue).values(key=HORIZON_KEY, value=moment.isoformat())
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={"value": statement.excluded.value}
    )
    await session.execute(statement)


async def _limit(session: AsyncSession, now: datetime, until: datetime | None) -> datetime:
    """How far ahead planning at ``now`` writes: the horizon, or further when asked."""
    stored = await stored_horizon(session)
    limit = now + HORIZON
    if stored is None:
        await _store_horizon(session, limit)
    else:
        limit = max(limit, stored)
    return limit if until is None else max(limit, until)


# --- matching ----------------------------------------------------------------------------------------


async def _text_values(session: AsyncSession, chat_id: int | None) -> list[tuple[str, str, str]]:
    """Distinct (kind, value, folded value) of place and keyword subscriptions: a walk along the covering
    index (values only inactive chats hold cost a term row, and the fan-out drops those chats)."""
    query = (
        select(Subscription.kind, Subscription.value)
        .distinct()
        .where(Subscription.kind.in_((SubscriptionKind.PLACE, SubscriptionKind.KEYWORD)))
    )
    if chat_id is not None:
        query = query.where(Subscription.chat_id == chat_id)
    rows = await session.execute(query)
    out = []
    for kind, value in rows:
        folded = fold(value)
        if folded:
            out.append((kind, value, folded))
    return out


def _haystack(notice: NoticeView) -> str:
    if notice.search_text:
        return notice.search_text
    return "\n".join(fold(part) for part in (notice.title, *notice.places, notice.body))


async def _fill_terms(session: AsyncSession, notices: Sequence[NoticeView], chat_id: int | None) -> None:
    """``jobs_terms`` ← the (kind, value) subscriptions each notice matches: its category, and every
    distinct place or keyword people subscribed to that its text contains."""
    terms: list[dict[str, Any]] = []
    values = await _text_values(session, chat_id)
    for notice in notices:
        terms.append(
            {"notice_id": notice.id, "kind": SubscriptionKind.CATEGORY, "value": notice.category.value}
        )
        hay = _haystack(notice)
        for kind, value, folded in values:
            if folded in hay:
                terms.append({"notice_id": notice.id, "kind": kind, "value": value})
    await _insert_many(session, _terms, terms)


async def _fill_profiles(
    session: AsyncSession, default_tz: ZoneInfo, chat_id: int | None
) -> list[tuple[int, Profile]]:
    """``jobs_profiles`` ← the distinct scheduling settings of active chats (or of one chat), numbered."""
    columns = (
        func.coalesce(Chat.tz, ""),
        Chat.morning_hour,
        func.coalesce(Chat.quiet_start, _NONE),
        func.coalesce(Chat.quiet_end, _NONE),
        Chat.digest,
        Chat.deadline_days,
        Chat.lead_minutes,
    )
    query = select(*columns).distinct().where(Chat.active)
    if chat_id is not None:
        query = query.where(Chat.id == chat_id)
    out: list[tuple[int, Profile]] = []
    rows: list[dict[str, Any]] = []
    for pid, (tz, hour, quiet_start, quiet_end, digest, points, lead) in enumerate(
        await session.execute(query)
    ):
        rows.append(
            {
                "pid": pid,
                "tz": tz,
                "morning_hour": hour,
                "quiet_start": quiet_start,
                "quiet_end": quiet_end,
                "digest": digest,
                "deadline_days": points,
                "lead_minutes": lead,
            }
        )
        profile = profile_of(
            tz or None,
            hour,
            None if quiet_start == _NONE else quiet_start,
            None if quiet_end == _NONE else quiet_end,
            digest,
            points,
            lead,
            default_tz=default_tz,
        )
        out.append((pid, profile))
    await _insert_many(session, _profiles, rows)
    return out


async def _fill_plan(
    session: AsyncSession,
    notices: Sequence[NoticeView],
    profiles: Sequence[tuple[int, Profile]],
    rows_for: Callable[[NoticeView, Profile], list[Planned]],
) -> list[NoticeView]:
    """``jobs_plan`` ← the rows each (notice, profile) gets; returns the notices that got any."""
    plan: list[dict[str, Any]] = []
    planned: list[NoticeView] = []
    for notice in notices:
        before = len(plan)
        for pid, profile in profiles:
            for item in rows_for(notice, profile):
                plan.append(
                    {
                        "notice_id": notice.id,
                        "pid": pid,
                        "period_id": item.period_id,
                        "event": item.event,
                        "point": item.point,
                        "due_at": item.due_at,
                    }
                )
        if len(plan) > before:
            planned.append(notice)
    await _insert_many(session, _plan, plan)
    return planned


def _profile_join() -> Any:
    return and_(
        _profiles.c.tz == func.coalesce(Chat.tz, ""),
        _profiles.c.morning_hour == Chat.morning_hour,
        _profiles.c.quiet_start == func.coalesce(Chat.quiet_start, _NONE),
        _profiles.c.quiet_end == func.coalesce(Chat.quiet_end, _NONE),
        _profiles.c.digest == Chat.digest,
        _profiles.c.deadline_days == Chat.deadline_days,
        _profiles.c.lead_minutes == Chat.lead_minutes,
    )


async def _write(
    session: AsyncSession,
    now: datetime,
    *,
    chat_id: int | None = None,
    told: bool = False,
    detail: str | None = None,
    revive: bool = True,
) -> int:
    """Every (matched chat × its profile's plan rows) into the outbox: one INSERT … SELECT.

    Matched chats come from ``jobs_terms`` joined to subscriptions (the covering index gives chat ids
    straight from the index), or, for corrections (``told``), from ``jobs_told``."""
    await _analyze(session)
    notice_col: Any
    chat_col: Any
    source: Any
    if told:
        notice_col, chat_col, source = _told.c.notice_id, _told.c.chat_id, _told
        chat_on = Chat.id == _told.c.chat_id
    else:
        notice_col, chat_col = _terms.c.notice_id, Subscription.chat_id
        source = _terms.join(
            Subscription, and_(Subscription.kind == _terms.c.kind, Subscription.value == _terms.c.value)
        )
        # The broadcast channel gets announcements through ``_write_channel``, whatever it subscribed to.
        chat_on = and_(Chat.id == Subscription.chat_id, Chat.is_broadcast_channel.is_(False))
    columns: list[Any] = [
        chat_col,
        notice_col,
        _plan.c.period_id,
        _plan.c.event,
        _plan.c.point,
        _plan.c.due_at,
        literal(ReminderStatus.PENDING),
        literal(0),
        literal(now, UTCDateTime()),
    ]
    names = [
        "chat_id",
        "notice_id",
        "period_id",
        "event",
        "point",
        "due_at",
        "status",
        "attempts",
        "created_at",
    ]
    if told:
        earlier = Reminder.__table__.alias("earlier")
        columns.append(
            select(func.max(earlier.c.message_id))
            .where(
                earlier.c.notice_id == notice_col,
                earlier.c.chat_id == chat_col,
                earlier.c.status == ReminderStatus.SENT,
            )
            .scalar_subquery()
        )
        names.append("reply_to")
    if detail is not None:
        columns.append(literal(detail, Text()))
        names.append("detail")
    query = (
        select(*columns)
        .select_from(source)
        .join(Chat, and_(chat_on, Chat.active))
        .join(_profiles, _profile_join())
        .join(_plan, and_(_plan.c.notice_id == notice_col, _plan.c.pid == _profiles.c.pid))
        .where(true())
    )
    if chat_id is not None:
        query = query.where(chat_col == chat_id)
    if _dialect(session) == "postgresql":
        # A chat matching a notice twice (category and keyword) must not reach ON CONFLICT DO UPDATE
        # twice in one statement there; SQLite's upsert takes such repeats row by row.
        query = query.distinct()
    return await _upsert(session, names, query, revive=revive)


async def _upsert(session: AsyncSession, names: list[str], query: Any, *, revive: bool) -> int:
    """``INSERT … SELECT`` into the outbox; a conflicting row is left alone, or with ``revive`` brought
    back to pending if it was cancelled (a re-plan), never if it was sent."""
    statement = _insert(session)(Reminder).from_select(names, query)
    if revive:
        statement = statement.on_conflict_do_update(
            index_elements=_KEY,
            set_={
                "due_at": statement.excluded.due_at,
                "status": ReminderStatus.PENDING,
                "attempts": 0,
                "last_error": None,
                "claimed_at": None,
            },
            where=Reminder.status == ReminderStatus.CANCELLED,
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=_KEY)
    return _rowcount(await session.execute(statement))


async def _write_channel(session: AsyncSession, now: datetime, *, chat_id: int | None = None) -> int:
    """The broadcast channel's announcements: a ``new`` row for every planned notice published or changed
    since the channel was chosen, whatever the channel subscribed to, and nothing else (no eve, starts,
    deadline or ends). One INSERT … SELECT; corrections reach it as any chat already told
    (``_tell``)."""
    channel = await get_broadcast_channel(session)
    if channel is None or (chat_id is not None and chat_id != channel):
        return 0
    since = await get_broadcast_since(session)
    query = (
        select(
            Chat.id,
            _plan.c.notice_id,
            _plan.c.period_id,
            _plan.c.event,
            _plan.c.point,
            _plan.c.due_at,
            literal(ReminderStatus.PENDING),
            literal(0),
            literal(now, UTCDateTime()),
        )
        .select_from(_plan)
        .join(_profiles, _profiles.c.pid == _plan.c.pid)
        .join(Chat, and_(Chat.id == channel, Chat.is_broadcast_channel, Chat.active, _profile_join()))
        .join(Notice, Notice.id == _plan.c.notice_id)
        .where(_plan.c.event == Event.NEW)
    )
    if since is not None:
        query = query.where(Notice.updated_at >= since)
    names = ["chat_id", "notice_id", "period_id", "event", "point", "due_at", "status", "attempts"]
    return await _upsert(session, [*names, "created_at"], query, revive=True)


async def _save_snapshots(session: AsyncSession, notices: Iterable[NoticeView]) -> None:
    rows = [
        {"key": SNAPSHOT_KEY.format(n.id), "value": json.dumps(snapshot(n.periods), ensure_ascii=False)}
        for n in notices
    ]
    if not rows:
        return
    statement = _insert(session)(KeyValue)
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={"value": statement.excluded.value}
    )
    for start in range(0, len(rows), 2000):
        await session.execute(statement, rows[start : start + 2000])


# --- public API --------------------------------------------------------------------------------------


async def plan_notices(
    session: AsyncSession,
    notice_ids: Iterable[int],
    *,
    now: datetime,
    tz: ZoneInfo,
    chat_id: int | None = None,
    until: datetime | None = None,
) -> int:
    """Plan the reminders for these notices (published ones only) for every matching active chat and the
    broadcast channel, or for one chat: the announcement, and every other reminder due up to the horizon
    (or ``until``, for a dry run over a window); the sweep writes the later ones as their time nears.
    Returns rows written."""
    views = [
        v for v in (await load_notices(session, notice_ids)).values() if v.status == NoticeStatus.PUBLISHED
    ]
    if not views:
        return 0
    limit = await _limit(session, now, until)

    def rows_for(notice: NoticeView, profile: Profile) -> list[Planned]:
        return [
            p for p in schedule(notice, profile, now=now, tz=tz) if p.event == Event.NEW or p.due_at <= limit
        ]

    await _scratch_tables(session)
    profiles = await _fill_profiles(session, tz, chat_id)
    planned = await _fill_plan(session, views, profiles, rows_for)
    await _fill_terms(session, planned, chat_id)
    written = await _write(session, now, chat_id=chat_id)
    written += await _write_channel(session, now, chat_id=chat_id)
    if chat_id is None:
        await _save_snapshots(session, views)
    return written


async def extend_horizon(
    session: AsyncSession,
    *,
    now: datetime,
    tz: ZoneInfo,
    until: datetime | None = None,
    skip: Iterable[int] = (),
) -> int:
    """Write the reminders that come due between the stored horizon and ``until`` (default: ``now`` +
    ``HORIZON``), for every published notice and every active chat subscribed to it; returns rows
    written. After downtime the window starts in the past: what came due meanwhile is written with its
    original due time, and the dispatcher sends it or marks it skipped as for any late row.

    Rows are derived as of ``REACH`` before the window: every rule moves a reminder by less than that,
    so each row due in the window is the one planning at publication gave it (a chat that subscribed
    within ``REACH`` before the window was planned up to the horizon then). ``skip``: notices just
    planned at ``now`` for the first time or after an edit (what is owed of them starts at ``now``)."""
    stored = await stored_horizon(session)
    high = until or now + HORIZON
    if stored is None:
        await _store_horizon(session, high)  # nothing was planned with a horizon: nothing is owed
        return 0
    if high <= stored:
        return 0
    low = stored - OVERLAP
    reference = low - REACH
    skipped = set(skip)
    ids = [
        notice_id
        for notice_id in await session.scalars(
            select(Notice.id).where(
                Notice.status == NoticeStatus.PUBLISHED,
                Notice.active_until.is_not(None),
                Notice.active_until > reference,
            )
        )
        if notice_id not in skipped
    ]
    written = 0
    if ids:
        views = list((await load_notices(session, ids)).values())

        def rows_for(notice: NoticeView, profile: Profile) -> list[Planned]:
            return [
                p
                for p in schedule(notice, profile, now=reference, tz=tz)
                if p.event != Event.NEW and low < p.due_at <= high
            ]

        await _scratch_tables(session)
        profiles = await _fill_profiles(session, tz, None)
        planned = await _fill_plan(session, views, profiles, rows_for)
        if planned:
            await _fill_terms(session, planned, None)
            written = await _write(session, now)
    await _store_horizon(session, high)
    return written


async def plan_notice(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> int:
    """On publish: every reminder about this notice for every subscribed chat."""
    return await plan_notices(session, [notice_id], now=now, tz=tz)


def _not_corrections() -> Any:
    return Reminder.event.not_in(Event.CORRECTIONS)


async def _cancel(session: AsyncSession, *conditions: Any, reason: str) -> int:
    result = await session.execute(
        update(Reminder)
        .where(Reminder.status == ReminderStatus.PENDING, *conditions)
        .values(status=ReminderStatus.CANCELLED, last_error=reason)
    )
    return _rowcount(result)


async def _snapshot(session: AsyncSession, notice_id: int) -> list[dict[str, Any]] | None:
    row = await session.get(KeyValue, SNAPSHOT_KEY.format(notice_id))
    if row is None:
        return None
    value = json.loads(row.value)
    return value if isinstance(value, list) else None


async def _tell(
    session: AsyncSession,
    notice: NoticeView,
    event: str,
    *,
    now: datetime,
    tz: ZoneInfo | None,
    point: str,
    detail: str | None = None,
) -> int:
    """A correction to every chat that was already sent something about the notice, replying to it."""
    await _scratch_tables(session)
    told = (
        select(literal(notice.id), Reminder.chat_id)
        .distinct()
        .where(
            Reminder.notice_id == notice.id,
            Reminder.status == ReminderStatus.SENT,
            Reminder.event.not_in(Event.CORRECTIONS),
        )
    )
    await session.execute(_told.insert().from_select(["notice_id", "chat_id"], told))
    default = tz or ZoneInfo("UTC")

    def rows(_notice: NoticeView, profile: Profile) -> list[Planned]:
        if tz is None and profile.tz is default:
            return [Planned(now, 0, event, point)]
        return [Planned(correction_due(profile, now), 0, event, point)]

    profiles = await _fill_profiles(session, default, None)
    await _fill_plan(session, [notice], profiles, rows)
    return await _write(session, now, told=True, detail=detail, revive=False)


async def replan_notice(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> int:
    """After an admin edited the periods: cancel pending reminders, plan the new ones, and send chats that
    were already told a correction describing the change. Returns the rows written."""
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    if notice is None:
        return 0
    if notice.status != NoticeStatus.PUBLISHED:
        await _cancel(session, Reminder.notice_id == notice_id, reason=f"notice {notice.status}")
        return 0
    written = 0
    before = await _snapshot(session, notice_id)
    after = snapshot(notice.periods)
    if before is not None and before != after:
        detail = describe_changes(before, after)
        written += await _tell(
            session, notice, Event.CHANGED, now=now, tz=tz, point=str(int(now.timestamp())), detail=detail
        )
    await _cancel(session, Reminder.notice_id == notice_id, _not_corrections(), reason="replanned")
    written += await plan_notices(session, [notice_id], now=now, tz=tz)
    return written


async def withdraw_notice(
    session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo | None = None
) -> int:
    """Cancel every pending reminder about the notice and tell chats already told that it was withdrawn.
    ``tz`` is the default zone for quiet hours (chats without one of their own); without it, corrections
    to those chats ignore quiet hours. Returns the corrections written."""
    await _cancel(
        session, Reminder.notice_id == notice_id, Reminder.event != Event.WITHDRAWN, reason="withdrawn"
    )
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    if notice is None:
        return 0
    return await _tell(session, notice, Event.WITHDRAWN, now=now, tz=tz, point="")


async def _candidates(session: AsyncSession, chat_id: int) -> list[int]:
    """Published notices one chat's subscriptions could match (prefiltered in SQL; exact match follows)."""
    subs = list(
        await session.execute(
            select(Subscription.kind, Subscription.value).where(Subscription.chat_id == chat_id)
        )
    )
    if not subs:
        return []
    conditions: list[Any] = []
    categories = [v for k, v in subs if k == SubscriptionKind.CATEGORY]
    if categories:
        conditions.append(Notice.category.in_(categories))
    for kind, value in subs:
        if kind != SubscriptionKind.CATEGORY and fold(value):
            conditions.append(Notice.search_text.contains(fold(value), autoescape=True))
    if not conditions:
        return []
    query = select(Notice.id).where(Notice.status == NoticeStatus.PUBLISHED, or_(*conditions))
    return list(await session.scalars(query))


async def _channel_candidates(session: AsyncSession) -> list[int]:
    """Published notices the broadcast channel is owed: those published or changed since it was chosen."""
    query = select(Notice.id).where(Notice.status == NoticeStatus.PUBLISHED)
    since = await get_broadcast_since(session)
    if since is not None:
        query = query.where(Notice.updated_at >= since)
    return list(await session.scalars(query))


async def plan_chat(
    session: AsyncSession, chat_id: int, *, now: datetime, tz: ZoneInfo, until: datetime | None = None
) -> int:
    """After a chat subscribed or changed its settings: re-plan its pending reminders (what it no longer
    wants is cancelled; what it newly wants, including current notices, is planned up to the horizon or
    ``until``)."""
    await _cancel(session, for_chat(chat_id), _not_corrections(), reason="replanned")
    chat = await session.get(Chat, chat_id)
    if chat is None or not chat.active:
        return 0
    if chat.is_broadcast_channel:
        candidates = await _channel_candidates(session)
    else:
        candidates = await _candidates(session, chat_id)
    if not candidates:
        return 0
    return await plan_notices(session, candidates, now=now, tz=tz, chat_id=chat_id, until=until)


async def deactivate_chat(session: AsyncSession, chat_id: int, reason: str) -> None:
    """The chat blocked or removed the bot (403): stop planning for it and cancel what was pending."""
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=reason[:200])
    )
    await session.execute(
        update(Reminder)
        .where(for_chat(chat_id), Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.SENDING)))
        .values(status=ReminderStatus.CANCELLED, last_error=f"chat gone: {reason}"[:500])
    )


class SnoozeError(LookupError):
    """The reminder cannot be snoozed (unknown, or a correction)."""


async def snooze(session: AsyncSession, reminder_id: int, *, now: datetime, tz: ZoneInfo) -> None:
    """ "Remind me tomorrow": the same reminder again at tomorrow's morning hour (twice is harmless)."""
    row = await session.get(Reminder, reminder_id)
    if row is None or row.event in Event.CORRECTIONS:
        raise SnoozeError(f"no reminder #{reminder_id} to snooze")
    chat = await session.get(Chat, row.chat_id)
    if chat is None:
        raise SnoozeError(f"no chat for reminder #{reminder_id}")
    profile = chat_profile(chat, tz)
    due = snooze_due(profile, now)
    point = f"{row.point.split('~', 1)[0]}~{due.astimezone(profile.tz):%y%m%d}"
    statement = (
        _insert(session)(Reminder)
        .values(
            chat_id=row.chat_id,
            notice_id=row.notice_id,
            period_id=row.period_id,
            event=row.event,
            point=point,
            due_at=due,
            status=ReminderStatus.PENDING,
            attempts=0,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=_KEY)
    )
    await session.execute(statement)


async def _current_snapshot(session: AsyncSession, notice_id: int) -> list[dict[str, Any]]:
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    return [] if notice is None else snapshot(notice.periods)


async def sweep(session: AsyncSession, *, now: datetime, tz: ZoneInfo) -> int:
    """The periodic safety net: plan notices published or edited since the last sweep (by any path, such
    as the ingest command), cancel reminders of notices no longer published, and move the horizon on
    when it is less than ``HORIZON - REFILL`` ahead. Returns the rows written."""
    written, planned = await _sweep_changes(session, now=now, tz=tz)
    stored = await stored_horizon(session)
    if stored is None or stored <= now + HORIZON - REFILL:
        written += await extend_horizon(session, now=now, tz=tz, skip=planned)
    return written


async def _sweep_changes(session: AsyncSession, *, now: datetime, tz: ZoneInfo) -> tuple[int, list[int]]:
    mark_row = await session.get(KeyValue, SWEEP_KEY)
    query = select(Notice.id, Notice.status, Notice.updated_at).order_by(Notice.updated_at)
    if mark_row is not None:
        query = query.where(Notice.updated_at >= datetime.fromisoformat(mark_row.value))
    changed = list(await session.execute(query))
    if not changed:
        return 0, []
    written = 0
    bulk: list[int] = []
    planned: list[int] = []
    for notice_id, status, _updated in changed:
        if status == NoticeStatus.PUBLISHED:
            before = await _snapshot(session, notice_id)
            if before is None:
                planned.append(notice_id)  # first planned now: nothing from before now is owed
                bulk.append(notice_id)
            elif before == await _current_snapshot(session, notice_id):
                bulk.append(notice_id)  # re-published, or seen before: idempotent planning revives
            else:
                planned.append(notice_id)
                written += await replan_notice(session, notice_id, now=now, tz=tz)
        elif status == NoticeStatus.WITHDRAWN:
            pending = await session.scalar(
                select(
                    exists().where(
                        Reminder.notice_id == notice_id,
                        Reminder.status == ReminderStatus.PENDING,
                        _not_corrections(),
                    )
                )
            )
            if pending:
                written += await withdraw_notice(session, notice_id, now=now, tz=tz)
        else:
            await _cancel(session, Reminder.notice_id == notice_id, reason=f"notice {status}")
    if bulk:
        written += await plan_notices(session, bulk, now=now, tz=tz)
    newest = max(updated for _id, _status, updated in changed)
    if mark_row is None:
        session.add(KeyValue(key=SWEEP_KEY, value=newest.isoformat()))
    else:
        mark_row.value = newest.isoformat()
    await session.flush()
    return written, planned
