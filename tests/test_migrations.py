"""Upgrading a database that holds data, while the bot goes on writing to it.

Migration 0012 changes the outbox's indexes. On PostgreSQL it builds them CONCURRENTLY, outside a
transaction, so inserts and updates of ``reminders`` go on during the build; an index an interrupted
build left INVALID is built again; and processes starting together on one database upgrade it once,
one after the other, without deadlocking on the concurrent build."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.engine import alembic_config, current_revision, make_engine, migration_lock, upgrade
from db.light import head_revision
from db.models import Base
from db.textsearch import is_search_index_object
from tests.conftest import engine_for, env_for, postgres_url

pg_only = pytest.mark.skipif(postgres_url() is None, reason="concurrent index builds are PostgreSQL's")

NEW_INDEXES = ("ix_reminders_pending_due", "ix_reminders_sending")
OLD_INDEX = "ix_reminders_status_due"
ROWS = 20_000
T = TypeVar("T")
WAITING = "another process is upgrading the schema"

CHAT = (
    "INSERT INTO chats (id, type, language, morning_hour, digest, deadline_days, lead_minutes,"
    " is_broadcast_channel, active, created_at, updated_at)"
    " VALUES (7, 'private', 'zh', 8, false, '', 60, false, true, :now, :now)"
)
NOTICE = (
    "INSERT INTO notices (id, title, category, body, status, content_hash, warnings, created_at,"
    " updated_at) VALUES (1, '停水', 'water_outage', '东城区停水', 'published', 'h', '', :now, :now)"
)
REMINDER = (
    "INSERT INTO reminders (chat_id, notice_id, period_id, event, point, due_at, status, attempts,"
    " created_at) VALUES (7, 1, :period, 'start', '', :now, 'pending', 0, :now)"
)
NOW = {"now": datetime(2031, 4, 2, 8)}


async def seed_0011(engine: AsyncEngine, rows: int = ROWS) -> None:
    """A database at 0011 with a chat, a notice and ``rows`` reminders, in turn sent, being sent and
    pending."""
    await upgrade(engine, "0011")
    async with engine.begin() as connection:
        await connection.execute(text(CHAT), NOW)
        await connection.execute(text(NOTICE), NOW)
        if connection.dialect.name != "postgresql":
            statuses = ("pending", "sent", "sending")
            many = [{**NOW, "period": n, "status": statuses[n % 3]} for n in range(1, rows + 1)]
            await connection.execute(text(REMINDER.replace("'pending'", ":status")), many)
            return
        await connection.execute(
            text(
                "INSERT INTO reminders (chat_id, notice_id, period_id, event, point, due_at, status,"
                " attempts, created_at) SELECT 7, 1, n, 'start', '',"
                " CAST(:now AS timestamp) + n * interval '1 minute',"
                " (ARRAY['pending', 'sent', 'sending'])[n % 3 + 1], 0, :now"
                " FROM generate_series(1, :rows) AS n"
            ),
            {**NOW, "rows": rows},
        )


async def insert_reminder(connection: AsyncConnection, period: int) -> None:
    await connection.execute(text(REMINDER), {**NOW, "period": period})


def model_diff(connection: Connection) -> list[object]:
    opts = {
        "compare_type": True,
        "include_name": lambda name, type_, _parents: not is_search_index_object(name, type_),
    }
    return list(compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata))


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """What ``alembic downgrade`` does, on ``engine``'s connection as ``db.engine.upgrade`` runs it."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.connect() as connection, migration_lock(connection):
        await connection.run_sync(run)
        await connection.commit()


