"""The Bot API methods the stand-in answers, over an in-memory picture of chats and messages.

Nothing here knows about HTTP or updates: the server feeds in parsed parameters and turns the
return value or :class:`ApiError` into Telegram's JSON envelope. The methods live in groups by
area (messaging, members, queries, commands, files) over one shared store; this module puts them
together and names each method as Telegram does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.standin.commands import CommandMethods
from bot.standin.entities import command_entities
from bot.standin.faults import ApiError
from bot.standin.files import MAX_CAPTION, MAX_DOWNLOAD, FileMethods
from bot.standin.markup import MAX_CALLBACK_DATA, check_markup
from bot.standin.members import ADMIN_RIGHTS, ROLES, MemberMethods
from bot.standin.messaging import MAX_TEXT, MessageMethods
from bot.standin.objects import User
from bot.standin.params import Params
from bot.standin.queries import QueryMethods
from bot.standin.store import EventListener


class BotApi(MessageMethods, MemberMethods, QueryMethods, CommandMethods, FileMethods):
    """State and semantics of the Bot API methods; one instance per stand-in server."""

    def __init__(
        self,
        bot: User,
        *,
        clock: Callable[[], float],
        strict_entities: bool = True,
        strict_chats: bool = False,
        sequence: Callable[[], int],
    ) -> None:
        super().__init__(
            bot,
            clock=clock,
            strict_entities=strict_entities,
            strict_chats=strict_chats,
            sequence=sequence,
        )
        self.methods: dict[str, Callable[[Params], Any]] = {
            "getMe": self.get_me,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "answerInlineQuery": self.answer_inline_query,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "getChat": self.get_chat,
            "sendDocument": self.send_document,
            "getFile": self.get_file,
            "sendChatAction": self.send_chat_action,
            "close": self.harmless,
            "logOut": self.harmless,
            "setMyDescription": self.harmless,
            "setMyShortDescription": self.harmless,
            "setMyName": self.harmless,
            "setChatMenuButton": self.harmless,
        }

    def harmless(self, params: Params) -> bool:
        return True

    def get_me(self, params: Params) -> dict[str, Any]:
        data = self.bot.to_api()
        data.update(
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=True,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        return data


__all__ = [
    "ADMIN_RIGHTS",
    "MAX_CALLBACK_DATA",
    "MAX_CAPTION",
    "MAX_DOWNLOAD",
    "MAX_TEXT",
    "ROLES",
    "ApiError",
    "BotApi",
    "EventListener",
    "check_markup",
    "command_entities",
]
