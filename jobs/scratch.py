"""The per-connection scratch tables one planning run fills before its ``INSERT … SELECT`` into the
outbox: the (notice, term) matches, the chats told before (corrections), the distinct chat settings
("profiles") and each (notice, profile)'s plan rows. Python writes a few hundred rows here; SQL fans
them out to every chat."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
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
    and_,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Chat
from db.types import UTCDateTime
from jobs.due import NoticeView, Planned, Profile
from jobs.views import profile_of

_scratch = MetaData()
TERMS = Table(
    "jobs_terms",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(200), nullable=False),
)
TOLD = Table(
    "jobs_told",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("chat_id", BigInteger, nullable=False),
)
PROFILES = Table(
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
PLAN = Table(
    "jobs_plan",
    _scratch,
    Column("notice_id", Integer, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("period_id", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Column("point", String(16), nullable=False),
    Column("due_at", UTCDateTime(), nullable=False),
)
CHATS = Table(
    "jobs_chats",
    _scratch,
    Column("chat_id", BigInteger, primary_key=True),
    Column("pid", Integer, nullable=False),
    Column("burst", Boolean),
)
"""The active chats (not the broadcast channel) some matched term reaches, with their profile and whether
they get a burst list (NULL while undecided): joining them by one integer gives the database true
estimates, where the seven-column profile join made PostgreSQL expect one row and walk every chat for
every term."""
FRESH = Table("jobs_fresh", _scratch, Column("notice_id", Integer, primary_key=True))
"""Notices planned for the first time in this run (only those are announced in a burst)."""
COUNTS = Table(
    "jobs_counts",
    _scratch,
    Column("kind", String(16), nullable=False),
    Column("value", String(200), nullable=False),
    Column("n", Integer, nullable=False),
)
"""Per matched term, how many fresh notices it matches (0: it matches only notices planned before)."""
SEEN = Table("jobs_seen", _scratch, Column("notice_id", Integer, primary_key=True))
"""Notices of this run with rows in the outbox already: only their rows can meet one there."""
_DDL = (
    "CREATE TEMP TABLE IF NOT EXISTS jobs_chats "
    "(chat_id BIGINT PRIMARY KEY, pid INTEGER NOT NULL, burst BOOLEAN)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_fresh (notice_id INTEGER PRIMARY KEY)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_seen (notice_id INTEGER PRIMARY KEY)",
    "CREATE TEMP TABLE IF NOT EXISTS jobs_counts "
    "(kind VARCHAR(16) NOT NULL, value VARCHAR(200) NOT NULL, n INTEGER NOT NULL)",
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
SCRATCH = (TERMS, TOLD, PROFILES, PLAN, CHATS, FRESH, COUNTS, SEEN)
KEY = ["notice_id", "chat_id", "period_id", "event", "point"]
_PROFILE = ("tz", "morning_hour", "quiet_start", "quiet_end", "digest", "deadline_days", "lead_minutes")
NONE = -1
"""Stands for NULL quiet hours in ``jobs_profiles``, so the profile join is plain equality."""


def dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def insert_for(session: AsyncSession) -> Any:
    return postgresql.insert if dialect(session) == "postgresql" else sqlite.insert


async def scratch_tables(session: AsyncSession) -> None:
    """Per-connection temporary tables for one planning run, emptied before use."""
    prefix = "temp." if dialect(session) == "sqlite" else ""
    if not prefix:
        # The de-duplication of a page's (notice, chat) pairs and the hash of a million chats: 4 MB
        # spills them to disk, and so did 256 MB the sort of three million pairs at a million chats.
        await session.execute(text("SET LOCAL work_mem = '512MB'"))
    for statement in _DDL:
        await session.execute(text(statement.format(temp=prefix)))
    if prefix:
        # SQLite's planner knows a column's selectivity only through an index: with this one the
        # announcements to chats not in a burst start from those few chats.
        await session.execute(
            text(f"CREATE INDEX IF NOT EXISTS {prefix}jobs_chats_burst ON jobs_chats (burst, chat_id)")
        )
    for table in SCRATCH:
        await session.execute(delete(table))


async def analyze(session: AsyncSession) -> None:
    """Statistics for the scratch tables (a few hundred rows), so the fan-out starts from them and walks
    into subscriptions and chats by index, rather than scanning every chat."""
    prefix = "temp." if dialect(session) == "sqlite" else ""
    for table in SCRATCH:
        await session.execute(text(f"ANALYZE {prefix}{table.name}"))


@asynccontextmanager
async def planner_off(session: AsyncSession, *names: str) -> AsyncIterator[None]:
    """PostgreSQL: the planner methods ``names`` (``enable_mergejoin``…) off for the statements run
    inside, then back to what they were (``set_config`` returns the new value, so the old one is read
    first)."""
    if dialect(session) != "postgresql":
        yield
        return
    before = {
        name: await session.scalar(text("SELECT current_setting(:name)"), {"name": name}) for name in names
    }
    for name in names:
        await session.execute(text("SELECT set_config(:name, 'off', true)"), {"name": name})
    try:
        yield
    finally:
        for name, value in before.items():
            await session.execute(
                text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value}
            )


def rowcount(result: Any) -> int:
    return max(int(getattr(result, "rowcount", 0) or 0), 0)


async def insert_many(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        await session.execute(table.insert(), rows[start : start + 5000])


async def fill_profiles(
    session: AsyncSession, default_tz: ZoneInfo, chat_id: int | None
) -> list[tuple[int, Profile]]:
    """``jobs_profiles`` ← the distinct scheduling settings of active chats (or of one chat), numbered."""
    query = select(*profile_columns()).distinct().where(Chat.active)
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
            None if quiet_start == NONE else quiet_start,
            None if quiet_end == NONE else quiet_end,
            digest,
            points,
            lead,
            default_tz=default_tz,
        )
        out.append((pid, profile))
    await insert_many(session, PROFILES, rows)
    return out


async def fill_plan(
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
    await insert_many(session, PLAN, plan)
    return planned


def profile_columns() -> list[Any]:
    """A chat's scheduling settings as ``jobs_profiles`` holds them, labelled by its column names."""
    return [
        func.coalesce(Chat.tz, "").label("tz"),
        Chat.morning_hour.label("morning_hour"),
        func.coalesce(Chat.quiet_start, NONE).label("quiet_start"),
        func.coalesce(Chat.quiet_end, NONE).label("quiet_end"),
        Chat.digest.label("digest"),
        Chat.deadline_days.label("deadline_days"),
        Chat.lead_minutes.label("lead_minutes"),
    ]


def profile_match(columns: Any) -> Any:
    """``jobs_profiles`` joined to the ``profile_columns`` of a subquery."""
    return and_(*(PROFILES.c[name] == columns[name] for name in _PROFILE))


def profile_join() -> Any:
    return and_(
        PROFILES.c.tz == func.coalesce(Chat.tz, ""),
        PROFILES.c.morning_hour == Chat.morning_hour,
        PROFILES.c.quiet_start == func.coalesce(Chat.quiet_start, NONE),
        PROFILES.c.quiet_end == func.coalesce(Chat.quiet_end, NONE),
        PROFILES.c.digest == Chat.digest,
        PROFILES.c.deadline_days == Chat.deadline_days,
        PROFILES.c.lead_minutes == Chat.lead_minutes,
    )
