"""Shared fixtures: a fresh, migrated database per test on SQLite, or on PostgreSQL when
DATABASE_URL points there (each test then gets its own schema, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.engine import make_engine, make_sessionmaker, upgrade

pytest_plugins = ["tests.standin_fixtures"]

# As the entry points do: python-telegram-bot's opt-in to timedelta durations (retry_after).
os.environ.setdefault("PTB_TIMEDELTA", "true")

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
SAMPLE_PAGE = SAMPLES / "liaoyuan-daily-2022-05-10.txt"
TZ = ZoneInfo("Asia/Shanghai")


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


@pytest.fixture
def sample_page() -> str:
    if not SAMPLE_PAGE.exists():
        pytest.skip("the shared sample page is not beside this checkout")
    return SAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.fixture
def tz() -> ZoneInfo:
    return TZ


@pytest.fixture
async def db_url(tmp_path: Path) -> AsyncIterator[str]:
    """A URL for an empty database of this test's own; with PostgreSQL, a schema of its own."""
    pg = postgres_url()
    if pg is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(pg)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{pg}#schema={schema}"
    finally:
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def engine_for(url: str) -> AsyncEngine:
    """An engine for a URL from ``db_url`` (which may carry ``#schema=``)."""
    base, _, fragment = url.partition("#schema=")
    return make_engine(base, schema=fragment or None)


def env_for(url: str) -> dict[str, str]:
    """Environment variables that point the ``noticebot`` CLI at a URL from ``db_url``."""
    base, _, fragment = url.partition("#schema=")
    env = {"DATABASE_URL": base}
    if fragment:
        env["NOTICEBOT_DB_SCHEMA"] = fragment
    return env


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = engine_for(db_url)
    await upgrade(engine)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)
