"""An admin turning the sample page into published notices through the real bot, and everyone else being
refused: documents, pasted text, draft cards, /add, /withdraw, /stats, /setchannel."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.standin import StoredMessage
from db.chats import get_broadcast_channel
from db.engine import session_scope
from db.models import Notice, NoticeStatus, Reminder
from jobs.dispatcher import Dispatcher, DispatchStats
from jobs.planner import sweep
from jobs.sender import TelegramSender
from tests.standin_fixtures import stand_in_bot
from tests.test_bot_harness import ADMIN_ID, TZ, Harness

pytest_plugins = ["tests.test_bot_harness"]


def plain(messages: list[StoredMessage]) -> str:
    return "\n".join(m.plain or "" for m in messages)


async def notice_rows(harness: Harness) -> list[Notice]:
    async with session_scope(harness.sessions) as session:
        return list(await session.scalars(select(Notice).order_by(Notice.id)))


def card(messages: list[StoredMessage], title_part: str) -> StoredMessage:
    return next(m for m in messages if title_part in (m.plain or "") and m.buttons)


async def dispatch(harness: Harness) -> DispatchStats:
    """Send what is due, as the scheduler of ``noticebot run`` does: a Bot of its own, the harness clock."""
    async with stand_in_bot(harness.server) as bot:
        sender = TelegramSender(bot)
        dispatcher = Dispatcher(harness.sessions, sender, harness.clock, tz=TZ, sleep=harness.clock.sleep)
        return await dispatcher.run_once()


async def sweep_now(harness: Harness) -> int:
    async with session_scope(harness.sessions) as session:
        return await sweep(session, now=harness.clock.now(), tz=TZ)


async def test_admin_uploads_the_sample_page_reviews_and_publishes(
    harness: Harness, sample_page: str
) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="zh-hans")
    reader = harness.server.user("Reader", language_code="zh")
    await harness.send(reader, "/subscribe 道路封闭")

    replies = await harness.upload(admin, "liaoyuan-2022-05-10.txt", sample_page.encode("gb18030"))
    assert "找到 3 条公告：新草稿 3 条，已存在 0 条" in (replies[0].plain or "")
    cards = replies[1:]
    assert len(cards) == 3
    closure = card(cards, "封路公告")
    assert "封闭期限：2022年5月11日—26日（全天）" in (closure.plain or "")
    assert "草稿" in (closure.plain or "")
    assert [b["text"] for b in closure.buttons] == ["✅ 发布", "🗑 丢弃", "🏷 改类别", "📅 改日期"]
    assert {row.status for row in await notice_rows(harness)} == {NoticeStatus.DRAFT}

    # Drafts are invisible to everyone else.
    [nothing] = await harness.send(reader, "哪些路封闭")
    assert "封路公告" not in (nothing.plain or "")
    closure_id = int(str(closure.buttons[0]["callback_data"]).rsplit(":", 1)[1])
    [hidden] = await harness.send(reader, f"/notice {closure_id}")
    assert "没有编号" in (hidden.plain or "")

    # A reader pressing the admin's button (a forged press) is refused; nothing changes.
    refused = await harness.press_data(reader, closure, f"d:pub:{closure_id}", check=False)
    assert "管理员" in refused.alert
    assert {row.status for row in await notice_rows(harness)} == {NoticeStatus.DRAFT}

    pressed = await harness.press(admin, closure, "发布")
    assert f"已发布 #{closure_id}" in pressed.alert
    assert "已发布" in (harness.current(closure).plain or "")
    assert harness.current(closure).buttons == []
    [answer] = await harness.send(reader, "哪些路封闭")
    assert "封路公告" in (answer.plain or "")
    async with session_scope(harness.sessions) as session:
        planned = await session.scalar(
            select(func.count()).select_from(Reminder).where(Reminder.chat_id == reader.id)
        )
    assert planned, "publishing planned the subscriber's reminders"

    again = await harness.send(admin, "/stats")  # (a message between the uploads)
    assert "已发布 1" in plain(again)
    replies = await harness.upload(admin, "same-page.txt", sample_page.encode("utf-8"))
    assert "新草稿 0 条，已存在 3 条" in (replies[0].plain or "")
    assert len(await notice_rows(harness)) == 3, "re-sending the page stores nothing new"
    assert len(replies) == 2, "the notices already stored are one line, not a card each"
    known = replies[1].plain or ""
    assert known.startswith("已存在：")
    assert f"#{closure_id}（已发布）" in known
    assert known.count("（草稿）") == 2


async def test_change_category_edit_period_and_discard(harness: Harness, sample_page: str) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    replies = await harness.upload(admin, "page.txt", sample_page.encode())
    rental = card(replies, "Rental")
    rental_id = int(str(rental.buttons[0]["callback_data"]).rsplit(":", 1)[1])

    await harness.press(admin, rental, "Change category")
    assert "New category for" in (harness.current(rental).plain or "")
    pressed = await harness.press(admin, harness.current(rental), "Auction")
    assert f"#{rental_id} is now Auction" in pressed.alert
    assert "Auction" in (harness.current(rental).plain or "")

    await harness.press(admin, harness.current(rental), "Edit period")
    [bad] = await harness.send(admin, "sometime soonish")
    assert "as a date: write it like" in (bad.plain or "")
    [changed] = await harness.send(admin, "2022年6月1日至6月15日")
    assert f"#{rental_id} has new dates" in (changed.plain or "")
    assert "1–15 June 2022" in (changed.plain or "")
    async with session_scope(harness.sessions) as session:
        row = await session.get(Notice, rental_id)
        assert row is not None
        assert [(p.start_date.isoformat(), p.end_date.isoformat()) for p in row.periods] == [  # type: ignore[union-attr]
            ("2022-06-01", "2022-06-15")
        ]
        assert row.category == "auction"

    # Once the period is set, plain text is a question again.
    [question] = await harness.send(admin, "what roads are closed")
    assert "has new dates" not in (question.plain or "")

    await harness.press(admin, changed, "Edit period")
    [cancelled] = await harness.send(admin, "/cancel")
    assert "Cancelled" in (cancelled.plain or "")

    await harness.press(admin, changed, "Discard")
    assert f"Discarded draft #{rental_id}" in (harness.current(changed).plain or "")
    async with session_scope(harness.sessions) as session:
        row = await session.get(Notice, rental_id)
        assert row is not None
        assert row.status == NoticeStatus.WITHDRAWN


async def test_pasted_text_becomes_drafts_and_questions_stay_questions(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="zh")
    page = (
        "停电通知\n因线路检修，定于2022年5月20日8:00-17:00对西安区仙城街道部分区域停止供电，"
        "请用户提前做好准备。\n特此通知\n国网辽源供电公司\n2022年5月12日"
    )
    replies = await harness.send(admin, page)
    assert "新草稿 1 条" in (replies[0].plain or "")
    assert "停电" in plain(replies[1:])
    [answer] = await harness.send(admin, "有什么招聘")
    assert "草稿" not in (answer.plain or "")
    assert len(await notice_rows(harness)) == 1

    [empty] = await harness.send(admin, "这是一段很长的闲聊文字，" * 10)
    assert "没有在里面找到公告" in (empty.plain or "")


async def test_bad_documents_are_refused_and_nothing_is_stored(harness: Harness, sample_page: str) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    stranger = harness.server.user("Stranger", language_code="en")

    [refusal] = await harness.upload(stranger, "page.txt", sample_page.encode())
    assert "for the bot's administrators" in (refusal.plain or "")
    [wrong] = await harness.upload(admin, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), mime="image/png")
    assert "can only read .txt" in (wrong.plain or "")
    [binary] = await harness.upload(admin, "page.txt", bytes(range(256)) * 40)
    assert "can't read that file" in (binary.plain or "")
    [empty] = await harness.upload(admin, "empty.txt", b"")
    assert "can't read that file" in (empty.plain or "")
    harness.settings.max_input_bytes = 1000
    [big] = await harness.upload(admin, "big.txt", sample_page.encode())
    assert "too large" in (big.plain or "")
    assert await notice_rows(harness) == []

    forwarded = {"type": "user", "date": 0, "sender_user": stranger.to_api()}
    [refused] = await harness.send(stranger, sample_page[-1500:], forward_origin=forwarded)
    assert "for the bot's administrators" in (refused.plain or "")
    assert await notice_rows(harness) == []


async def test_add_step_by_step_cancel_and_publish(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    stranger = harness.server.user("Stranger", language_code="en")
    [refused] = await harness.send(stranger, "/add")
    assert "for the bot's administrators" in (refused.plain or "")

    await harness.send(admin, "/add")
    await harness.send(admin, "Temporary closure of <Main> & Co. street")
    [cancelled] = await harness.send(admin, "/cancel")
    assert "Cancelled" in (cancelled.plain or "")
    assert await notice_rows(harness) == []

    [prompt] = await harness.send(admin, "/add")
    assert "Send its title" in (prompt.plain or "")
    [categories] = await harness.send(admin, "Temporary closure of <Main> & Co. street")
    await harness.press(admin, categories, "Road closure")
    [bad] = await harness.send(admin, "whenever")
    assert "as a date: write it like" in (bad.plain or "")
    await harness.send(admin, "2022年5月20日至5月22日")
    await harness.send(admin, "寿山镇, 忠诚村")
    [preview] = await harness.send(admin, "The street is closed for <repairs> & paving.")
    text = preview.plain or ""
    assert "Temporary closure of <Main> & Co. street" in text
    assert "20–22 May 2022" in text
    assert "寿山镇; 忠诚村" in text
    pressed = await harness.press(admin, preview, "Publish")
    rows = await notice_rows(harness)
    assert len(rows) == 1
    assert rows[0].status == NoticeStatus.PUBLISHED
    assert rows[0].title == "Temporary closure of <Main> & Co. street"
    assert f"Published #{rows[0].id}" in (harness.current(preview).plain or "")
    assert pressed.answers

    reader = harness.server.user("Reader", language_code="en")
    [answer] = await harness.send(reader, "what roads are closed on May 21")
    assert "Temporary closure of <Main> & Co. street" in (answer.plain or "")


async def test_withdraw_stats_and_channel(harness: Harness, sample_page: str) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    stranger = harness.server.user("Stranger", language_code="en")
    channel = harness.server.channel("Liaoyuan notices", username="liaoyuan_notices")
    harness.server.set_role(channel, harness.server.bot_user, "administrator")

    [refused] = await harness.send(stranger, "/setchannel @liaoyuan_notices")
    assert "for the bot's administrators" in (refused.plain or "")
    [group_refused] = await harness.send(admin, "/setchannel -1")
    assert "-1 is a group, not a channel" in (group_refused.plain or "")
    [ok] = await harness.send(admin, "/setchannel @liaoyuan_notices")
    assert "posted to Liaoyuan notices" in (ok.plain or "")
    async with session_scope(harness.sessions) as session:
        assert await get_broadcast_channel(session) == channel.id

    replies = await harness.upload(admin, "page.txt", sample_page.encode())
    closure = card(replies, "Road closure")
    closure_id = int(str(closure.buttons[0]["callback_data"]).rsplit(":", 1)[1])
    await harness.press(admin, closure, "Publish")
    assert harness.server.sent_to(channel.id) == [], "the post goes through the reminder outbox"
    assert (await dispatch(harness)).messages == 1
    [post] = harness.server.sent_to(channel.id)
    assert "封路公告" in (post.plain or "")
    assert "寿山镇忠诚村至礼让村路段" in (post.plain or "")
    assert post.buttons == [], "nobody in a channel can mute or snooze its posts"
    await sweep_now(harness)
    assert (await dispatch(harness)).messages == 0, "the sweep does not post it again"

    [refused] = await harness.send(stranger, f"/withdraw {closure_id}")
    assert "for the bot's administrators" in (refused.plain or "")
    [stats] = await harness.send(admin, "/stats")
    assert "published 1" in (stats.plain or "")
    assert "draft 2" in (stats.plain or "")
    assert "Messages sent: 1" in (stats.plain or "")

    [withdrawn] = await harness.send(admin, f"/withdraw {closure_id}")
    assert f"Withdrew #{closure_id}" in (withdrawn.plain or "")
    [again] = await harness.send(admin, f"/withdraw {closure_id}")
    assert "already withdrawn" in (again.plain or "")
    [usage] = await harness.send(admin, "/withdraw")
    assert "Usage: /withdraw ID" in (usage.plain or "")
    reader = harness.server.user("Reader", language_code="zh")
    [answer] = await harness.send(reader, "哪些路封闭")
    assert "封路公告" not in (answer.plain or "")
    async with session_scope(harness.sessions) as session:
        pending = await session.scalar(
            select(func.count())
            .select_from(Reminder)
            .where(
                Reminder.notice_id == closure_id, Reminder.status == "pending", Reminder.event != "withdrawn"
            )
        )
    assert pending == 0
    await dispatch(harness)
    [_post, correction] = harness.server.sent_to(channel.id)
    assert "已撤回" in (correction.plain or "")
    assert correction.reply_to_message_id == post.message_id, "the correction replies to the channel post"

    [off] = await harness.send(admin, "/setchannel off")
    assert "no longer posted" in (off.plain or "")
