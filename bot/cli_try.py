"""``noticebot try``: a chat with the bot in the terminal, for someone without a token.

The real Application runs against the local Bot API stand-in (``bot.standin``); what it sends back is
printed, with inline buttons as numbered choices. The example pages are ingested into an empty
database first, so there is something to ask about.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shlex
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from bot.cli_support import settings_of

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.handlers.common import App
    from bot.settings import Settings
    from bot.standin import StandIn, StoredMessage, User
    from jobs.clock import Clock


@click.command("try")
@click.option(
    "--at",
    "at",
    metavar="YYYY-MM-DD[THH:MM]",
    help="Pretend it is this moment (the example pages are from June and August 2023: try 2023-06-10).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Your Telegram language (default: from $LANG).")
@click.pass_obj
def try_command(obj: Any, at: str | None, lang: str | None) -> None:
    """Chat with the bot in this terminal, no token needed: the real bot against a local stand-in.

    Type as you would in Telegram. A number picks one of the buttons shown as [1] [2] …;
    "@ words" is an inline query; "/upload PATH" sends a file (you are an admin here); /quit ends.
    """
    settings = settings_of(obj)
    import os

    language = lang or ("zh" if os.environ.get("LANG", "").lower().startswith("zh") else "en")
    moment = _moment(at, settings.zone)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(_try(settings, moment, language, _terminal_input, click.echo))


def _moment(value: str | None, tz: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    try:
        text = value.strip()
        moment = (
            datetime.combine(date.fromisoformat(text), datetime.min.time().replace(hour=9))
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError as error:
        raise click.BadParameter(
            f"{value!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", param_hint="--at"
        ) from error
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


async def _terminal_input(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        print()  # end the prompt's line, so the shell's prompt starts on its own
        return None


class _MovingClock:
    """Real time passing, from a pretended start (``--at``) or from now."""

    def __init__(self, start: datetime | None) -> None:
        self._offset = (start - datetime.now(UTC)) if start is not None else None

    def now(self) -> datetime:
        real = datetime.now(UTC)
        return real + self._offset if self._offset is not None else real


async def _try(
    settings: Settings,
    at: datetime | None,
    language: str,
    read: Callable[[str], Awaitable[str | None]],
    write: Callable[[str], None],
) -> None:
    """The terminal conversation; ``read`` returns None at the end of input."""
    from bot.app import build_application
    from bot.context import open_database
    from bot.standin import StandIn

    async with open_database(settings) as sessions:
        ingested = await ingest_examples(sessions, settings.zone)
        if ingested:
            write(f"(stored {ingested} notices from the example pages)")
        if at is None:
            latest = await _latest_publication(sessions)
            if latest is not None and (datetime.now(UTC).date() - latest).days > 30:
                write(
                    f"(the newest stored notice was published on {latest}; "
                    f"`noticebot try --at {latest}` pretends it is that day)"
                )
        async with StandIn() as server:
            you = server.user("You", language_code="zh-hans" if language == "zh" else "en")
            bystander = server.user("Bystander", language_code="en")
            local = settings.model_copy(update={"admin_ids": frozenset({*settings.admin_ids, you.id})})
            clock: Clock = _MovingClock(at)
            app = build_application(local, sessions, clock=clock, token=server.token, base_url=server.url)
            session = _TrySession(server, app, you, bystander, write)
            await session.run(read)


async def ingest_examples(sessions: async_sessionmaker[AsyncSession], tz: ZoneInfo) -> int:
    """Store the example pages (as ``noticebot ingest`` would) when the database has no notice yet."""
    from sqlalchemy import func, select

    import notices
    from db.engine import session_scope
    from db.models import Notice
    from db.store import store_page
    from notices.decode import decode_input
    from notices.parse import parse_page

    async with session_scope(sessions) as session:
        if await session.scalar(select(func.count()).select_from(Notice)):
            return 0
        stored = 0
        for path in sorted((Path(notices.__file__).parent / "examples").glob("*.txt")):
            found = re.search(r"\d{4}-\d{2}-\d{2}", path.name)
            published = date.fromisoformat(found.group(0)) if found else None
            text = decode_input(path.read_bytes(), name=path.name, max_bytes=50 * 1024 * 1024)
            report = await store_page(
                session, parse_page(text, published=published, tz=tz), tz=tz, source=path.name
            )
            stored += len(report.stored)
        return stored


def _read_file(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


async def _latest_publication(sessions: async_sessionmaker[AsyncSession]) -> date | None:
    from sqlalchemy import func, select

    from db.models import Notice

    async with sessions() as session:
        value = await session.scalar(select(func.max(Notice.published)))
    return value if isinstance(value, date) else None


class _TrySession:
    """One person chatting with the bot through the stand-in; bot messages printed, buttons numbered."""

    def __init__(
        self, server: StandIn, app: App, you: User, bystander: User, write: Callable[[str], None]
    ) -> None:
        self.server = server
        self.app = app
        self.you = you
        self.bystander = bystander
        self.write = write
        self.buttons: list[tuple[StoredMessage, dict[str, Any]]] = []

    async def run(self, read: Callable[[str], Awaitable[str | None]]) -> None:
        from bot.app import set_commands

        async with self.app:
            await set_commands(self.app)
            updater = self.app.updater
            assert updater is not None
            await updater.start_polling(poll_interval=0, timeout=1)
            await self.app.start()
            try:
                self.write('Chatting with the bot. Numbers pick buttons, "@ words" is inline, /quit ends.')
                await self.turn(lambda: self.server.command(self.you, None, "start"))
                while True:
                    line = await read("you> ")
                    if line is None or line.strip() in ("/quit", "/exit"):
                        break
                    await self.handle(line.strip())
            finally:
                await updater.stop()
                await self.app.stop()

    async def handle(self, line: str) -> None:
        if not line:
            return
        if line.isdigit():
            index = int(line) - 1
            if not 0 <= index < len(self.buttons):
                self.write("(no such button)")
                return
            message, button = self.buttons[index]
            await self.turn(
                lambda: self.server.callback_query(self.you, message, str(button["callback_data"]))
            )
            return
        if line.startswith("@"):
            await self.turn(lambda: self.server.inline_query(self.you, line[1:].strip()))
            return
        if line.startswith("/upload"):
            parts = shlex.split(line)
            data = await asyncio.to_thread(_read_file, parts[1]) if len(parts) == 2 else None
            if data is None:
                self.write("(usage: /upload PATH to a readable file)")
                return
            name = Path(parts[1]).name
            mime = "application/pdf" if name.lower().endswith(".pdf") else "text/plain"
            await self.turn(lambda: self.server.document(self.you, None, name, data, mime))
            return
        await self.turn(lambda: self.server.user_message(self.you, None, line))

    async def turn(self, act: Callable[[], object]) -> None:
        """Do one thing, wait until the bot has handled it, and print everything it did in reply."""
        since = self.server.mark()
        act()
        query_id = self.server.inline_query(self.bystander, "")
        await self.server.wait_for(
            "answerInlineQuery",
            since=since,
            predicate=lambda r: r.params.get("inline_query_id") == query_id,
            timeout=30,
        )
        self.show(since)

    def show(self, since: int) -> None:
        printed: set[int] = set()
        fresh: list[tuple[StoredMessage, dict[str, Any]]] = []
        for request in self.server.requests()[since:]:
            chat_id = request.chat_id
            if request.method == "answerCallbackQuery" and request.params.get("text"):
                self.write(f"  💬 {request.params['text']}")
            elif request.method == "answerInlineQuery" and request.params.get(
                "inline_query_id"
            ) != self._sentinel(request):
                self._inline(request)
            elif (
                request.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup") and request.ok
            ):
                result = request.result if isinstance(request.result, dict) else {}
                message_id = result.get("message_id") or request.params.get("message_id")
                if chat_id != self.you.id or message_id is None or int(message_id) in printed:
                    continue
                message = self.server.api.message(self.you.id, int(message_id))
                if message is None:
                    continue
                printed.add(message.message_id)
                edited = "(edited) " if request.method != "sendMessage" else ""
                self.write(f"bot> {edited}{message.plain or ''}")
                for button in message.buttons:
                    if "callback_data" in button:
                        fresh.append((message, button))
                        self.write(f"  [{len(fresh)}] {button.get('text', '')}")
        if fresh:
            self.buttons = fresh

    def _sentinel(self, request: Any) -> str | None:
        """The bystander's inline queries only mark the end of a turn; they are not printed."""
        payload = self.server.api.inline_queries.get(str(request.params.get("inline_query_id")))
        if payload is not None and payload.get("from", {}).get("id") == self.bystander.id:
            return str(request.params.get("inline_query_id"))
        return None

    def _inline(self, request: Any) -> None:
        results = request.param("results") or []
        if isinstance(results, str):
            results = json.loads(results)
        if not results:
            self.write("  (inline: no results)")
        for number, result in enumerate(results, 1):
            self.write(f"  inline {number}. {result.get('title', '')} — {result.get('description', '')}")
