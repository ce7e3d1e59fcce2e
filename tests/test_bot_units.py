"""The bot's pieces on their own: HTML escaping and splitting, the throttle, settings parsing, keyboards,
the Bot API address, and the chat/subscription queries (on SQLite and PostgreSQL)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import keyboards
from bot.app import api_urls
from bot.handlers.settings import SettingError, changes_for, parse_deadline, parse_quiet
from bot.html import MAX_MESSAGE, esc, split_message, visible_length
from bot.texts import TEXTS, say
from bot.throttle import Throttle, Verdict
from db import chats
from db.engine import session_scope
from db.models import SubscriptionKind
from notices.categories import Category

# --- HTML ---------------------------------------------------------------------------------------------


def test_escaping_keeps_markup_as_text() -> None:
    assert esc('<b>封路</b> & "x"') == "&lt;b&gt;封路&lt;/b&gt; &amp; &quot;x&quot;"
    assert say("en", "subscribed_place", value="<i>x</i>&") == (
        "Following the place <b>&lt;i&gt;x&lt;/i&gt;&amp;</b>: notices that name it will reach you."
    )


def test_every_text_exists_in_both_languages_with_the_same_fields() -> None:
    import string

    for key, (zh, en) in TEXTS.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(en) if name}, key
        assert zh.strip()
        assert en.strip()


def test_short_messages_are_not_split() -> None:
    assert split_message("<b>a</b>\nb") == ["<b>a</b>\nb"]
    assert split_message("  \n ") == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("路封闭ab <>&é😀"), min_size=0, max_size=700),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=50, max_value=MAX_MESSAGE),
)
def test_split_parts_fit_and_keep_every_line(lines: list[str], limit: int) -> None:
    text = "\n".join(
        f"<b>{esc(line)}</b>" if index % 3 == 0 else esc(line) for index, line in enumerate(lines)
    )
    parts = split_message(text, limit)
    for part in parts:
        assert visible_length(part) <= limit
        assert part.count("<b>") == part.count("</b>"), "tags are closed in the part that opens them"
    assert _words(parts) == _words([text]), "nothing is lost or garbled"


def _words(fragments: list[str]) -> str:
    return re.sub(r"\s", "", "".join(html.unescape(re.sub(r"</?b>", "", f)) for f in fragments))


def test_a_long_line_is_cut_between_characters_not_inside_an_entity() -> None:
    line = esc("&<>" * 3000)
    parts = split_message(line, 1000)
    assert all(visible_length(p) <= 1000 for p in parts)
    assert "".join(html.unescape(p) for p in parts) == "&<>" * 3000


def test_visible_length_counts_utf16_units() -> None:
    assert visible_length("😀") == 2
    assert visible_length("<b>&amp;</b>") == 1


# --- throttle -----------------------------------------------------------------------------------------


def test_throttle_allows_a_burst_warns_once_and_refills() -> None:
    now = [0.0]
    throttle = Throttle(burst=3, rate=1.0, monotonic=lambda: now[0])
    assert [throttle.check(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert throttle.check(1) is Verdict.WARN
    assert throttle.check(1) is Verdict.DROP
    assert throttle.check(2) is Verdict.ALLOW, "other users are not affected"
    now[0] += 1.0
    assert throttle.check(1) is Verdict.ALLOW
    assert throttle.check(1) is Verdict.WARN, "warned again after having been let through"
    with pytest.raises(ValueError, match="burst"):
        Throttle(burst=0)


# --- settings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-07:00", (1320, 420)),
        ("22-7", (1320, 420)),
        ("23:30至6:15", (1410, 375)),
        ("21：00～8：00", (1260, 480)),
        ("24:00-6:00", (0, 360)),
        ("off", None),
        ("关闭", None),
    ],
)
def test_quiet_hours(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_quiet(text) == expected


@pytest.mark.parametrize("text", ["22:00", "25:00-07:00", "7-7", "late-early", "22:61-07:00"])
def test_bad_quiet_hours(text: str) -> None:
    with pytest.raises(SettingError):
        parse_quiet(text)


def test_settings_changes() -> None:
    assert parse_deadline("1, 3 3，0") == "3,1,0"
    assert parse_deadline("off") == ""
    assert changes_for("lang", "English") == {"language": "en"}
    assert changes_for("时区", "Asia/Tokyo") == {"tz": "Asia/Tokyo"}
    assert changes_for("mode", "汇总") == {"digest": True}
    assert changes_for("morning", "7:00") == {"morning_hour": 7}
    for name, value in (("deadline", "90"), ("deadline", "x"), ("morning", "7:30"), ("colour", "red")):
        with pytest.raises(SettingError):
            changes_for(name, value)


# --- keyboards and addresses --------------------------------------------------------------------------


def test_every_preset_button_fits_telegrams_callback_limit() -> None:
    markups = [keyboards.categories(lang, {"road_closure"}) for lang in ("zh", "en")]
    markups += [
        keyboards.settings_choices("zh", name)
        for name in ("language", "tz", "quiet", "morning", "deadline", "mode")
    ]
    markups += [keyboards.draft_card("en", 2**31 - 1), keyboards.draft_categories("en", 2**31 - 1)]
    for markup in markups:
        for row in markup.inline_keyboard:
            for button in row:
                assert button.callback_data is not None
                assert len(str(button.callback_data).encode()) <= keyboards.MAX_CALLBACK_BYTES
    with pytest.raises(ValueError, match="64 bytes"):
        keyboards.button("x", "sub:k:" + "寿山镇" * 10)


def test_api_urls() -> None:
    assert api_urls(None) == ("https://api.telegram.org/bot", "https://api.telegram.org/file/bot")
    assert api_urls("http://127.0.0.1:8081/") == (
        "http://127.0.0.1:8081/bot",
        "http://127.0.0.1:8081/file/bot",
    )
    assert api_urls("http://h:1/bot") == ("http://h:1/bot", "http://h:1/file/bot")


# --- chats and subscriptions in the database -------------------------------------------------------------


async def test_chats_subscriptions_and_values(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with session_scope(sessions) as session:
        chat = await chats.ensure_chat(session, 42, type="private", title="Ann", language="en")
        assert chat.language == "en"
        again = await chats.ensure_chat(session, 42, type="private", language="zh")
        assert again.language == "en", "a chat's own choice wins over its sender's Telegram language"
        assert await chats.toggle_category(session, 42, "road_closure") is True
        sub, created = await chats.add_subscription(session, 42, SubscriptionKind.PLACE, " 寿山镇 ")
        assert (sub.value, created) == ("寿山镇", True)
        _, created = await chats.add_subscription(session, 42, SubscriptionKind.PLACE, "寿山镇")
        assert created is False
        await chats.add_subscription(session, 42, SubscriptionKind.KEYWORD, "银行")
        with pytest.raises(ValueError, match="kind"):
            await chats.add_subscription(session, 42, "colour", "red")
        with pytest.raises(ValueError, match="setting"):
            await chats.update_chat(session, 42, active=False)
        await chats.update_chat(session, 42, tz="Asia/Tokyo", digest=True)
    async with session_scope(sessions) as session:
        listed = await chats.list_subscriptions(session, 42)
        assert [(s.kind, s.value) for s in listed] == [
            ("category", "road_closure"),
            ("place", "寿山镇"),
            ("keyword", "银行"),
        ]
        other = await chats.ensure_chat(session, 43, type="group", title="G")
        assert await chats.remove_subscription(session, other.id, listed[1].id) is None, "not another chat's"
        assert await chats.remove_subscription(session, 42, listed[1].id) is not None
        assert await chats.toggle_category(session, 42, "road_closure") is False
        await chats.toggle_category(session, 43, Category.RECRUITMENT.value)
        await chats.record_sent(session, 42, 7, notice_id=None, kind="reply")
        await chats.set_broadcast_channel(session, -100123, title="Channel")
    async with session_scope(sessions) as session:
        stats = await chats.chat_stats(session)
        assert stats.chats_by_type == {"private": 1, "group": 1, "channel": 1}
        assert stats.subscriptions_by_category == {"recruitment": 1}
        assert stats.subscriptions_by_kind == {"keyword": 1, "category": 1}
        assert stats.messages_sent == 1
        assert await chats.get_broadcast_channel(session) == -100123
        await chats.set_broadcast_channel(session, None)
        assert await chats.get_broadcast_channel(session) is None
        assert await chats.remove_all_subscriptions(session, 42) == 1
        row = await chats.get_chat(session, 42)
        assert row is not None
        assert (row.tz, row.digest) == ("Asia/Tokyo", True)
