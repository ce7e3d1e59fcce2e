"""Operations endpoints every long-running process serves: ``GET /healthz`` and ``GET /metrics``.

A web process serves them on its webhook port (and ``--ops-listen``), a worker or the scheduler on
``--ops-listen`` / ``NOTICEBOT_OPS_LISTEN`` alone: ``serve_ops(host, port, database_health(sessions,
role="worker", ...))``. ``/healthz`` answers 200 or 503 with a JSON body a load balancer or a person can
read; ``/metrics`` is Prometheus text from ``jobs.metrics``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Reminder, pending_rows
from jobs import metrics
from jobs.clock import Clock

log = logging.getLogger("bot.ops")

Health = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
"""A health check: healthy or not, and what to say about it (the JSON body of ``/healthz``)."""

HEALTH_TIMEOUT = 5.0
"""Seconds a health check may take: a database that does not answer within it counts as unreachable."""


class _Now:
    def now(self) -> datetime:
        return datetime.now(UTC)


def database_health(
    sessions: async_sessionmaker[AsyncSession],
    *,
    role: str,
    clock: Clock | None = None,
    max_lag: float | None = None,
    timeout: float = HEALTH_TIMEOUT,
) -> Health:
    """The check for a process of ``role`` (``web``, ``worker``, ``scheduler``, ``all``): the database
    answers, and the outbox (reminders due and unsent) is counted. With ``max_lag`` (processes that
    send reminders) the oldest due reminder being later than that many seconds is unhealthy too. The
    counts also refresh the outbox gauges ``/metrics`` shows."""
    clock = clock or _Now()

    async def check() -> tuple[bool, dict[str, Any]]:
        body: dict[str, Any] = {"role": role}
        now = clock.now()
        try:
            async with asyncio.timeout(timeout), sessions() as session:
                row = (
                    await session.execute(
                        select(func.count(), func.min(Reminder.due_at)).where(
                            pending_rows(), Reminder.due_at <= now
                        )
                    )
                ).one()
        except (OSError, SQLAlchemyError, TimeoutError) as error:
            body["database"] = "unreachable"
            body["error"] = type(error).__name__
            return False, body
        depth, oldest = int(row[0]), row[1]
        lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
        metrics.OUTBOX_DEPTH.set(depth)
        metrics.DISPATCH_LAG.set(lag)
        body.update(database="ok", outbox_depth=depth, dispatch_lag_seconds=round(lag, 3))
        healthy = max_lag is None or lag <= max_lag
        if not healthy:
            body["problem"] = f"the oldest due reminder is {lag:.0f} s late (limit {max_lag:.0f} s)"
        return healthy, body

    return check


def add_routes(app: web.Application, health: Health) -> None:
    """``/healthz`` and ``/metrics`` on an aiohttp application (the webhook server's, or their own)."""

    async def healthz(request: web.Request) -> web.Response:
        healthy, body = await health()
        body["status"] = "ok" if healthy else "unhealthy"
        return web.json_response(body, status=200 if healthy else 503, dumps=_dumps)

    async def metrics_page(request: web.Request) -> web.Response:
        with suppress(Exception):  # the gauges are refreshed when the database answers, else kept
            await health()
        body, content_type = metrics.exposition()
        response = web.Response(body=body)
        response.headers["Content-Type"] = content_type
        return response

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_page)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class OpsServer:
    """A running aiohttp server; ``port`` is the one bound (useful when 0 was asked for)."""

    def __init__(self, runner: web.AppRunner, port: int) -> None:
        self.runner = runner
        self.port = port

    async def close(self) -> None:
        await self.runner.cleanup()


async def start_site(
    app: web.Application, host: str, port: int, *, shutdown_timeout: float = 30.0
) -> OpsServer:
    """Serve ``app`` on ``host:port`` (without access logs: one line per scrape drowns the rest)."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=shutdown_timeout)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = port
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            bound = int(address[1])
            break
    return OpsServer(runner, bound)


async def serve_ops(host: str, port: int, health: Health) -> OpsServer:
    """``/healthz`` and ``/metrics`` on a port of their own (a worker, the scheduler, ``--ops-listen``)."""
    app = web.Application()
    add_routes(app, health)
    server = await start_site(app, host, port)
    log.info("health and metrics on %s:%s", host, server.port)
    return server
