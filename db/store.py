"""Writing notices: storing parsed pages (deduplicated by content hash) and the edits an admin makes.

Nothing here commits: the caller's ``session_scope`` does, so a failure half-way through a page leaves
what was stored before untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Notice, NoticeStatus, PlaceRole
from db.models import Period as PeriodRow
from db.models import Place as PlaceRow
from db.rows import to_parsed as to_parsed
from db.search import fold
from db.tables import EARLIEST as EARLIEST
from db.tables import LATEST as LATEST
from notices.categories import Category
from notices.errors import NoticebotError
from notices.model import PageResult, ParsedNotice, Period, SkippedItem

# Which status may follow which. Withdrawn → published re-publishes a notice withdrawn by mistake;
# nothing goes back to draft once people may have seen it.
TRANSITIONS: dict[str, frozenset[str]] = {
    NoticeStatus.DRAFT: frozenset({NoticeStatus.PUBLISHED, NoticeStatus.WITHDRAWN}),
    NoticeStatus.PUBLISHED: frozenset({NoticeStatus.WITHDRAWN}),
    NoticeStatus.WITHDRAWN: frozenset({NoticeStatus.PUBLISHED}),
}


class NoticeNotFound(NoticebotError, LookupError):
    """No notice has that id."""


class StatusError(NoticebotError, ValueError):
    """An unknown status, or a change of status that is not allowed."""


class StoreInterrupted(NoticebotError):
    """Storing a page was stopped part-way (the bot is stopping); the caller rolls back."""


@dataclass(slots=True)
class StoredNotice:
    """A notice after storing: its id, and whether an identical one was already there."""

    id: int
    notice: ParsedNotice
    duplicate: bool


@dataclass(slots=True)
class StoreReport:
    """What storing a page did, for the ingest report."""

    stored: list[StoredNotice] = field(default_factory=list)
    duplicates: list[StoredNotice] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)


def _check_status(status: str) -> None:
    if status not in NoticeStatus.ALL:
        raise StatusError(f"unknown status {status!r}; known: {', '.join(NoticeStatus.ALL)}")


def _unique_places(places: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in places:
        cleaned = name.strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def place_values(notice: ParsedNotice) -> list[dict[str, Any]]:
    """The ``places`` rows of a notice (without ``notice_id``): affected places, then detours; a name
    both affected and a detour is affected."""
    places = _unique_places(notice.places)
    detours = [d for d in _unique_places(notice.detours) if d not in places]
    named = [(n, PlaceRole.AFFECTED) for n in places] + [(n, PlaceRole.DETOUR) for n in detours]
    return [{"position": i, "name": name[:200], "role": role} for i, (name, role) in enumerate(named)]


def envelope(periods: Sequence[dict[str, Any]]) -> dict[str, datetime | int | None]:
    """``active_since``/``active_until`` and ``period_count`` for a notice with these ``period_values``
    rows (every write of a notice's periods sets all three together)."""
    if not periods:
        return {"active_since": None, "active_until": None, "period_count": 0}
    return {
        "active_since": min(p["active_from"] or EARLIEST for p in periods),
        "active_until": max(p["ends_at"] or LATEST for p in periods),
        "period_count": len(periods),
    }


def all_period_values(notice: ParsedNotice, tz: ZoneInfo) -> list[dict[str, Any]]:
    """The ``periods`` rows of a notice, in order (without ``notice_id``)."""
    return [
        period_values(p, position=i, published=notice.published, tz=tz) for i, p in enumerate(notice.periods)
    ]


def notice_values(
    notice: ParsedNotice, *, tz: ZoneInfo, source: str | None = None, status: str = NoticeStatus.PUBLISHED
) -> dict[str, Any]:
    """The ``notices`` row for a parsed notice (shared with bulk loaders so they store the same thing)."""
    places = _unique_places(notice.places)
    return {
        **envelope(all_period_values(notice, tz)),
        "title": notice.title,
        "category": notice.category.value,
        "issuer": notice.issuer,
        "published": notice.published,
        "body": notice.body,
        "status": status,
        "content_hash": notice.content_hash,
        "source": source,
        "warnings": "\n".join(notice.warnings),
        "search_text": search_text(notice.title, places, notice.body),
    }


def search_text(title: str, places: Sequence[str], body: str) -> str:
    """The folded text ``NoticeFilter.text`` matches. Parts are joined by a line break, which a folded
    query never contains, so a match cannot straddle the title and the body."""
    return "\n".join(fold(part) for part in (title, *places, body))


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def period_values(period: Period, *, position: int, published: date | None, tz: ZoneInfo) -> dict[str, Any]:
    """The ``periods`` row for a period (without ``notice_id``). All-day dates become local midnights."""
    starts_at, ends_at = period.bounds(tz)
    if starts_at is not None:
        active_from: datetime | None = starts_at
    elif published is not None:
        active_from = _local_midnight(published, tz)
        if ends_at is not None and active_from > ends_at:
            active_from = None  # a deadline printed after it passed: don't invent a backwards span
    else:
        active_from = None
    return {
        "position": position,
        "label": period.label,
        "note": period.note,
        "text": period.text[:500],
        "all_day": period.all_day,
        "start_date": period.start if period.all_day else None,
        "end_date": period.end if period.all_day else None,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "active_from": active_from,
        "daily_start": period.daily[0] if period.daily else None,
        "daily_end": period.daily[1] if period.daily else None,
        "places": "\n".join(_unique_places(period.places)),
    }


def _insert(session: AsyncSession) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (SQLite ≥ 3.35 and PostgreSQL). Imported
    here: reading commands (``noticebot ask``) do not pay for the other dialect's module."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert
    raise NotImplementedError(f"no conflict-free insert for {name}")


async def store_notice(
    session: AsyncSession,
    notice: ParsedNotice,
    *,
    tz: ZoneInfo,
    source: str | None = None,
    status: str = NoticeStatus.PUBLISHED,
) -> StoredNotice:
    """Store one notice unless one with the same content hash exists (then nothing changes).

    ON CONFLICT DO NOTHING makes the check race-free: two ingests of one page at once store it once.
    """
    _check_status(status)
    values = notice_values(notice, tz=tz, source=source, status=status)
    statement = (
        _insert(session)(Notice)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Notice.id)
    )
    new_id = (await session.execute(statement)).scalar_one_or_none()
    if new_id is None:
        existing = await session.scalar(
            select(Notice.id).where(Notice.content_hash == values["content_hash"])
        )
        assert existing is not None
        return StoredNotice(id=existing, notice=notice, duplicate=True)
    periods = all_period_values(notice, tz)
    if periods:
        await session.execute(insert(PeriodRow), [{"notice_id": new_id, **p} for p in periods])
    rows = place_values(notice)
    if rows:
        await session.execute(insert(PlaceRow), [{"notice_id": new_id, **row} for row in rows])
    return StoredNotice(id=new_id, notice=notice, duplicate=False)


