"""Forged button presses and failing handlers, against the real bot over HTTP.

Callback data is checked in one place (``bot.callbacks``): data no button of ours carries is answered
"this button has expired" in the chat's language, changes nothing and logs no traceback. A handler that
fails logs the update and chat ids, and what the person wrote only at DEBUG.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot import callbacks, keyboards
from bot.standin import StoredMessage, User
from bot.texts import say
from db.chats import list_subscriptions
from db.engine import session_scope
from db.models import Chat, Notice, Reminder
from notices.categories import Category
from tests.test_bot_harness import ADMIN_ID, Harness, Pressed

pytest_plugins = ["tests.test_bot_harness"]

HUGE = str(2**70)
FORGED = [
    "",
    "set:tz:utc",
    "set:tz:99",
    "set:tz:-1",
    "set:language:fr",
    "set:morning:25",
    "set:quiet:9",
    "set:deadline:" + HUGE,
    "set:mode:loud",
    "set:nonsense",
    f"n:{HUGE}",
    f"n:{2**31}",
    "n:",
    "n:١٢",  # digits, but not ASCII ones
    f"sub:x:{HUGE}:0",
    f"sub:x:1:{HUGE}",
    f"sub:p:{HUGE}",
    "sub:t:volcano",
    "sub:s:",
    f"snooze:{HUGE}",
    "mute:volcano",
    f"ls:now:{HUGE}",
    "ls:later:1",
    f"qa:{HUGE}",
    f"d:pub:{HUGE}",
    "d:set:1:volcano",
    f"d:more:1:{HUGE}:3",
    "d:more:1:2",
    "d:more:1:2:3:4",
    "add:cat:volcano",
    "zz:1",
    "unsuball:maybe",
    "\x00\xff garbage \n",
    "x" * 64,
]


def settings_of(row: Chat) -> tuple[object, ...]:
    return (
        row.language,
        row.tz,
        row.quiet_start,
        row.quiet_end,
        row.morning_hour,
        row.deadline_days,
        row.digest,
    )


async def snapshot(harness: Harness, chat_id: int) -> tuple[object, ...]:
    """What a press could change: the chat's settings, subscriptions, reminders and notices."""
    async with session_scope(harness.sessions) as session:
        row = await session.get(Chat, chat_id)
        assert row is not None
        subscriptions = [(s.kind, s.value) for s in await list_subscriptions(session, chat_id)]
        reminders = [
            (r.id, r.status, r.due_at) for r in await session.scalars(select(Reminder).order_by(Reminder.id))
        ]
        notices = [
            (n.id, n.status, n.category) for n in await session.scalars(select(Notice).order_by(Notice.id))
        ]
    return settings_of(row), subscriptions, reminders, notices


def plain_edits(pressed: Pressed) -> str:
    return " ".join(str(r.params.get("text", "")) for r in pressed.edits)


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert "Traceback" not in caplog.text


async def press_all(harness: Harness, user: User, message: StoredMessage, data: list[str]) -> list[str]:
    """Press each forged ``data`` on ``message``; the pop-up each got. Nothing else may be sent."""
    alerts = []
    for item in data:
        pressed = await harness.press_data(user, message, item, check=False)
        assert len(pressed.answers) == 1, item
        assert pressed.messages == [], item
        assert pressed.edits == [], item
        alerts.append(pressed.alert)
    return alerts