async def noticebot(db_url: str, cwd: Path, *args: str) -> tuple[int, str]:
    """Run the ``noticebot`` CLI on ``db_url`` in a process of its own: its exit code and output."""
    entry = Path(sys.executable).with_name("noticebot")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA")}
    env.update(env_for(db_url))
    process = await asyncio.create_subprocess_exec(
        *([str(entry)] if entry.exists() else [sys.executable, "-m", "bot.cli"]),
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output = (await asyncio.wait_for(process.communicate(), timeout=120))[0].decode()
    return process.returncode if process.returncode is not None else -1, output


async def test_upgrade_from_0011_keeps_the_outbox_and_matches_the_models(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        await seed_0011(engine, rows=300)
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            assert await connection.run_sync(model_diff) == []
            assert await connection.scalar(text("SELECT count(*) FROM reminders")) == 300
            pending = "SELECT count(*) FROM reminders WHERE status = 'pending'"
            assert await connection.scalar(text(pending)) == 100
    finally:
        await engine.dispose()


async def test_downgrade_to_0011_and_up_again(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        await seed_0011(engine, rows=300)
        await upgrade(engine)
        await downgrade(engine, "0011")
        assert await current_revision(engine) == "0011"
        assert await index_names(engine) >= {OLD_INDEX}
        assert not (await index_names(engine)) & set(NEW_INDEXES)
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        assert OLD_INDEX not in await index_names(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(model_diff) == []
    finally:
        await engine.dispose()


async def index_names(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        indexes = await connection.run_sync(lambda c: inspect(c).get_indexes("reminders"))
    return {str(index["name"]) for index in indexes}


# PostgreSQL: the catalog, the concurrent build, the lock.


def _split(db_url: str) -> tuple[str, str]:
    base, _, schema = db_url.partition("#schema=")
    assert schema, "PostgreSQL tests get a schema of their own"
    return base, schema


def named_engine(db_url: str, name: str) -> AsyncEngine:
    """An engine whose connections show ``name`` in pg_stat_activity."""
    base, schema = _split(db_url)
    return make_engine(base, schema=schema, connect_args={"server_settings": {"application_name": name}})


@asynccontextmanager
async def other_schema() -> AsyncIterator[AsyncEngine]:
    """An engine on a second, empty schema of this test's own."""
    pg = postgres_url()
    assert pg is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(pg)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(pg, schema=schema)
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def catalog(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """The schema's tables, columns, indexes (with validity) and constraints, its name left out."""
    queries = {
        "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default"
        " FROM information_schema.columns WHERE table_schema = current_schema()",
        "indexes": "SELECT t.relname, c.relname, i.indisvalid, i.indisready,"
        " replace(pg_get_indexdef(c.oid), current_schema() || '.', '')"
        " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
        " WHERE c.relnamespace = current_schema()::regnamespace",
        "constraints": "SELECT t.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)"
        " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
        " WHERE k.connamespace = current_schema()::regnamespace",
    }
    found = {}
    async with engine.connect() as connection:
        for key, query in queries.items():
            found[key] = sorted(tuple(row) for row in await connection.execute(text(query)))
    return found


async def index_validity(engine: AsyncEngine) -> dict[str, bool]:
    query = (
        "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE i.indrelid = 'reminders'::regclass"
    )
    async with engine.connect() as connection:
        return {str(name): bool(valid) for name, valid in await connection.execute(text(query))}


async def eventually(check: Callable[[], Awaitable[T | None]], what: str) -> T:
    """What ``check`` gives once it gives something (it is asked every 50 ms, for up to a minute)."""
    for _ in range(1200):
        found = await check()
        if found is not None:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


async def waiting_statement(engine: AsyncEngine, name: str, like: str) -> str:
    """The statement matching ``like`` that the connection named ``name`` runs, once it waits for a
    lock in it."""
    query = text(
        "SELECT query FROM pg_stat_activity WHERE application_name = :name AND query ILIKE :like"
        " AND state = 'active' AND wait_event_type = 'Lock'"
    )
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")

        async def check() -> str | None:
            return await connection.scalar(query, {"name": name, "like": like})

        return await eventually(check, f"{name} waits in {like}")


async def finish(*tasks: asyncio.Task[None]) -> None:
    """Wait for every task, then raise the first one's error if any failed."""
    results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=120)
    for result in results:
        if isinstance(result, BaseException):
            raise result


@pg_only
async def test_upgrade_from_0011_gives_valid_indexes_and_the_schema_of_a_fresh_upgrade(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        await seed_0011(engine)
        await upgrade(engine)
        validity = await index_validity(engine)
        assert {name: validity.get(name) for name in NEW_INDEXES} == dict.fromkeys(NEW_INDEXES, True)
        assert OLD_INDEX not in validity
        upgraded = await catalog(engine)
        assert ("reminders", NEW_INDEXES[0], True, True) in [row[:4] for row in upgraded["indexes"]]
        async with other_schema() as fresh:
            await upgrade(fresh)
            assert upgraded == await catalog(fresh)
    finally:
        await engine.dispose()


@pg_only
async def test_writes_to_the_outbox_go_on_while_its_index_is_built(db_url: str) -> None:
    """A writer holds a transaction open when the upgrade starts, so the build waits for it; meanwhile
    another writer's insert must go through. A plain CREATE INDEX queues its SHARE lock behind the first
    writer and every later insert behind that lock: the second insert would time out."""
    engine = engine_for(db_url)
    name = f"upgrade-{uuid.uuid4().hex[:8]}"
    upgrading = named_engine(db_url, name)
    try:
        await seed_0011(engine)
        async with engine.connect() as held:
            await insert_reminder(held, ROWS + 1)  # its transaction stays open
            task = asyncio.create_task(upgrade(upgrading))
            try:
                building = await waiting_statement(engine, name, "CREATE INDEX%")
                async with engine.connect() as writer:
                    await writer.execute(text("SET lock_timeout = '3s'"))
                    await insert_reminder(writer, ROWS + 2)
                    await writer.commit()
                # CONCURRENTLY cannot run inside a transaction block: the build is in autocommit.
                assert building.startswith("CREATE INDEX CONCURRENTLY"), building
            finally:
                await held.commit()
                await finish(task)
        validity = await index_validity(engine)
        assert all(validity[index] for index in NEW_INDEXES)
        async with engine.connect() as connection:
            assert await connection.scalar(text("SELECT count(*) FROM reminders")) == ROWS + 2
            assert await connection.run_sync(model_diff) == []
    finally:
        await upgrading.dispose()
        await engine.dispose()


@pg_only
async def test_an_index_left_invalid_by_an_interrupted_build_is_built_again(db_url: str) -> None:
    engine = engine_for(db_url)
    try:
        await seed_0011(engine, rows=300)
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            # A concurrent build that fails half way leaves its index behind, marked INVALID.
            with pytest.raises(Exception, match="could not create unique index"):
                await connection.execute(
                    text("CREATE UNIQUE INDEX CONCURRENTLY ix_reminders_pending_due ON reminders (status)")
                )
        assert (await index_validity(engine))["ix_reminders_pending_due"] is False
        await upgrade(engine)
        validity = await index_validity(engine)
        assert all(validity[index] for index in NEW_INDEXES)
        async with other_schema() as fresh:
            await upgrade(fresh)
            assert await catalog(engine) == await catalog(fresh)
    finally:
        await engine.dispose()


@pg_only
async def test_a_second_upgrade_waits_for_the_first_without_deadlocking_its_build(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The second process asks for the migration lock while the first builds an index concurrently. A
    waiter blocked in ``pg_advisory_lock`` would hold a snapshot the build waits for, a deadlock."""
    caplog.set_level(logging.INFO, logger="db.engine")
    engine = engine_for(db_url)
    first = f"first-{uuid.uuid4().hex[:8]}"
    engines = [named_engine(db_url, first), engine_for(db_url)]
    try:
        await seed_0011(engine, rows=300)
        async with engine.connect() as held:
            await insert_reminder(held, 301)  # holds the first build at its start
            tasks = [asyncio.create_task(upgrade(engines[0]))]
            try:
                await waiting_statement(engine, first, "CREATE INDEX CONCURRENTLY%")
                tasks.append(asyncio.create_task(upgrade(engines[1])))

                async def second_waits() -> bool | None:
                    return True if WAITING in caplog.text else None

                await eventually(second_waits, "the second upgrade waits for the lock")
            finally:
                await held.commit()
                await finish(*tasks)
        assert WAITING in caplog.text
        assert await current_revision(engine) == head_revision()
        validity = await index_validity(engine)
        assert all(validity[index] for index in NEW_INDEXES)
    finally:
        for each in engines:
            await each.dispose()
        await engine.dispose()


@pg_only
async def test_processes_starting_together_on_a_fresh_database_upgrade_it_once(
    db_url: str, tmp_path: Path
) -> None:
    results = await asyncio.gather(*(noticebot(db_url, tmp_path, "db", "upgrade") for _ in range(3)))
    for returncode, output in results:
        assert returncode == 0, output
        assert f"is at revision {head_revision()}" in output
    engine = engine_for(db_url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(model_diff) == []
    finally:
        await engine.dispose()


async def test_a_process_of_the_previous_release_runs_on_a_schema_a_newer_one_upgraded(
    db_url: str, tmp_path: Path
) -> None:
    """During a rolling upgrade an old process may restart after the new release migrated the schema:
    it names a revision the old release does not know. Migrations only add, so the old process runs
    on it, says so once, and leaves the schema as it is."""
    engine = engine_for(db_url)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE alembic_version SET version_num = 'later_release'"))
    finally:
        await engine.dispose()
    for args in (["ask", "停水", "--at", "2031-04-02"], ["db", "upgrade"], ["notices"]):
        returncode, output = await noticebot(db_url, tmp_path, *args)
        assert returncode == 0, (args, output)
        assert "Traceback" not in output
        if args[0] == "db":
            assert "newer than this release's" in output
    engine = engine_for(db_url)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT version_num FROM alembic_version"))).all() == [
                ("later_release",)
            ]
    finally:
        await engine.dispose()
