"""Claims with an owner and a lease, in one process with an injected clock: a starting dispatcher leaves a
live one's claims alone and takes over only expired ones; two dispatchers on one database send every
reminder once and keep the limits together; a stopping dispatcher finishes what is under way and gives
the rest back; the shared pace hands out slots that never crowd each other."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from db.engine import session_scope
from db.models import Reminder, ReminderStatus
from jobs.claims import Claims
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.metrics import REGISTRY
from jobs.pace import FILL, SharedPace
from jobs.sender import ButtonRows
from tests.conftest import postgres_url
from tests.test_jobs_support import SHANGHAI, Sessions
from tests.workers_support import max_in_window, seed_outbox, statuses

LEASE = timedelta(seconds=30)


@dataclass
class TimedSender:
    """Remembers each message with the injected clock's time; ``stop`` is set after ``stop_after`` sends."""

    clock: FixedClock
    sent: list[tuple[float, int, str]] = field(default_factory=list)
    stop: asyncio.Event | None = None
    stop_after: int = 0

    async def send(
        self, chat_id: int, text: str, *, reply_to: int | None = None, buttons: ButtonRows = ()
    ) -> int:
        await asyncio.sleep(0)
        self.sent.append((self.clock.now().timestamp(), chat_id, text))
        if self.stop is not None and len(self.sent) >= self.stop_after:
            self.stop.set()
        return len(self.sent)


def dispatcher(sessions: Sessions, sender: TimedSender, clock: FixedClock, **options: object) -> Dispatcher:
    return Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep, lease=LEASE, **options)  # type: ignore[arg-type]


def sent_metric() -> float:
    return REGISTRY.get_sample_value("noticebot_messages_total", {"outcome": "sent", "reason": "none"}) or 0.0


def clock_after_seeding() -> FixedClock:
    return FixedClock(datetime.now(UTC))


async def test_a_starting_dispatcher_leaves_a_live_ones_claims_alone(sessions: Sessions) -> None:
    expected = await seed_outbox(sessions, [(100 + i, "private", 2) for i in range(10)])
    clock = clock_after_seeding()
    live = Claims("live-one", LEASE, shared=postgres_url() is not None)
    async with session_scope(sessions) as session:
        held, _free = await live.claim(session, clock.now(), 5)
    assert len(held) == 5

    newcomer = TimedSender(clock)
    stats = await dispatcher(sessions, newcomer, clock).run_once()
    assert stats.recovered == 0
    # on PostgreSQL the live one also owns its chats: their other reminders wait for it too
    waiting = sum(expected[c] for c in {r.chat_id for r in held}) if live.shared else len(held)
    assert len(newcomer.sent) == sum(expected.values()) - waiting
    async with sessions() as session:
        still = set(
            await session.scalars(
                select(Reminder.id).where(
                    Reminder.claimed_by == "live-one", Reminder.status == ReminderStatus.SENDING
                )
            )
        )
    assert still == {row.id for row in held}, "nothing the live dispatcher holds was touched"

    clock.advance(LEASE + timedelta(seconds=2))  # the live one died: its lease runs out
    later = TimedSender(clock)
    stats = await dispatcher(sessions, later, clock).run_once()
    assert stats.recovered == 5
    assert await statuses(sessions) == {ReminderStatus.SENT: sum(expected.values())}
    both = Counter((chat, text) for _at, chat, text in newcomer.sent + later.sent)
    assert len(both) == sum(expected.values())
    assert set(both.values()) == {1}


