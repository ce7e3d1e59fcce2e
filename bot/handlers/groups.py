"""Groups and channels: the bot being added or removed, and channel posts (which have no sender)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ChatMemberHandler, MessageHandler, filters

from bot.handlers import planning
from bot.handlers.common import App, Context, chat_row, deps, reply
from bot.texts import say
from db.engine import session_scope

_PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def my_membership(update: Update, context: Context) -> None:
    """Added to a group: say hello once. Removed or blocked: stop planning for the chat."""
    change = update.my_chat_member
    if change is None:
        return
    d = deps(context)
    old, new = change.old_chat_member.status, change.new_chat_member.status
    joined = new in _PRESENT and old not in _PRESENT
    async with session_scope(d.sessions) as session:
        if new in _PRESENT:
            chat = await chat_row(update, session)
            lang = chat.language if chat is not None else "zh"
        else:
            await planning.chat_gone(session, change.chat.id, f"bot is {new}")
            return
    if joined and change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await reply(update, context, say(lang, "group_welcome"))


async def channel_post(update: Update, context: Context) -> None:
    """A post in a channel the bot is in: no sender to answer or check, so only remember the channel."""
    d = deps(context)
    async with session_scope(d.sessions) as session:
        await chat_row(update, session)


def register(app: App) -> None:
    app.add_handler(ChatMemberHandler(my_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POSTS, channel_post))