async def test_forged_buttons_have_expired_and_change_nothing(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    # a few presses per user, to stay within the throttle's burst of 30 updates
    for number, start in enumerate(range(0, len(FORGED), 10)):
        forged = FORGED[start : start + 10]
        user = harness.server.user(f"小王{number}", language_code="zh-hans")
        await harness.send(user, "/subscribe 寿山镇")
        await harness.send(user, "/settings quiet 22:00-07:00")
        [menu] = await harness.send(user, "/settings")
        before = await snapshot(harness, user.id)
        with caplog.at_level(logging.INFO):
            alerts = await press_all(harness, user, menu, forged)
        assert alerts == ["这个按钮已过期，请重新发送命令。"] * len(forged)
        assert await snapshot(harness, user.id) == before
        assert_no_traceback(caplog)
        # the real buttons on the same message still work
        assert say("zh", "pick_language") in plain_edits(
            await harness.press(user, menu, menu.buttons[0]["text"])
        )


async def test_expired_is_said_in_the_chats_language(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    user = harness.server.user("Ann", language_code="zh-hans")
    await harness.send(user, "/settings language en")  # the chat's choice, not the client's language
    [menu] = await harness.send(user, "/settings")
    with caplog.at_level(logging.INFO):
        alerts = await press_all(harness, user, menu, ["set:tz:utc", f"n:{HUGE}", ""])
    assert alerts == ["This button has expired; please send the command again."] * 3
    assert_no_traceback(caplog)


async def test_an_admins_forged_draft_buttons_change_nothing(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    admin = harness.server.user("Admin", user_id=ADMIN_ID, language_code="en")
    [reply] = await harness.send(admin, "/help")
    before = await snapshot(harness, ADMIN_ID)
    forged = [f"d:pub:{HUGE}", f"d:del:{2**31}", f"d:set:{HUGE}:road_closure", f"d:cat:{sample_ids[0]}x"]
    with caplog.at_level(logging.INFO):
        alerts = await press_all(harness, admin, reply, forged)
    assert set(alerts) == {say("en", "stale_button")}
    assert await snapshot(harness, ADMIN_ID) == before
    assert_no_traceback(caplog)


async def test_well_formed_ids_of_nothing_are_handled_without_a_traceback(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    """Ids in range that name no row pass the shape check; the handlers answer them, quietly."""
    user = harness.server.user("Ann", language_code="en")
    admin = harness.server.user("Admin", user_id=ADMIN_ID, language_code="en")
    [reply] = await harness.send(user, "/help")
    [admin_reply] = await harness.send(admin, "/help")
    big = str(callbacks.MAX_NUMBER)
    with caplog.at_level(logging.INFO):
        for data in (f"n:{big}", f"sub:x:{big}:{big}", f"sub:p:{big}", f"snooze:{big}", f"ls:now:{big}"):
            pressed = await harness.press_data(user, reply, data, check=False)
            assert pressed.answers, data
        for data in (
            f"d:pub:{big}",
            f"d:del:{big}",
            f"d:cat:{big}",
            f"d:set:{big}:road_closure",
            f"d:more:{big}:{big}:{big}",
        ):
            pressed = await harness.press_data(admin, admin_reply, data, check=False)
            assert pressed.answers, data
    assert_no_traceback(caplog)


def test_every_button_the_bot_makes_passes_the_check() -> None:
    """The shapes in bot.callbacks cover every keyboard the bot builds (else its own buttons "expire")."""
    made: list[str] = []
    for lang in ("zh", "en"):
        markups = [
            keyboards.categories(lang, set()),
            keyboards.confirm_unsubscribe(lang),
            keyboards.settings_menu(lang),
            *(
                keyboards.settings_choices(lang, n)
                for n in ("language", "tz", "quiet", "morning", "deadline", "mode")
            ),
            keyboards.draft_card(lang, callbacks.MAX_NUMBER),
            keyboards.draft_categories(lang, 1),
            keyboards.more_drafts(lang, 1, 20, callbacks.MAX_NUMBER),
            keyboards.add_categories(lang),
            keyboards.add_confirm(lang),
            keyboards.notice_list(lang, [(7, "t")], prefix="ls:now", page=1, pages=3),
            keyboards.notice_list(lang, [(7, "t")], prefix="ls:up", page=0, pages=2),
            keyboards.notice_list(lang, [(7, "t")], prefix="qa", page=0, pages=2),
            keyboards.subscribe_start(lang, set()),
        ]
        made += [str(b.callback_data) for m in markups for row in m.inline_keyboard for b in row]
    made += [f"mute:{c.value}" for c in Category] + ["snooze:12", "sub:x:3:0", "sub:p:1"]
    assert [data for data in made if not callbacks.is_valid(data)] == []


# --- a failing handler's log -------------------------------------------------------------------------

PRIVATE = "my phone is 13800138000"


async def break_a_notice(harness: Harness) -> int:
    """A notice whose stored category no release knows (a bad manual edit of the database)."""
    async with session_scope(harness.sessions) as session:
        rental = await session.scalar(select(Notice).where(Notice.category == "rental"))
        assert rental is not None
        rental.category = "no_such_category"
        return rental.id


async def test_a_failing_handler_logs_ids_not_the_message(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    broken = await break_a_notice(harness)
    user = harness.server.user("Ann", language_code="en")
    with caplog.at_level(logging.INFO):
        [apology] = await harness.send(user, f"/notice {broken} {PRIVATE}")
    assert "Sorry, something went wrong" in (apology.plain or "")
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None, "the traceback is kept"
    assert f"chat {user.id}" in record.getMessage()
    assert "update " in record.getMessage()
    assert PRIVATE not in caplog.text
    assert "13800138000" not in caplog.text


async def test_the_message_is_logged_at_debug(
    harness: Harness, sample_ids: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    broken = await break_a_notice(harness)
    user = harness.server.user("Ann", language_code="en")
    with caplog.at_level(logging.DEBUG, logger="bot.errors"):
        await harness.send(user, f"/notice {broken} {PRIVATE}")
    [debug] = [r for r in caplog.records if r.name == "bot.errors" and r.levelno == logging.DEBUG]
    assert PRIVATE in debug.getMessage()
    assert f"chat {user.id}" in debug.getMessage()
