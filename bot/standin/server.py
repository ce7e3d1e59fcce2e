"""A local Telegram Bot API server for tests, benches and ``noticebot try``.

The real python-telegram-bot talks to it over HTTP (``base_url``/``base_file_url``), so what
is tested is the bot as deployed, not a mocked library. Tests script users, groups and
channels, queue their updates, wait for the bot's replies, and inject Telegram's failures.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Self

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from bot.standin.api import MAX_TEXT, BotApi, command_entities
from bot.standin.client import client_parts
from bot.standin.faults import CONFLICT_POLLING, CONFLICT_WEBHOOK, FORBIDDEN, ApiError, Fault, bad_request
from bot.standin.limits import FloodGate, FloodLimits
from bot.standin.objects import Chat, Request, StoredMessage, User
from bot.standin.params import Params, get_bool, get_int, get_json, get_str

DEFAULT_TOKEN = "123456789:STANDIN-token_for-local-tests"
DEFAULT_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "my_chat_member",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "chat_join_request",
    }
)
# Methods that put a message into a chat: they count against flood limits and fail when blocked.
SENDING = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
        "sendMediaGroup",
    }
)
CHAT_BOUND = SENDING | {"editMessageText", "editMessageReplyMarkup", "deleteMessage", "sendChatAction"}
_WAKE, _CONFLICT = "wake", "conflict"

Predicate = Callable[[Request], bool]
MessagePredicate = Callable[[StoredMessage], bool]


def _text_of(params: Params) -> str:
    return str(params.get("text", params.get("caption", "")))


class StandIn:
    """The server; use ``async with StandIn() as server:`` and point PTB at ``server.base_url``."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "noticebot_test_bot",
        bot_name: str = "Notice Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        flood_limits: FloodLimits | None = None,
        strict_entities: bool = True,
        strict_chats: bool = False,
        max_poll_seconds: float | None = None,
        webhook_retry_seconds: float = 0.05,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self._clock = clock
        self._monotonic = monotonic
        self.max_poll_seconds = max_poll_seconds
        self.webhook_retry_seconds = webhook_retry_seconds
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        self.bot_user = User(bot_id, bot_name, username=bot_username, is_bot=True)
        self.api = BotApi(
            self.bot_user,
            clock=clock,
            strict_entities=strict_entities,
            strict_chats=strict_chats,
            sequence=lambda: len(self._requests),
        )
        self._requests: list[Request] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._updates: deque[tuple[int, str, dict[str, Any]]] = deque()
        self._update_ids = itertools.count(1)
        self._last_update_id = 0
        self.delivered_update_id = 0
        self.allowed_updates: frozenset[str] = DEFAULT_UPDATES
        self._poller: asyncio.Future[str] | None = None
        self.webhook: dict[str, Any] | None = None
        self.webhook_deliveries: list[tuple[int, int | None, str | None]] = []
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_wake = asyncio.Event()
        self._webhook_error: tuple[int, str] | None = None
        self.faults: list[Fault] = []
        self.blocked: dict[int, str] = {}
        self._down_until: float | None = None
        self._down_mode = "502"
        self._gate: FloodGate | None = None
        self.count_429 = 0
        if flood_limits is not None:
            self.enforce_limits(flood_limits)
        self._callback_ids = itertools.count(1)
        self._user_ids = itertools.count(1001)
        self._group_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, tuple[str, Callable[[Params], Any] | None]] = {
            name.lower(): (name, handler) for name, handler in self.api.methods.items()
        }
        for name in ("getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo"):
            self._methods[name.lower()] = (name, None)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: the token is appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: the token is appended to it."""
        return f"{self.url}/file/bot"

    async def start(self) -> Self:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        self._wake_poller(_WAKE)
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # -- HTTP --------------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> Params:
        params: Params = dict(request.query)
        if request.method == "GET" or not request.body_exists:
            return params
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if isinstance(body, dict):
                params.update(body)
            return params
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = (value.file.read(), value.filename, value.content_type)
            else:
                params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self._down_until is not None:
            if self._monotonic() < self._down_until:
                if self._down_mode == "close" and request.transport is not None:
                    request.transport.close()
                return web.Response(status=502, text="Bad Gateway")
            self._down_until = None
        name = request.match_info["method"]
        params: Params = {}
        try:
            params = await self._read_params(request)
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            entry = self._methods.get(name.lower())
            if entry is None:
                raise ApiError(404, "Not Found")
            name, handler = entry
            self._check_faults(name, params)
            if handler is None:
                result = await self._async_method(name, params)
            else:
                result = handler(params)
        except ApiError as error:
            self._record(name, params, error.status, error.description, None)
            return web.Response(
                body=json.dumps(error.payload()).encode(),
                status=error.status,
                content_type="application/json",
            )
        self._record(name, params, 200, None, result)
        body = json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode()
        return web.Response(body=body, content_type="application/json")

    async def _download(self, request: web.Request) -> web.StreamResponse:
        stored = self.api.files_by_path.get(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    def _record(self, method: str, params: Params, status: int, description: str | None, result: Any) -> None:
        self._requests.append(
            Request(method, params, self._clock(), status, description, result, len(self._requests))
        )
        if status == 429:
            self.count_429 += 1
        if self._waiters:
            self._notify()

    # -- faults ------------------------------------------------------------------------------

    def _check_faults(self, method: str, params: Params) -> None:
        for fault in self.faults:
            if fault.matches(method, params):
                fault.fire()
                if fault.remaining == 0:
                    self.faults.remove(fault)
                raise ApiError(fault.status, fault.description, fault.retry_after)
        if method not in CHAT_BOUND:
            return
        if self.blocked:
            chat_id = (
                get_int(params, "chat_id") if not str(params.get("chat_id", "")).startswith("@") else None
            )
            if chat_id in self.blocked:
                raise ApiError(403, self.blocked[chat_id])
        if self._gate is not None and method in SENDING:
            chat = self.api.chat(params)
            retry_after = self._gate.admit(chat.id, chat.type != "private")
            if retry_after is not None:
                raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    def fail(
        self,
        method: str | None,
        status: int,
        description: str,
        *,
        count: int | None = 1,
        chat_id: int | str | None = None,
        retry_after: int | None = None,
        when: Callable[[str, Params], bool] | None = None,
    ) -> Fault:
        """Answer the next ``count`` matching calls (``None``: all, until removed) with an error."""
        fault = Fault(status, description, method, chat_id, count, retry_after, when)
        self.faults.append(fault)
        return fault

    def rate_limit(
        self, method: str = "sendMessage", *, count: int = 1, retry_after: int = 1, chat_id: int | None = None
    ) -> Fault:
        """The next ``count`` calls get 429 ``Too Many Requests: retry after N``."""
        return self.fail(
            method, 429, f"Too Many Requests: retry after {retry_after}", count=count, chat_id=chat_id,
            retry_after=retry_after,
        )  # fmt: skip

    def block(self, chat_id: int, reason: str = "blocked") -> None:
        """Every message to the chat gets 403: ``blocked``, ``kicked``, ``deactivated`` or ``channel``."""
        self.blocked[chat_id] = FORBIDDEN.get(reason, reason)

    def unblock(self, chat_id: int) -> None:
        self.blocked.pop(chat_id, None)

    def reject_message(
        self,
        contains: str,
        *,
        chat_id: int | None = None,
        description: str = "Bad Request: message can't be sent",
        count: int | None = None,
    ) -> Fault:
        """400 for messages whose text contains ``contains`` (a permanent failure of one message)."""
        return self.fail(
            None, 400, description, count=count, chat_id=chat_id,
            when=lambda method, params: method in SENDING and contains in _text_of(params),
        )  # fmt: skip

    def conflict_polling(self, count: int | None = None) -> Fault:
        """getUpdates answers 409 as when a second instance polls the same token."""
        return self.fail("getUpdates", 409, CONFLICT_POLLING, count=count)

    def go_down(self, seconds: float | None = None, *, mode: str = "502") -> None:
        """Answer every call with 502 (``mode="close"``: also drop the connection) for a while."""
        self._down_mode = mode
        self._down_until = math.inf if seconds is None else self._monotonic() + seconds

    def come_up(self) -> None:
        self._down_until = None

    def clear_faults(self) -> None:
        self.faults.clear()
        self.blocked.clear()
        self._down_until = None

    def enforce_limits(
        self,
        limits: FloodLimits | None = FloodLimits(),  # noqa: B008
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """Answer 429 whenever Telegram's flood limits would be exceeded (``None`` stops).

        ``clock`` (monotonic seconds) lets a test step time instead of waiting for it.
        """
        self._gate = None if limits is None else FloodGate(limits, clock or self._monotonic)

    # -- updates: polling and webhooks -------------------------------------------------------

    async def _async_method(self, name: str, params: Params) -> Any:
        if name == "getUpdates":
            return await self._get_updates(params)
        if name == "setWebhook":
            return self._set_webhook(params)
        if name == "deleteWebhook":
            if get_bool(params, "drop_pending_updates"):
                self._updates.clear()
            await self._stop_webhook()
            return True
        return self._webhook_info()

    def _wake_poller(self, outcome: str) -> None:
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(outcome)

    def _ready(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        updates = self._updates
        if offset is not None:
            if offset < 0:
                while len(updates) > -offset:
                    updates.popleft()
            else:
                while updates and updates[0][0] < offset:
                    updates.popleft()
        ready = []
        for update_id, kind, update in list(updates):
            if kind not in self.allowed_updates:
                updates.remove((update_id, kind, update))
                continue
            ready.append(update)
            if len(ready) >= limit:
                break
        return ready

    async def _get_updates(self, params: Params) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = get_int(params, "offset")
        limit = min(max(get_int(params, "limit", 100) or 100, 1), 100)
        timeout = max(get_int(params, "timeout", 0) or 0, 0)
        allowed = get_json(params, "allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATES
        self._wake_poller(_CONFLICT)
        ready = self._ready(offset, limit)
        if not ready and timeout > 0 and self._runner is not None:
            poller: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            self._poller = poller
            self._notify()
            wait = timeout if self.max_poll_seconds is None else min(timeout, self.max_poll_seconds)
            try:
                outcome = await asyncio.wait_for(poller, wait)
            except TimeoutError:
                outcome = _WAKE
            finally:
                if self._poller is poller:
                    self._poller = None
            if outcome == _CONFLICT:
                raise ApiError(409, CONFLICT_POLLING)
            ready = self._ready(None, limit)
        if ready:
            self.delivered_update_id = max(self.delivered_update_id, ready[-1]["update_id"])
        return ready

    def _set_webhook(self, params: Params) -> bool:
        url = get_str(params, "url") or ""
        if not url:
            self.webhook = None
            self._webhook_wake.set()
            return True
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = get_str(params, "secret_token")
        if secret is not None and (
            not all(c.isalnum() or c in "_-" for c in secret) or not 1 <= len(secret) <= 256
        ):
            raise bad_request("secret token contains unallowed characters")
        if get_bool(params, "drop_pending_updates"):
            self._updates.clear()
        allowed = get_json(params, "allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATES
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": get_int(params, "max_connections", 40),
        }
        self._wake_poller(_CONFLICT)
        self._webhook_error = None
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhooks())
        self._webhook_wake.set()
        return True

    async def _stop_webhook(self) -> None:
        self.webhook = None
        task, self._webhook_task = self._webhook_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _webhook_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook["max_connections"]
            if self.allowed_updates != DEFAULT_UPDATES:
                info["allowed_updates"] = sorted(self.allowed_updates)
        if self._webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _deliver_webhooks(self) -> None:
        """POST queued updates to the webhook one at a time, in order, retrying failures."""
        delay = self.webhook_retry_seconds
        async with ClientSession(timeout=ClientTimeout(total=30)) as session:
            while self.webhook is not None:
                self._webhook_wake.clear()
                ready = self._ready(None, 1)
                if not ready:
                    await self._webhook_wake.wait()
                    continue
                update = ready[0]
                headers = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
                status: int | None = None
                error: str | None = None
                try:
                    async with session.post(self.webhook["url"], json=update, headers=headers) as response:
                        status = response.status
                        await response.read()
                except (ClientError, TimeoutError, OSError) as exc:
                    error = f"Connection failed: {exc}"
                self.webhook_deliveries.append((update["update_id"], status, error))
                if status is not None and 200 <= status < 300:
                    self.delivered_update_id = max(self.delivered_update_id, update["update_id"])
                    if self._updates and self._updates[0][0] == update["update_id"]:
                        self._updates.popleft()
                    delay = self.webhook_retry_seconds
                    self._notify()
                    continue
                self._webhook_error = (
                    int(self._clock()),
                    error or f"Wrong response from the webhook: {status}",
                )
                self._notify()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    def _notify(self) -> None:
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    def queue(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue a raw update of ``kind`` (e.g. ``"message"``); returns its update_id."""
        update_id = self._last_update_id = next(self._update_ids)
        self._updates.append((update_id, kind, {"update_id": update_id, kind: payload}))
        self._wake_poller(_WAKE)
        self._webhook_wake.set()
        return update_id

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    # -- scripting: who and where ------------------------------------------------------------

    def user(
        self,
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        last_name: str | None = None,
    ) -> User:
        """A new user (ids from 1001 unless given); their private chat exists at once."""
        user = self.api.add_user(
            User(user_id or next(self._user_ids), first_name, username, last_name, language_code)
        )
        self.api.add_chat(
            Chat(user.id, "private", username=username, first_name=first_name, last_name=last_name)
        )
        return user

    def private_chat(self, user: User) -> Chat:
        return self.api.chats.get(user.id) or self.api.add_chat(
            Chat(user.id, "private", username=user.username, first_name=user.first_name)
        )

    def group(
        self,
        title: str = "Test group",
        *,
        chat_id: int | None = None,
        supergroup: bool = True,
        admins: Iterable[User] = (),
        members: Iterable[User] = (),
        creator: User | None = None,
    ) -> Chat:
        number = next(self._group_ids)
        if chat_id is None:
            chat_id = -(1000000000000 + number) if supergroup else -number
        chat = self.api.add_chat(Chat(chat_id, "supergroup" if supergroup else "group", title=title))
        for member in members:
            self.set_role(chat, member, "member")
        for admin in admins:
            self.set_role(chat, admin, "administrator")
        if creator is not None:
            self.set_role(chat, creator, "creator")
        return chat

    def channel(
        self, title: str = "Test channel", *, chat_id: int | None = None, username: str | None = None
    ) -> Chat:
        chat_id = chat_id or -(1000000000000 + 500000 + next(self._group_ids))
        return self.api.add_chat(Chat(chat_id, "channel", title=title, username=username))

    def set_role(self, chat: Chat, user: User, status: str) -> None:
        """``creator``, ``administrator``, ``member``, ``left`` or ``kicked`` (also for the bot)."""
        self.api.add_user(user)
        self.api.roles[(chat.id, user.id)] = status

    # -- scripting: updates ------------------------------------------------------------------

    def _incoming(
        self,
        user: User | None,
        chat: Chat | None,
        text: str | None,
        *,
        entities: list[dict[str, Any]] | None = None,
        reply_to: StoredMessage | None = None,
        extra: dict[str, Any] | None = None,
        document: dict[str, Any] | None = None,
    ) -> StoredMessage:
        if chat is None:
            if user is None:
                raise ValueError("a message needs a user or a chat")
            chat = self.private_chat(user)
        self.api.add_chat(chat)
        if user is not None:
            self.api.add_user(user)
            if chat.is_group and self.api.role(chat, user.id) == "left":
                self.api.roles[(chat.id, user.id)] = "member"
        if text is not None and document is None and len(text) > MAX_TEXT:
            if entities is not None or extra:
                raise ValueError("a forwarded message or one with entities holds at most 4096 characters")
            return self._incoming_parts(user, chat, text, reply_to=reply_to)
        if text is not None and entities is None:
            entities = command_entities(text)
        message = self.api.store(
            chat,
            outgoing=False,
            sender=user,
            text=text,
            plain=text,
            entities=entities or [],
            reply_to_message_id=reply_to.message_id if reply_to is not None else None,
            document=document,
            caption=text if document is not None else None,
            extra=extra or {},
            method="",
        )
        self.queue("channel_post" if chat.type == "channel" else "message", self.api.api_message(message))
        return message

    def _incoming_parts(
        self, user: User | None, chat: Chat, text: str, *, reply_to: StoredMessage | None
    ) -> StoredMessage:
        """A text too long for one message, as a client sends it: several messages (the last returned)."""
        last: StoredMessage | None = None
        for index, part in enumerate(client_parts(text)):
            last = self._incoming(user, chat, part, reply_to=reply_to if index == 0 else None)
        assert last is not None
        return last

    def user_message(
        self,
        user: User,
        chat: Chat | None,
        text: str,
        *,
        reply_to: StoredMessage | None = None,
        forward_origin: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> StoredMessage:
        """``user`` writes ``text`` in ``chat`` (``None``: their private chat); commands get their entity.

        A text longer than 4096 characters arrives as several messages, as Telegram's clients send it
        (bot.standin.client); the last of them is returned."""
        extra = {"forward_origin": forward_origin} if forward_origin else None
        return self._incoming(user, chat, text, entities=entities, reply_to=reply_to, extra=extra)

    def command(
        self, user: User, chat: Chat | None, name: str, args: str = "", *, mention: bool = False
    ) -> StoredMessage:
        """``/name args`` (``/name@bot`` with ``mention``, as group clients send it)."""
        head = f"/{name.lstrip('/')}" + (f"@{self.bot_user.username}" if mention else "")
        return self.user_message(user, chat, f"{head} {args}".rstrip())

    def channel_post(self, chat: Chat, text: str) -> StoredMessage:
        """A post in a channel: no ``from``, only ``sender_chat``."""
        return self._incoming(None, chat, text)

    def document(
        self,
        user: User,
        chat: Chat | None,
        filename: str,
        data: bytes,
        mime: str = "text/plain",
        *,
        caption: str | None = None,
    ) -> StoredMessage:
        """``user`` uploads a file; the bot can getFile and download exactly ``data``."""
        stored = self.api.add_file(data, filename, mime)
        return self._incoming(user, chat, caption, document=stored.document(), entities=[])

    def callback_query(self, user: User, message: StoredMessage, data: str, *, check: bool = True) -> str:
        """``user`` presses the button with ``data`` on a message the bot sent; returns the query id."""
        current = self.api.message(message.chat.id, message.message_id)
        if current is None:
            raise LookupError(f"message {message.message_id} in chat {message.chat.id} is gone")
        if check and data not in {button.get("callback_data") for button in current.buttons}:
            raise LookupError(f"message {message.message_id} has no button with callback_data {data!r}")
        self.api.add_user(user)
        query_id = str(4000000000000000000 + next(self._callback_ids))
        payload = {
            "id": query_id,
            "from": user.to_api(),
            "message": self.api.api_message(current),
            "chat_instance": str(abs(hash((message.chat.id, self.bot_user.id)))),
            "data": data,
        }
        self.api.callback_queries[query_id] = payload
        self.queue("callback_query", payload)
        return query_id

    def press(self, user: User, message: StoredMessage, label: str) -> str:
        """Press the inline button labelled ``label``; returns the callback query id."""
        button = message.button(label)
        if "callback_data" not in button:
            raise LookupError(f"button {label!r} is not a callback button: {button}")
        return self.callback_query(user, message, str(button["callback_data"]))

    def inline_query(self, user: User, query: str, *, offset: str = "", chat_type: str = "sender") -> str:
        """``user`` types ``@bot query`` in some chat; returns the inline query id."""
        self.api.add_user(user)
        query_id = str(5000000000000000000 + next(self._callback_ids))
        payload = {
            "id": query_id,
            "from": user.to_api(),
            "query": query,
            "offset": offset,
            "chat_type": chat_type,
        }
        self.api.inline_queries[query_id] = payload
        self.queue("inline_query", payload)
        return query_id

    def my_chat_member(
        self, chat: Chat, user: User, new_status: str, *, old_status: str | None = None
    ) -> int:
        """``user`` changed the bot's status in ``chat`` (added it, made it admin, removed it)."""
        self.api.add_chat(chat)
        self.api.add_user(user)
        old = old_status or self.api.role(chat, self.bot_user.id)
        self.api.roles[(chat.id, self.bot_user.id)] = new_status
        payload = {
            "chat": chat.to_api(),
            "from": user.to_api(),
            "date": int(self._clock()),
            "old_chat_member": self.api.member(chat, self.bot_user, old),
            "new_chat_member": self.api.member(chat, self.bot_user, new_status),
        }
        return self.queue("my_chat_member", payload)

    # -- observing ---------------------------------------------------------------------------

    def requests(
        self, method: str | None = None, *, chat_id: int | None = None, ok: bool | None = None
    ) -> list[Request]:
        """Every recorded call, oldest first, optionally only one method / chat / outcome."""
        found = []
        for request in self._requests:
            if method is not None and request.method != method:
                continue
            if chat_id is not None and request.chat_id != chat_id:
                continue
            if ok is not None and request.ok != ok:
                continue
            found.append(request)
        return found

    def sent_to(self, chat_id: int, *, include_deleted: bool = False) -> list[StoredMessage]:
        """Messages the bot sent to the chat (current text after edits), oldest first."""
        return [
            message
            for message in self.api.outbox
            if message.chat.id == chat_id and (include_deleted or not message.deleted)
        ]

    @property
    def sent(self) -> list[StoredMessage]:
        return list(self.api.outbox)

    def mark(self) -> int:
        """A point in time for ``since=``: only what happens after it counts."""
        return len(self._requests)

    def subscribe(self, listener: Callable[[str, StoredMessage], None]) -> None:
        """Call ``listener(event, message)`` on ``sent``, ``edited`` and ``deleted`` bot messages."""
        self.api.listeners.append(listener)

    async def _until(self, check: Callable[[], Any], timeout: float, what: str) -> Any:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = check()
            if found:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = ", ".join(f"{r.method}({r.chat_id})={r.status}" for r in self._requests[-8:])
                raise TimeoutError(f"waited {timeout}s for {what}; last requests: {recent or 'none'}")
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, remaining)

    async def wait_for(
        self,
        method: str | None = None,
        *,
        chat_id: int | None = None,
        predicate: Predicate | None = None,
        count: int = 1,
        since: int = 0,
        status: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Request]:
        """Wait until ``count`` calls recorded after ``since`` match; returns the first ``count``."""
        scanned = since
        matched: list[Request] = []

        def check() -> list[Request] | None:
            nonlocal scanned
            while scanned < len(self._requests):
                request = self._requests[scanned]
                scanned += 1
                if (
                    (method is None or request.method == method)
                    and (chat_id is None or request.chat_id == chat_id)
                    and (status is None or request.status == status)
                    and (predicate is None or predicate(request))
                ):
                    matched.append(request)
            return matched[:count] if len(matched) >= count else None

        result: list[Request] = await self._until(check, timeout, f"{count} × {method or 'any call'}")
        return result

    async def wait_for_messages(
        self,
        chat_id: int | None = None,
        *,
        count: int = 1,
        since: int = 0,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[StoredMessage]:
        """Wait until the bot has sent ``count`` messages (to ``chat_id``) after ``since``."""

        def check() -> list[StoredMessage] | None:
            found = [
                message
                for message in self.api.outbox
                if message.seq >= since
                and (chat_id is None or message.chat.id == chat_id)
                and (predicate is None or predicate(message))
            ]
            return found[:count] if len(found) >= count else None

        result: list[StoredMessage] = await self._until(check, timeout, f"{count} message(s) to {chat_id}")
        return result

    async def wait_delivered(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update has been handed to the bot."""
        last = self._last_update_id
        await self._until(lambda: self.delivered_update_id >= last, timeout, "updates to be delivered")

    async def wait_for_poller(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until a getUpdates long poll is being held open (the bot is idle and listening)."""
        await self._until(
            lambda: self._poller is not None and not self._poller.done(), timeout, "a long poll"
        )

    async def say(
        self,
        user: User,
        chat: Chat | None,
        text: str,
        *,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[StoredMessage]:
        """``user`` writes ``text`` and this waits for the bot's next ``count`` messages in that chat."""
        since = self.mark()
        message = self.user_message(user, chat, text)
        return await self.wait_for_messages(message.chat.id, count=count, since=since, timeout=timeout)


__all__ = ["DEFAULT_TOKEN", "StandIn"]
