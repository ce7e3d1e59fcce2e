"""The questions behind answers' pagers: remembered on a read made with the chat's settings, and made
again on a fresh read when that one is stale."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.ask import QUESTIONS_KEY, remember_question
from bot.state import StateStore, chat_scope
from db.chats import read_chat_settings_and_states
from db.engine import read_connection


async def test_two_values_of_a_scope_read_with_a_chat(sessions: async_sessionmaker[AsyncSession]) -> None:
    store, scope = StateStore(sessions), chat_scope(71)
    await store.put(scope, "b", [2])
    async with read_connection(sessions) as connection:
        chat, states = await read_chat_settings_and_states(connection, 71, scope, ("a", "b"))
    assert chat is None
    assert states == [None, ("[2]", 1)]


async def test_a_question_remembered_on_a_stale_read(sessions: async_sessionmaker[AsyncSession]) -> None:
    store, scope = StateStore(sessions), chat_scope(72)
    await remember_question(store, scope, 10, "first", stored=None)
    stale = await store.get(scope, QUESTIONS_KEY)
    await remember_question(store, scope, 11, "second", stored=stale)
    await remember_question(store, scope, 12, "third", stored=stale)  # version moved on meanwhile
    await remember_question(store, scope, 13, "fourth")
    stored = await store.get(scope, QUESTIONS_KEY)
    assert stored is not None
    assert stored.value == {"10": "first", "11": "second", "12": "third", "13": "fourth"}
