"""Scripting the other side of the chat: users, groups and channels, and the updates they cause.

Messages, commands, uploads, button presses, inline queries and changes of the bot's membership
become the updates Telegram would send, queued for the bot to fetch; a user's messages are stored
too, so the bot can reply to them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.standin.client import client_parts
from bot.standin.entities import command_entities
from bot.standin.messaging import MAX_TEXT
from bot.standin.objects import Chat, StoredMessage, User
from bot.standin.traffic import Traffic


class Scripting(Traffic):
    """``user``, ``group``, ``channel``, ``user_message``, ``command``, ``press`` and kin.

    It builds on :class:`Traffic` so that ``say`` can wait for the bot's answer.
    """

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


__all__ = ["Scripting"]
