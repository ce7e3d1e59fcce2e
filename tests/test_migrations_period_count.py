"""Migration 0013 counts each stored notice's periods, and going back to 0012 keeps the rest of
``notices`` as it was (on SQLite: the keyword index's triggers, which a copy of the table would drop)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import inspect, text

from db.engine import current_revision, upgrade
from db.light import head_revision
from tests.conftest import engine_for
from tests.test_migrations import downgrade

NOW = {"now": datetime(2031, 4, 2, 8)}
NOTICE = (
    "INSERT INTO notices (id, title, category, body, status, content_hash, warnings, created_at, updated_at)"
    " VALUES (:id, '停电', 'power_outage', '东城区停电', 'published', :hash, '', :now, :now)"
)
PERIOD = "INSERT INTO periods (notice_id, position, text, all_day) VALUES (:notice, :position, '', true)"


async def test_the_periods_of_stored_notices_are_counted_and_downgrade_keeps_the_rest(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        await upgrade(engine, "0012")
        async with engine.begin() as connection:
            for notice_id in (1, 2, 3):
                await connection.execute(text(NOTICE), {**NOW, "id": notice_id, "hash": f"h{notice_id}"})
            periods = [
                {"notice": 1, "position": 0},
                {"notice": 2, "position": 0},
                {"notice": 2, "position": 1},
            ]
            await connection.execute(text(PERIOD), periods)
        await upgrade(engine)
        async with engine.connect() as connection:
            counts = await connection.execute(text("SELECT id, period_count FROM notices ORDER BY id"))
            assert [tuple(row) for row in counts] == [(1, 1), (2, 2), (3, 0)]
        await downgrade(engine, "0012")
        assert await current_revision(engine) == "0012"
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda c: {col["name"] for col in inspect(c).get_columns("notices")}
            )
            assert "period_count" not in columns
            assert await connection.scalar(text("SELECT count(*) FROM notices")) == 3
            if engine.dialect.name == "sqlite":
                names = {r[0] for r in await connection.execute(text("SELECT name FROM sqlite_master"))}
                assert {"notices_fts_ai", "notices_fts_ad", "notices_fts_au"} <= names
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()
