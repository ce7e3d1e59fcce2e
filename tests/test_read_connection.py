"""``db.engine.read_connection``: on a SQLite file the reads run on ``sqlite3`` in the loop's own thread,
and they see every write committed before them through the async engine's sessions."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.chats import ensure_chat, read_chat_settings
from db.engine import make_engine, make_sessionmaker, read_connection, session_scope, upgrade
from db.reader import GreenletConnection
from tests.conftest import postgres_url


async def test_reads_see_each_commit_before_them(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with read_connection(sessions) as connection:
        assert await read_chat_settings(connection, 71) is None
    for title in ("甲组", "乙組"):
        async with session_scope(sessions) as session:
            await ensure_chat(session, 71, type="group", title=title, language="zh")
        async with read_connection(sessions) as connection:
            found = await read_chat_settings(connection, 71)
        assert found is not None
        assert found.title == title, "the read saw the commit just made"


async def test_sqlite_file_reads_stay_in_the_loop_thread(tmp_path: Path) -> None:
    if postgres_url() is not None:
        pytest.skip("SQLite only: PostgreSQL reads go through the async engine")
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'reads.sqlite3'}")
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    threads: set[int] = set()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _async_statement(*_: object) -> None:
        threads.add(threading.get_ident())

    try:
        async with read_connection(sessions) as connection:
            assert isinstance(connection, GreenletConnection)
            seen: list[int] = []
            event.listen(
                connection.connection, "before_cursor_execute", lambda *_: seen.append(threading.get_ident())
            )
            assert (await connection.execute(text("SELECT 1"))).scalar() == 1
        assert seen == [threading.get_ident()], "the read ran in the loop's thread"
        assert not threads, "and not on the async engine (aiosqlite's thread)"
    finally:
        await engine.dispose()


async def test_in_memory_sqlite_reads_through_the_async_engine() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    try:
        async with read_connection(make_sessionmaker(engine)) as connection:
            assert not isinstance(connection, GreenletConnection), "another connection is another database"
            assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    finally:
        await engine.dispose()
