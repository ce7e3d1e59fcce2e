"""The process's Prometheus metrics: one registry that web and worker processes both serve.

Each process keeps its own counters and serves them at ``GET /metrics``; Prometheus scrapes every
process and sums. Counters are named here once so a dashboard's names do not drift between the code
that counts and the code that serves.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)
"""This process's registry (not the library's global one, so tests can read it without the
interpreter's own metrics in the way)."""

UPDATES = Counter(
    "noticebot_updates_handled",
    "Telegram updates handled, by kind (message, callback, command, other).",
    ["kind"],
    registry=REGISTRY,
)
MESSAGES = Counter(
    "noticebot_messages",
    "Reminder and announcement messages by outcome (sent, failed, skipped) and reason.",
    ["outcome", "reason"],
    registry=REGISTRY,
)
OUTBOX_DEPTH = Gauge(
    "noticebot_outbox_depth",
    "Reminders due and not yet sent, as last counted by this process.",
    registry=REGISTRY,
)
DISPATCH_LAG = Gauge(
    "noticebot_dispatch_lag_seconds",
    "How late the oldest due reminder is, as last seen by this process.",
    registry=REGISTRY,
)
SLOTS_UNUSED = Counter(
    "noticebot_dispatch_slots_unused",
    "Slots of the global rate this worker reserved and let pass unsent: it could not send in time "
    "(short of CPU or blocked), so that share of the rate was lost to every worker.",
    registry=REGISTRY,
)
PLANNING_SECONDS = Histogram(
    "noticebot_planning_seconds",
    "Time one planning pass took.",
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120),
    registry=REGISTRY,
)


def message(outcome: str, reason: str = "") -> None:
    """Count one message's outcome (``sent`` / ``failed`` / ``skipped``) with its reason."""
    MESSAGES.labels(outcome=outcome, reason=reason or "none").inc()


def update(kind: str) -> None:
    """Count one handled update."""
    UPDATES.labels(kind=kind).inc()


def exposition() -> tuple[bytes, str]:
    """The body and content type for ``GET /metrics``."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
