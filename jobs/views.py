"""Reading what planning and sending need from the database: notices as ``NoticeView`` and chats'
settings as ``Profile``."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from db.models import Chat, Notice, PlaceRole
from jobs.due import NoticeView, PeriodView, Profile, parse_points
from notices.categories import Category


def zone(name: str | None, default: ZoneInfo) -> ZoneInfo:
    """A chat's zone; an unknown or empty name falls back to the default rather than failing a send."""
    if not name:
        return default
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return default


def view_of(row: Notice) -> NoticeView:
    try:
        category = Category(row.category)
    except ValueError:
        category = Category.OTHER
    return NoticeView(
        id=row.id,
        title=row.title,
        category=category,
        status=row.status,
        published=row.published,
        issuer=row.issuer,
        body=row.body,
        periods=tuple(
            PeriodView(
                id=p.id,
                all_day=p.all_day,
                start_date=p.start_date,
                end_date=p.end_date,
                starts_at=p.starts_at,
                ends_at=p.ends_at,
                label=p.label,
                note=p.note,
                daily=None if p.daily_start is None or p.daily_end is None else (p.daily_start, p.daily_end),
                places=tuple(name for name in (p.places or "").split("\n") if name),
            )
            for p in row.periods
        ),
        places=tuple(p.name for p in row.places if p.role != PlaceRole.DETOUR),
        search_text=row.search_text or "",
        detours=tuple(p.name for p in row.places if p.role == PlaceRole.DETOUR),
    )


async def load_notices(session: AsyncSession, ids: Iterable[int]) -> dict[int, NoticeView]:
    """Notices by id, with periods and places (ids that do not exist are left out)."""
    wanted = sorted(set(ids))
    out: dict[int, NoticeView] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = await session.scalars(
            select(Notice).where(Notice.id.in_(chunk)).options(undefer(Notice.search_text))
        )
        for row in rows:
            out[row.id] = view_of(row)
    return out


def profile_of(
    tz: str | None,
    morning_hour: int | None,
    quiet_start: int | None,
    quiet_end: int | None,
    digest: bool | int | None,
    deadline_days: str | None,
    lead_minutes: int | None,
    *,
    default_tz: ZoneInfo,
) -> Profile:
    hour = morning_hour if morning_hour is not None and 0 <= morning_hour <= 23 else 8
    lead = lead_minutes if lead_minutes is not None and 0 <= lead_minutes <= 7 * 24 * 60 else 120
    return Profile(
        tz=zone(tz, default_tz),
        morning_hour=hour,
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        digest=bool(digest),
        deadline_days=parse_points(deadline_days),
        lead_minutes=lead,
    )


def chat_profile(chat: Chat, default_tz: ZoneInfo) -> Profile:
    return profile_of(
        chat.tz,
        chat.morning_hour,
        chat.quiet_start,
        chat.quiet_end,
        chat.digest,
        chat.deadline_days,
        chat.lead_minutes,
        default_tz=default_tz,
    )
