"""Proof that web processes keep nothing between updates: three ``noticebot run --webhook --no-scheduler``
processes behind a round-robin proxy answer a conversation whose updates alternate between them (a
subscription, settings, an admin's draft card with Edit period and Publish, /add across all its steps,
questions) exactly as one process does, drop an update delivered twice and still handle a late one.

PostgreSQL only: that is what several processes share (SQLite serves one process)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import text

import notices
from bot.standin import StandIn, StoredMessage, User
from db.engine import make_engine, upgrade
from tests.conftest import postgres_url
from tests.test_bot_runner import free_port
from tests.test_run_process import BANNER_END, ENTRY, Bot

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ADMIN = 777
EXAMPLE = Path(notices.__file__).parent / "examples" / "county-daily-2023-06-01.txt"
SHOWN = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery", "deleteMessage")
"""The bot's requests a person sees; the rest (getMe, setWebhook, the command menu) are per process."""
PAGE = EXAMPLE.read_bytes()


class RoundRobin:
    """A reverse proxy (the load balancer): each request goes to the next web process in turn."""

    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.turn = 0
        self.handled: list[tuple[int, int]] = []  # (update_id, backend index)
        self.bodies: dict[int, bytes] = {}
        self.app = web.Application()
        self.app.router.add_post("/hook", self.forward)
        self.runner = web.AppRunner(self.app, access_log=None)
        self.client: aiohttp.ClientSession | None = None

    async def start(self) -> int:
        self.client = aiohttp.ClientSession()
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        return int(self.runner.addresses[0][1])

    async def close(self) -> None:
        await self.runner.cleanup()
        if self.client is not None:
            await self.client.close()

    async def forward(self, request: web.Request) -> web.Response:
        assert self.client is not None
        body = await request.read()
        index = self.turn % len(self.backends)
        self.turn += 1
        headers = {
            k: v for k, v in request.headers.items() if k.lower().startswith(("x-telegram", "content-type"))
        }
        url = f"http://127.0.0.1:{self.backends[index]}/hook"
        try:
            async with self.client.post(url, data=body, headers=headers) as response:
                answer = await response.read()
                status = response.status
        except aiohttp.ClientError:
            return web.Response(status=502)
        update_id = int(json.loads(body)["update_id"])
        self.handled.append((update_id, index))
        self.bodies.setdefault(update_id, body)
        return web.Response(status=status, body=answer)


@asynccontextmanager
async def fresh_schema() -> AsyncIterator[tuple[str, str]]:
    """A migrated schema of its own: (DATABASE_URL, NOTICEBOT_DB_SCHEMA)."""
    pg = postgres_url()
    assert pg is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(pg)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = make_engine(pg, schema=schema)
        await upgrade(engine)  # `noticebot db upgrade` before the web processes start, as in the README
        await engine.dispose()
        yield pg, schema
    finally:
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@asynccontextmanager
async def cluster(size: int, server: StandIn, tmp_path: Path) -> AsyncIterator[RoundRobin]:
    """``size`` web processes on a fresh schema behind a round-robin proxy the stand-in delivers to."""
    ports = [free_port() for _ in range(size)]
    proxy = RoundRobin(ports)
    proxy_port = await proxy.start()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOT_", "TELEGRAM_"))}
    bots: list[Bot] = []
    try:
        async with fresh_schema() as (url, schema):
            for port in ports:
                process = await asyncio.create_subprocess_exec(
                    *ENTRY,
                    "run",
                    "--webhook",
                    f"http://127.0.0.1:{proxy_port}/hook",
                    "--listen",
                    f"127.0.0.1:{port}",
                    "--no-scheduler",
                    cwd=tmp_path,
                    env={
                        **base,
                        "DATABASE_URL": url,
                        "NOTICEBOT_DB_SCHEMA": schema,
                        "TELEGRAM_BOT_TOKEN": server.token,
                        "TELEGRAM_API_BASE_URL": server.url,
                        "ADMIN_IDS": str(ADMIN),
                        "NOTICEBOT_INSTANCE_CHECK_SECONDS": "0",
                    },
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.STDOUT,
                )
                bots.append(Bot(process))
            for bot in bots:
                await bot.wait_for(BANNER_END, timeout=60)
            yield proxy
            for bot in bots:
                bot.process.terminate()
            for bot in bots:
                assert await bot.exit_code() == 0, bot.output
                assert "Traceback" not in bot.output, bot.output
    finally:
        for bot in bots:
            if bot.process.returncode is None:
                bot.process.kill()
                await bot.exit_code()
        await proxy.close()


class Person:
    """Someone chatting with the bot through the stand-in; each step waits until the bot is done."""

    def __init__(self, server: StandIn, user: User, bystander: User) -> None:
        self.server, self.user, self.bystander = server, user, bystander

    async def settle(self) -> None:
        """Updates are delivered one at a time and answered once handled: a bystander's inline query
        answered means everything before it was handled, whichever process took it."""
        since = self.server.mark()
        query_id = self.server.inline_query(self.bystander, "")
        await self.server.wait_for(
            "answerInlineQuery",
            since=since,
            predicate=lambda r: r.params.get("inline_query_id") == query_id,
            timeout=30,
        )

    async def say(self, words: str) -> list[StoredMessage]:
        since = self.server.mark()
        self.server.user_message(self.user, None, words)
        await self.settle()
        return [m for m in self.server.sent_to(self.user.id) if m.seq >= since]

    async def upload(self, name: str, data: bytes) -> list[StoredMessage]:
        since = self.server.mark()
        self.server.document(self.user, None, name, data)
        await self.settle()
        return [m for m in self.server.sent_to(self.user.id) if m.seq >= since]

    async def press(self, message: StoredMessage, label: str) -> StoredMessage:
        current = self.server.api.message(message.chat.id, message.message_id)
        assert current is not None
        self.server.press(self.user, current, label)
        await self.settle()
        after = self.server.api.message(message.chat.id, message.message_id)
        assert after is not None
        return after


