"""Groups and channels through the real bot: only a group's administrators change what it subscribes to,
everyone may ask; joining and leaving; channel posts without a sender; the buttons on pushed notices."""

from __future__ import annotations

from sqlalchemy import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from db.chats import list_subscriptions
from db.engine import session_scope
from db.models import Chat, Reminder, ReminderStatus
from tests.test_bot_harness import Harness

pytest_plugins = ["tests.test_bot_harness"]


async def test_only_group_admins_change_subscriptions_and_settings(
    harness: Harness, sample_ids: list[int]
) -> None:
    admin = harness.server.user("Admin", language_code="zh")
    member = harness.server.user("Member", language_code="en")
    group = harness.server.group("寿山镇居民群", admins=[admin], members=[member])

    # The group's language comes from whoever first wrote there (English), until an admin changes it.
    [refused] = await harness.send(member, "/subscribe 寿山镇", group)
    assert "only this group's administrators" in (refused.plain or "")
    [refused] = await harness.send(member, "/settings tz Europe/Berlin", group)
    assert "only this group's administrators" in (refused.plain or "")
    [refused] = await harness.send(member, "/settings language zh", group)
    [saved] = await harness.send(admin, "/settings language zh", group)
    assert "语言：中文" in (saved.plain or "")
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, group.id) == []

    [picker] = await harness.send(admin, "/subscribe", group)
    pressed = await harness.press(member, picker, "道路封闭")
    assert "只有本群管理员" in pressed.alert
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, group.id) == []
    pressed = await harness.press(admin, picker, "道路封闭")
    assert "已订阅：道路封闭" in pressed.alert
    [saved] = await harness.send(admin, "/settings quiet 22:00-07:00", group)
    assert "免打扰：22:00–07:00" in (saved.plain or "")
    async with session_scope(harness.sessions) as session:
        subs = await list_subscriptions(session, group.id)
        chat = await session.get(Chat, group.id)
    assert [s.value for s in subs] == ["road_closure"]
    assert chat is not None
    assert chat.type == "supergroup"
    assert chat.quiet_start == 22 * 60

    # Anyone may look and ask; plain chatter that is not meant for the bot is left alone.
    [listing] = await harness.send(member, "/mysubs", group)
    assert "道路封闭" in (listing.plain or "")
    assert await harness.send(member, "anyone up for lunch?", group) == []
    [answer] = await harness.send(member, f"@{harness.server.bot_user.username} 哪些路封闭", group)
    assert "封路公告" in (answer.plain or "")
    [reply] = await harness.send(member, "有什么招聘", group, reply_to=answer)
    assert "辽源农村商业银行" in (reply.plain or "")


async def test_joining_leaving_and_channel_posts(harness: Harness) -> None:
    owner = harness.server.user("Owner", language_code="en")
    group = harness.server.group("Neighbours", creator=owner)
    since = harness.server.mark()
    harness.server.my_chat_member(group, owner, "member", old_status="left")
    await harness.settle()
    [hello] = [m for m in harness.server.sent_to(group.id) if m.seq >= since]
    assert "Group admins can /subscribe" in (hello.plain or "")

    harness.server.my_chat_member(group, owner, "kicked")
    await harness.settle()
    async with session_scope(harness.sessions) as session:
        chat = await session.get(Chat, group.id)
    assert chat is not None
    assert chat.active is False

    channel = harness.server.channel("News channel")
    since = harness.server.mark()
    harness.server.channel_post(channel, "/subscribe 寿山镇")
    harness.server.channel_post(channel, "哪些路封闭")
    await harness.settle()
    assert harness.server.sent_to(channel.id) == [], "a channel post has no sender to answer"
    assert not [r for r in harness.server.requests()[since:] if not r.ok]
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, channel.id) == []


async def test_mute_and_snooze_buttons_on_pushed_notices(harness: Harness, sample_ids: list[int]) -> None:
    user = harness.server.user("Ann", language_code="en")
    await harness.send(user, "/subscribe Road closure")
    async with session_scope(harness.sessions) as session:
        reminder = await session.scalar(
            select(Reminder).where(Reminder.chat_id == user.id, Reminder.status == ReminderStatus.PENDING)
        )
    assert reminder is not None
    # What the reminder dispatcher sends carries these two buttons.
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Remind me tomorrow", callback_data=f"snooze:{reminder.id}"),
                InlineKeyboardButton("Mute this category", callback_data="mute:road_closure"),
            ]
        ]
    )
    await harness.app.bot.send_message(user.id, "Road closed tomorrow", reply_markup=markup)
    [pushed] = [m for m in harness.server.sent_to(user.id) if m.plain == "Road closed tomorrow"]

    pressed = await harness.press(user, pushed, "Remind me tomorrow")
    assert "remind you tomorrow" in pressed.alert
    async with session_scope(harness.sessions) as session:
        again = list(
            await session.scalars(
                select(Reminder).where(Reminder.chat_id == user.id, Reminder.point.contains("~"))
            )
        )
    assert len(again) == 1

    other = harness.server.user("Other", language_code="en")
    [own] = await harness.send(other, "/help")
    stolen = await harness.press_data(other, own, f"snooze:{reminder.id}", check=False)
    assert "can no longer be snoozed" in stolen.alert, "another chat's reminder is not theirs to snooze"

    pressed = await harness.press(user, pushed, "Mute this category")
    assert "Muted the category Road closure" in pressed.alert
    async with session_scope(harness.sessions) as session:
        assert await list_subscriptions(session, user.id) == []
        pending = list(
            await session.scalars(
                select(Reminder).where(Reminder.chat_id == user.id, Reminder.status == ReminderStatus.PENDING)
            )
        )
    assert pending == [], "muting cancels what was planned for the category"
    pressed = await harness.press(user, pushed, "Mute this category")
    assert "not subscribed to the category" in pressed.alert
