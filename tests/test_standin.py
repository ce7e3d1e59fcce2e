"""The Bot API stand-in, driven by the real python-telegram-bot over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import html
import json
import subprocess
import sys
import urllib.request
import warnings

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputFile,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.standin import DEFAULT_TOKEN, FloodLimits, StandIn
from bot.standin.client import client_parts
from bot.standin.entities import EntityError, parse_html
from bot.standin.limits import FloodGate
from tests.standin_fixtures import application_builder, polling, stand_in_bot

Context = ContextTypes.DEFAULT_TYPE


@pytest.fixture
def server(standin: StandIn) -> StandIn:
    """The shared stand-in fixture (tests.standin_fixtures), under the name these tests use."""
    return standin


@pytest.fixture
def bot(tg_bot: Bot) -> Bot:
    """The shared bot fixture, talking to ``server``."""
    return tg_bot


def seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# -- the HTML checker ------------------------------------------------------------------------


def test_html_entities_are_measured_in_utf16_after_markup_is_removed() -> None:
    plain, entities = parse_html(
        '😀 <b>封路</b> <a href="https://x.org/?a=1&amp;b=2">link</a> &lt;tag&gt; &#x27;'
    )
    assert plain == "😀 封路 link <tag> '"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 2},
        {"type": "text_link", "offset": 6, "length": 4, "url": "https://x.org/?a=1&b=2"},
    ]


def test_html_nesting_and_pre_language() -> None:
    plain, entities = parse_html('<b>a<i>b</i></b><pre><code class="language-py">x</code></pre>')
    assert plain == "abx"
    assert {"type": "italic", "offset": 1, "length": 1} in entities
    assert {"type": "pre", "offset": 2, "length": 1, "language": "py"} in entities
    assert not [entity for entity in entities if entity["type"] == "code"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line<br>break", 'Unsupported start tag "br"'),
        ("<b>bold", "Can't find end tag"),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag"),
        ("a &nbsp; b", "Unsupported HTML entity"),
        ("Tom & Jerry", "Unsupported HTML entity"),
        ('<span class="x">s</span>', 'must have class "tg-spoiler"'),
        ("a < b", 'Unsupported start tag ""'),
        ("<b", "Unclosed start tag"),
    ],
)
def test_html_errors(text: str, message: str) -> None:
    with pytest.raises(EntityError, match=message):
        parse_html(text)


def test_escaped_hostile_text_parses_back_to_itself() -> None:
    hostile = "<b>不是粗体</b> & <script>alert('x')</script> &amp;"
    assert parse_html(html.escape(hostile)) == (hostile, [])


# -- flood limits ----------------------------------------------------------------------------


def test_flood_gate_lets_a_paced_sender_through_and_stops_a_fast_one() -> None:
    now = [0.0]
    gate = FloodGate(FloodLimits(per_second=30, per_chat_interval=1.0, group_per_minute=20), lambda: now[0])
    refused = 0
    for step in range(300):  # 30/s to 300 different private chats: never refused
        now[0] = step / 30
        refused += gate.admit(step + 1, False) is not None
    assert refused == 0
    now[0] = 20.0
    assert gate.admit(5, False) is None
    assert gate.admit(5, False) == 1  # a second message to one chat in the same instant
    for _ in range(20):
        now[0] += 1.0
        assert gate.admit(-42, True) is None
    now[0] += 1.0
    assert gate.admit(-42, True) == 40  # the 21st group message inside a minute
    now[0] += 40.0
    assert gate.admit(-42, True) is None  # a minute after the first one
    burst = FloodGate(
        FloodLimits(per_second=30, per_chat_interval=None, group_per_minute=None), lambda: now[0]
    )
    assert sum(burst.admit(None, False) is not None for _ in range(40)) == 10
    now[0] += 0.5
    assert burst.admit(None, False) is not None  # still inside the same second
    now[0] += 0.5
    assert burst.admit(None, False) is None


# -- plain Bot calls over HTTP ---------------------------------------------------------------


async def test_get_me_and_send_message_round_trip(server: StandIn, bot: Bot) -> None:
    assert bot.username == server.bot_user.username
    user = server.user("Ann")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("订阅", callback_data="sub:road")]])
    sent = await bot.send_message(
        user.id, "<b>封路</b> &amp; more", parse_mode=ParseMode.HTML, reply_markup=markup
    )
    assert sent.text == "封路 & more"
    assert sent.entities[0].type == "bold"
    assert sent.message_id == 1
    second = await bot.send_message(user.id, "again")
    assert second.message_id == 2
    stored = server.sent_to(user.id)
    assert [m.text for m in stored] == ["<b>封路</b> &amp; more", "again"]
    assert stored[0].parse_mode == "HTML"
    assert stored[0].buttons == [{"text": "订阅", "callback_data": "sub:road"}]
    requests = server.requests("sendMessage")
    assert [r.status for r in requests] == [200, 200]
    assert requests[0].param("reply_markup")["inline_keyboard"][0][0]["callback_data"] == "sub:road"
    reply = await bot.send_message(user.id, "re", reply_to_message_id=1)
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.message_id == 1
    assert server.sent_to(user.id)[-1].reply_to_message_id == 1


async def test_errors_map_to_ptb_exceptions(server: StandIn, bot: Bot) -> None:
    chat = server.user("Bo").id
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: Unsupported start tag"):
        await bot.send_message(chat, "a<br>b", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(chat, "<b>x", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(chat, "长" * 4097)
    await bot.send_message(chat, "<b>" + "长" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(chat, "<b> </b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(chat, "x", reply_to_message_id=99)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            chat,
            "x",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("k", callback_data="é" * 33)]]),
        )
    assert [r.status for r in server.requests("sendMessage")] == [400, 400, 400, 200, 400, 400, 400]
    assert len(server.sent_to(chat)) == 1


async def test_rate_limit_block_and_message_faults(server: StandIn, bot: Bot) -> None:
    ann, bo = server.user("Ann"), server.user("Bo")
    server.rate_limit("sendMessage", count=2, retry_after=7, chat_id=ann.id)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ann.id, "hi")
        assert seconds(caught.value) == 7
    await bot.send_message(bo.id, "other chats are unaffected")
    await bot.send_message(ann.id, "third time works")
    assert server.count_429 == 2
    server.block(bo.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(bo.id, "hi")
    group = server.group("Town")
    server.block(group.id, "kicked")
    with pytest.raises(Forbidden, match="kicked from the group chat"):
        await bot.send_message(group.id, "hi")
    server.reject_message("poison", description="Bad Request: chat not found")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(ann.id, "a poison message")
    await bot.send_message(ann.id, "a healthy message")
    server.go_down()
    with pytest.raises(NetworkError):
        await bot.send_message(ann.id, "while down")
    server.come_up()
    await bot.send_message(ann.id, "back up")
    assert [m.text for m in server.sent_to(ann.id)] == ["third time works", "a healthy message", "back up"]


async def test_flood_limits_answer_429_through_ptb(bot: Bot, server: StandIn) -> None:
    now = [0.0]
    server.enforce_limits(FloodLimits(per_second=30, per_chat_interval=1.0), clock=lambda: now[0])
    user = server.user()
    await bot.send_message(user.id, "one")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(user.id, "two")
    assert seconds(caught.value) == 1
    now[0] = 1.0
    await bot.send_message(user.id, "two")
    assert server.count_429 == 1


async def test_wrong_token_unknown_method_and_raw_bodies(server: StandIn) -> None:
    wrong = Bot("999:wrong", base_url=server.base_url)
    with pytest.raises(InvalidToken):
        await wrong.initialize()
    await wrong.shutdown()
    async with aiohttp.ClientSession() as session:
        base = f"{server.base_url}{server.token}"
        async with session.post(f"{base}/noSuchMethod", json={}) as response:
            assert response.status == 404
            assert await response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with session.post(f"{base}/sendMessage", json={"chat_id": 77, "text": "json body"}) as response:
            assert (await response.json())["result"]["text"] == "json body"
        async with session.get(f"{base}/sendMessage", params={"chat_id": "77", "text": "query"}) as response:
            assert (await response.json())["result"]["message_id"] == 2
        server.rate_limit(retry_after=3)
        async with session.post(f"{base}/sendMessage", data={"chat_id": "77", "text": "x"}) as response:
            assert response.status == 429
            body = await response.json()
            assert body["parameters"] == {"retry_after": 3}
            assert body["description"] == "Too Many Requests: retry after 3"


async def test_commands_members_and_chat(server: StandIn, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "开始")], language_code="zh")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("now", "Active today")])
    await bot.set_my_commands([BotCommand("subscribe", "Subscribe")], scope=BotCommandScopeAllGroupChats())
    assert [c.description for c in await bot.get_my_commands(language_code="zh")] == ["开始"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "now"]
    groups = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert [c.command for c in groups] == ["subscribe"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    admin, member = server.user("Admin"), server.user("Member")
    group = server.group("Town", admins=[admin], members=[member])
    assert (await bot.get_chat_member(group.id, admin.id)).status == "administrator"
    assert (await bot.get_chat_member(group.id, member.id)).status == "member"
    assert [m.user.id for m in await bot.get_chat_administrators(group.id)] == [admin.id]
    chat = await bot.get_chat(group.id)
    assert (chat.type, chat.title) == ("supergroup", "Town")
    await bot.send_chat_action(group.id, "typing")
    assert server.requests("sendChatAction")[0].ok


async def test_document_upload_get_file_and_download(server: StandIn, bot: Bot) -> None:
    admin = server.user("Admin")
    page = "寿山镇公告\n".encode() * 50
    uploaded = server.document(admin, None, "page.txt", page, "text/plain")
    assert uploaded.document is not None
    file = await bot.get_file(uploaded.document["file_id"])
    assert bytes(await file.download_as_bytearray()) == page
    sent = await bot.send_document(admin.id, InputFile(b"report bytes", filename="r.txt"), caption="<i>r</i>",
                                   parse_mode=ParseMode.HTML)  # fmt: skip
    assert sent.document is not None
    assert sent.caption == "r"
    again = await bot.get_file(sent.document.file_id)
    assert bytes(await again.download_as_bytearray()) == b"report bytes"
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")


async def test_conflict_on_polling(server: StandIn, bot: Bot) -> None:
    server.conflict_polling(count=1)
    with pytest.raises(Conflict, match="only one bot instance"):
        await bot.get_updates(timeout=0)
    assert await bot.get_updates(timeout=0) == ()


async def test_get_updates_honours_offset_and_allowed_updates(server: StandIn, bot: Bot) -> None:
    user = server.user()
    server.user_message(user, None, "one")
    server.inline_query(user, "封路")
    server.user_message(user, None, "two")
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert [u.message.text for u in updates if u.message] == ["one", "two"]
    assert all(u.inline_query is None for u in updates)
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    server.user_message(user, None, "three")
    later = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=5)
    assert [u.message.text for u in later if u.message] == ["three"]


async def test_a_long_text_arrives_as_several_messages_as_a_client_sends_it(
    server: StandIn, bot: Bot
) -> None:
    """Telegram never hands a bot a message over 4096 characters: a client cuts a longer paste into
    several, at a line break as late as it can, dropping the whitespace at each cut."""
    user = server.user()
    lines = [f"{number:03d} " + "通知内容" * 20 for number in range(100)]  # 84 characters a line
    text = "\n".join(lines)
    assert len(text) > 2 * 4096
    last = server.user_message(user, None, text)
    updates = await bot.get_updates(timeout=0)
    parts = [u.message.text or "" for u in updates if u.message]
    assert len(parts) == 3
    assert all(len(part) <= 4096 for part in parts)
    assert "\n".join(parts) == text, "cut between lines, nothing lost"
    assert len(parts[0]) > 4000, "as late as the limit allows"
    assert updates[-1].message is not None
    assert updates[-1].message.message_id == last.message_id

    unbroken = "长" * 5000
    server.user_message(user, None, unbroken)
    later = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert [len(u.message.text or "") for u in later if u.message] == [4096, 904]

    assert [len(part) for part in client_parts("short")] == [5]
    with pytest.raises(ValueError, match="at most 4096"):
        server.user_message(user, None, unbroken, forward_origin={"type": "hidden_user", "date": 0})


# -- a real Application ----------------------------------------------------------------------


async def test_polling_application_answers_commands_buttons_and_inline(server: StandIn) -> None:
    async def start(update: Update, context: Context) -> None:
        assert update.effective_chat is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Roads", callback_data="cat:road")]])
        await context.bot.send_message(update.effective_chat.id, "<b>Welcome</b>", parse_mode="HTML",
                                       reply_markup=keyboard)  # fmt: skip

    async def pressed(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Subscribed")
        await query.edit_message_text(f"Subscribed to {query.data}")

    async def echo(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        user = update.effective_user
        await update.effective_message.reply_text(
            f"echo {update.effective_message.text} from {user and user.id}", do_quote=True
        )

    async def inline(update: Update, context: Context) -> None:
        assert update.inline_query is not None
        content = InputTextMessageContent("<b>road</b>", parse_mode="HTML")
        await update.inline_query.answer([InlineQueryResultArticle("r1", "Road", content)])

    app = application_builder(server).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(InlineQueryHandler(inline))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    user = server.user("Ann", language_code="zh-hans")
    server.command(user, None, "start")  # queued before polling starts: not dropped
    async with polling(app):
        (welcome,) = await server.wait_for_messages(user.id)
        assert welcome.plain == "Welcome"
        query_id = server.press(user, welcome, "Roads")
        await server.wait_for("editMessageText", chat_id=user.id)
        assert server.api.callback_answers[query_id]["text"] == "Subscribed"
        assert server.sent_to(user.id)[0].text == "Subscribed to cat:road"
        assert server.sent_to(user.id)[0].previous_texts == ["<b>Welcome</b>"]
        (reply,) = await server.say(user, None, "哪些路封闭")
        assert reply.text == f"echo 哪些路封闭 from {user.id}"
        assert reply.reply_to_message_id is not None
        channel = server.channel("News")
        mark = server.mark()
        server.channel_post(channel, "a post")
        (posted,) = await server.wait_for_messages(channel.id, since=mark)
        assert posted.text == "echo a post from None"
        inline_id = server.inline_query(user, "封路")
        await server.wait_for("answerInlineQuery")
        assert json.loads(server.api.inline_answers[inline_id]["results"])[0]["id"] == "r1"


async def test_group_admin_check_through_get_chat_member(server: StandIn) -> None:
    async def settings(update: Update, context: Context) -> None:
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        assert chat is not None
        assert user is not None
        assert message is not None
        member = await context.bot.get_chat_member(chat.id, user.id)
        allowed = member.status in ("administrator", "creator")
        await message.reply_text("settings" if allowed else "only admins may change settings")

    app = application_builder(server).build()
    app.add_handler(CommandHandler("settings", settings))
    admin, member = server.user("Admin"), server.user("Member")
    group = server.group("Town", admins=[admin], members=[member])
    async with polling(app):
        mark = server.mark()
        server.command(member, group, "settings", mention=True)
        server.command(admin, group, "settings", mention=True)
        replies = await server.wait_for_messages(group.id, count=2, since=mark)
    assert sorted(r.text or "" for r in replies) == ["only admins may change settings", "settings"]


async def test_webhook_delivery_with_secret_header(server: StandIn, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        return web.Response(status=200 if len(received) > 1 else 500)  # the first attempt fails

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        server.webhook_retry_seconds = 0.01
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret-Token_1")
        info = await bot.get_webhook_info()
        assert info.url == f"http://127.0.0.1:{port}/hook"
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        user = server.user()
        server.user_message(user, None, "via webhook")
        await server.wait_delivered()
        assert len(received) == 2
        assert {secret for secret, _ in received} == {"s3cret-Token_1"}
        update = Update.de_json(received[-1][1], bot)
        assert update.message is not None
        assert update.message.text == "via webhook"
        assert (await bot.get_webhook_info()).pending_update_count == 0
        await bot.delete_webhook()
        server.user_message(user, None, "via polling")
        updates = await bot.get_updates(timeout=0)
        assert [u.message.text for u in updates if u.message] == ["via polling"]
    finally:
        await runner.cleanup()


async def test_long_poll_wakes_when_an_update_arrives_and_a_second_poller_conflicts(
    server: StandIn, bot: Bot
) -> None:
    user = server.user()

    async def later() -> None:
        await asyncio.sleep(0.05)
        server.user_message(user, None, "late")

    task = asyncio.create_task(later())
    updates = await asyncio.wait_for(bot.get_updates(timeout=30), 5)  # not held for 30 s
    await task
    assert [u.message.text for u in updates if u.message] == ["late"]
    first = asyncio.create_task(bot.get_updates(offset=updates[-1].update_id + 1, timeout=30))
    await server.wait_for_poller()
    async with stand_in_bot(server) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_edits_deletes_and_strict_chats(server: StandIn, bot: Bot) -> None:
    user = server.user()
    sent = await bot.send_message(user.id, "draft")
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("draft", chat_id=user.id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=42)
    incoming = server.user_message(user, None, "mine")
    with pytest.raises(BadRequest, match="can't be edited"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=incoming.message_id)
    assert incoming.message_id == sent.message_id + 1  # one id sequence per chat, both directions
    await bot.delete_message(user.id, sent.message_id)
    assert server.sent_to(user.id) == []
    assert server.sent_to(user.id, include_deleted=True)[0].deleted
    async with StandIn(strict_chats=True) as strict, stand_in_bot(strict) as strict_bot:
        with pytest.raises(BadRequest, match="Chat not found"):
            await strict_bot.send_message(555, "hello")
        await strict_bot.send_message(strict.user().id, "known chat")


async def test_dropped_connections_surface_as_network_errors(server: StandIn, bot: Bot) -> None:
    server.go_down(mode="close")
    with pytest.raises(NetworkError):
        await bot.send_message(1, "x")
    server.come_up()
    await bot.send_message(1, "x")


async def test_my_chat_member_reaches_a_chat_member_handler(server: StandIn) -> None:
    seen: list[tuple[int, str, str]] = []
    handled = asyncio.Event()

    async def changed(update: Update, context: Context) -> None:
        change = update.my_chat_member
        assert change is not None
        seen.append((change.chat.id, change.old_chat_member.status, change.new_chat_member.status))
        handled.set()

    app = application_builder(server).build()
    app.add_handler(ChatMemberHandler(changed, ChatMemberHandler.MY_CHAT_MEMBER))
    admin = server.user("Admin")
    channel = server.channel("News")
    server.my_chat_member(channel, admin, "administrator", old_status="left")
    async with polling(app):
        await server.wait_delivered()
        await asyncio.wait_for(handled.wait(), 5)
    assert seen == [(channel.id, "left", "administrator")]
    async with stand_in_bot(server) as bot:
        assert (await bot.get_chat_member(channel.id, server.bot_user.id)).status == "administrator"


def test_standalone_mode_prints_its_base_url() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.standin", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        base = process.stdout.readline().strip().split("=", 1)[1]
        assert first.startswith("Bot API stand-in listening on http://127.0.0.1:")
        with urllib.request.urlopen(f"{base}{DEFAULT_TOKEN}/getMe") as response:
            assert json.load(response)["result"]["is_bot"] is True
    finally:
        process.terminate()
        process.wait(5)
