"""The database a bench runs on: the one ``DATABASE_URL`` names, else a temporary SQLite file.

On PostgreSQL every fresh database is a schema of its own (``bench_<name>_<random>``), dropped when the
bench ends, so a bench never touches the tables of the deployment or of a test run on the same server.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import make_engine

_created: list[tuple[str, str]] = []  # (server URL, schema) to drop at the end


def server_url() -> str | None:
    """The PostgreSQL URL from ``DATABASE_URL``, or None for SQLite (the default)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def backend_name() -> str:
    return "postgresql" if server_url() else "sqlite"


async def fresh_location(directory: Path, name: str) -> tuple[str, str | None]:
    """A URL and schema for an empty database named after ``name``: a SQLite file in ``directory``, or
    a new schema on the PostgreSQL server (dropped by :func:`drop_created`)."""
    pg = server_url()
    if pg is None:
        path = directory / f"{name}.sqlite3"
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return f"sqlite+aiosqlite:///{path}", None
    schema = f"bench_{re.sub(r'[^a-z0-9]+', '_', name.lower())}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(pg)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        await admin.dispose()
    _created.append((pg, schema))
    return pg, schema


async def fresh_engine(directory: Path, name: str, **kwargs: object) -> AsyncEngine:
    """An engine on an empty database (see :func:`fresh_location`); the caller migrates it."""
    url, schema = await fresh_location(directory, name)
    return make_engine(url, schema=schema, **kwargs)  # type: ignore[arg-type]


async def drop_created() -> None:
    """Drop the PostgreSQL schemas this process created."""
    while _created:
        url, schema = _created.pop()
        admin = make_engine(url)
        try:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        finally:
            await admin.dispose()
