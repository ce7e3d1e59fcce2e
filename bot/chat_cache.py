"""A per-process cache of the chat settings every message needs (language, zone).

The database is the source of truth, and several web processes may serve one chat (a change made
through one must show in the next answer from another). So an entry is trusted for ``ttl`` seconds
only, 0 by default: then every message reads the chat's row, but with one primary-key Core query
instead of loading the ORM object with all its subscriptions. A longer ``ttl`` (setting
``NOTICEBOT_CHAT_CACHE_SECONDS``) skips even that, at the price of a change made in another process
showing up to ``ttl`` seconds late; a change made in this process drops the entry at once (any flush
of a ``Chat`` row through a session of this process).
"""

from __future__ import annotations

import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from db.chats import ChatSettings, read_chat_settings
from db.models import Chat
from db.reader import Reader


class ChatCache:
    """Chat id → settings, each trusted for ``ttl`` seconds (by ``clock``, monotonic seconds)."""

    def __init__(self, ttl: float = 0.0, *, size: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[int, tuple[float, ChatSettings]] = OrderedDict()

    def watch(self) -> None:
        """Drop this cache's entry of every chat row written through a session of this process, when
        it is flushed and again when it is committed (a read in between saw the old row)."""
        _WATCHING.add(self)

    def invalidate(self, chat_id: int) -> None:
        self._entries.pop(chat_id, None)

    def peek(self, chat_id: int) -> ChatSettings | None:
        """The entry when it may still be trusted, else None."""
        if self.ttl <= 0:
            return None
        entry = self._entries.get(chat_id)
        if entry is None or self.clock() - entry[0] > self.ttl:
            return None
        return entry[1]

    def put(self, settings: ChatSettings) -> None:
        if self.ttl <= 0:
            return
        self._entries[settings.id] = (self.clock(), settings)
        self._entries.move_to_end(settings.id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    async def get(self, reader: Reader, chat_id: int) -> ChatSettings | None:
        """The chat's settings: from the cache while trusted, else its row (None: no row)."""
        cached = self.peek(chat_id)
        if cached is not None:
            return cached
        settings = await read_chat_settings(reader, chat_id)
        if settings is not None:
            self.put(settings)
        return settings


_WATCHING: weakref.WeakSet[ChatCache] = weakref.WeakSet()
_WRITTEN = "noticebot_chats_written"


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    written = {obj.id for obj in (*session.new, *session.dirty, *session.deleted) if isinstance(obj, Chat)}
    if written:
        session.info.setdefault(_WRITTEN, set()).update(written)
        _forget(written)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    _forget(session.info.pop(_WRITTEN, set()))


def _forget(chat_ids: set[int]) -> None:
    for cache in list(_WATCHING):
        for chat_id in chat_ids:
            cache.invalidate(chat_id)
