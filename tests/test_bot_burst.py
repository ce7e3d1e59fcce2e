"""A burst list pushed through the real bot: its Next and Previous buttons page it in place."""

from __future__ import annotations

import re
from datetime import date

from db.engine import session_scope
from db.models import Subscription
from jobs.dispatcher import Dispatcher
from jobs.planner import sweep
from jobs.sender import TelegramSender
from notices.categories import Category
from notices.model import ParsedNotice
from tests.standin_fixtures import stand_in_bot
from tests.test_bot_harness import TZ, Harness
from tests.test_jobs_support import add_notice

pytest_plugins = ["tests.test_bot_harness"]


def listed(text: str | None) -> list[int]:
    return [int(n) for n in re.findall(r"/notice (\d+)", text or "")]


async def test_a_burst_list_pages_in_place(harness: Harness) -> None:
    user = harness.server.user("Ann", language_code="en")
    await harness.send(user, "/start")
    async with session_scope(harness.sessions) as session:
        session.add(Subscription(chat_id=user.id, kind="category", value="rental"))
    ids = [
        await add_notice(
            harness.sessions,
            ParsedNotice(
                title=f"Shop to let No. {n}",
                category=Category.RENTAL,
                body=f"Shop {n} on People's Street to let.",
                published=date(2022, 5, 12),
            ),
        )
        for n in range(1, 13)
    ]
    async with session_scope(harness.sessions) as session:
        await sweep(session, now=harness.clock.now(), tz=TZ, burst=3)
    async with stand_in_bot(harness.server) as bot:
        dispatcher = Dispatcher(
            harness.sessions, TelegramSender(bot), harness.clock, tz=TZ, sleep=harness.clock.sleep
        )
        stats = await dispatcher.run_once()
    assert stats.messages == 1
    [pushed] = [m for m in harness.server.sent_to(user.id) if "new notices" in (m.plain or "")]
    assert (pushed.plain or "").startswith("🆕 12 new notices match your subscriptions (1/2)")
    assert listed(pushed.plain) == ids[:10]

    pressed = await harness.press(user, pushed, "Next ›")
    assert len(pressed.edits) == 1
    now = harness.current(pushed).plain or ""
    assert "(2/2)" in now
    assert listed(now) == ids[10:]
    await harness.press(user, harness.current(pushed), "‹ Previous")
    assert "(1/2)" in (harness.current(pushed).plain or "")

    other = harness.server.user("Bob", language_code="en")
    [own] = await harness.send(other, "/help")
    data = next(b["callback_data"] for row in pushed.reply_markup["inline_keyboard"] for b in row)
    stolen = await harness.press_data(other, own, data, check=False)
    assert "expired" in stolen.alert
    assert "(1/2)" in (harness.current(pushed).plain or "")
