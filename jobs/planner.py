"""Planning reminders into the outbox (the ``reminders`` table), set-based.

The fan-out to chats is SQL: matching chats are found by joining subscriptions, and one
``INSERT … SELECT … ON CONFLICT`` writes every reminder. Python only computes due times once per
(notice, distinct chat settings) — see ``jobs.due`` — and matches a notice's text against the distinct
place and keyword values people subscribed to, never iterating over chats.

Idempotent: the unique key (chat, notice, period, event, point) makes planning twice harmless. A re-plan
first cancels the pending rows it may replace and then revives, with a new due time, those still wanted;
rows already sent are never touched, so nothing is announced twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
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
from jobs.views import PROFILE_COLUMNS, chat_profile, load_notices, profile_key, profile_of

SNAPSHOT_KEY = "jobs:periods:{}"
"""Key-value row holding the periods a notice had when last planned, to describe a later edit."""

SWEEP_KEY = "jobs:sweep"
"""Key-value row holding the newest ``notices.updated_at`` the sweep has handled."""

_scratch = MetaData()
_match = Table(
    "jobs_match",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("chat_id", BigInteger, nullable=False),
    Column("profile_key", Text, nullable=False),
)
_terms = Table(
    "jobs_terms",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(200), nullable=False),
)
_plan = Table(
    "jobs_plan",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("profile_key", Text, nullable=False),
    Column("period_id", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Column("point", String(16), nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
)
_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS jobs_match "
    "(notice_id INTEGER NOT NULL, chat_id BIGINT NOT NULL, profile_key TEXT NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_terms "
    "(notice_id INTEGER NOT NULL, kind VARCHAR(16) NOT NULL, value VARCHAR(200) NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_plan (notice_id INTEGER NOT NULL, profile_key TEXT NOT NULL, "
    "period_id INTEGER NOT NULL, event VARCHAR(16) NOT NULL, point VARCHAR(16) NOT NULL, "
    "due_at TIMESTAMP NOT NULL)",
    "CREATE INDEX IF NOT EXISTS {temp}jobs_plan_key ON jobs_plan (notice_id, profile_key)",
    "CREATE INDEX IF NOT EXISTS {temp}jobs_terms_notice ON jobs_terms (notice_id)",
)
_KEY = ["chat_id", "notice_id", "period_id", "event", "point"]


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert


async def _scratch_tables(session: AsyncSession) -> None:
    """Per-connection temporary tables for one planning run, emptied before use."""
    prefix = "temp." if _dialect(session) == "sqlite" else ""
    for statement in _DDL:
        await session.execute(text(statement.format(temp=prefix)))
    for table in (_match, _terms, _plan):
        await session.execute(delete(table))


def _rowcount(result: Any) -> int:
    return max(int(getattr(result, "rowcount", 0) or 0), 0)


# --- matching ----------------------------------------------------------------------------------------


async def _text_values(session: AsyncSession, chat_id: int | None) -> list[tuple[str, str, str]]:
    """Distinct (kind, value, folded value) of place and keyword subscriptions of active chats."""
    query = (
        select(Subscription.kind, Subscription.value)
        .distinct()
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(Subscription.kind.in_((SubscriptionKind.PLACE, SubscriptionKind.KEYWORD)), Chat.active)
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


async def _fill_matches(session: AsyncSession, notices: Sequence[NoticeView], chat_id: int | None) -> None:
    """``jobs_match`` ← (notice, chat) for every active chat subscribed to each notice."""
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
    for start in range(0, len(terms), 5000):
        await session.execute(_terms.insert(), terms[start : start + 5000])
    query = (
        select(_terms.c.notice_id, Subscription.chat_id, profile_key())
        .distinct()
        .join(
            Subscription,
            and_(Subscription.kind == _terms.c.kind, Subscription.value == _terms.c.value),
        )
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(Chat.active)
    )
    if chat_id is not None:
        query = query.where(Subscription.chat_id == chat_id)
    await session.execute(_match.insert().from_select(["notice_id", "chat_id", "profile_key"], query))


async def _profiles(session: AsyncSession, default_tz: ZoneInfo) -> list[tuple[str, Profile]]:
    """The distinct scheduling settings among the matched chats, each with its SQL key."""
    query = select(profile_key(), *PROFILE_COLUMNS).distinct().where(Chat.id.in_(select(_match.c.chat_id)))
    out = []
    for key, tz, hour, quiet_start, quiet_end, digest, points, lead in await session.execute(query):
        profile = profile_of(tz, hour, quiet_start, quiet_end, digest, points, lead, default_tz=default_tz)
        out.append((key, profile))
    return out


async def _fill_plan(
    session: AsyncSession,
    notices: Sequence[NoticeView],
    rows_for: Callable[[NoticeView, Profile], list[Planned]],
    default_tz: ZoneInfo,
) -> None:
    profiles = await _profiles(session, default_tz)
    plan: list[dict[str, Any]] = []
    for notice in notices:
        for key, profile in profiles:
            for item in rows_for(notice, profile):
                plan.append(
                    {
                        "notice_id": notice.id,
                        "profile_key": key,
                        "period_id": item.period_id,
                        "event": item.event,
                        "point": item.point,
                        "due_at": item.due_at,
                    }
                )
    for start in range(0, len(plan), 5000):
        await session.execute(_plan.insert(), plan[start : start + 5000])


async def _write(
    session: AsyncSession,
    now: datetime,
    *,
    reply_to: bool = False,
    detail: str | None = None,
    revive: bool = True,
) -> int:
    """Reminders for every (matched chat × its plan row): one INSERT … SELECT."""
    columns: list[Any] = [
        _match.c.chat_id,
        _match.c.notice_id,
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
    if reply_to:
        told = Reminder.__table__.alias("told")
        columns.append(
            select(func.max(told.c.message_id))
            .where(
                told.c.chat_id == _match.c.chat_id,
                told.c.notice_id == _match.c.notice_id,
                told.c.status == ReminderStatus.SENT,
            )
            .scalar_subquery()
        )
        names.append("reply_to")
    if detail is not None:
        columns.append(literal(detail, Text()))
        names.append("detail")
    source = (
        select(*columns)
        .select_from(_match)
        .join(
            _plan, and_(_plan.c.notice_id == _match.c.notice_id, _plan.c.profile_key == _match.c.profile_key)
        )
        .where(true())
    )
    statement = _insert(session)(Reminder).from_select(names, source)
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
) -> int:
    """Plan every reminder for these notices (published ones only) for every matching active chat, or for
    one chat. Returns how many rows were written."""
    views = [
        v for v in (await load_notices(session, notice_ids)).values() if v.status == NoticeStatus.PUBLISHED
    ]
    if not views:
        return 0
    await _scratch_tables(session)
    await _fill_matches(session, views, chat_id)
    await _fill_plan(session, views, lambda n, p: schedule(n, p, now=now, tz=tz), tz)
    written = await _write(session, now)
    if chat_id is None:
        await _save_snapshots(session, views)
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
        select(literal(notice.id), Reminder.chat_id, profile_key())
        .distinct()
        .join(Chat, Chat.id == Reminder.chat_id)
        .where(
            Reminder.notice_id == notice.id,
            Reminder.status == ReminderStatus.SENT,
            Reminder.event.not_in(Event.CORRECTIONS),
            Chat.active,
        )
    )
    await session.execute(_match.insert().from_select(["notice_id", "chat_id", "profile_key"], told))
    default = tz or ZoneInfo("UTC")

    def rows(_notice: NoticeView, profile: Profile) -> list[Planned]:
        if tz is None and profile.tz is default:
            return [Planned(now, 0, event, point)]
        return [Planned(correction_due(profile, now), 0, event, point)]

    await _fill_plan(session, [notice], rows, default)
    return await _write(session, now, reply_to=True, detail=detail, revive=False)


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
    await _cancel(session, Reminder.notice_id == notice_id, reason="withdrawn")
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


async def plan_chat(session: AsyncSession, chat_id: int, *, now: datetime, tz: ZoneInfo) -> int:
    """After a chat subscribed or changed its settings: re-plan its pending reminders (what it no longer
    wants is cancelled; what it newly wants, including current notices, is planned)."""
    await _cancel(session, Reminder.chat_id == chat_id, _not_corrections(), reason="replanned")
    chat = await session.get(Chat, chat_id)
    if chat is None or not chat.active:
        return 0
    candidates = await _candidates(session, chat_id)
    if not candidates:
        return 0
    return await plan_notices(session, candidates, now=now, tz=tz, chat_id=chat_id)


async def deactivate_chat(session: AsyncSession, chat_id: int, reason: str) -> None:
    """The chat blocked or removed the bot (403): stop planning for it and cancel what was pending."""
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=reason[:200])
    )
    await session.execute(
        update(Reminder)
        .where(
            Reminder.chat_id == chat_id,
            Reminder.status.in_((ReminderStatus.PENDING, ReminderStatus.SENDING)),
        )
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
    """The safety net run periodically: plan notices published or edited since the last sweep (by any
    path, such as the ingest command) and cancel reminders of notices no longer published."""
    mark_row = await session.get(KeyValue, SWEEP_KEY)
    query = select(Notice.id, Notice.status, Notice.updated_at).order_by(Notice.updated_at)
    if mark_row is not None:
        query = query.where(Notice.updated_at >= datetime.fromisoformat(mark_row.value))
    changed = list(await session.execute(query))
    if not changed:
        return 0
    written = 0
    bulk: list[int] = []
    for notice_id, status, _updated in changed:
        if status == NoticeStatus.PUBLISHED:
            before = await _snapshot(session, notice_id)
            if before is None or before == await _current_snapshot(session, notice_id):
                bulk.append(notice_id)  # new, or re-published: idempotent planning revives what it must
            else:
                written += await replan_notice(session, notice_id, now=now, tz=tz)
        elif status == NoticeStatus.WITHDRAWN:
            pending = await session.scalar(
                select(
                    exists().where(Reminder.notice_id == notice_id, Reminder.status == ReminderStatus.PENDING)
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
    return written
