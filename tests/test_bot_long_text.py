"""Long text in a chat, as Telegram delivers it (a client cuts a paste over 4096 characters into several
messages): a stranger's long "question" is told once, in the chat's language, that it is too long;
an admin's long paste is read as page text, with advice to send such a page as a file."""

from __future__ import annotations

from bot.handlers.ask import MAX_QUESTION
from tests.test_bot_harness import ADMIN_ID, Harness

pytest_plugins = ["tests.test_bot_harness"]

QUESTION = "请问东丰镇人民大街什么时候恢复通行，"


async def test_a_pasted_long_question_is_told_once_that_it_is_too_long(
    harness: Harness, sample_ids: list[int]
) -> None:
    user = harness.server.user("小王", language_code="zh-hans")
    long_question = QUESTION * 235  # 4,230 characters: two messages, the second short enough to ask
    assert len(long_question) - 4096 < MAX_QUESTION
    replies = await harness.send(user, long_question)
    assert [m.plain for m in replies] == ["这个问题太长了。请用一两句话提问，最多 300 个字；/help 里有示例。"]
    assert "什么也没有保存" not in (replies[0].plain or ""), "not the admins' upload reply"

    [answer] = await harness.send(user, "哪些路封闭")
    assert "封路公告" in (answer.plain or ""), "the next question is answered as usual"

    english = harness.server.user("Ann", language_code="en")
    [told] = await harness.send(english, "When does the road reopen? " * 200)
    assert (told.plain or "").startswith("That question is too long.")

    [fits] = await harness.send(english, ("Is Main Street closed? " * 20)[:MAX_QUESTION])
    assert "too long" not in (fits.plain or "")


async def test_an_admins_long_paste_is_page_text_with_advice_to_send_a_file(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    replies = await harness.send(admin, "A long letter with no notice in it. " * 130)  # 4,680 characters
    texts = [m.plain or "" for m in replies]
    assert texts[0].startswith("I found no notice in it")
    assert texts[1].startswith("Telegram splits text over 4096 characters into several messages")
    assert texts[2].startswith("I found no notice in it"), "the rest of the paste, read in its turn"
    assert len(texts) == 3
