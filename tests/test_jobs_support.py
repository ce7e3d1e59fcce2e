"""Shared pieces for the reminder tests: the two notices of the sample page as stored rows, chats with
subscriptions, and an event-driven walk of the simulated clock (it jumps to the next due reminder)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus, Subscription
from db.store import store_notice
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher, DispatchStats
from jobs.planner import HORIZON, REFILL, plan_notice, stored_horizon, sweep
from jobs.sender import ButtonRows, MemorySender
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(day: int, hour: int, minute: int = 0, *, month: int = 5, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime(2022, month, day, hour, minute, tzinfo=tz)


def road_closure() -> ParsedNotice:
    return ParsedNotice(
        title="封路公告",
        category=Category.ROAD_CLOSURE,
        body="经东辽县交通运输局批准，对寿山镇忠诚村至礼让村路段进行\n施工，施工期间对该路段进行全封闭，请过往车辆提前绕行。",
        published=date(2022, 5, 10),
        issuer="吉林裕翔市政工程有限公司",
        periods=[Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限", text="2022年5月11日—26日")],
        places=["寿山镇忠诚村至礼让村路段"],
    )


def recruitment() -> ParsedNotice:
    return ParsedNotice(
        title="辽源农村商业银行股份有限公司2022年专业人才引进公告",
        category=Category.RECRUITMENT,
        body="符合条件人员可于2022年5月10日—5月31日（节假日除外），到辽源农村商业银行人力资源部报名。",
        published=date(2022, 5, 10),
        issuer="辽源农村商业银行股份有限公司",
        periods=[
            Period(
                date(2022, 5, 10),
                date(2022, 5, 31),
                label="报名时间",
                note="节假日除外",
                text="5月10日—5月31日",
            )
        ],
        places=["辽源市人民大街3257号"],
    )


async def add_notice(sessions: Sessions, notice: ParsedNotice, *, status: str = "published") -> int:
    async with session_scope(sessions) as session:
        stored = await store_notice(session, notice, tz=SHANGHAI, status=status)
        return stored.id


async def publish(sessions: Sessions, notice: ParsedNotice, *, now: datetime) -> int:
    notice_id = await add_notice(sessions, notice)
    async with session_scope(sessions) as session:
        await plan_notice(session, notice_id, now=now, tz=SHANGHAI)
    return notice_id


async def add_chat(
    sessions: Sessions, chat_id: int, subscriptions: Sequence[tuple[str, str]], **settings: Any
) -> None:
    async with session_scope(sessions) as session:
        session.add(Chat(id=chat_id, **settings))
        await session.flush()
        for kind, value in subscriptions:
            session.add(Subscription(chat_id=chat_id, kind=kind, value=value))


async def reminder_rows(sessions: Sessions, **where: Any) -> list[Reminder]:
    async with sessions() as session:
        query = select(Reminder).order_by(Reminder.due_at, Reminder.chat_id, Reminder.id)
        for name, value in where.items():
            query = query.where(getattr(Reminder, name) == value)
        return list(await session.scalars(query))


@dataclass(slots=True)
class Delivery:
    at: datetime
    chat_id: int
    text: str
    reply_to: int | None
    buttons: list[list[tuple[str, str]]]
    message_id: int


class ClockedSender(MemorySender):
    """A MemorySender that also notes the simulated time of every message."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__()
        self.clock = clock
        self.log: list[Delivery] = []

    async def send(
        self, chat_id: int, text: str, *, reply_to: int | None = None, buttons: ButtonRows = ()
    ) -> int:
        message_id = await super().send(chat_id, text, reply_to=reply_to, buttons=buttons)
        self.log.append(
            Delivery(self.clock.now(), chat_id, text, reply_to, [list(r) for r in buttons], message_id)
        )
        return message_id

    def to(self, chat_id: int) -> list[Delivery]:
        return [d for d in self.log if d.chat_id == chat_id]


def clocked_dispatcher(sessions: Sessions, clock: FixedClock) -> tuple[ClockedSender, Dispatcher]:
    """A dispatcher in Shanghai time that sleeps on the simulated clock, and the sender it logs to."""
    sender = ClockedSender(clock)
    return sender, Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep)


async def next_due(sessions: Sessions) -> datetime | None:
    async with sessions() as session:
        value: datetime | None = await session.scalar(
            select(func.min(Reminder.due_at)).where(Reminder.status == ReminderStatus.PENDING)
        )
        return value


async def run_sweep(sessions: Sessions, clock: FixedClock) -> int:
    async with session_scope(sessions) as session:
        return await sweep(session, now=clock.now(), tz=SHANGHAI)


async def next_extension(sessions: Sessions) -> datetime | None:
    """When the sweep will next move the planning horizon on."""
    async with sessions() as session:
        stored = await stored_horizon(session)
    return None if stored is None else stored - HORIZON + REFILL


async def walk(
    dispatcher: Dispatcher, sessions: Sessions, clock: FixedClock, until: datetime
) -> DispatchStats:
    """Run the sweep and the dispatcher, as the scheduler does, at every instant something is due or the
    horizon moves on, up to ``until``; the clock ends there."""
    total = DispatchStats()
    for _ in range(10_000):
        await run_sweep(sessions, clock)
        total.add(await dispatcher.run_once())
        upcoming = await next_due(sessions)
        extension = await next_extension(sessions)
        if extension is not None and extension > clock.now():
            upcoming = extension if upcoming is None else min(upcoming, extension)
        paused = datetime.fromtimestamp(max(dispatcher.limiter.paused_until, 0), tz=clock.now().tzinfo)
        if upcoming is None or upcoming > until:
            break
        target = max(upcoming, paused, clock.now())
        if target <= clock.now():
            target = clock.now() + timedelta(seconds=1)
        clock.set(target)
    clock.set(max(until, clock.now()))
    return total


def test_walk_helpers_make_distinct_notices() -> None:
    assert road_closure().content_hash != recruitment().content_hash
