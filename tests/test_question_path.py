"""The question path at scale: the keyword index is used and kept in step, the count stops at its
bound, chat settings are cached without going stale, and ``noticebot ask`` starts without Alembic."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.answer import COUNT_BOUND, answer_question
from bot.chat_cache import ChatCache
from bot.settings_light import CHECKED_ALIASES
from db.chats import ensure_chat, update_chat
from db.engine import session_scope, upgrade
from db.models import Notice
from db.search import NoticeFilter, _ids, find_notice_ids, fold
from db.store import store_notice
from notices.categories import Category
from notices.model import ParsedNotice
from tests.conftest import env_for

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[1]


def rental(serial: int, published: date, words: str = "") -> ParsedNotice:
    return ParsedNotice(
        title=f"门市出租{serial}号",
        category=Category.RENTAL,
        body=f"腰岭下门市招租，第{serial}号。{words}",
        published=published,
    )


async def bulk_notices(engine: AsyncEngine, count: int) -> None:
    """``count`` plain notices, inserted set-based (the keyword index must follow Core inserts too)."""
    rows = [
        {
            "title": f"公告{i}",
            "category": Category.OTHER.value,
            "body": f"第{i}号公告，人民大街{i % 97}号门市。",
            "status": "published",
            "content_hash": f"bulk-{i}",
            "warnings": "",
            "search_text": fold(f"公告{i}\n第{i}号公告，人民大街{i % 97}号门市。"),
            "published": date(2022, 1, 1) + timedelta(days=i % 300),
        }
        for i in range(count)
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(Notice), rows)
        # This table only: a plain ANALYZE reads every table of the database, and deadlocks with other
        # sessions building indexes CONCURRENTLY on the same server.
        await connection.execute(text("ANALYZE notices"))


def plan_of(engine: AsyncEngine, flt: NoticeFilter) -> str:
    return str(
        _ids(flt, SH, ordered=True)
        .limit(11)
        .compile(engine.sync_engine, compile_kwargs={"literal_binds": True})
    )


async def explain(engine: AsyncEngine, flt: NoticeFilter) -> str:
    sql = plan_of(engine, flt)
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    async with engine.connect() as connection:
        rows = (await connection.execute(text(prefix + sql.replace("%%", "%")))).all()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


async def test_a_keyword_that_matches_nothing_goes_through_the_index(engine: AsyncEngine) -> None:
    await bulk_notices(engine, 20_000)
    plan = await explain(engine, NoticeFilter(text="无此路段"))
    if engine.dialect.name == "sqlite":
        assert "notices_fts VIRTUAL TABLE INDEX" in plan, plan
        # Started from the matches (rowid lookups), not a walk of every notice testing each.
        assert "SEARCH notices USING INTEGER PRIMARY KEY" in plan, plan
        assert "SCAN notices " not in plan + " ", plan
    else:
        assert "ix_notices_search_trgm" in plan, plan
        assert "Seq Scan on notices" not in plan, plan
    # A two-character keyword has no trigram: it is the plain test, and still answered correctly.
    async with engine.connect() as connection:
        short = await connection.execute(_ids(NoticeFilter(text="门市", limit=5), SH, ordered=True).limit(5))
        assert len(short.all()) == 5


async def test_the_keyword_index_follows_inserts_updates_and_deletes(sessions: Sessions) -> None:
    async with session_scope(sessions) as session:
        first = (await store_notice(session, rental(1, date(2022, 5, 1), "靠近忠诚村小学"), tz=SH)).id
        second = (await store_notice(session, rental(2, date(2022, 5, 2)), tz=SH)).id

    async def found(word: str) -> list[int]:
        async with sessions() as session:
            return await find_notice_ids(session, NoticeFilter(text=word), tz=SH)

    assert await found("忠诚村小学") == [first]
    async with session_scope(sessions) as session:
        await session.execute(
            update(Notice).where(Notice.id == second).values(search_text=fold("门市出租 忠诚村小学对面"))
        )
        await session.execute(update(Notice).where(Notice.id == first).values(search_text=fold("门市出租")))
    assert await found("忠诚村小学") == [second]
    assert await found("小学对面") == [second]
    async with session_scope(sessions) as session:
        await session.execute(delete(Notice).where(Notice.id == second))
    assert await found("忠诚村小学") == []
    if sessions.kw["bind"].dialect.name == "sqlite":
        async with sessions() as session:
            # The FTS table holds exactly the stored texts: its own integrity check against its content.
            await session.execute(
                text("INSERT INTO notices_fts(notices_fts, rank) VALUES ('integrity-check', 1)")
            )


async def test_the_count_stops_at_its_bound_and_says_so(sessions: Sessions) -> None:
    now = datetime(2022, 5, 20, 12, tzinfo=SH)
    async with session_scope(sessions) as session:
        for serial in range(COUNT_BOUND + 5):
            await store_notice(session, rental(serial, date(2022, 5, 1) + timedelta(days=serial % 19)), tz=SH)
    async with sessions() as session:
        many = await answer_question(session, "出租", now=now, tz=SH, language="en")
    assert many.more
    assert many.total == COUNT_BOUND
    assert f"({COUNT_BOUND}+)" in many.text
    assert f"over {COUNT_BOUND - 10} more" in many.text
    assert len(many.notices) == 10
    async with sessions() as session:
        deep = await answer_question(session, "出租", now=now, tz=SH, language="en", offset=100)
    assert not deep.more
    assert deep.total == COUNT_BOUND + 5
    assert len(deep.notices) == 5
    async with sessions() as session:
        few = await answer_question(session, "出租第7号", now=now, tz=SH, language="en")
    assert not few.more
    assert few.total == 1


async def test_chat_settings_cache_across_two_processes(sessions: Sessions) -> None:
    """Two caches on one database: ``here`` watches this process's writes, ``elsewhere`` stands for
    another web process (it sees none of them)."""
    ticks = [0.0]
    here = ChatCache(ttl=5.0, clock=lambda: ticks[0])
    here.watch()
    elsewhere = ChatCache(ttl=5.0, clock=lambda: ticks[0])
    fresh = ChatCache(ttl=0.0)  # the default: the row is read for every message
    async with session_scope(sessions) as session:
        await ensure_chat(session, 42, type="private", language="zh")
    for cache in (here, elsewhere, fresh):
        async with sessions() as session:
            assert (await cache.get(session, 42)).language == "zh"  # type: ignore[union-attr]

    async with session_scope(sessions) as session:
        await update_chat(session, 42, language="en", tz="Europe/Berlin")

    async def language(cache: ChatCache) -> str | None:
        async with sessions() as session:
            settings = await cache.get(session, 42)
            return None if settings is None else settings.language

    assert await language(here) == "en"  # dropped on this process's write
    assert await language(fresh) == "en"
    assert await language(elsewhere) == "zh"  # trusted for its ttl...
    ticks[0] += 5.1
    assert await language(elsewhere) == "en"  # ...and no longer
    async with sessions() as session:
        assert (await here.get(session, 42)).tz == "Europe/Berlin"  # type: ignore[union-attr]


HEAVY = (
    "alembic",
    "telegram",
    "apscheduler",
    "dateparser",
    "sqlalchemy.orm",
    "sqlalchemy.ext.asyncio",
    "db.models",
    "pydantic",
    "pydantic_settings",
)
"""What ``noticebot ask`` on a current schema must not import."""


async def _ask_in_subprocess(db_url: str, tmp_path: Path) -> dict[str, object]:
    script = (
        "import json, sys\n"
        "from bot.cli import main\n"
        "try:\n"
        "    main(['ask', '哪些路封闭', '--at', '2022-05-20'], standalone_mode=False)\n"
        "finally:\n"
        f"    heavy = {HEAVY!r}\n"
        "    print(json.dumps({m: m in sys.modules for m in heavy}), file=sys.stderr)\n"
    )
    # Only the database settings: another checked setting would (rightly) read the full Settings.
    env = {k: v for k, v in os.environ.items() if k.upper() not in CHECKED_ALIASES}
    env.update({**env_for(db_url), "PYTHONPATH": str(ROOT)})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    assert out.decode().strip()  # an answer was printed
    return json.loads(err.decode().strip().splitlines()[-1])  # type: ignore[no-any-return]


async def test_ask_starts_without_alembic_when_the_schema_is_current(db_url: str, tmp_path: Path) -> None:
    # A fresh database is upgraded first (Alembic is needed then)...
    first = await _ask_in_subprocess(db_url, tmp_path)
    assert first["alembic"] is True
    # ...after which asking is a plain check of alembic_version, nothing heavy imported: no Alembic,
    # Telegram or scheduler, and neither the ORM, the async engine nor pydantic (the cold start).
    second = await _ask_in_subprocess(db_url, tmp_path)
    assert second == dict.fromkeys(HEAVY, False)


async def test_upgrade_keeps_the_keyword_index_idempotent(engine: AsyncEngine) -> None:
    await upgrade(engine)  # the index exists already: nothing fails, nothing doubles
    await test_the_keyword_index_is_present(engine)


async def test_the_keyword_index_is_present(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            names = {r[0] for r in await connection.execute(text("SELECT name FROM sqlite_master"))}
            assert {"notices_fts", "notices_fts_ai", "notices_fts_ad", "notices_fts_au"} <= names
        else:
            rows = await connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
            )
            names = {r[0] for r in rows}
            assert {
                "ix_notices_search_trgm",
                "ix_notices_envelope_range",
                "ix_notices_category_range",
            } <= names
