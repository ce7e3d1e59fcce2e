"""Database URLs as people write them, mapped to the async drivers noticebot runs on, and connection
failures put in one sentence.

People copy URLs from hosting dashboards and other tools: ``sqlite:///./x.db``, ``postgres://…``,
``postgresql+psycopg2://…?sslmode=require``. SQLAlchemy's async engine needs ``sqlite+aiosqlite`` or
``postgresql+asyncpg``, and asyncpg calls libpq's ``sslmode`` ``ssl``; the mapping is done here only.
"""

from __future__ import annotations

import socket

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from notices.errors import NoticebotError

ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
BACKEND_ALIASES = {"postgres": "postgresql", "pgsql": "postgresql", "sqlite3": "sqlite"}
EXAMPLES = "sqlite:///path/to/file.db or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"

# libpq query parameters asyncpg knows under another name.
POSTGRES_QUERY_RENAMES = {"sslmode": "ssl"}


class DatabaseURLError(NoticebotError, ValueError):
    """The URL names no database noticebot can use."""


class DatabaseUnavailable(NoticebotError):
    """The database server cannot be reached, or the database cannot be opened."""


def async_url(url: str | URL) -> URL:
    """``url`` with the async driver for its database; idempotent, so anyone may call it again."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (ArgumentError, ValueError):
        # Not echoed: an unparseable URL may still hold a password.
        raise DatabaseURLError(f"not a database URL; write {EXAMPLES}") from None
    backend = parsed.get_backend_name().lower()
    backend = BACKEND_ALIASES.get(backend, backend)
    driver = ASYNC_DRIVERS.get(backend)
    if driver is None:
        raise DatabaseURLError(f"{backend!r} databases are not supported; write {EXAMPLES}")
    parsed = parsed.set(drivername=driver)
    if backend == "postgresql":
        renamed = {POSTGRES_QUERY_RENAMES.get(key, key): value for key, value in parsed.query.items()}
        parsed = parsed.set(query=renamed)
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL with its password hidden, fit for a message or a log."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
        return parsed.render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unparseable URL)"


def connect_failure(url: URL, error: BaseException) -> str:
    """Why connecting to ``url`` failed, in one line naming the host and database (no password)."""
    root = _innermost(error)
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if url.get_backend_name() == "sqlite":
        return f"cannot open the SQLite database {url.database or ':memory:'!r} ({_first_line(root)})"
    sqlstate = getattr(root, "sqlstate", None)
    if sqlstate == "3D000":
        return f"the PostgreSQL server at {where} has no database {url.database!r}"
    if sqlstate in ("28P01", "28000"):
        return f"the PostgreSQL server at {where} refused user {url.username!r} ({_first_line(root)})"
    if isinstance(root, socket.gaierror):
        return f"cannot find the host {url.host!r} ({root.strerror or root})"
    if isinstance(root, ConnectionRefusedError):
        return f"nothing answers at {where} (connection refused); is PostgreSQL running there?"
    if isinstance(root, TimeoutError):
        return f"no answer from {where} in time; is the host reachable?"
    if isinstance(root, OSError):
        return f"cannot connect to {where} ({root.strerror or _first_line(root)})"
    return f"cannot use database {url.database!r} at {where} ({_first_line(root)})"


def _innermost(error: BaseException) -> BaseException:
    """The driver's own exception under SQLAlchemy's wrappers (which add a background link)."""
    seen: set[int] = set()
    current = error
    while id(current) not in seen:
        seen.add(id(current))
        nested = getattr(current, "orig", None) or current.__cause__
        if not isinstance(nested, BaseException):
            break
        current = nested
    return current


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__
