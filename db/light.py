"""One short read of the database without the async engine: what ``noticebot ask`` opens.

``sqlalchemy.ext.asyncio`` imports the whole ORM, and Alembic its script machinery; together they cost
more than a cold answer itself. Here the engine is a plain synchronous Core engine (SQLite through the
standard library's ``sqlite3``, PostgreSQL through asyncpg run in greenlets, see ``db.reader``), and
whether the schema is current is one query of ``alembic_version`` against the head revision read from
the migration files as text. A schema that is not current is left to the caller, who upgrades it with
the full engine (``db.engine.ensure_schema``).

Connection settings (timeouts, PostgreSQL's ``search_path``, SQLite's pragmas) are made here for both
engines, so the two open the same database the same way.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.util.concurrency import greenlet_spawn

from db.reader import GreenletConnection
from db.url import DatabaseUnavailable, async_url, connect_failure, safe_url

MIGRATIONS = Path(__file__).with_name("migrations")
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a PostgreSQL server before saying it does not answer (asyncpg waits 60)."""

SYNC_SQLITE = "sqlite+pysqlite"
"""The driver of the light engine on SQLite: the same SQLite dialect as aiosqlite, without its thread."""


def connect_args(url: URL, schema: str | None, given: dict[str, Any] | None = None) -> dict[str, Any]:
    """The driver's connect arguments for ``url`` (async form): a busy timeout on SQLite; a connect
    timeout, JIT compilation off and, with ``schema``, the ``search_path`` on PostgreSQL (tests use one
    schema per test).

    JIT: the statement of a question has parts the server runs only when the first finds too few
    notices; their estimated cost (at 1,000,000 notices) passes ``jit_above_cost``, and compiling the
    statement took ~150 ms of an answer whose execution takes ~5 ms. This application's statements
    are short ones on indexes; ``given`` server settings can turn it back on."""
    args: dict[str, Any] = dict(given or {})
    if url.get_backend_name() == "sqlite":
        args.setdefault("timeout", 30)
    else:
        args.setdefault("timeout", CONNECT_TIMEOUT)
        settings = args["server_settings"] = {"jit": "off", **args.get("server_settings", {})}
        if schema is not None:
            settings["search_path"] = schema
    return args


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_REVISION = re.compile(r'^revision: str = "([^"]+)"', re.MULTILINE)
_DOWN = re.compile(r'^down_revision: str \| None = (?:"([^"]+)"|None)', re.MULTILINE)
VERSION_QUERY = "SELECT version_num FROM alembic_version"


@cache
def _revisions() -> tuple[frozenset[str], str | None]:
    """Every migration's revision and the one head, read from the migration files as text (importing
    Alembic to ask costs more than most commands); no head when that reading does not give one."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return frozenset(revisions), None
        revisions.add(revision.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return frozenset(revisions), (next(iter(heads)) if len(heads) == 1 else None)


def head_revision() -> str | None:
    """The newest migration's revision; None when the files do not give exactly one head."""
    return _revisions()[1]


def is_head(versions: list[Any]) -> bool:
    """Whether the rows of ``alembic_version`` name exactly the head revision."""
    head = head_revision()
    return head is not None and versions == [head]


def is_ahead(versions: list[Any]) -> bool:
    """Whether ``alembic_version`` names one revision this release does not know: a newer release
    upgraded the schema. Migrations only add (expand/contract, see the README), so a process of the
    previous release that restarts during a rolling upgrade runs on that schema instead of failing."""
    known, head = _revisions()
    return head is not None and len(versions) == 1 and str(versions[0]) not in known


def _current(connection: Connection) -> bool:
    """Whether the schema is at the head revision. A failed query (no alembic_version table: a fresh
    database) says no, in a savepoint-free way: the connection is not used after that."""
    if head_revision() is None:
        return False
    try:
        versions = [row[0] for row in connection.execute(text(VERSION_QUERY))]
        return is_head(versions) or is_ahead(versions)
    except SQLAlchemyError:
        return False


def in_memory(url: URL) -> bool:
    """Whether a SQLite URL names an in-memory database (each connection of which is its own)."""
    database = url.database or ""
    return database in ("", ":memory:") or url.query.get("mode") == "memory"


def loop_reader_engine(url: str | URL) -> Engine | None:
    """A synchronous engine on the SQLite file ``url`` names, for reads run in the event loop's own
    thread (see ``db.engine.read_connection``); None for PostgreSQL or an in-memory database."""
    parsed = async_url(url)
    if parsed.get_backend_name() != "sqlite" or in_memory(parsed):
        return None
    engine = create_engine(parsed.set(drivername=SYNC_SQLITE), connect_args=connect_args(parsed, None))
    event.listen(engine, "connect", sqlite_pragmas)
    return engine


@asynccontextmanager
async def open_reader(
    url: str | URL, *, schema: str | None = None
) -> AsyncIterator[GreenletConnection | None]:
    """A read connection on ``url`` (async form) when its schema is current, else None (the caller
    upgrades it with the full engine and reads there). A database that cannot be reached raises
    DatabaseUnavailable naming it, as ``db.engine.check_connection`` does."""
    parsed = async_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    engine = create_engine(
        parsed.set(drivername=SYNC_SQLITE) if sqlite else parsed,
        connect_args=connect_args(parsed, schema),
    )
    if sqlite:
        event.listen(engine, "connect", sqlite_pragmas)
    try:
        try:
            connection = await greenlet_spawn(engine.connect)
        except (OSError, SQLAlchemyError) as error:
            raise DatabaseUnavailable(f"{safe_url(parsed)}: {connect_failure(parsed, error)}") from None
        try:
            current = await greenlet_spawn(_current, connection)
            yield GreenletConnection(connection) if current else None
        finally:
            await greenlet_spawn(connection.close)
    finally:
        await greenlet_spawn(engine.dispose)