async def test_two_dispatchers_on_one_database_send_each_reminder_once_within_the_limits(
    sessions: Sessions,
) -> None:
    expected = await seed_outbox(
        sessions,
        [(-1001000000000 - i, "supergroup", 24) for i in range(2)]
        + [(200 + i, "private", 5) for i in range(190)],
    )
    total = sum(expected.values())
    clock = clock_after_seeding()
    senders = [TimedSender(clock), TimedSender(clock)]
    dispatchers = [dispatcher(sessions, s, clock, rate=30.0, batch=100) for s in senders]
    await asyncio.gather(*(d.run_once() for d in dispatchers))
    await asyncio.gather(*(d.run_once() for d in dispatchers))  # anything one left to the other
    sent = senders[0].sent + senders[1].sent
    assert len(sent) == total
    assert len({(chat, text) for _at, chat, text in sent}) == total, "no reminder twice"
    assert await statuses(sessions) == {ReminderStatus.SENT: total}
    if postgres_url() is None:
        return  # one dispatcher per SQLite file (db.dispatch_lock): the shared limits are PostgreSQL's
    assert all(s.sent for s in senders), "both took part"
    assert max_in_window([at for at, _c, _t in sent], 0.98) <= 30
    per_chat: defaultdict[int, list[float]] = defaultdict(list)
    for at, chat, _text in sent:
        per_chat[chat].append(at)
    for chat, times in per_chat.items():
        times.sort()
        assert all(b - a >= 0.98 for a, b in itertools.pairwise(times)), chat
        if chat < 0:
            assert max_in_window(times, 59.98) <= 20, chat


async def test_a_stopping_dispatcher_finishes_sends_and_gives_the_rest_back(sessions: Sessions) -> None:
    expected = await seed_outbox(sessions, [(300 + i, "private", 1) for i in range(60)])
    clock = clock_after_seeding()
    stop = asyncio.Event()
    sender = TimedSender(clock, stop=stop, stop_after=10)
    worker = dispatcher(sessions, sender, clock, stopping=stop, max_in_flight=4)
    before = sent_metric()
    await worker.run_once()
    sent = len(sender.sent)
    assert sent_metric() - before == sent, "counted for /metrics"
    assert 10 <= sent < 10 + 4
    counts = await statuses(sessions)
    assert counts == {ReminderStatus.SENT: sent, ReminderStatus.PENDING: sum(expected.values()) - sent}
    async with sessions() as session:
        assert set(
            await session.scalars(select(Reminder.claimed_by).where(Reminder.status == "pending"))
        ) == {None}
        if postgres_url() is not None:
            owners = await session.scalar(text("SELECT count(*) FROM chat_owners WHERE owner IS NOT NULL"))
            assert owners == 0, "its chats were let go"


@pytest.mark.parametrize("rate", [30.0, 1000.0])
async def test_the_shared_pace_spaces_slots_of_all_dispatchers(sessions: Sessions, rate: float) -> None:
    paces = [SharedPace(sessions, rate), SharedPace(sessions, rate)]
    now = 1_000_000.0
    for _ in range(20):
        for pace in paces:
            await pace.reserve(now, 1000)
    slots = sorted(slot for pace in paces for slot in pace.slots)
    assert len(slots) == len(set(slots)) == 40 * paces[0].block
    gaps = [b - a for a, b in itertools.pairwise(slots)]
    assert min(gaps) == pytest.approx(1 / (rate * FILL))
    assert max_in_window(slots, 1.0) <= rate * FILL + 1
    # a 429 for one pauses all: nothing reserved afterwards comes before its end
    await paces[0].pause(slots[-1] + 5)
    await paces[1].reserve(now, 1)
    assert paces[1].slots[-1] >= slots[-1] + 5


async def test_slots_let_pass_unsent_are_counted_as_unused(sessions: Sessions) -> None:
    pace = SharedPace(sessions, 1000.0)
    before = REGISTRY.get_sample_value("noticebot_dispatch_slots_unused_total") or 0.0
    now = 2_000_000.0
    assert await pace.acquire(now, 1000) == 0.0  # the first slot is due at once
    held = len(pace.slots)
    assert held == pace.block - 1
    # the process stalls for a second: every slot it held has passed; the next acquire reserves anew
    assert await pace.acquire(now + 1.0, 1000) == 0.0
    assert pace.dropped == held
    after = REGISTRY.get_sample_value("noticebot_dispatch_slots_unused_total") or 0.0
    assert after - before == held
