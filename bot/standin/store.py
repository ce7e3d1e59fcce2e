"""The in-memory picture the Bot API methods work on: chats, users, roles, messages and files.

It also holds what every method group shares: finding the chat a call names, storing a message
(the bot's own ones go to the outbox and to listeners), rendering a parse mode, and storing a
message the bot sends with its keyboard and reply target. Nothing here knows about HTTP.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from bot.standin.entities import EntityError, parse_html
from bot.standin.faults import bad_request
from bot.standin.markup import check_markup
from bot.standin.objects import Chat, StoredFile, StoredMessage, User
from bot.standin.params import Params, get_bool, get_int, get_json

EventListener = Callable[[str, StoredMessage], None]


class ApiStore:
    """State shared by the method groups that make up :class:`bot.standin.api.BotApi`."""

    def __init__(
        self,
        bot: User,
        *,
        clock: Callable[[], float],
        strict_entities: bool = True,
        strict_chats: bool = False,
        sequence: Callable[[], int],
    ) -> None:
        self.bot = bot
        self._clock = clock
        self.strict_entities = strict_entities
        self.strict_chats = strict_chats
        self._sequence = sequence
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, User] = {self.bot.id: self.bot}
        self.roles: dict[tuple[int, int], str] = {}
        self.messages: dict[int, dict[int, StoredMessage]] = {}
        self.outbox: list[StoredMessage] = []
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_queries: dict[str, dict[str, Any]] = {}
        self.callback_answers: dict[str, Params] = {}
        self.inline_queries: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, Params] = {}
        self.listeners: list[EventListener] = []
        self._next_message: dict[int, int] = {}
        self._file_counter = itertools.count(1)

    def add_chat(self, chat: Chat) -> Chat:
        self.chats[chat.id] = chat
        return chat

    def add_user(self, user: User) -> User:
        self.users[user.id] = user
        return user

    def chat(self, params: Params) -> Chat:
        """The chat named by ``chat_id`` (an id or ``@username``)."""
        value = params.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}".lower() == value.lower():
                    return chat
            raise bad_request("chat not found")
        chat_id = get_int(params, "chat_id")
        assert chat_id is not None
        known = self.chats.get(chat_id)
        if known is not None:
            return known
        if self.strict_chats:
            raise bad_request("chat not found")
        kind = "private" if chat_id > 0 else ("supergroup" if str(chat_id).startswith("-100") else "group")
        return self.add_chat(Chat(chat_id, kind, title=None if kind == "private" else f"Chat {chat_id}"))

    def store(self, chat: Chat, *, outgoing: bool, sender: User | None, **fields: Any) -> StoredMessage:
        message_id = self._next_message.get(chat.id, 1)
        self._next_message[chat.id] = message_id + 1
        now = self._clock()
        message = StoredMessage(
            chat=chat,
            message_id=message_id,
            date=int(now),
            seq=self._sequence(),
            outgoing=outgoing,
            sender=sender,
            time=now,
            **fields,
        )
        self.messages.setdefault(chat.id, {})[message_id] = message
        if outgoing:
            self.outbox.append(message)
            self.emit("sent", message)
        return message

    def emit(self, event: str, message: StoredMessage) -> None:
        for listener in self.listeners:
            listener(event, message)

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        message = self.messages.get(chat_id, {}).get(message_id)
        return None if message is None or message.deleted else message

    def api_message(self, message: StoredMessage) -> dict[str, Any]:
        replied = None
        if message.reply_to_message_id is not None:
            replied = self.message(message.chat.id, message.reply_to_message_id)
        return message.to_api(replied=replied)

    def render(
        self, text: str, parse_mode: str | None, what: str = "text"
    ) -> tuple[str, list[dict[str, Any]]]:
        """Visible text and entities for ``text`` in ``parse_mode``, or Telegram's 400."""
        if not parse_mode:
            return text, []
        mode = parse_mode.lower()
        if mode == "html":
            try:
                return parse_html(text, strict=self.strict_entities)
            except EntityError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        if mode in ("markdown", "markdownv2"):
            return text, []
        raise bad_request(f"unsupported parse_mode {parse_mode}")

    def _send(self, chat: Chat, params: Params, **fields: Any) -> dict[str, Any]:
        """Store a message the bot sends to ``chat``, with the keyboard and reply target ``params`` ask for
        (or Telegram's 400 for them), and answer with it."""
        markup = check_markup(get_json(params, "reply_markup"))
        reply_to, reply_parameters = self._reply_target(chat, params)
        message = self.store(
            chat,
            outgoing=True,
            sender=self.bot,
            reply_markup=markup,
            reply_to_message_id=reply_to,
            reply_parameters=reply_parameters,
            **fields,
        )
        return self.api_message(message)

    def _reply_target(self, chat: Chat, params: Params) -> tuple[int | None, dict[str, Any] | None]:
        reply_parameters = get_json(params, "reply_parameters")
        if isinstance(reply_parameters, dict):
            target = reply_parameters.get("message_id")
            allow = bool(reply_parameters.get("allow_sending_without_reply"))
        else:
            reply_parameters = None
            target = get_int(params, "reply_to_message_id")
            allow = get_bool(params, "allow_sending_without_reply")
        if target is None:
            return None, reply_parameters
        if self.message(chat.id, int(target)) is None:
            if allow:
                return None, reply_parameters
            raise bad_request("message to be replied not found")
        return int(target), reply_parameters


__all__ = ["ApiStore", "EventListener"]