async def store_page(
    session: AsyncSession,
    result: PageResult,
    *,
    tz: ZoneInfo,
    source: str | None = None,
    status: str = NoticeStatus.PUBLISHED,
    stop: Callable[[], bool] | None = None,
) -> StoreReport:
    """Store a page's notices; a notice seen before (on this page or earlier) is reported as a duplicate.

    The notices already stored are looked up a batch at a time, so a page read again costs a few
    queries, not one per notice. ``stop`` is asked before each notice is stored: when it says yes,
    StoreInterrupted is raised and the caller's transaction, rolled back, leaves nothing of the page.
    """
    _check_status(status)
    report = StoreReport(skipped=list(result.skipped))
    seen = await _known_hashes(session, [notice.content_hash for notice in result.notices])
    for notice in result.notices:
        key = notice.content_hash
        if key in seen:
            report.duplicates.append(StoredNotice(id=seen[key], notice=notice, duplicate=True))
            continue
        if stop is not None and stop():
            raise StoreInterrupted("stopped while storing a page")
        stored = await store_notice(session, notice, tz=tz, source=source, status=status)
        seen[key] = stored.id
        (report.duplicates if stored.duplicate else report.stored).append(stored)
    return report


_HASH_BATCH = 500
"""Content hashes per lookup: well under SQLite's and asyncpg's limits on bound parameters."""