def last(
    messages: list[StoredMessage], has: Callable[[StoredMessage], bool] = lambda m: True
) -> StoredMessage:
    return [m for m in messages if has(m)][-1]


async def conversation(server: StandIn) -> None:
    """The same script for one process and for three."""
    bystander = server.user("Bystander", user_id=999_999, language_code="en")
    ann = Person(server, server.user("Ann", user_id=1001, language_code="en"), bystander)
    boss = Person(server, server.user("Editor", user_id=ADMIN, language_code="en"), bystander)

    await ann.say("/start")
    await ann.say("/subscribe 东丰镇")
    [menu] = await ann.say("/settings")
    await ann.press(menu, "Language")
    await ann.say("/settings quiet 22:30-6:45")

    cards = await boss.upload(EXAMPLE.name, PAGE)
    card = last(cards, lambda m: "封" in (m.plain or "") and len(m.buttons) == 4)
    await boss.press(card, "Edit period")
    await ann.say("what roads are closed")  # another chat between the admin's steps
    [bad] = await boss.say("not a date at all")
    assert "as a date" in (bad.plain or "")
    [changed] = await boss.say("2023年6月6日至6月21日")
    assert "has new dates" in (changed.plain or "")
    assert "Published" in ((await boss.press(changed, "Publish")).plain or "")

    await boss.say("/add")
    await ann.say("/mysubs")
    [categories] = await boss.say("Water main works on Renmin Street")
    await boss.press(categories, "Water outage")
    await boss.say("2023年6月10日至6月12日")
    await boss.say("/skip")
    [preview] = await boss.say("No water in the east of the town.")
    assert "10–12 June 2023" in (preview.plain or "")
    published = (await boss.press(preview, "Publish")).plain or ""
    assert "Published #" in published
    number = re.search(r"#(\d+)", published)
    assert number is not None
    [found] = await ann.say(f"/notice {number.group(1)}")
    assert "Water main works on Renmin Street" in (found.plain or "")
    [subscriptions] = await ann.say("/mysubs")
    assert "东丰镇" in (subscriptions.plain or "")
    assert not [d for d in server.webhook_deliveries if d[1] != 200], server.webhook_deliveries


def transcript(server: StandIn) -> list[dict[str, Any]]:
    """What the people saw, in order, without the per-process and per-query details."""
    seen = []
    for request in server.requests():
        if request.method not in SHOWN:
            continue
        params = {k: v for k, v in request.params.items() if k != "callback_query_id"}
        seen.append({"method": request.method, "ok": request.ok, **params})
    return seen


@pytest.mark.skipif(postgres_url() is None, reason="needs PostgreSQL (DATABASE_URL)")
async def test_three_web_processes_answer_as_one(tmp_path: Path) -> None:
    async with StandIn() as alone:
        async with cluster(1, alone, tmp_path):
            await conversation(alone)
        expected = transcript(alone)

    async with StandIn() as server, cluster(3, server, tmp_path) as proxy:
        await conversation(server)
        seen = transcript(server)

        # The people's updates went to every process, one after another.
        people = [
            index for update_id, index in proxy.handled if update_id in _updates_of(proxy, {1001, ADMIN})
        ]
        assert len(people) >= 20
        assert all(people.count(index) >= len(people) // 4 for index in range(3)), people
        assert sum(a != b for a, b in pairwise(people)) >= len(people) // 2, people

        # A delivery repeated to another process is dropped; a late one from the same chat is handled.
        ann_updates = sorted(_updates_of(proxy, {1001}))
        before = len(server.sent_to(1001))
        async with aiohttp.ClientSession() as client:
            repeated = await client.post(
                f"http://127.0.0.1:{_proxy_port(proxy)}/hook",
                data=proxy.bodies[ann_updates[0]],
                headers=_headers(server),
            )
            assert repeated.status == 200
            await Person(server, server.api.users[1001], server.api.users[999_999]).settle()
            assert len(server.sent_to(1001)) == before, "the repeated /start got no second welcome"

            late_id = next(u for u in range(ann_updates[-1] - 1, 0, -1) if u not in ann_updates)
            late = json.loads(proxy.bodies[ann_updates[-1]])
            late["update_id"] = late_id
            late["message"]["text"] = "/help"
            late["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 5}]
            answered = await client.post(
                f"http://127.0.0.1:{_proxy_port(proxy)}/hook", json=late, headers=_headers(server)
            )
            assert answered.status == 200
        assert len(server.sent_to(1001)) == before + 1, "an older update not seen before is handled"

    assert seen == expected
    assert sum(1 for entry in seen if entry["method"] == "sendMessage") >= 15


def _updates_of(proxy: RoundRobin, users: set[int]) -> set[int]:
    found = set()
    for update_id, body in proxy.bodies.items():
        update = json.loads(body)
        for kind in ("message", "callback_query"):
            sender = update.get(kind, {}).get("from", {}).get("id")
            if sender in users:
                found.add(update_id)
    return found


def _proxy_port(proxy: RoundRobin) -> int:
    return int(proxy.runner.addresses[0][1])


def _headers(server: StandIn) -> dict[str, str]:
    from bot.runner import token_secret

    return {"X-Telegram-Bot-Api-Secret-Token": token_secret(server.token)}
