"""One language per reply: after a chat chooses 中文 (or English) every text the bot writes there comes
from that language's catalogue: answers to questions typed in the other language, the examples offered
for a question not understood, /stats with its chat types and reminder statuses, period notes. Through
the real Application and the local Bot API stand-in."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.answer import answer_question
from bot.standin import StoredMessage
from bot.texts import TEXTS
from db.engine import session_scope
from db.store import store_page
from notices.parse import parse_page
from tests.test_bot_harness import ADMIN_ID, Harness

pytest_plugins = ["tests.test_bot_harness"]

# What may stand in a reply of the other script: commands, and the notices' own words (titles, labels,
# places), which are quoted, not translated.
_COMMAND = re.compile(r"/[a-z_]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def text_of(message: StoredMessage) -> str:
    return message.plain or ""


def latin_words(text: str, *allowed: str) -> list[str]:
    for word in allowed:
        text = text.replace(word, " ")
    return _LATIN_WORD.findall(_COMMAND.sub(" ", text))


def cjk(text: str, *allowed: str) -> list[str]:
    for word in allowed:
        text = text.replace(word, " ")
    return _CJK.findall(text)


async def choose(harness: Harness, user: object, language: str) -> None:
    """The user picks the chat's language in /settings."""
    [menu] = await harness.send(user, "/settings")  # type: ignore[arg-type]
    await harness.press(user, menu, "Language" if language == "中文" else "语言")  # type: ignore[arg-type]
    await harness.press(user, harness.current(menu), language)  # type: ignore[arg-type]


async def test_a_chat_that_chose_chinese_gets_chinese(harness: Harness, sample_ids: list[int]) -> None:
    user = harness.server.user("Ann", language_code="en")
    await choose(harness, user, "中文")

    [hello] = await harness.send(user, "hello")
    assert latin_words(text_of(hello)) == [], text_of(hello)
    assert "东丰镇" in text_of(hello)

    [answer] = await harness.send(user, "what roads are closed on May 20")
    assert text_of(answer).startswith("2022年5月20日有效的道路封闭通知（1条）：")
    assert latin_words(text_of(answer)) == [], text_of(answer)

    [jobs] = await harness.send(user, "any jobs?")
    assert "（全天；节假日除外）" in text_of(jobs)
    assert latin_words(text_of(jobs)) == [], text_of(jobs)


async def test_a_chat_that_chose_english_gets_english(harness: Harness, sample_ids: list[int]) -> None:
    user = harness.server.user("小王", language_code="zh-hans")
    await choose(harness, user, "English")

    [hello] = await harness.send(user, "你好")
    assert cjk(text_of(hello), "东丰镇") == [], text_of(hello)
    assert text_of(hello).startswith("I didn't understand that.")

    [jobs] = await harness.send(user, "有什么招聘")
    reply = text_of(jobs)
    assert reply.startswith("Current and upcoming recruitment notices (1):")
    assert "(all day; except public holidays)" in reply, "the period's note is said in English"
    assert "节假日除外" not in reply
    # Only the notice's own words (its title, label, place) remain in Chinese.
    title = "辽源农村商业银行股份有限公司2022年专业人才引进公告"
    assert cjk(reply, title, "报名时间", "辽源市人民大街3257号") == [], reply


async def test_stats_in_the_chats_language(harness: Harness, sample_ids: list[int]) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    reader = harness.server.user("Reader", language_code="zh")
    await harness.send(reader, "/subscribe 寿山镇")  # plans reminders for the closure there
    await choose(harness, admin, "中文")
    [stats] = await harness.send(admin, "/stats")
    text = text_of(stats)
    assert "聊天：私聊 2" in text, text
    assert "待发送" in text, text
    assert latin_words(text) == [], text

    await choose(harness, admin, "English")
    [stats] = await harness.send(admin, "/stats")
    text = text_of(stats)
    assert "Chats: private 2" in text, text
    assert "pending" in text, text
    assert cjk(text) == [], text


async def test_setchannel_errors_in_the_chats_language(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="zh")
    group = harness.server.group("Neighbours")
    [missing] = await harness.send(admin, "/setchannel @nowhere_at_all")
    assert text_of(missing).startswith("找不到 @nowhere_at_all")
    assert latin_words(text_of(missing), "@nowhere_at_all") == [], text_of(missing)
    [not_channel] = await harness.send(admin, f"/setchannel {group.id}")
    assert text_of(not_channel) == f"{group.id} 是超级群组，不是频道。"


EXAMPLE_PAGES = [
    (page.name, page.read_text(encoding="utf-8"))
    for page in sorted((Path(__file__).resolve().parent.parent / "notices" / "examples").glob("*.txt"))
]


def test_examples_name_places_the_bundled_pages_have() -> None:
    """Every example place in the catalogue is in the example pages a new user has."""
    pages = "\n".join(text for _, text in EXAMPLE_PAGES)
    catalogue = "\n".join(zh + en for zh, en in TEXTS.values())
    assert "寿山镇" not in catalogue
    assert "东丰镇" in catalogue
    assert "东丰镇" in pages


async def test_the_example_place_is_answered_from_the_bundled_pages(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tz = ZoneInfo("Asia/Shanghai")
    async with session_scope(sessions) as session:
        for name, text in EXAMPLE_PAGES:
            result = parse_page(text, published=None, tz=tz)
            await store_page(session, result, tz=tz, source=name)
    async with sessions() as session:
        hello = await answer_question(session, "hello", now=datetime(2023, 6, 10, tzinfo=tz), tz=tz)
        answer = await answer_question(session, "东丰镇", now=datetime(2023, 6, 10, tzinfo=tz), tz=tz)
    assert "东丰镇" in hello.text
    assert answer.notices, answer.text
    assert date(2023, 6, 1) in {n.published for n in answer.notices}
