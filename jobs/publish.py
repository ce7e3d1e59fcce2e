"""Planning notices as they are published: every matching active chat and the broadcast channel get
the announcement and every reminder due up to the horizon."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BurstNotice, KeyValue, NoticeStatus
from jobs.burst import plan_bursts, prepare, term_counts
from jobs.due import Event, NoticeView, Planned, Profile, schedule
from jobs.fanout import fill_seen, write, write_channel
from jobs.horizon import limit_for
from jobs.matching import fill_chats, fill_terms
from jobs.scratch import fill_plan, fill_profiles, insert_for, scratch_tables
from jobs.texts import snapshot
from jobs.views import load_notices

SNAPSHOT_KEY = "jobs:periods:{}"
"""Key-value row holding the periods a notice had when last planned, to describe a later edit."""


async def save_snapshots(session: AsyncSession, notices: Iterable[NoticeView]) -> None:
    rows = [
        {"key": SNAPSHOT_KEY.format(n.id), "value": json.dumps(snapshot(n.periods), ensure_ascii=False)}
        for n in notices
    ]
    if not rows:
        return
    statement = insert_for(session)(KeyValue)
    statement = statement.on_conflict_do_update(
        index_elements=["key"], set_={"value": statement.excluded.value}
    )
    for start in range(0, len(rows), 2000):
        await session.execute(statement, rows[start : start + 2000])


async def plan_notices(
    session: AsyncSession,
    notice_ids: Iterable[int],
    *,
    now: datetime,
    tz: ZoneInfo,
    chat_id: int | None = None,
    until: datetime | None = None,
    burst: int | None = None,
) -> int:
    """Plan the reminders for these notices (published ones only) for every matching active chat and the
    broadcast channel, or for one chat: the announcement, and every other reminder due up to the horizon
    (or ``until``, for a dry run over a window); the sweep writes the later ones as their time nears.
    Returns rows written.

    ``burst``: a chat owed more than this many announcements of notices planned for the first time
    gets one list instead (``jobs.burst``); None: always one announcement per notice."""
    views = [
        v for v in (await load_notices(session, notice_ids)).values() if v.status == NoticeStatus.PUBLISHED
    ]
    if not views:
        return 0
    limit = await limit_for(session, now, until)

    def rows_for(notice: NoticeView, profile: Profile) -> list[Planned]:
        return [
            p for p in schedule(notice, profile, now=now, tz=tz) if p.event == Event.NEW or p.due_at <= limit
        ]

    await scratch_tables(session)
    profiles = await fill_profiles(session, tz, chat_id)
    planned = await fill_plan(session, views, profiles, rows_for)
    terms = await fill_terms(session, planned, chat_id)
    covered = await _on_pages(session, [notice.id for notice in planned])
    await fill_seen(session)
    fresh: list[int] = []
    if burst is not None and chat_id is None:
        fresh = await _fresh(session, [notice.id for notice in planned])
    threshold = burst if burst is not None and len(fresh) > burst else None
    if threshold is not None:
        await prepare(session, fresh)
    await fill_chats(session, chat_id, term_counts(terms, set(fresh)), threshold)
    bursts = 0
    if threshold is not None:
        bursts = await plan_bursts(session, fresh, threshold=threshold, now=now)
    written = bursts + await write(session, now, bursts=bursts > 0, covered=covered, threshold=threshold)
    written += await write_channel(session, now, chat_id=chat_id)
    if chat_id is None:
        await save_snapshots(session, views)
    return written


async def plan_notice(session: AsyncSession, notice_id: int, *, now: datetime, tz: ZoneInfo) -> int:
    """On publish: every reminder about this notice for every subscribed chat."""
    return await plan_notices(session, [notice_id], now=now, tz=tz)


async def stored_snapshot(session: AsyncSession, notice_id: int) -> list[dict[str, Any]] | None:
    row = await session.get(KeyValue, SNAPSHOT_KEY.format(notice_id))
    if row is None:
        return None
    value = json.loads(row.value)
    return value if isinstance(value, list) else None


async def current_snapshot(session: AsyncSession, notice_id: int) -> list[dict[str, Any]]:
    views = await load_notices(session, [notice_id])
    notice = views.get(notice_id)
    return [] if notice is None else snapshot(notice.periods)


async def _fresh(session: AsyncSession, notice_ids: list[int]) -> list[int]:
    """The notices never planned for every chat before (no snapshot of their periods stored)."""
    keys = {SNAPSHOT_KEY.format(notice_id): notice_id for notice_id in notice_ids}
    seen: set[str] = set()
    names = list(keys)
    for start in range(0, len(names), 500):
        seen.update(
            await session.scalars(select(KeyValue.key).where(KeyValue.key.in_(names[start : start + 500])))
        )
    return [notice_id for key, notice_id in keys.items() if key not in seen]


async def _on_pages(session: AsyncSession, notice_ids: list[int]) -> bool:
    """Whether any of these notices was on a page some chats got as one list."""
    for start in range(0, len(notice_ids), 500):
        chunk = notice_ids[start : start + 500]
        if await session.scalar(
            select(BurstNotice.notice_id).where(BurstNotice.notice_id.in_(chunk)).limit(1)
        ):
            return True
    return False
