"""Handling updates from different chats side by side, and each chat's updates in order.

python-telegram-bot handles one update at a time unless told otherwise, so one slow answer (a database
query, a page upload) holds up everyone. Its plain concurrent mode would let one chat's messages overtake
each other, which breaks conversations (/add, Edit period) and the order of replies. This processor runs
up to ``max_concurrent_updates`` at once but never two of the same chat (or, without a chat, the same
user) together.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    @staticmethod
    def key(update: object) -> int | None:
        """The chat an update belongs to; the user for updates without a chat (inline queries)."""
        if not isinstance(update, Update):
            return None
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self.key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody else waits on this chat: forget its lock
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up; the locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""
