"""Step-by-step conversations whose step and answers are rows, not process memory.

python-telegram-bot's ConversationHandler keeps each conversation's state in the process that saw its
last update; behind a load balancer the next update may reach another process. A ``StoredConversation``
reads the step from ``bot_state`` when an update comes, runs the matching step and writes the next one
back, so any process continues where another left off. Matching reuses the library's handlers
(``check_update``); only the callbacks differ: they get the conversation's data and return the next step.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers.common import Context, deps
from bot.state import StateConflict, StateStore, user_scope

log = logging.getLogger("bot.conversation")

END = "end"
"""A step's answer that ends the conversation (its row goes)."""

StepCallback = Callable[[Update, Context, dict[str, Any]], Awaitable[str | None]]
"""A step: the update, its context and the conversation's data (changed in place); it returns the next
step's name, ``END``, or None to stay at this step."""


async def _never_called(update: object, context: Any) -> None:
    """The library handlers here only match; their callbacks are never run."""


@dataclass(frozen=True, slots=True)
class Step:
    """When ``match`` (a library handler, used for its ``check_update`` only) accepts an update, run
    ``callback``."""

    match: BaseHandler[Any, Any, Any]
    callback: StepCallback

    def matches(self, update: Update) -> bool:
        check = self.match.check_update(update)
        return check is not None and check is not False


def command(name: str, only: filters.BaseFilter | None = None, *, callback: StepCallback) -> Step:
    """A step taking the command ``/name`` (in chats ``only`` accepts)."""
    return Step(CommandHandler(name, _never_called, only), callback)


def message(accepts: filters.BaseFilter, *, callback: StepCallback) -> Step:
    """A step taking a message ``accepts`` lets through."""
    return Step(MessageHandler(accepts, _never_called), callback)


def button(pattern: str, *, callback: StepCallback) -> Step:
    """A step taking a button press whose data matches ``pattern``."""
    return Step(CallbackQueryHandler(_never_called, pattern=pattern), callback)


class StoredConversation:
    """A conversation per private chat (its user), kept in ``bot_state`` under ``name``.

    ``entry`` steps start it afresh from any step (re-entry); ``states`` map a step's name to what it
    accepts; ``fallbacks`` (/cancel) are tried at every step. ``active`` decides cheaply, without the
    database, whether the user can be in the conversation at all (an admin), so other people's messages
    cost no read. An update nothing matches goes on to the other handlers, as with ConversationHandler.
    """

    def __init__(
        self,
        name: str,
        *,
        entry: list[Step],
        states: dict[str, list[Step]],
        fallbacks: list[Step],
        active: Callable[[Update, Context], bool] = lambda update, context: True,
    ) -> None:
        self.name = name
        self.entry = entry
        self.states = states
        self.fallbacks = fallbacks
        self.active = active

    def handler(self) -> TypeHandler[Update, Any, Any]:
        return TypeHandler(Update, self.handle)

    async def handle(self, update: Update, context: Context) -> None:
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None or chat.type != ChatType.PRIVATE:
            return
        store = StateStore(deps(context).sessions)
        scope = user_scope(user.id)
        for entry in self.entry:
            if entry.matches(update):
                data: dict[str, Any] = {}
                await self._save(store, scope, await entry.callback(update, context, data), data, None)
                raise ApplicationHandlerStop
        if not self.active(update, context):
            return
        stored = await store.get(scope, self.name)
        if stored is None:
            return
        current = str(stored.value.get("step", ""))
        data = dict(stored.value.get("data") or {})
        for candidate in [*self.states.get(current, []), *self.fallbacks]:
            if candidate.matches(update):
                following = await candidate.callback(update, context, data)
                await self._save(store, scope, following or current, data, stored.version)
                raise ApplicationHandlerStop

    async def _save(
        self, store: StateStore, scope: str, following: str | None, data: dict[str, Any], version: int | None
    ) -> None:
        try:
            if following is None or following == END:
                await store.delete(scope, self.name, version=version)
            else:
                await store.put(scope, self.name, {"step": following, "data": data}, version=version)
        except StateConflict:
            # Another update of this user was handled meanwhile (updates of one chat are handled one at
            # a time, so only a second chat of the same user gets here): the newer step stands.
            log.warning("conversation %s of %s changed meanwhile; keeping the newer step", self.name, scope)
