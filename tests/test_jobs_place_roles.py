"""Reminders and place roles: a period's reminder names that period's places, and a detour is said as
a detour, never as closed, also to a chat subscribed to the detour road."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobs.clock import FixedClock
from notices.parse import parse_page
from tests.test_jobs_support import (
    SHANGHAI,
    ClockedSender,
    Sessions,
    add_chat,
    clocked_dispatcher,
    publish,
    walk,
)

OUTAGE = (
    "停电通知\n"
    "因线路检修，我公司将对以下区域停止供电：\n"
    "2023年6月3日8:00至17:00，停电范围：东风村、红旗村。\n"
    "2023年6月6日8:00至17:00，停电范围：新华村。\n"
    "请用户提前做好准备。\n"
    "某某县供电公司\n2023年5月30日\n"
)

CLOSURE = (
    "封路通告\n"
    "因雨污管网改造，2023年6月5日至6月20日，新华路（东环路至西环路段）全封闭施工，"
    "过往车辆请绕行胜利路、建设路。\n"
    "特此通告\n某某县交通运输局\n2023年5月30日\n"
)


def local(month: int, day: int, hour: int) -> datetime:
    return datetime(2023, month, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(local(5, 30, 7))


def lines(sender: ClockedSender, chat_id: int) -> list[str]:
    return [d.text for d in sender.to(chat_id)]


async def test_each_days_reminder_names_that_days_villages(sessions: Sessions, clock: FixedClock) -> None:
    notice = parse_page(OUTAGE, published=date(2023, 5, 30), tz=SHANGHAI).notices[0]
    assert [p.places for p in notice.periods] == [("东风村", "红旗村"), ("新华村",)]
    await add_chat(sessions, 1, [("category", "power_outage")])
    await add_chat(sessions, 2, [("category", "power_outage")], language="en")
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    await publish(sessions, notice, now=clock.now())
    await walk(dispatcher, sessions, clock, local(6, 7, 0))

    texts = lines(sender, 1)
    new = texts[0]
    assert "东风村、红旗村" in new.split("\n")[1]  # the first period's line names its villages
    assert "新华村" in new.split("\n")[2]
    starts = [t for t in texts if t.startswith(("⚠️", "📌"))]
    june3 = [t for t in starts if "6月3日" in t]
    june6 = [t for t in starts if "6月6日" in t]
    assert june3
    assert june6
    assert all("东风村、红旗村停电" in t and "新华村" not in t for t in june3), june3
    assert all("新华村停电" in t and "东风村" not in t for t in june6), june6
    ends = [t for t in texts if t.startswith("✅")]
    assert [t.split("\n")[0] for t in ends] == ["✅ 东风村、红旗村恢复供电。", "✅ 新华村恢复供电。"]
    english = [t.split("\n")[0] for t in lines(sender, 2) if t.startswith("📌")]
    assert english == [
        "📌 Today (Jun 3) 08:00–17:00: 东风村; 红旗村 will be without power.",
        "📌 Today (Jun 6) 08:00–17:00: 新华村 will be without power.",
    ]


async def test_a_detour_is_never_called_closed(sessions: Sessions, clock: FixedClock) -> None:
    notice = parse_page(CLOSURE, published=date(2023, 5, 30), tz=SHANGHAI).notices[0]
    assert notice.detours == ["胜利路", "建设路"]
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_chat(sessions, 2, [("place", "胜利路")])  # lives on the detour: still told, as a detour
    await add_chat(sessions, 3, [("place", "建设路")], language="en")
    sender, dispatcher = clocked_dispatcher(sessions, clock)
    await publish(sessions, notice, now=clock.now())
    await walk(dispatcher, sessions, clock, local(6, 22, 0))

    for chat_id in (1, 2):
        texts = lines(sender, chat_id)
        assert [t.split("\n")[0] for t in texts[1:]] == [
            "⚠️ 明天（6月5日）起全天，至6月20日，新华路、东环路至西环路段封闭。",
            "📌 今天（6月5日）起全天，至6月20日，新华路、东环路至西环路段封闭。",
            "✅ 新华路、东环路至西环路段恢复通行。",
        ]
        assert "↪️ 绕行：胜利路、建设路" in texts[0]
        assert all("↪️ 绕行：胜利路、建设路" in t for t in texts[1:3])
        assert not any("胜利路封闭" in t or "建设路封闭" in t for t in texts)
    english = lines(sender, 3)
    assert english[1].split("\n") == [
        "⚠️ Tomorrow (Jun 5): 新华路; 东环路至西环路段 is closed all day, until Jun 20.",
        "↪️ Detour: 胜利路; 建设路",
    ]
