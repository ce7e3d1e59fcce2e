"""The worker's lean sender against the Bot API stand-in: a message with buttons and a reply arrives as
python-telegram-bot would send it, and Telegram's refusals map onto the dispatcher's errors."""

from __future__ import annotations

import pytest

from bot.standin import StandIn
from jobs.botapi import BotApiSender
from jobs.sender import ChatGone, Rejected, RetryLater, Transient


async def test_a_message_with_buttons_and_a_reply_arrives() -> None:
    async with StandIn() as server, BotApiSender(server.token, server.base_url) as sender:
        first = await sender.send(42, "<b>封路</b> 公告 &amp; more")
        second = await sender.send(42, "again", reply_to=first, buttons=[[("Mute", "m:1"), ("Later", "s:1")]])
        assert second == first + 1
        [one, two] = server.sent_to(42)
        assert one.plain == "封路 公告 & more"
        assert [b["callback_data"] for b in two.buttons] == ["m:1", "s:1"]
        [call] = server.requests("sendMessage")[1:]
        assert call.param("reply_parameters")["message_id"] == first


async def test_refusals_become_the_dispatchers_errors() -> None:
    async with StandIn() as server, BotApiSender(server.token, server.base_url) as sender:
        server.rate_limit(count=1, retry_after=7)
        with pytest.raises(RetryLater) as flood:
            await sender.send(1, "x")
        assert flood.value.seconds == 7
        server.block(2, "blocked")
        with pytest.raises(ChatGone):
            await sender.send(2, "x")
        server.reject_message("bad")
        with pytest.raises(Rejected):
            await sender.send(3, "bad text")
        server.go_down()
        with pytest.raises(Transient):
            await sender.send(3, "x")
    async with StandIn() as server, BotApiSender("42:wrong", server.base_url) as sender:
        with pytest.raises(Transient, match="invalid bot token"):
            await sender.send(3, "x")
