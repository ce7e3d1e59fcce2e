"""Planning runs once across the cluster: the sweep takes a transaction-scoped advisory lock.

On PostgreSQL, every process that runs the scheduler tries ``pg_try_advisory_xact_lock`` on a key
derived from the database and schema names (so two deployments, or two test schemas, on one server
never share it); one gets it for the length of its sweep's transaction, the others skip that round and
say so. On SQLite the database's single writer already serialises planning (and a second process is
refused), so there is nothing to take.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_KEY = "hashtext(current_database() || '.' || current_schema() || '.noticebot-planning')"


async def try_planning_lock(session: AsyncSession) -> bool:
    """Take the planning lock until this transaction ends; False when another transaction holds it."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(await session.scalar(text(f"SELECT pg_try_advisory_xact_lock({_KEY})")))
