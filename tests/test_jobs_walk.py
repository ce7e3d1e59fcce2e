"""A simulated May 2022: the road closure (11–26 May) and the recruitment (10–31 May) are published on
the morning of 10 May, and each kind of subscriber receives exactly its sequence of messages."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus, SentMessage
from db.store import replace_periods, set_status
from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.planner import replan_notice, snooze, withdraw_notice
from notices.model import Period
from tests.test_jobs_support import (
    SHANGHAI,
    ClockedSender,
    Sessions,
    add_chat,
    clocked_dispatcher,
    local,
    publish,
    recruitment,
    reminder_rows,
    road_closure,
    run_sweep,
    walk,
)

BERLIN = ZoneInfo("Europe/Berlin")


def timeline(sender: ClockedSender, chat_id: int, zone: ZoneInfo = SHANGHAI) -> list[tuple[str, str]]:
    return [
        (d.at.astimezone(zone).strftime("%m-%d %H:%M"), d.text.split("\n", 1)[0]) for d in sender.to(chat_id)
    ]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(local(9, 0))


async def test_may_2022_for_every_kind_of_subscriber(sessions: Sessions, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("place", "忠诚村")], language="en")
    await add_chat(sessions, 3, [("keyword", "人才引进")])
    await add_chat(sessions, 4, [("category", "road_closure"), ("category", "recruitment")], digest=True)
    await add_chat(sessions, 5, [("category", "road_closure")], quiet_start=21 * 60, quiet_end=9 * 60)
    await add_chat(sessions, 6, [("category", "road_closure")], tz="Europe/Berlin", language="en")
    await add_chat(sessions, 7, [("category", "rental")])
    sender, dispatcher = clocked_dispatcher(sessions, clock)

    await walk(dispatcher, sessions, clock, local(10, 7, 30))
    assert sender.log == []
    await publish(sessions, road_closure(), now=clock.now())
    await publish(sessions, recruitment(), now=clock.now())
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))

    assert timeline(sender, 1) == [
        ("05-10 08:00", "🆕 <b>道路封闭</b>｜封路公告"),
        ("05-10 20:00", "⚠️ 明天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。"),
        ("05-11 08:00", "📌 今天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。"),
        ("05-27 08:00", "✅ 寿山镇忠诚村至礼让村路段恢复通行。"),
    ]
    assert timeline(sender, 2) == [
        ("05-10 08:00", "🆕 <b>Road closure</b> | 封路公告"),
        ("05-10 20:00", "⚠️ Tomorrow (May 11): 寿山镇忠诚村至礼让村路段 is closed all day, until May 26."),
        ("05-11 08:00", "📌 Today (May 11): 寿山镇忠诚村至礼让村路段 is closed all day, until May 26."),
        ("05-27 08:00", "✅ 寿山镇忠诚村至礼让村路段: open again."),
    ]
    assert timeline(sender, 3) == [
        ("05-10 08:00", "🆕 <b>招聘</b>｜辽源农村商业银行股份有限公司2022年专业人才引进公告"),
        (
            "05-28 08:00",
            "⏰ <b>还有3天截止</b>（5月31日）：辽源农村商业银行股份有限公司2022年专业人才引进公告",
        ),
        ("05-30 08:00", "⏰ <b>明天截止</b>（5月31日）：辽源农村商业银行股份有限公司2022年专业人才引进公告"),
        ("05-31 08:00", "⏰ <b>今天是最后一天</b>：辽源农村商业银行股份有限公司2022年专业人才引进公告"),
    ]
    digest = sender.to(4)
    assert [d.at.astimezone(SHANGHAI).strftime("%m-%d %H:%M") for d in digest] == [
        "05-10 08:00",
        "05-11 08:00",
        "05-27 08:00",
        "05-28 08:00",
        "05-30 08:00",
        "05-31 08:00",
    ]
    assert all(d.text.startswith("🗞 <b>每日提醒</b>") for d in digest)
    assert digest[0].text.count("\n• ") == 2  # both notices in one message
    assert "封路公告" in digest[0].text
    assert "人才引进" in digest[0].text
    assert "今天（5月11日）起全天" in digest[1].text
    assert timeline(sender, 5) == [
        ("05-10 09:00", "🆕 <b>道路封闭</b>｜封路公告"),
        ("05-10 20:00", "⚠️ 明天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。"),
        ("05-11 09:00", "📌 今天（5月11日）起全天，至5月26日，寿山镇忠诚村至礼让村路段封闭。"),
        ("05-27 09:00", "✅ 寿山镇忠诚村至礼让村路段恢复通行。"),
    ]
    assert timeline(sender, 6, BERLIN) == [
        ("05-10 08:00", "🆕 <b>Road closure</b> | 封路公告"),
        ("05-10 20:00", "⚠️ Tomorrow (May 11): 寿山镇忠诚村至礼让村路段 is closed all day, until May 26."),
        ("05-11 08:00", "📌 Today (May 11): 寿山镇忠诚村至礼让村路段 is closed all day, until May 26."),
        ("05-27 08:00", "✅ 寿山镇忠诚村至礼让村路段: open again."),
    ]
    assert sender.to(7) == []
    # Every row went out once, with the message id Telegram gave it, and a sent_messages row.
    rows = await reminder_rows(sessions)
    assert {r.status for r in rows} == {ReminderStatus.SENT}
    assert len({(r.chat_id, r.message_id) for r in rows}) == len(sender.log)
    async with sessions() as session:
        logged = list(await session.scalars(select(SentMessage)))
    assert {m.message_id for m in logged} == {d.message_id for d in sender.log}


async def test_buttons_and_escaping(sessions: Sessions, clock: FixedClock) -> None:
    notice = recruitment()
    notice.title = "招聘<b>柜员</b> & 客户经理"
    await add_chat(sessions, 1, [("category", "recruitment")])
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    clock.set(local(10, 7, 30))
    await publish(sessions, notice, now=clock.now())
    await walk(dispatcher, sessions, clock, local(28, 9))
    new, countdown = sender.to(1)
    assert "招聘&lt;b&gt;柜员&lt;/b&gt; &amp; 客户经理" in new.text
    assert "<b>柜员</b>" not in new.text
    rows = await reminder_rows(sessions, chat_id=1, point="3")
    assert countdown.buttons == [
        [("🔕 不再接收「招聘」", "mute:recruitment"), ("⏰ 明天再提醒", f"snooze:{rows[0].id}")]
    ]
    assert all(len(data.encode()) <= 64 for row in countdown.buttons for _label, data in row)
    # "Remind me tomorrow" brings the same countdown back the next morning, one day nearer.
    async with session_scope(sessions) as session:
        await snooze(session, rows[0].id, now=clock.now(), tz=SHANGHAI)
    await walk(dispatcher, sessions, clock, local(29, 9))
    assert timeline(sender, 1)[-1] == (
        "05-29 08:00",
        f"⏰ <b>还有2天截止</b>（5月31日）：{new.text.split('｜')[1].split(chr(10))[0]}",
    )


async def test_correction_replies_to_the_message_it_corrects(sessions: Sessions, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("category", "road_closure")], language="en")
    await add_chat(sessions, 3, [("category", "road_closure")])
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    clock.set(local(10, 7, 30))
    road = await publish(sessions, road_closure(), now=clock.now())
    await walk(dispatcher, sessions, clock, local(15, 10))
    async with session_scope(sessions) as session:
        chat = await session.get(Chat, 3)
        assert chat is not None
        chat.active = False  # chat 3 left: no correction for it
    async with session_scope(sessions) as session:
        await replace_periods(
            session, road, [Period(date(2022, 5, 11), date(2022, 5, 30), label="封闭期限")], tz=SHANGHAI
        )
        await replan_notice(session, road, now=clock.now(), tz=SHANGHAI)
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))
    zh, en = sender.to(1), sender.to(2)
    assert zh[-2].text.endswith("结束日期由5月26日改为5月30日")
    assert zh[-2].reply_to == zh[2].message_id  # the latest message it had received (the start)
    assert en[-2].text.endswith("end moved from May 26 to May 30")
    assert timeline(sender, 1)[-1] == ("05-31 08:00", "✅ 寿山镇忠诚村至礼让村路段恢复通行。")
    assert len(sender.to(3)) == 3


async def test_withdrawal_stops_the_rest(sessions: Sessions, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    clock.set(local(10, 7, 30))
    road = await publish(sessions, road_closure(), now=clock.now())
    await walk(dispatcher, sessions, clock, local(10, 12))
    async with session_scope(sessions) as session:
        await set_status(session, road, "withdrawn")
        await withdraw_notice(session, road, now=clock.now(), tz=SHANGHAI)
    await walk(dispatcher, sessions, clock, local(1, 0, month=6))
    first, last = sender.to(1)
    assert last.text.startswith("🚫 <b>已撤回</b>：封路公告")
    assert last.reply_to == first.message_id
    # The reopening was beyond the planning horizon when the notice was withdrawn: never written.
    statuses = {r.event: r.status for r in await reminder_rows(sessions)}
    assert statuses == {
        "new": ReminderStatus.SENT,
        "eve": ReminderStatus.CANCELLED,
        "starts": ReminderStatus.CANCELLED,
        "withdrawn": ReminderStatus.SENT,
    }


async def test_after_downtime_only_what_still_matters_is_sent(sessions: Sessions, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure"), ("category", "recruitment")])
    sender = ClockedSender(clock)
    clock.set(local(10, 7, 30))
    await publish(sessions, road_closure(), now=clock.now())
    await publish(sessions, recruitment(), now=clock.now())
    # The process was down from before the first message until 28 May, 10:00. On start the sweep writes
    # what came due meanwhile (the horizon had stopped on the 12th) and the dispatcher goes through it.
    clock.set(local(28, 10))
    dispatcher = Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep)
    await run_sweep(sessions, clock)
    await dispatcher.run_once()
    # In due order what still matters: the recruitment's announcement, the reopening (27th), the countdown
    # (28th). Announcing a closure that is over, its eve and its start are skipped.
    assert [d.text.split("\n")[0] for d in sender.to(1)] == [
        "🆕 <b>招聘</b>｜辽源农村商业银行股份有限公司2022年专业人才引进公告",
        "✅ 寿山镇忠诚村至礼让村路段恢复通行。",
        "⏰ <b>还有3天截止</b>（5月31日）：辽源农村商业银行股份有限公司2022年专业人才引进公告",
    ]
    # The last day's countdown (31st) is beyond the horizon: the sweep writes it later.
    statuses = sorted((r.event, r.point, r.status) for r in await reminder_rows(sessions))
    assert statuses == [
        ("deadline", "1", ReminderStatus.PENDING),
        ("deadline", "3", ReminderStatus.SENT),
        ("ends", "", ReminderStatus.SENT),
        ("eve", "", ReminderStatus.SKIPPED),
        ("new", "", ReminderStatus.SENT),
        ("new", "", ReminderStatus.SKIPPED),
        ("starts", "", ReminderStatus.SKIPPED),
    ]
    # A day later the reopening would no longer be news either: the window is two days.


async def test_only_active_chats_and_published_notices(sessions: Sessions, clock: FixedClock) -> None:
    await add_chat(sessions, 1, [("category", "road_closure")])
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    clock.set(local(10, 7, 30))
    await publish(sessions, road_closure(), now=clock.now())
    async with session_scope(sessions) as session:
        chat = await session.get(Chat, 1)
        assert chat is not None
        chat.active = False
    await walk(dispatcher, sessions, clock, local(12, 0))
    assert sender.log == []
    async with sessions() as session:
        statuses = set(await session.scalars(select(Reminder.status).where(Reminder.due_at <= clock.now())))
    assert statuses == {ReminderStatus.CANCELLED}
