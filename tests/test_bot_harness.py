"""The harness the bot tests share: the real Application, built by ``build_application``, polling the local
Bot API stand-in over HTTP, with a fixed clock and a fresh database (SQLite or PostgreSQL).

``Harness.send``/``press`` script one update and return what the bot sent in reply. They know the bot is
done with an update by sending an inline query from a bystander right after it and waiting for its answer:
updates are handled one at a time, in order, so that answer means everything before it was handled.
Other test modules import the fixtures from here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_application, set_commands
from bot.handlers.common import App
from bot.settings import Settings
from bot.standin import Chat, Request, StandIn, StoredMessage, User
from bot.throttle import Throttle
from db.engine import session_scope
from db.store import store_page
from jobs.clock import FixedClock
from notices.parse import parse_page
from tests.standin_fixtures import polling

TZ = ZoneInfo("Asia/Shanghai")
ADMIN_ID = 777
START = datetime(2022, 5, 12, 9, 0, tzinfo=TZ)
"""Mid-way through the sample page's road closure (11–26 May 2022), while recruitment is open."""


@dataclass(slots=True)
class Harness:
    server: StandIn
    app: App
    clock: FixedClock
    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    bystander: User = field(init=False)

    def __post_init__(self) -> None:
        self.bystander = self.server.user("Bystander", user_id=999_999, language_code="en")

    async def settle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has handled every update queued so far."""
        since = self.server.mark()
        query_id = self.server.inline_query(self.bystander, "")
        await self.server.wait_for(
            "answerInlineQuery",
            since=since,
            predicate=lambda r: r.params.get("inline_query_id") == query_id,
            timeout=timeout,
        )

    def _sent_since(self, since: int, chat_id: int | None) -> list[StoredMessage]:
        return [m for m in self.server.sent if m.seq >= since and (chat_id is None or m.chat.id == chat_id)]

    async def send(
        self, user: User, text: str, chat: Chat | None = None, **kwargs: Any
    ) -> list[StoredMessage]:
        """``user`` writes ``text`` (in their private chat unless ``chat``); the bot's messages in reply."""
        since = self.server.mark()
        message = self.server.user_message(user, chat, text, **kwargs)
        await self.settle()
        return self._sent_since(since, message.chat.id)

    async def upload(
        self, user: User, name: str, data: bytes, mime: str = "text/plain", chat: Chat | None = None
    ) -> list[StoredMessage]:
        since = self.server.mark()
        message = self.server.document(user, chat, name, data, mime)
        await self.settle()
        return self._sent_since(since, message.chat.id)

    async def press(self, user: User, message: StoredMessage, label: str) -> Pressed:
        """``user`` presses a button (by label) on a bot message; what came back."""
        since = self.server.mark()
        query_id = self.server.press(user, message, label)
        await self.settle()
        return self._pressed(since, query_id, message.chat.id)

    async def press_data(
        self, user: User, message: StoredMessage, data: str, *, check: bool = True
    ) -> Pressed:
        since = self.server.mark()
        query_id = self.server.callback_query(user, message, data, check=check)
        await self.settle()
        return self._pressed(since, query_id, message.chat.id)

    def _pressed(self, since: int, query_id: str, chat_id: int) -> Pressed:
        answers = [
            r
            for r in self.server.requests("answerCallbackQuery")[0:]
            if r.params.get("callback_query_id") == query_id
        ]
        edits = [r for r in self.server.requests()[since:] if r.method.startswith("editMessage")]
        return Pressed(answers=answers, edits=edits, messages=self._sent_since(since, chat_id))

    def current(self, message: StoredMessage) -> StoredMessage:
        """The message as it is now (after edits)."""
        found = self.server.api.message(message.chat.id, message.message_id)
        assert found is not None
        return found


@dataclass(slots=True)
class Pressed:
    answers: list[Request]
    edits: list[Request]
    messages: list[StoredMessage]

    @property
    def alert(self) -> str:
        """The text of the pop-up or toast the button press got (empty when none)."""
        return " ".join(str(r.params.get("text", "")) for r in self.answers)


def bot_settings(db_url: str, **extra: Any) -> Settings:
    base, _, schema = db_url.partition("#schema=")
    values: dict[str, Any] = {
        "DATABASE_URL": base,
        "ADMIN_IDS": str(ADMIN_ID),
        "NOTICEBOT_TZ": "Asia/Shanghai",
        "TELEGRAM_BOT_TOKEN": None,
        "TELEGRAM_API_BASE_URL": None,
    }
    if schema:
        values["NOTICEBOT_DB_SCHEMA"] = schema
    values.update(extra)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def publish_sample(sessions: async_sessionmaker[AsyncSession], page: str) -> list[int]:
    """Store the sample page as published notices (as ``noticebot ingest`` does); their ids."""
    result = parse_page(page, published=date(2022, 5, 10), tz=TZ)
    async with session_scope(sessions) as session:
        report = await store_page(session, result, tz=TZ, source="sample")
    return [stored.id for stored in report.stored]


@pytest.fixture
async def standin_server() -> AsyncIterator[StandIn]:
    async with StandIn() as server:
        yield server


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@asynccontextmanager
async def running_bot(
    server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, settings: Settings
) -> AsyncIterator[App]:
    """The bot as ``noticebot run`` builds it, polling ``server``. Its throttle lets each user send 30
    messages and then refills only as the test says (time stands still), so flood tests are exact."""
    app = build_application(
        settings,
        sessions,
        clock=clock,
        token=server.token,
        base_url=server.url,
        throttle=Throttle(burst=30, rate=1.0, monotonic=lambda: 0.0),
        page_size=4,
    )
    async with polling(app):
        await set_commands(app)
        yield app


@pytest.fixture
async def harness(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> AsyncIterator[Harness]:
    settings = bot_settings(db_url)
    async with running_bot(standin_server, sessions, clock, settings) as app:
        yield Harness(standin_server, app, clock, sessions, settings)


@pytest.fixture
async def sample_ids(sessions: async_sessionmaker[AsyncSession], sample_page: str) -> list[int]:
    return await publish_sample(sessions, sample_page)


async def test_harness_settles_after_each_update(harness: Harness) -> None:
    user = harness.server.user("Ann", language_code="en")
    replies = await harness.send(user, "/help")
    assert len(replies) == 1
    assert "/subscribe" in (replies[0].plain or "")
