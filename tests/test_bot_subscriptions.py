"""Subscriptions a new user meets through the real bot: the example place the welcome, /help and
/subscribe give is one the bundled example pages have, and ``/unsubscribe TERM`` removes just that one."""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.answer import answer_question
from bot.cli_try import ingest_examples
from db.chats import list_subscriptions
from db.engine import session_scope
from jobs.timeline import timeline
from tests.test_bot_harness import TZ, Harness

pytest_plugins = ["tests.test_bot_harness"]


async def test_the_example_place_is_in_the_example_pages(harness: Harness) -> None:
    assert await ingest_examples(harness.sessions, TZ) > 0
    terms: set[str] = set()
    for language in ("zh-hans", "en"):
        user = harness.server.user(f"New {language}", language_code=language)
        [welcome] = await harness.send(user, "/start")
        [help_text] = await harness.send(user, "/help")
        [picker] = await harness.send(user, "/subscribe")
        shown = re.findall(r"/subscribe ([^\s—]+)", (help_text.plain or "") + (picker.plain or ""))
        assert len(shown) == 2, (help_text.plain, picker.plain)
        term = shown[0]
        assert shown == [term, term]
        assert f"• {term}\n" in (welcome.plain or ""), "the welcome's example question is the same place"
        assert term in (help_text.plain or "").split("/now")[0], "so is /help's"
        terms.add(term)
    assert len(terms) == 1, "both languages give the same example"
    [term] = terms

    # Asked as the welcome suggests, it finds the example notices ...
    async with session_scope(harness.sessions) as session:
        answer = await answer_question(session, term, now=datetime(2023, 6, 2, 9, tzinfo=TZ), tz=TZ, limit=10)
    assert len(answer.notices) >= 2, answer.text
    # ... and followed as /subscribe suggests, it brings reminders of them.
    user = harness.server.user("Follower", language_code="zh-hans")
    [followed] = await harness.send(user, f"/subscribe {term}")
    assert f"已订阅地点 {term}" in (followed.plain or "")
    async with session_scope(harness.sessions) as session:
        due = await timeline(session, start=date(2023, 6, 1), end=date(2023, 8, 31), tz=TZ, chat_id=user.id)
    assert {entry.notice_id for entry in due} >= {n.id for n in answer.notices}


async def test_unsubscribe_a_term_removes_just_that_one(harness: Harness) -> None:
    user = harness.server.user("小王", language_code="zh-hans")
    for value in ("招聘", "东丰镇", "医院", "Road closure"):
        await harness.send(user, f"/subscribe {value}")

    [removed] = await harness.send(user, "/unsubscribe 医院")
    assert (removed.plain or "") == "已取消订阅 关键词: 医院。还有 3 个订阅（/mysubs 查看）。"
    [removed] = await harness.send(user, "/unsubscribe  recruitment ")  # a category by its code
    assert "已取消订阅 类别: 招聘。还有 2 个订阅" in (removed.plain or "")
    async with session_scope(harness.sessions) as session:
        left = {(s.kind, s.value) for s in await list_subscriptions(session, user.id)}
    assert left == {("place", "东丰镇"), ("category", "road_closure")}

    [missing] = await harness.send(user, "/unsubscribe 寿山镇")
    assert (missing.plain or "").splitlines()[:3] == [
        "你没有订阅 寿山镇。你的订阅：",
        "• 类别: 道路封闭",
        "• 地点: 东丰镇",
    ]
    assert "/unsubscribe 名称" in (missing.plain or "")
    [confirm] = await harness.send(user, "/unsubscribe")  # no argument: ask before removing all
    assert "确定取消全部 2 个订阅吗？" in (confirm.plain or "")

    english = harness.server.user("Ann", language_code="en")
    await harness.send(english, "/subscribe Road closure")
    [removed] = await harness.send(english, "/unsubscribe road closure")
    assert (removed.plain or "") == "Unsubscribed from category: Road closure. 0 subscriptions left " + (
        "(/mysubs lists them)."
    )
    [none] = await harness.send(english, "/unsubscribe 医院")
    assert "nothing to unsubscribe" in (none.plain or "")
    async with session_scope(harness.sessions) as session:
        assert len(await list_subscriptions(session, user.id)) == 2


async def test_a_group_member_cannot_unsubscribe_a_term(harness: Harness) -> None:
    admin = harness.server.user("Admin", language_code="en")
    member = harness.server.user("Member", language_code="en")
    group = harness.server.group("东丰镇居民群", admins=[admin], members=[member])
    await harness.send(admin, "/subscribe 东丰镇", group)
    [refused] = await harness.send(member, "/unsubscribe 东丰镇", group)
    assert "only this group's administrators" in (refused.plain or "")
    async with session_scope(harness.sessions) as session:
        assert len(await list_subscriptions(session, group.id)) == 1
    [removed] = await harness.send(admin, "/unsubscribe 东丰镇", group)
    assert "Unsubscribed from place: 东丰镇" in (removed.plain or "")
