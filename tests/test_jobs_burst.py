"""Planning at scale: the subscription terms table the triggers keep, burst lists for chats owed many of a
page's announcements (count, pages, languages), and the planning lock that lets one process sweep."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from db.chats import add_subscription, remove_all_subscriptions, remove_subscription, toggle_category
from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus, Subscription, SubscriptionTerm
from jobs.clock import FixedClock
from jobs.due import Event
from jobs.list_texts import BURST_PAGE, render_burst
from jobs.planner import plan_chat, plan_notices, sweep, sweep_unless_busy, withdraw_notice
from jobs.sender import MemorySender
from jobs.texts import Context
from jobs.views import load_notices
from notices.categories import Category
from notices.model import ParsedNotice
from tests.conftest import postgres_url
from tests.test_jobs_support import SHANGHAI, Sessions, add_chat, add_notice, local, reminder_rows

ROOT = Path(__file__).resolve().parents[1]


async def terms(sessions: Sessions) -> dict[tuple[str, str], int]:
    async with sessions() as session:
        rows = await session.execute(
            select(SubscriptionTerm.kind, SubscriptionTerm.value, SubscriptionTerm.chats)
        )
        return {(kind, value): chats for kind, value, chats in rows}


async def counted(sessions: Sessions) -> dict[tuple[str, str], int]:
    async with sessions() as session:
        rows = await session.execute(
            select(Subscription.kind, Subscription.value, func.count()).group_by(
                Subscription.kind, Subscription.value
            )
        )
        return {(kind, value): int(n) for kind, value, n in rows}


async def test_terms_table_follows_subscribe_unsubscribe_and_deleted_chats(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "road_closure"), ("place", "忠诚村")])
    await add_chat(sessions, 2, [("category", "road_closure"), ("keyword", "人才引进")])
    await add_chat(sessions, 3, [])
    assert await terms(sessions) == {
        ("category", "road_closure"): 2,
        ("place", "忠诚村"): 1,
        ("keyword", "人才引进"): 1,
    }
    async with session_scope(sessions) as session:
        await add_subscription(session, 3, "place", "忠诚村")
        await add_subscription(session, 3, "place", "忠诚村")  # twice is one subscription
        assert await toggle_category(session, 3, "rental")
        place = await session.scalar(
            select(Subscription.id).where(Subscription.chat_id == 1, Subscription.kind == "place")
        )
        assert place is not None
        await remove_subscription(session, 1, place)
    assert await terms(sessions) == {
        ("category", "road_closure"): 2,
        ("category", "rental"): 1,
        ("place", "忠诚村"): 1,
        ("keyword", "人才引进"): 1,
    }
    async with session_scope(sessions) as session:
        assert not await toggle_category(session, 3, "rental")  # unsubscribed: the term goes
        await remove_all_subscriptions(session, 2)
    assert await terms(sessions) == {("category", "road_closure"): 1, ("place", "忠诚村"): 1}
    # A chat deleted in the database: its subscriptions go by cascade, and so do its terms.
    async with session_scope(sessions) as session:
        await session.execute(text("DELETE FROM chats WHERE id = 3"))
    assert await terms(sessions) == {("category", "road_closure"): 1}
    async with session_scope(sessions) as session:
        chat = await session.get(Chat, 1)
        assert chat is not None
        await session.delete(chat)
    assert await terms(sessions) == {}
    # A bulk load through one statement is counted as well.
    await add_chat(sessions, 4, [])
    await add_chat(sessions, 5, [])
    async with session_scope(sessions) as session:
        await session.execute(
            text(
                "INSERT INTO subscriptions (chat_id, kind, value, created_at) VALUES "
                "(4, 'keyword', '停电', '2022-05-10'), (5, 'keyword', '停电', '2022-05-10'), "
                "(5, 'category', 'rental', '2022-05-10')"
            )
        )
    assert (
        await terms(sessions)
        == await counted(sessions)
        == {("keyword", "停电"): 2, ("category", "rental"): 1}
    )


def rental(n: int, *, day: int = 10) -> ParsedNotice:
    return ParsedNotice(
        title=f"门市房出租 第{n}号",
        category=Category.RENTAL,
        body=f"龙山区人民大街{n}号门市房出租，面积{40 + n}平方米。",
        published=date(2022, 5, day),
        places=[f"人民大街{n}号"],
    )


async def page_of(sessions: Sessions, count: int) -> list[int]:
    return [await add_notice(sessions, rental(n)) for n in range(1, count + 1)]


async def test_a_chat_owed_many_announcements_gets_one_paged_list(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "rental")])  # all 25
    await add_chat(sessions, 2, [("keyword", "人民大街2")])  # 2, 20-25: 7
    await add_chat(sessions, 3, [("keyword", "人民大街7号")])  # one: a single announcement
    await add_chat(sessions, 4, [("category", "rental")], language="en")
    await add_chat(sessions, 5, [("place", "人民大街1"), ("keyword", "大街11号")])  # 1, 10-19: 11
    five, six, eight = ("keyword", "人民大街5号"), ("keyword", "人民大街6号"), ("keyword", "人民大街8号")
    await add_chat(sessions, 6, [five, six, eight])  # three: one by one
    await add_chat(sessions, 7, [("place", "人民大街5号"), five, six, eight])  # four matches, three notices
    await add_chat(sessions, 8, [five, six, eight, ("keyword", "人民大街9号")])  # four notices: a list
    ids = await page_of(sessions, 25)
    now = local(10, 9)
    async with session_scope(sessions) as session:
        await sweep(session, now=now, tz=SHANGHAI, burst=3)
    bursts = await reminder_rows(sessions, event=Event.BURST)
    assert sorted(r.chat_id for r in bursts) == [1, 2, 4, 5, 8]
    assert {r.notice_id for r in bursts} == {min(ids)}  # the page's anchor
    news = await reminder_rows(sessions, event=Event.NEW)
    singles = [(3, ids[6])] + [(chat, ids[i]) for chat in (6, 7) for i in (4, 5, 7)]
    assert sorted((r.chat_id, r.notice_id) for r in news) == sorted(singles)

    clock = FixedClock(now)
    sender = MemorySender()
    from jobs.dispatcher import Dispatcher

    stats = await Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep).run_once()
    assert stats.sent == 12
    by_chat = {m.chat_id: m for m in sender.sent if m.chat_id in (1, 2, 4, 8)}
    assert by_chat[1].text.startswith("🆕 <b>25条新公告符合您的订阅</b> (1/3)")
    assert by_chat[4].text.startswith("🆕 <b>25 new notices match your subscriptions</b> (1/3)")
    assert by_chat[1].text.count("\n•") == BURST_PAGE
    assert f"/notice {ids[0]}" in by_chat[1].text
    one = next(r for r in bursts if r.chat_id == 1)
    assert [[data for _label, data in row] for row in by_chat[1].buttons] == [[f"burst:{one.id}:1"]]
    assert "7条新公告" in by_chat[2].text
    assert by_chat[2].buttons == []
    assert "4条新公告" in by_chat[8].text
    assert f"/notice {ids[1]}" in by_chat[2].text
    assert f"/notice {ids[19]}" in by_chat[2].text
    assert f"/notice {ids[0]}" not in by_chat[2].text

    # Every page together lists each notice once; the last page links back, not on.
    async with sessions() as session:
        views = list((await load_notices(session, ids)).values())
    ctx = Context("en", SHANGHAI, SHANGHAI, now)
    listed: list[str] = []
    for page in range(3):
        body, buttons = render_burst(views, ctx, one.id, page)
        listed += [line for line in body.split("\n") if line.startswith("•")]
        assert len(body) <= 4096
    assert sorted(listed) == sorted({line for line in listed})
    assert len(listed) == 25
    assert [data for _label, data in buttons[0]] == [f"burst:{one.id}:1"]

    # Planning the page again (a re-publication, the next sweep) announces nothing twice.
    async with session_scope(sessions) as session:
        await plan_notices(session, ids, now=local(10, 10), tz=SHANGHAI, burst=3)
        await plan_chat(session, 1, now=local(10, 10), tz=SHANGHAI)
    assert len(await reminder_rows(sessions, event=Event.NEW)) == 7
    assert len(await reminder_rows(sessions, event=Event.BURST)) == 5

    # Withdrawn: every chat whose list showed the notice is told, and no chat it was not shown to.
    async with session_scope(sessions) as session:
        await withdraw_notice(session, ids[1], now=local(10, 11), tz=SHANGHAI)
    assert sorted(r.chat_id for r in await reminder_rows(sessions, event=Event.WITHDRAWN)) == [1, 2, 4]


async def test_a_long_title_page_stays_within_one_message(sessions: Sessions) -> None:
    ids = [
        await add_notice(
            sessions,
            ParsedNotice(
                title="出租" * 200 + str(n), category=Category.RENTAL, body="x", published=date(2022, 5, 10)
            ),
        )
        for n in range(12)
    ]
    async with sessions() as session:
        views = list((await load_notices(session, ids)).values())
    for language in ("zh", "en"):
        body, buttons = render_burst(views, Context(language, SHANGHAI, SHANGHAI, local(10, 9)), 7, 1)
        assert len(body) < 4096
        assert body.count("\n•") == 2
        assert [data for _label, data in buttons[0]] == ["burst:7:0"]


async def test_without_a_threshold_every_announcement_is_its_own(sessions: Sessions) -> None:
    await add_chat(sessions, 1, [("category", "rental")])
    await page_of(sessions, 6)
    async with session_scope(sessions) as session:
        await sweep(session, now=local(10, 9), tz=SHANGHAI)
    assert len(await reminder_rows(sessions, event=Event.NEW, status=ReminderStatus.PENDING)) == 6
    assert await reminder_rows(sessions, event=Event.BURST) == []


needs_postgres = pytest.mark.skipif(
    postgres_url() is None, reason="SQLite's single writer serialises planning; the lock is PostgreSQL's"
)


@needs_postgres
async def test_two_planners_at_once_one_sweeps(sessions: Sessions, db_url: str) -> None:
    await add_chat(sessions, 1, [("category", "rental")])
    await page_of(sessions, 2)
    async with sessions() as holder, sessions() as other:
        first = await sweep_unless_busy(holder, now=local(10, 9), tz=SHANGHAI)
        second = await sweep_unless_busy(other, now=local(10, 9), tz=SHANGHAI)
        assert first == 2
        assert second is None
        base, _, schema = db_url.partition("#schema=")
        command = [sys.executable, "-m", "jobs", "sweep", "--database-url", base, "--schema", schema]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        busy = await asyncio.to_thread(
            subprocess.run, command, capture_output=True, text=True, env=env, timeout=60
        )
        assert busy.returncode == 0, busy.stderr
        assert busy.stdout.startswith("busy")
        await holder.commit()
        await other.rollback()
    done = await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("planned")
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Reminder)) == 2
