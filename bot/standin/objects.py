"""What the stand-in remembers: users, chats, messages, files and every request it answered."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

GROUP_TYPES = frozenset({"group", "supergroup"})


@dataclass(frozen=True, slots=True)
class User:
    """A Telegram user (or the bot itself) as it appears in ``from`` fields."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True, slots=True)
class Chat:
    """A private chat, group, supergroup or channel."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None

    @property
    def is_group(self) -> bool:
        return self.type in GROUP_TYPES

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


@dataclass(slots=True)
class StoredFile:
    """A file the stand-in holds: uploaded by a scripted user or sent by the bot."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str

    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass(slots=True, eq=False)
class StoredMessage:
    """One message in one chat, sent by the bot (``outgoing``) or by a scripted user.

    ``text`` is what the bot sent (markup included); ``plain`` is what a reader sees.
    """

    chat: Chat
    message_id: int
    date: int
    seq: int
    outgoing: bool
    sender: User | None
    text: str | None = None
    plain: str | None = None
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    reply_parameters: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    caption: str | None = None
    method: str = "sendMessage"
    time: float = 0.0
    edit_date: int | None = None
    previous_texts: list[str] = field(default_factory=list)
    deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Inline buttons, row after row."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button(self, label: str) -> dict[str, Any]:
        """The inline button whose text is ``label`` (or contains it), for scripted presses."""
        buttons = self.buttons
        for button in buttons:
            if button.get("text") == label:
                return button
        for button in buttons:
            if label in str(button.get("text", "")):
                return button
        shown = [button.get("text") for button in buttons]
        raise LookupError(f"no button {label!r} on message {self.message_id}; buttons: {shown}")

    def to_api(self, *, reply_depth: int = 1, replied: StoredMessage | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"message_id": self.message_id, "date": self.date, "chat": self.chat.to_api()}
        if self.sender is not None:
            data["from"] = self.sender.to_api()
        elif self.chat.type == "channel":
            data["sender_chat"] = self.chat.to_api()
        if self.plain is not None:
            if self.document is not None:
                data["caption"] = self.plain
                if self.entities:
                    data["caption_entities"] = self.entities
            else:
                data["text"] = self.plain
                if self.entities:
                    data["entities"] = self.entities
        if self.document is not None:
            data["document"] = self.document
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if replied is not None and reply_depth > 0:
            data["reply_to_message"] = replied.to_api(reply_depth=0)
        data.update(self.extra)
        return data


@dataclass(slots=True)
class Request:
    """One HTTP call the bot made, as received and as answered."""

    method: str
    params: dict[str, Any]
    time: float
    status: int = 200
    description: str | None = None
    result: Any = None
    index: int = 0

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        value = self.params.get("chat_id")
        if value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            return str(value)

    @property
    def text(self) -> str | None:
        value = self.params.get("text", self.params.get("caption"))
        return None if value is None else str(value)

    def param(self, name: str) -> Any:
        """A parameter decoded from JSON when it was sent as a form field (PTB sends forms)."""
        value = self.params.get(name)
        if isinstance(value, str) and value[:1] in "[{":
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value
