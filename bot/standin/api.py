"""The Bot API methods the stand-in answers, over an in-memory picture of chats and messages.

Nothing here knows about HTTP or updates: the server feeds in parsed parameters and turns the
return value or :class:`ApiError` into Telegram's JSON envelope.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Callable
from typing import Any

from bot.standin.entities import EntityError, parse_html
from bot.standin.faults import ApiError, bad_request
from bot.standin.objects import Chat, StoredFile, StoredMessage, User
from bot.standin.params import Params, get_bool, get_int, get_json, get_str, require_int

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_DOWNLOAD = 20 * 1024 * 1024
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_URL = re.compile(r"(?:https?|tg)://\S+")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")
ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_post_messages": True,
    "can_edit_messages": True,
    "can_pin_messages": True,
}
ROLES = frozenset({"creator", "administrator", "member", "left", "kicked"})
EventListener = Callable[[str, StoredMessage], None]


def command_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` entity Telegram adds to a message starting with a command."""
    match = _LEADING_COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": match.end()}]


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup the way Telegram does for the mistakes a bot can make."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    count = 0
    for row in rows:
        for button in row:
            count += 1
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not _URL.fullmatch(str(url)):
                raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
            actions = [key for key in button if key != "text"]
            if len(actions) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
    if count > 100:
        raise bad_request("reply markup is too long")
    return markup


