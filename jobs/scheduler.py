"""The periodic jobs: dispatch what is due, and sweep for notices published or edited by other paths.

Reminders live in the database, not in the scheduler: two repeating jobs read the outbox. A one-shot
APScheduler job per reminder would be dropped silently if its moment passed while the process was down;
a repeating job that asks the table "what is due?" cannot miss anything.

``attach`` works with python-telegram-bot's ``JobQueue`` (the bot's own APScheduler) or with an
APScheduler ``AsyncIOScheduler``; ``run_scheduler`` runs one until a stop event, for running beside the bot.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from jobs import metrics
from jobs.clock import Clock
from jobs.dispatcher import Dispatcher
from jobs.planner import sweep

log = logging.getLogger(__name__)

DISPATCH_JOB = "noticebot-dispatch"
SWEEP_JOB = "noticebot-sweep"

# One run at a time per job; a run missed while busy or down is merged into the next, never queued up.
JOB_OPTIONS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}


def jobs_for(
    dispatcher: Dispatcher,
    *,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    tz: ZoneInfo,
) -> dict[str, Callable[[], Awaitable[None]]]:
    """The two job bodies; each logs and swallows its errors so the schedule keeps running."""

    async def dispatch() -> None:
        try:
            stats = await dispatcher.run_once()
        except Exception:
            log.exception("reminder dispatch failed; the next run retries")
            return
        if stats.claimed:
            log.info(
                "reminders: %d sent in %d messages, %d skipped, %d failed, %d retried, %d flood waits",
                stats.sent, stats.messages, stats.skipped, stats.failed, stats.retried, stats.flood_waits,
            )  # fmt: skip

    async def sweep_notices() -> None:
        try:
            with metrics.PLANNING_SECONDS.time():
                async with session_scope(sessions) as session:
                    written = await sweep(session, now=clock.now(), tz=tz)
        except Exception:
            log.exception("reminder sweep failed; the next run retries")
            return
        if written:
            log.info("reminders: the sweep planned %d", written)

    return {DISPATCH_JOB: dispatch, SWEEP_JOB: sweep_notices}


def attach(
    target: Any,
    dispatcher: Dispatcher,
    *,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    tz: ZoneInfo,
    dispatch_every: float = 1.0,
    sweep_every: float = 60.0,
) -> list[Any]:
    """Add the dispatch and sweep jobs to a PTB ``JobQueue`` or an APScheduler scheduler; returns the jobs.
    Both run right away, the sweep first (after a restart, what came due while down goes out first)."""
    bodies = jobs_for(dispatcher, sessions=sessions, clock=clock, tz=tz)
    intervals = {DISPATCH_JOB: dispatch_every, SWEEP_JOB: sweep_every}
    # The sweep goes first: after downtime it writes what came due meanwhile, so the first dispatch sends
    # it all in due order.
    delays = {SWEEP_JOB: 0.25, DISPATCH_JOB: 0.5}
    added = []
    for name, body in bodies.items():
        if hasattr(target, "run_repeating"):
            # PTB documents that first=0 never fires at once (APScheduler's interval trigger then waits a
            # whole interval); a short positive delay runs both jobs right after start-up.
            job = target.run_repeating(
                _ignore_context(body),
                interval=intervals[name],
                first=delays[name],
                name=name,
                job_kwargs=JOB_OPTIONS,
            )
        elif hasattr(target, "add_job"):
            first = _now_for(target) + timedelta(seconds=delays[name])
            options = {"id": name, "name": name, "replace_existing": True, "next_run_time": first}
            job = target.add_job(body, "interval", seconds=intervals[name], **options, **JOB_OPTIONS)
        else:
            raise TypeError(f"cannot schedule jobs on {type(target).__name__}")
        added.append(job)
    return added


def _ignore_context(body: Callable[[], Awaitable[None]]) -> Callable[[Any], Awaitable[None]]:
    async def callback(_context: Any) -> None:
        await body()

    callback.__name__ = getattr(body, "__name__", "job")
    return callback


def _now_for(scheduler: Any) -> Any:
    from datetime import datetime

    zone = getattr(scheduler, "timezone", None)
    return datetime.now(zone) if zone is not None else datetime.now().astimezone()


async def run_scheduler(
    dispatcher: Dispatcher,
    *,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    tz: ZoneInfo,
    stop: asyncio.Event,
    dispatch_every: float = 1.0,
    sweep_every: float = 60.0,
) -> None:
    """Run the jobs on an AsyncIOScheduler of their own until ``stop`` is set (for running beside the bot
    when its JobQueue is not used)."""
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(timezone=tz)
    attach(
        scheduler, dispatcher, sessions=sessions, clock=clock, tz=tz,
        dispatch_every=dispatch_every, sweep_every=sweep_every,
    )  # fmt: skip
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
