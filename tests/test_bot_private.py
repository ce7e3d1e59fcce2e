"""A private user's whole conversation with the real bot over HTTP: welcome, questions, lists, a notice in
full, subscriptions, settings, inline mode, and what survives a restart."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.answer import answer_question
from bot.keyboards import MAX_CALLBACK_BYTES
from bot.standin import StandIn, StoredMessage
from db.chats import list_subscriptions
from db.engine import session_scope
from db.models import Chat, Notice, NoticeStatus, Reminder, SubscriptionKind
from db.store import set_status, store_notice
from jobs.clock import FixedClock
from notices.categories import Category
from notices.model import ParsedNotice, Period
from tests.test_bot_harness import START, TZ, Harness, bot_settings, running_bot

pytest_plugins = ["tests.test_bot_harness"]


def plain(messages: list[StoredMessage]) -> str:
    return "\n".join(m.plain or "" for m in messages)


def all_callback_data(messages: list[StoredMessage]) -> list[str]:
    return [str(b["callback_data"]) for m in messages for b in m.buttons if "callback_data" in b]


async def test_start_welcomes_in_the_users_language_and_subscribes_in_one_tap(
    harness: Harness, sample_ids: list[int]
) -> None:
    zh_user = harness.server.user("小王", language_code="zh-hans")
    en_user = harness.server.user("Ann", language_code="en-GB")

    [welcome] = await harness.send(zh_user, "/start")
    assert "你好，小王" in (welcome.plain or "")
    assert f"现在有 {len(sample_ids)} 条已发布的公告" in (welcome.plain or "")
    [english] = await harness.send(en_user, "/start")
    assert "Hello, Ann" in (english.plain or "")
    assert "I know 3 published notices" in (english.plain or "")

    pressed = await harness.press(zh_user, welcome, "道路封闭")
    assert "已订阅：道路封闭" in pressed.alert
    assert any(b["text"] == "✅ 道路封闭" for b in harness.current(welcome).buttons)
    async with session_scope(harness.sessions) as session:
        subs = await list_subscriptions(session, zh_user.id)
        planned = list(await session.scalars(select(Reminder).where(Reminder.chat_id == zh_user.id)))
    assert [(s.kind, s.value) for s in subs] == [(SubscriptionKind.CATEGORY, "road_closure")]
    assert planned, "subscribing plans the chat's reminders for the closure in force"

    pressed = await harness.press(zh_user, harness.current(welcome), "道路封闭")
    assert "已取消：道路封闭" in pressed.alert
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, zh_user.id) == []


async def test_questions_get_exactly_the_answer_of_noticebot_ask(
    harness: Harness, sample_ids: list[int]
) -> None:
    user = harness.server.user("Ann", language_code="en")
    for question in ("哪些路封闭", "what roads are closed on May 20", "有什么招聘", "寿山镇"):
        replies = await harness.send(user, question)
        async with session_scope(harness.sessions) as session:
            expected = await answer_question(session, question, now=START, tz=TZ, limit=10, language="en")
        assert plain(replies) == expected.text, question
        assert expected.notices, question
        assert {f"n:{n.id}" for n in expected.notices} <= set(all_callback_data(replies))

    [nonsense] = await harness.send(user, "hello there")
    assert "what roads are closed" in (nonsense.plain or "")


async def test_a_chat_in_its_own_zone_is_answered_in_it(harness: Harness, sample_ids: list[int]) -> None:
    timed = Period(start=START - timedelta(hours=2), end=START + timedelta(hours=5), all_day=False)
    closure = ParsedNotice(
        title="临时封路", category=Category.ROAD_CLOSURE, body="施工封路。", published=date(2022, 5, 10)
    )
    closure.periods.append(timed)
    async with session_scope(harness.sessions) as session:
        await store_notice(session, closure, tz=TZ)
    user = harness.server.user("Ann", language_code="en")
    await harness.send(user, "/settings tz America/Los_Angeles")
    zone = ZoneInfo("America/Los_Angeles")
    for question in ("哪些路封闭", "what roads are closed"):
        replies = await harness.send(user, question)
        async with session_scope(harness.sessions) as session:
            expected = await answer_question(session, question, now=START, tz=zone, limit=10, language="en")
            default = await answer_question(session, question, now=START, tz=TZ, limit=10, language="en")
        assert plain(replies) == expected.text != default.text, question


async def test_notice_button_and_command_show_the_full_notice(
    harness: Harness, sample_ids: list[int]
) -> None:
    user = harness.server.user("Ann", language_code="zh")
    [answer] = await harness.send(user, "哪些路封闭")
    pressed = await harness.press(user, answer, "封路公告")
    text = plain(pressed.messages)
    assert "封闭期限：2022年5月11日—26日（全天）" in text
    assert "寿山镇忠诚村至礼让村路段" in text
    assert "吉林裕翔市政工程有限公司" in text
    assert "2022年5月10日" in text

    [usage] = await harness.send(user, "/notice")
    assert "/notice 编号" in (usage.plain or "")
    [missing] = await harness.send(user, "/notice 999999")
    assert "没有编号为 999999 的公告" in (missing.plain or "")


async def test_now_and_upcoming_page_through_long_lists(harness: Harness, sample_ids: list[int]) -> None:
    # Ten more closures in force today, so /now needs three pages of four.
    async with session_scope(harness.sessions) as session:
        for number in range(10):
            notice = ParsedNotice(
                title=f"第{number}号道路施工封闭",
                category=Category.ROAD_CLOSURE,
                body=f"第{number}号路段施工，全封闭。",
                published=date(2022, 5, 10),
                periods=[Period(date(2022, 5, 11), date(2022, 5, 13 + number))],
            )
            await store_notice(session, notice, tz=TZ)
    user = harness.server.user("Ann", language_code="en")
    [first] = await harness.send(user, "/now")
    assert "Notices in force today (12 May 2022)" in (first.plain or "")
    assert "page 1/3" in (first.plain or "")
    shown = {d for d in all_callback_data([first]) if d.startswith("n:")}
    assert len(shown) == 4

    await harness.press(user, first, "Next")
    second = harness.current(first)
    assert "page 2/3" in (second.plain or "")
    shown_next = {d for d in all_callback_data([second]) if d.startswith("n:")}
    assert len(shown_next) == 4
    assert not shown & shown_next

    [upcoming] = await harness.send(user, "/upcoming")
    # The next seven days from 12 May 09:00: the closures whose last day is the 13th…18th end in it.
    text = upcoming.plain or ""
    assert "Starting or ending 12 May 2022 – 19 May 2022" in text
    assert "page 1/2" in text
    await harness.press(user, upcoming, "Next")
    text += harness.current(upcoming).plain or ""
    assert {f"第{n}号道路施工封闭" for n in range(6)} <= {
        line.split()[1] for line in text.split("\n") if "号道路" in line
    }
    assert "第6号道路施工封闭" not in text

    harness.clock.set(START + timedelta(days=400))
    [empty] = await harness.send(user, "/now")
    assert "No notice is in force today" in (empty.plain or "")


async def test_notice_text_is_escaped_and_long_notices_are_split(harness: Harness) -> None:
    body_line = "施工期间请绕行 <b>注意</b> & 安全 "
    long_body = "\n".join(f"{index:04d} {body_line * 3}" for index in range(120))
    async with session_scope(harness.sessions) as session:
        stored = await store_notice(
            session,
            ParsedNotice(
                title="<b>封路</b> & 绕行公告",
                category=Category.ROAD_CLOSURE,
                body=long_body,
                published=date(2022, 5, 10),
                periods=[Period(date(2022, 5, 11), date(2022, 5, 26))],
            ),
            tz=TZ,
        )
    user = harness.server.user("Ann", language_code="zh")
    replies = await harness.send(user, f"/notice {stored.id}")
    assert len(replies) >= 2, "a notice longer than 4096 characters comes in several messages"
    for message in replies:
        assert len(message.plain or "") <= 4096
        assert message.parse_mode == "HTML"
    text = plain(replies)
    assert "<b>封路</b> & 绕行公告" in text, "markup in notice text arrives as text"
    assert "&amp;" not in text
    lines = [line for line in text.split("\n") if line.startswith(("0", "1"))]
    assert len(lines) == 120, "split at line boundaries: no body line is cut in two"
    assert all(line.count("<b>注意</b>") == 3 for line in lines)


async def test_subscribe_places_and_keywords_of_any_length_fit_in_callback_data(
    harness: Harness, sample_ids: list[int]
) -> None:
    user = harness.server.user("Ann", language_code="zh")
    [place] = await harness.send(user, "/subscribe 寿山镇")
    assert "已订阅地点 寿山镇" in (place.plain or "")
    [again] = await harness.send(user, "/subscribe 寿山镇")
    assert "已经订阅过" in (again.plain or "")
    long_keyword = "农村商业银行专业人才引进" * 8  # 96 characters, 288 bytes in UTF-8
    [keyword] = await harness.send(user, f"/subscribe {long_keyword}")
    assert "已订阅关键词" in (keyword.plain or "")
    [too_long] = await harness.send(user, "/subscribe " + "长" * 101)
    assert "太长" in (too_long.plain or "")
    [category] = await harness.send(user, "/subscribe 招聘")
    assert "已订阅：招聘" in (category.plain or "")

    [listing] = await harness.send(user, "/mysubs")
    text = listing.plain or ""
    assert "类别: 招聘" in text
    assert "地点: 寿山镇" in text
    assert long_keyword in text
    data = all_callback_data(harness.server.sent)
    assert data
    assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)

    pressed = await harness.press(user, listing, "寿山镇")
    assert "已删除" in pressed.alert
    async with session_scope(harness.sessions) as session:
        values = {s.value for s in await list_subscriptions(session, user.id)}
    assert values == {long_keyword, "recruitment"}
    assert "寿山镇" not in (harness.current(listing).plain or "")


async def test_mysubs_pages_and_unsubscribe_asks_first(harness: Harness) -> None:
    user = harness.server.user("Ann", language_code="en")
    [picker] = await harness.send(user, "/subscribe")
    for name in ("Road closure", "Power outage", "Water outage", "Recruitment", "Tender", "Rental"):
        await harness.press(user, harness.current(picker), name)
    [listing] = await harness.send(user, "/mysubs")
    assert "page 1/2" in (listing.plain or "")
    await harness.press(user, listing, "Next")
    assert "page 2/2" in (harness.current(listing).plain or "")

    [confirm] = await harness.send(user, "/unsubscribe")
    assert "Remove all 6 subscriptions?" in (confirm.plain or "")
    await harness.press(user, confirm, "No, keep them")
    async with session_scope(harness.sessions) as session:
        assert len(await list_subscriptions(session, user.id)) == 6
    [confirm] = await harness.send(user, "/unsubscribe")
    await harness.press(user, confirm, "Yes, remove all")
    assert "Removed all 6 subscriptions" in (harness.current(confirm).plain or "")
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, user.id) == []
    [nothing] = await harness.send(user, "/unsubscribe")
    assert "nothing to unsubscribe" in (nothing.plain or "")


async def test_settings_by_button_and_by_text_and_bad_values(harness: Harness) -> None:
    user = harness.server.user("小王", language_code="zh-hans")
    [menu] = await harness.send(user, "/settings")
    assert "时区：Asia/Shanghai" in (menu.plain or "")
    await harness.press(user, menu, "语言")
    await harness.press(user, harness.current(menu), "English")
    assert "Language: English" in (harness.current(menu).plain or "")

    [saved] = await harness.send(user, "/settings tz Europe/Berlin")
    assert "Time zone: Europe/Berlin" in (saved.plain or "")
    [saved] = await harness.send(user, "/settings quiet 22:30-6:45")
    assert "Quiet hours: 22:30–06:45" in (saved.plain or "")
    [saved] = await harness.send(user, "/settings deadline 7, 1 ,0,1")
    assert "7,1,0 days before" in (saved.plain or "")
    await harness.press(user, saved, "Delivery")
    await harness.press(user, harness.current(saved), "daily digest")
    [bad] = await harness.send(user, "/settings tz Mars/Olympus")
    assert "unknown time zone Mars/Olympus" in (bad.plain or "")
    [bad] = await harness.send(user, "/settings morning 25")
    assert "whole hour from 0 to 23" in (bad.plain or "")
    async with session_scope(harness.sessions) as session:
        chat = await session.get(Chat, user.id)
    assert chat is not None
    assert (chat.language, chat.tz, chat.quiet_start, chat.quiet_end) == ("en", "Europe/Berlin", 1350, 405)
    assert (chat.deadline_days, chat.digest, chat.morning_hour) == ("7,1,0", True, 8)


async def test_inline_mode_lists_matching_notices_in_force(harness: Harness, sample_ids: list[int]) -> None:
    user = harness.server.user("Ann", language_code="zh")
    since = harness.server.mark()
    query_id = harness.server.inline_query(user, "封路")
    [request] = await harness.server.wait_for(
        "answerInlineQuery", since=since, predicate=lambda r: r.params.get("inline_query_id") == query_id
    )
    results = request.param("results")
    assert [r["title"] for r in results] == ["封路公告"]
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "寿山镇忠诚村至礼让村路段" in content["message_text"]

    since = harness.server.mark()
    query_id = harness.server.inline_query(user, "火星基地")
    [request] = await harness.server.wait_for(
        "answerInlineQuery", since=since, predicate=lambda r: r.params.get("inline_query_id") == query_id
    )
    assert request.param("results") == []
    assert request.param("button")["start_parameter"] == "help"


async def test_inline_mode_leaves_out_a_withdrawn_notice(harness: Harness, sample_ids: list[int]) -> None:
    """The answer and the text search both find the closure; once withdrawn it is listed by neither."""
    user = harness.server.user("Ann", language_code="zh")

    async def titles(query: str) -> list[str]:
        since = harness.server.mark()
        query_id = harness.server.inline_query(user, query)
        [request] = await harness.server.wait_for(
            "answerInlineQuery", since=since, predicate=lambda r: r.params.get("inline_query_id") == query_id
        )
        return [r["title"] for r in request.param("results")]

    assert "封路公告" in await titles("")
    async with session_scope(harness.sessions) as session:
        closure = (await session.scalars(select(Notice).where(Notice.title == "封路公告"))).one()
        await set_status(session, closure.id, NoticeStatus.WITHDRAWN)
    assert "封路公告" not in await titles("封路")
    assert "封路公告" not in await titles("")
    assert "封路公告" not in await titles("忠诚村")


async def test_unknown_commands_get_help_and_menus_exist_in_both_languages(harness: Harness) -> None:
    user = harness.server.user("Ann", language_code="en")
    [reply] = await harness.send(user, "/frobnicate")
    assert "I don't know that command" in (reply.plain or "")
    stale = await harness.press_data(user, reply, "old:button", check=False)
    assert "has expired" in stale.alert
    assert "/subscribe" in (reply.plain or "")
    commands = harness.server.requests("setMyCommands")
    languages = {r.params.get("language_code") for r in commands}
    assert {None, "zh"} <= languages
    chinese = next(r for r in commands if r.params.get("language_code") == "zh").param("commands")
    assert {"command": "subscribe", "description": "订阅类别、地点或关键词"} in chinese


async def test_a_flood_is_throttled_politely(harness: Harness) -> None:
    user = harness.server.user("Flood", language_code="en")
    since = harness.server.mark()
    for index in range(60):
        harness.server.user_message(user, None, f"/help {index}")
    await harness.settle()
    replies = [m for m in harness.server.sent_to(user.id) if m.seq >= since]
    throttled = [m for m in replies if "Please wait" in (m.plain or "")]
    assert len(throttled) == 1, "told once, then ignored"
    assert len(replies) == 31, "the first 30 are answered"


async def test_a_failing_handler_logs_and_apologises(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    # A notice whose stored category no release knows (a bad manual edit of the database).
    async with session_scope(harness.sessions) as session:
        rental = await session.scalar(select(Notice).where(Notice.category == "rental"))
        assert rental is not None
        rental.category = "no_such_category"
    user = harness.server.user("Ann", language_code="en")
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        [apology] = await harness.send(user, f"/notice {rental.id}")
    assert "Sorry, something went wrong" in (apology.plain or "")
    assert any(f"chat {user.id}" in record.getMessage() for record in caplog.records)
    assert f"/notice {rental.id}" not in caplog.text, "what people write stays out of the log"
    [still] = await harness.send(user, "/help")
    assert "/now" in (still.plain or "")


async def test_what_a_user_sets_survives_a_restart(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    settings = bot_settings(db_url)
    user = standin_server.user("Ann", language_code="en")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        await harness.send(user, "/subscribe 寿山镇")
        await harness.send(user, "/settings language zh")
        await harness.send(user, "/settings tz Asia/Tokyo")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        [listing] = await harness.send(user, "/mysubs")
        assert "地点: 寿山镇" in (listing.plain or "")
        [menu] = await harness.send(user, "/settings")
        assert "时区：Asia/Tokyo" in (menu.plain or "")


async def test_a_long_answer_pages_with_buttons(harness: Harness) -> None:
    async with session_scope(harness.sessions) as session:
        for number in range(23):
            notice = ParsedNotice(
                title=f"第{number:02d}号招聘公告",
                category=Category.RECRUITMENT,
                body=f"招聘第{number}批工作人员，报名从速。",
                published=date(2022, 5, 10),
                periods=[Period(date(2022, 5, 10), date(2022, 6, 1 + number), label="报名时间")],
            )
            await store_notice(session, notice, tz=TZ)
    user = harness.server.user("Ann", language_code="zh")
    [first] = await harness.send(user, "有什么招聘")
    async with session_scope(harness.sessions) as session:
        expected = await answer_question(session, "有什么招聘", now=START, tz=TZ, limit=10, offset=10)
    assert "……还有13条" in (first.plain or "")
    assert any(b["callback_data"] == "qa:1" for b in first.buttons)
    await harness.press(user, first, "下一页")
    second = harness.current(first)
    assert second.plain == expected.text
    assert {f"n:{n.id}" for n in expected.notices} <= set(all_callback_data([second]))
    assert any(b["callback_data"] == "qa:0" for b in second.buttons)