async def _known_hashes(session: AsyncSession, hashes: Sequence[str]) -> dict[str, int]:
    """The ids of the stored notices with these content hashes."""
    unique = list(dict.fromkeys(hashes))
    known: dict[str, int] = {}
    for start in range(0, len(unique), _HASH_BATCH):
        batch = unique[start : start + _HASH_BATCH]
        rows = await session.execute(
            select(Notice.content_hash, Notice.id).where(Notice.content_hash.in_(batch))
        )
        known.update({content_hash: notice_id for content_hash, notice_id in rows})
    return known


async def get_notice(session: AsyncSession, notice_id: int) -> Notice | None:
    """The notice with its periods and places, or None."""
    return await session.get(Notice, notice_id)


async def _require(session: AsyncSession, notice_id: int) -> Notice:
    notice = await get_notice(session, notice_id)
    if notice is None:
        raise NoticeNotFound(f"no notice #{notice_id}")
    return notice


async def set_status(session: AsyncSession, notice_id: int, status: str) -> Notice:
    """Move a notice along draft → published → withdrawn (setting the current status again is a no-op)."""
    _check_status(status)
    notice = await _require(session, notice_id)
    if notice.status == status:
        return notice
    if status not in TRANSITIONS[notice.status]:
        raise StatusError(f"notice #{notice_id} is {notice.status}; it cannot become {status}")
    notice.status = status
    await session.flush()
    return notice


async def set_category(session: AsyncSession, notice_id: int, category: Category) -> Notice:
    """Correct a notice's category (the parser guessed wrong)."""
    notice = await _require(session, notice_id)
    if notice.category != category.value:
        notice.category = category.value
        await session.flush()
    return notice


async def replace_periods(
    session: AsyncSession, notice_id: int, periods: Sequence[Period], *, tz: ZoneInfo
) -> Notice:
    """Replace a notice's periods (a correction). Period ids change; reminders keyed on them must re-plan."""
    notice = await _require(session, notice_id)
    rows = [period_values(p, position=i, published=notice.published, tz=tz) for i, p in enumerate(periods)]
    notice.periods = [PeriodRow(**row) for row in rows]
    for key, value in envelope(rows).items():
        setattr(notice, key, value)
    notice.updated_at = datetime.now(UTC)
    await session.flush()
    await session.refresh(notice, ["periods"])
    return notice


async def counts_by_status(session: AsyncSession) -> dict[str, int]:
    """How many notices are in each status (every status present, zero included)."""
    counts = dict.fromkeys(NoticeStatus.ALL, 0)
    rows = await session.execute(select(Notice.status, func.count()).group_by(Notice.status))
    for status, count in rows:
        counts[status] = count
    return counts


async def notices_between(
    session: AsyncSession, first: int, last: int, *, after: int = 0, limit: int = 20
) -> list[Notice]:
    """Up to ``limit`` notices with ids in [first, last] and above ``after``, in id order: a page of the
    drafts one upload stored (another upload's drafts stored at the same moment may share the range,
    and are drafts to review as well)."""
    low = max(first, after + 1)
    if low > last:  # (and keeps ``after + 1`` out of the query: it may overflow a 32-bit column)
        return []
    statement = select(Notice).where(Notice.id >= low, Notice.id <= last).order_by(Notice.id).limit(limit)
    return list(await session.scalars(statement))


async def count_between(session: AsyncSession, first: int, last: int) -> int:
    """How many notices have ids in [first, last]."""
    count = await session.scalar(
        select(func.count()).select_from(Notice).where(Notice.id >= first, Notice.id <= last)
    )
    return int(count or 0)


async def statuses_of(session: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    """The status of each of these notices that exists."""
    if not ids:
        return {}
    rows = await session.execute(select(Notice.id, Notice.status).where(Notice.id.in_(list(ids))))
    return {notice_id: status for notice_id, status in rows}