class BotApi:
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

    # -- chats, users, messages -------------------------------------------------------------

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

    def _message_text(
        self, params: Params, *, too_long: str
    ) -> tuple[str, str | None, str, list[dict[str, Any]]]:
        """The ``text`` of a send or an edit with its parse mode, visible text and entities, or Telegram's
        400 for an empty, unparsable or too long one (``too_long``: sends and edits word it differently)."""
        text = get_str(params, "text")
        if not text:
            raise bad_request("message text is empty")
        parse_mode = get_str(params, "parse_mode")
        plain, entities = self.render(text, parse_mode)
        if not plain.strip():
            raise bad_request("message text is empty")
        if len(plain) > MAX_TEXT:
            raise bad_request(too_long)
        return text, parse_mode, plain, entities

    # -- methods -----------------------------------------------------------------------------

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

    def send_message(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        text, parse_mode, plain, entities = self._message_text(params, too_long="message is too long")
        return self._send(chat, params, text=text, plain=plain, parse_mode=parse_mode, entities=entities)

    def _own_message(self, params: Params, action: str) -> StoredMessage | None:
        if params.get("inline_message_id"):
            return None
        chat = self.chat(params)
        message_id = require_int(params, "message_id")
        message = self.message(chat.id, message_id)
        if message is None:
            raise bad_request(f"message to {action} not found")
        if not message.outgoing:
            raise bad_request(
                f"message can't be {action}ed" if action == "edit" else "message can't be deleted"
            )
        return message

    def edit_message_text(self, params: Params) -> dict[str, Any] | bool:
        text, parse_mode, plain, entities = self._message_text(params, too_long="MESSAGE_TOO_LONG")
        markup = check_markup(get_json(params, "reply_markup"))
        message = self._own_message(params, "edit")
        if message is None:
            return True
        if message.document is not None:
            raise bad_request("there is no text in the message to edit")
        if plain == message.plain and entities == message.entities and markup == message.reply_markup:
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message"
            )
        if message.text is not None:
            message.previous_texts.append(message.text)
        message.text, message.plain, message.parse_mode, message.entities = text, plain, parse_mode, entities
        message.reply_markup = markup
        message.edit_date = int(self._clock())
        self.emit("edited", message)
        return self.api_message(message)

    def edit_message_reply_markup(self, params: Params) -> dict[str, Any] | bool:
        markup = check_markup(get_json(params, "reply_markup"))
        message = self._own_message(params, "edit")
        if message is None:
            return True
        if markup == message.reply_markup or (not markup and not message.reply_markup):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message"
            )
        message.reply_markup = markup
        message.edit_date = int(self._clock())
        self.emit("edited", message)
        return self.api_message(message)

    def delete_message(self, params: Params) -> bool:
        chat = self.chat(params)
        message = self.message(chat.id, require_int(params, "message_id"))
        if message is None:
            raise bad_request("message to delete not found")
        if not message.outgoing and chat.type == "private":
            raise bad_request("message can't be deleted for everyone")
        message.deleted = True
        self.emit("deleted", message)
        return True

    def answer_callback_query(self, params: Params) -> bool:
        query_id = get_str(params, "callback_query_id") or ""
        if query_id not in self.callback_queries or query_id in self.callback_answers:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(get_str(params, "text") or "") > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = params
        return True

    def answer_inline_query(self, params: Params) -> bool:
        query_id = get_str(params, "inline_query_id") or ""
        if query_id not in self.inline_queries or query_id in self.inline_answers:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        results = get_json(params, "results")
        if not isinstance(results, list):
            raise bad_request("can't parse results JSON object")
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or not result.get("type") or not result.get("id"):
                raise bad_request('can\'t parse InlineQueryResult: Field "type" must be of type String')
            result_id = str(result["id"])
            if len(result_id.encode("utf-8")) > 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                plain, _ = self.render(str(content["message_text"]), content.get("parse_mode"))
                if not plain.strip():
                    raise bad_request("MESSAGE_EMPTY")
                if len(plain) > MAX_TEXT:
                    raise bad_request("MESSAGE_TOO_LONG")
            check_markup(result.get("reply_markup"))
        self.inline_answers[query_id] = params
        return True

    @staticmethod
    def _commands_key(params: Params) -> tuple[str, str]:
        scope = get_json(params, "scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), get_str(params, "language_code") or ""

    def set_my_commands(self, params: Params) -> bool:
        commands = get_json(params, "commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        language = get_str(params, "language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        self.commands[self._commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def get_my_commands(self, params: Params) -> list[dict[str, Any]]:
        return self.commands.get(self._commands_key(params), [])

    def delete_my_commands(self, params: Params) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def role(self, chat: Chat, user_id: int) -> str:
        role = self.roles.get((chat.id, user_id))
        if role is not None:
            return role
        if chat.type == "private":
            return "member" if user_id in (chat.id, self.bot.id) else "left"
        if user_id == self.bot.id:
            return "administrator" if chat.type == "channel" else "member"
        return "left"

    def member(self, chat: Chat, user: User, role: str | None = None) -> dict[str, Any]:
        status = role or self.role(chat, user.id)
        data: dict[str, Any] = {"status": status, "user": user.to_api()}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(ADMIN_RIGHTS)
            data["can_be_edited"] = user.id == self.bot.id
        elif status == "kicked":
            data["until_date"] = 0
        return data

    def get_chat_member(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        user = self.users.get(require_int(params, "user_id"))
        if user is None:
            raise bad_request("user not found")
        return self.member(chat, user)

    def get_chat_administrators(self, params: Params) -> list[dict[str, Any]]:
        chat = self.chat(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = []
        for user in self.users.values():
            role = self.role(chat, user.id)
            if role in ("creator", "administrator"):
                admins.append(self.member(chat, user, role))
        return admins

    def get_chat(self, params: Params) -> dict[str, Any]:
        data = self.chat(params).to_api()
        data.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return data

    def send_chat_action(self, params: Params) -> bool:
        self.chat(params)
        if not get_str(params, "action"):
            raise bad_request("wrong parameter action in request")
        return True

    # -- files ------------------------------------------------------------------------------

    def add_file(self, data: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        number = next(self._file_counter)
        digest = hashlib.sha1(data + str(number).encode()).hexdigest()
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1][:16]
        stored = StoredFile(
            file_id=f"BQACAgIAAx{digest[:24]}{number}",
            file_unique_id=f"AgAD{digest[24:36]}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"documents/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def send_document(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document[len("attach://") :])
        if document is None or document == "":
            raise bad_request("there is no document in the request")
        if isinstance(document, str):
            stored = self.files.get(document)
            if stored is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            data, file_name, mime_type = document
            if not data:
                raise bad_request("file must be non-empty")
            stored = self.add_file(data, file_name, mime_type)
        caption = get_str(params, "caption") or ""
        parse_mode = get_str(params, "parse_mode")
        plain, entities = self.render(caption, parse_mode) if caption else ("", [])
        if len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return self._send(
            chat,
            params,
            text=caption or None,
            plain=plain or None,
            parse_mode=parse_mode,
            entities=entities,
            document=stored.document(),
            caption=caption or None,
            method="sendDocument",
        )

    def get_file(self, params: Params) -> dict[str, Any]:
        stored = self.files.get(get_str(params, "file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }


__all__ = ["ROLES", "ApiError", "BotApi", "check_markup", "command_entities"]
