"""The methods that send, edit and delete the bot's messages, with Telegram's checks and errors."""

from __future__ import annotations

from typing import Any

from bot.standin.faults import bad_request
from bot.standin.markup import check_markup
from bot.standin.objects import StoredMessage
from bot.standin.params import Params, get_json, get_str, require_int
from bot.standin.store import ApiStore

MAX_TEXT = 4096


class MessageMethods(ApiStore):
    """sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage and sendChatAction."""

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

    def send_chat_action(self, params: Params) -> bool:
        self.chat(params)
        if not get_str(params, "action"):
            raise bad_request("wrong parameter action in request")
        return True


__all__ = ["MAX_TEXT", "MessageMethods"]
