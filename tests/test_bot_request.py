"""The Bot API client on aiohttp (bot.request): what it sends, and the library's errors for a server that
is slow or not there, against a small server of the test's own."""

from __future__ import annotations

import asyncio
import io
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut

from bot.request import AiohttpRequest

TOKEN = "123456:TEST-token"
ME = {"id": 123456, "is_bot": True, "first_name": "Test", "username": "test_bot"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Recorder:
    """A Bot API of three methods that keeps what it was sent."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str, Any]] = []
        self.delay = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            body: Any = await request.json()
        else:
            form = await request.post()
            body = {k: (v.file.read() if isinstance(v, web.FileField) else v) for k, v in form.items()}
        self.received.append((method, request.content_type, body))
        await asyncio.sleep(self.delay)
        if method == "getMe":
            return web.json_response({"ok": True, "result": ME})
        chat = {"id": 42, "type": "private", "first_name": "A"}
        message = {"message_id": 7, "date": 0, "chat": chat, "text": "x"}
        return web.json_response({"ok": True, "result": message})


@pytest.fixture
async def api() -> AsyncIterator[tuple[Recorder, str]]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield recorder, f"http://127.0.0.1:{port}/bot"
    finally:
        await runner.cleanup()


async def test_parameters_go_as_one_json_body_with_their_types(api: tuple[Recorder, str]) -> None:
    recorder, base = api
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("封路", callback_data="n:1")]])
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest()) as bot:
        await bot.send_message(42, "哪些路封闭 <b>", reply_markup=markup)
    method, content_type, body = recorder.received[-1]
    assert (method, content_type) == ("sendMessage", "application/json")
    assert body["chat_id"] == 42
    assert body["text"] == "哪些路封闭 <b>"
    assert body["reply_markup"] == {"inline_keyboard": [[{"text": "封路", "callback_data": "n:1"}]]}


async def test_a_file_goes_as_a_multipart_form(api: tuple[Recorder, str]) -> None:
    recorder, base = api
    async with Bot(TOKEN, base_url=base, request=AiohttpRequest()) as bot:
        await bot.send_document(42, InputFile(io.BytesIO(b"page text"), filename="page.txt"), caption="x")
    method, content_type, body = recorder.received[-1]
    assert (method, content_type) == ("sendDocument", "multipart/form-data")
    assert body["chat_id"] == "42"
    assert body["caption"] == "x"
    assert b"page text" in [v for v in body.values() if isinstance(v, bytes)]


async def test_a_slow_server_is_a_timeout_and_a_missing_one_a_network_error(
    api: tuple[Recorder, str],
) -> None:
    recorder, base = api
    request = AiohttpRequest(read_timeout=0.2)
    async with Bot(TOKEN, base_url=base, request=request) as bot:
        recorder.delay = 1.0
        with pytest.raises(TimedOut):
            await bot.send_message(42, "slow")
        with pytest.raises(TimedOut):  # a timeout the call names wins over the default
            await bot.send_message(42, "slow", read_timeout=0.1)
    gone = AiohttpRequest()
    await gone.initialize()
    try:
        with pytest.raises(NetworkError):
            await gone.post(f"http://127.0.0.1:{_free_port()}/bot{TOKEN}/getMe")
    finally:
        await gone.shutdown()
