"""Large pages sent by an admin, against the real bot over HTTP: the page is read in a child process
while everyone else is answered, the admin hears at once that it is being read, duplicates are one
line and the drafts come a page at a time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import keyboards
from bot.app import build_application
from bot.handlers.common import DEPS_KEY, App
from bot.handlers.upload import DRAFTS_PAGE
from bot.standin import StandIn, StoredMessage
from bot.worker import INLINE_CHARS
from db.engine import session_scope
from db.models import Notice
from jobs.clock import FixedClock
from tests.standin_fixtures import polling
from tests.test_bot_harness import ADMIN_ID, Harness, bot_settings

pytest_plugins = ["tests.test_bot_harness"]

EXAMPLES = Path(__file__).resolve().parents[1] / "notices" / "examples"
RESPONSIVE_SECONDS = 1.0


def big_page(variants: int, copies: int) -> str:
    """The example pages, ``copies`` times over; the first ``variants`` copies differ in a number (a
    recruitment's head count, a helpline) so that each holds two notices of its own, the rest repeat."""
    county = (EXAMPLES / "county-daily-2023-06-01.txt").read_text(encoding="utf-8")
    taipei = (EXAMPLES / "taipei-2023-08-10.txt").read_text(encoding="utf-8")
    city = (EXAMPLES / "city-daily-2023-06-15.txt").read_text(encoding="utf-8")
    assert "护理人员10名" in county
    assert "8733-5678" in taipei
    parts = []
    for copy in range(copies):
        number = copy % variants
        parts += [
            county.replace("护理人员10名", f"护理人员{number + 10}名"),
            taipei.replace("8733-5678", f"8733-{number:04d}"),
            city,
        ]
    return "\n\n".join(parts)


async def notice_count(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with session_scope(sessions) as session:
        return int(await session.scalar(select(func.count()).select_from(Notice)) or 0)


@asynccontextmanager
async def concurrent_bot(
    server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> AsyncIterator[App]:
    """The bot as ``noticebot run`` builds it: several chats' updates handled at once."""
    app = build_application(
        bot_settings(db_url),
        sessions,
        clock=clock,
        token=server.token,
        base_url=server.url,
        concurrency=4,
    )
    async with polling(app):
        yield app


def texts(messages: list[StoredMessage]) -> list[str]:
    return [m.plain or "" for m in messages]


async def test_a_large_upload_is_read_aside_while_everyone_else_is_answered(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    server = standin_server
    page = big_page(variants=5, copies=500)
    assert len(page.encode()) > 1_500_000
    assert len(page) > INLINE_CHARS
    admin = server.user("Editor", user_id=ADMIN_ID, language_code="zh")
    reader = server.user("Reader", language_code="en")
    async with concurrent_bot(server, sessions, clock, db_url):
        since = server.mark()
        server.document(admin, None, "big.txt", page.encode())
        [reading] = await server.wait_for_messages(admin.id, since=since, timeout=10)
        assert (reading.plain or "").startswith("正在读取“big.txt”（")

        loop = asyncio.get_running_loop()
        latencies = []
        for _ in range(3):
            started = loop.time()
            [welcome] = await server.say(reader, None, "/start", timeout=RESPONSIVE_SECONDS)
            latencies.append(loop.time() - started)
            assert "/subscribe" in (welcome.plain or "") or welcome.buttons
        assert max(latencies) < RESPONSIVE_SECONDS, latencies
        assert len(server.sent_to(admin.id)) == 1, "the page was still being read meanwhile"

        replies = await server.wait_for_messages(admin.id, since=since, count=4, timeout=90)
        summary = replies[1].plain or ""
        assert summary.startswith("找到 4,000 条公告：新草稿 16 条，已存在 0 条"), summary
        assert summary.endswith("另有 3,984 条在页面里重复出现。"), summary
    assert await notice_count(sessions) == 16


async def test_drafts_come_a_page_at_a_time_and_known_notices_are_one_line(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    variants = 30  # 2 notices of each variant and 6 shared by all: 66 drafts, in 4 pages
    page = big_page(variants=variants, copies=variants + 1)
    first = await harness.upload(admin, "page.txt", page.encode())
    lines = texts(first)
    assert lines[0].startswith("Reading page.txt (")
    assert lines[1].startswith("Found 248 notices: 66 new drafts, 0 already stored;")
    assert lines[1].endswith(" 182 more repeat a notice earlier on the page.")
    cards = first[2:-1]
    assert len(cards) == DRAFTS_PAGE
    assert all(card.buttons for card in cards)
    pager = first[-1]
    assert pager.plain == f"{DRAFTS_PAGE} of 66 drafts"
    assert [b["text"] for b in pager.buttons] == ["Next ▶"]

    pressed = await harness.press(admin, pager, "Next ▶")
    assert harness.current(pager).buttons == [], "a used Next button goes"
    assert len(pressed.messages) == DRAFTS_PAGE + 1
    assert pressed.messages[-1].plain == f"{2 * DRAFTS_PAGE} of 66 drafts"
    third = await harness.press(admin, pressed.messages[-1], "Next ▶")
    last = await harness.press(admin, third.messages[-1], "Next ▶")
    assert len(last.messages) == 66 - 3 * DRAFTS_PAGE + 1
    assert last.messages[-1].plain == "That was all 66 drafts."
    assert last.messages[-1].buttons == []
    pages = (first[2:], pressed.messages, third.messages, last.messages)
    ids = [int((m.plain or "").split()[0].lstrip("#")) for p in pages for m in p[:-1]]
    assert ids == sorted(ids), "in order"
    assert len(set(ids)) == 66, "every draft once"

    # The same page again: what is known is one line, and no card comes.
    again = await harness.upload(admin, "page.txt", page.encode())
    assert len(again) == 3
    assert texts(again)[1].startswith("Found 248 notices: 0 new drafts, 66 already stored;")
    known = texts(again)[2]
    assert known.startswith("Already stored: #1 (draft), #2 (draft), ")
    assert known.count("(draft)") == 10
    assert known.endswith(" … 66 in all")


async def test_a_stranger_cannot_page_through_drafts(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    stranger = harness.server.user("Stranger", language_code="en")
    replies = await harness.upload(admin, "page.txt", big_page(variants=15, copies=16).encode())
    pager = replies[-1]
    assert pager.buttons
    pressed = await harness.press_data(stranger, pager, str(pager.buttons[0]["callback_data"]))
    assert "administrators" in pressed.alert
    assert pressed.messages == []
    assert harness.current(pager).buttons == pager.buttons


async def test_a_stopping_bot_stores_nothing_and_keeps_the_admins_place(harness: Harness) -> None:
    """What the admin is told while the bot stops (SIGTERM sets the event; tests/test_upload_process.py
    stops a real process): a page is not read, and Next gives back the button, not the cards."""
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    replies = await harness.upload(admin, "page.txt", big_page(variants=15, copies=16).encode())
    pager = replies[-1]
    assert pager.plain == f"{DRAFTS_PAGE} of 36 drafts"
    stored = await notice_count(harness.sessions)

    stopping = harness.app.bot_data[DEPS_KEY].stopping
    stopping.set()
    pressed = await harness.press(admin, pager, "Next ▶")
    [kept] = pressed.messages
    assert kept.plain == f"{DRAFTS_PAGE} of 36 drafts", "no card was sent, the place is kept"
    later = await harness.upload(admin, "other.txt", big_page(variants=40, copies=41).encode())
    assert texts(later)[-1] == (
        "The bot is restarting: I stopped reading other.txt and stored nothing. "
        "Please send it again in a minute."
    )
    assert await notice_count(harness.sessions) == stored

    stopping.clear()  # as after a restart
    rest = await harness.press(admin, kept, "Next ▶")
    assert len(rest.messages) == 36 - DRAFTS_PAGE + 1
    assert rest.messages[-1].plain == "That was all 36 drafts."


def test_next_page_data_passes_the_callback_check() -> None:
    from bot import callbacks

    markup = keyboards.more_drafts("en", 1, 20, 134)
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["d:more:1:20:134"]
    assert callbacks.is_valid("d:more:1:20:134")
    assert not callbacks.is_valid("d:more:1:20")
