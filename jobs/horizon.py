"""The planning horizon: reminders are written as rows only up to 48 hours ahead; the sweep writes the
later ones as time moves on (``extend_horizon``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import KeyValue, Notice, NoticeStatus
from jobs.due import Event, NoticeView, Planned, Profile, schedule
from jobs.fanout import fill_seen, write
from jobs.matching import fill_chats, fill_terms
from jobs.scratch import fill_plan, fill_profiles, insert_for, scratch_tables
from jobs.views import load_notices

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


async def stored_horizon(session: AsyncSession) -> datetime | None:
    """The instant up to which the outbox is complete; None before anything was planned."""
    value = await session.scalar(select(KeyValue.value).where(KeyValue.key == HORIZON_KEY))
    return None if value is None else datetime.fromisoformat(value)


async def store_horizon(session: AsyncSession, moment: datetime) -> None:
    statement = insert_for(session)(KeyValue).values(key=HORIZON_KEY, value=moment.isoformat())
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={"value": statement.excluded.value}
    )
    await session.execute(statement)


async def limit_for(session: AsyncSession, now: datetime, until: datetime | None) -> datetime:
    """How far ahead planning at ``now`` writes: the horizon, or further when asked."""
    stored = await stored_horizon(session)
    limit = now + HORIZON
    if stored is None:
        await store_horizon(session, limit)
    else:
        limit = max(limit, stored)
    return limit if until is None else max(limit, until)


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
        await store_horizon(session, high)  # nothing was planned with a horizon: nothing is owed
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

        await scratch_tables(session)
        profiles = await fill_profiles(session, tz, None)
        planned = await fill_plan(session, views, profiles, rows_for)
        if planned:
            terms = await fill_terms(session, planned, None)
            await fill_seen(session)
            await fill_chats(session, None, {(kind, value): 0 for _notice, kind, value in terms})
            written = await write(session, now)
    await store_horizon(session, high)
    return written
