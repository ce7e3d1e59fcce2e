"""Conversation state and update cursors in the database: compare-and-set writes, each update of a chat
once and in turn across processes, and a conversation that survives the bot being restarted."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.standin import StandIn
from bot.state import StateConflict, StateStore, chat_scope, user_scope
from bot.updates import UpdateGate, Verdict, judge
from db.chats import ChatSettings, ensure_chat, read_chat_settings_and_state
from db.engine import make_sessionmaker, read_connection, session_scope
from jobs.clock import FixedClock
from tests.conftest import engine_for, postgres_url
from tests.test_bot_harness import ADMIN_ID, Harness, bot_settings, running_bot

pytest_plugins = ["tests.test_bot_harness"]


async def test_a_write_based_on_an_old_version_is_refused(sessions: async_sessionmaker[AsyncSession]) -> None:
    store = StateStore(sessions)
    scope = user_scope(42)
    assert await store.get(scope, "add") is None
    first = await store.put(scope, "add", {"step": "title", "data": {}})
    stored = await store.get(scope, "add")
    assert stored is not None
    assert (stored.value, stored.version) == ({"step": "title", "data": {}}, first)

    second = await store.put(scope, "add", {"step": "category"}, version=first)
    assert second == first + 1
    with pytest.raises(StateConflict):
        await store.put(scope, "add", {"step": "stale"}, version=first)
    again = await store.get(scope, "add")
    assert again is not None
    assert again.value == {"step": "category"}, "the refused write changed nothing"

    assert await store.put(scope, "add", {"step": "body"}) == second + 1, "without a version it overwrites"
    assert not await store.delete(scope, "add", version=first)
    assert await store.get(scope, "add") is not None
    assert await store.delete(scope, "add")
    assert await store.get(scope, "add") is None
    await store.put(chat_scope(42), "add", [1, "二"])
    assert (await store.get(user_scope(42), "add")) is None, "chat and user scopes are apart"


async def test_a_chat_and_one_state_value_in_one_read(sessions: async_sessionmaker[AsyncSession]) -> None:
    async def both() -> tuple[ChatSettings | None, tuple[str, int] | None]:
        async with read_connection(sessions) as connection:
            return await read_chat_settings_and_state(connection, 61, chat_scope(61), "note")

    assert await both() == (None, None), "no chat row and no value: one row of nothing"
    await StateStore(sessions).put(chat_scope(61), "note", {"kept": 1})
    assert await both() == (None, ('{"kept":1}', 1)), "a value without a chat row"
    async with session_scope(sessions) as session:
        await ensure_chat(session, 61, type="private", title="Ada", language="en")
    await StateStore(sessions).put(user_scope(61), "note", "another scope")
    chat, state = await both()
    assert chat is not None
    assert (chat.id, chat.title, chat.language, chat.active) == (61, "Ada", "en", True)
    assert state == ('{"kept":1}', 1)
    await StateStore(sessions).delete(chat_scope(61), "note")
    assert (await both())[1] is None


def test_the_verdict_on_an_update_id() -> None:
    assert judge(0, [], 5, keep=3) is Verdict.NEW
    assert judge(7, [5, 7], 9, keep=3) is Verdict.NEW
    assert judge(7, [5, 7], 7, keep=3) is Verdict.DUPLICATE
    assert judge(7, [5, 7], 6, keep=3) is Verdict.LATE
    assert judge(9, [5, 7, 9], 4, keep=3) is Verdict.DUPLICATE, "older than all remembered: too old"


async def test_each_update_of_a_chat_once_and_a_late_one_still(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    gate = UpdateGate(sessions, keep=4)
    seen: list[tuple[int, Verdict]] = []
    for update_id in (10, 12, 12, 11, 10, 13, 9, 14, 10):
        async with gate.turn(-100, update_id) as verdict:
            seen.append((update_id, verdict))
    assert seen == [
        (10, Verdict.NEW),
        (12, Verdict.NEW),
        (12, Verdict.DUPLICATE),
        (11, Verdict.LATE),
        (10, Verdict.DUPLICATE),
        (13, Verdict.NEW),
        (9, Verdict.DUPLICATE),  # older than the 4 remembered: too old to tell
        (14, Verdict.NEW),
        (10, Verdict.DUPLICATE),  # no longer remembered (11-14 are), and older than all of them
    ]
    async with gate.turn(7, 12) as verdict:
        assert verdict is Verdict.NEW, "another chat has its own cursor"


async def test_an_update_that_failed_is_handled_again(sessions: async_sessionmaker[AsyncSession]) -> None:
    gate = UpdateGate(sessions)

    async def fail_half_way() -> None:
        async with gate.turn(5, 1) as verdict:
            assert verdict is Verdict.NEW
            raise RuntimeError("the process failed half-way")

    with pytest.raises(RuntimeError):
        await fail_half_way()
    async with gate.turn(5, 1) as verdict:
        assert verdict is Verdict.NEW, "a delivery that failed is not recorded, so its retry is handled"


async def test_a_restarted_gate_knows_what_was_handled(sessions: async_sessionmaker[AsyncSession]) -> None:
    """What a gate keeps in memory (SQLite) is only a copy: a new process reads the recorded cursor."""
    first = UpdateGate(sessions)
    for update_id in (30, 31):
        async with first.turn(8, update_id) as verdict:
            assert verdict is Verdict.NEW
    again = UpdateGate(sessions)
    async with again.turn(8, 31) as verdict:
        assert verdict is Verdict.DUPLICATE
    async with again.turn(8, 29) as verdict:
        assert verdict is Verdict.LATE


@pytest.mark.postgres
async def test_two_processes_take_one_chat_in_turn(engine: AsyncEngine, db_url: str) -> None:
    """Two gates on two engines (as two processes): the second waits for the first's turn to end and
    then sees its update as a duplicate."""
    if postgres_url() is None:
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    other = engine_for(db_url)
    try:
        first, second = UpdateGate(make_sessionmaker(engine)), UpdateGate(make_sessionmaker(other))
        assert first.row_locks
        assert second.row_locks
        order: list[str] = []
        inside = asyncio.Event()

        async def one() -> None:
            async with first.turn(99, 1) as verdict:
                order.append(f"first {verdict.value}")
                inside.set()
                await asyncio.sleep(0.3)
                order.append("first done")

        async def two() -> None:
            await inside.wait()
            async with second.turn(99, 1) as verdict:
                order.append(f"second {verdict.value}")

        await asyncio.wait_for(asyncio.gather(one(), two()), 10)
        assert order == ["first new", "first done", "second duplicate"]
    finally:
        await other.dispose()


async def test_a_half_entered_add_survives_a_restart(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    settings = bot_settings(db_url)
    admin = standin_server.user("Editor", user_id=ADMIN_ID, language_code="en")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        await harness.send(admin, "/add")
        [categories] = await harness.send(admin, "Water main repairs on Elm Street")
        await harness.press(admin, categories, "Water outage")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        [asked] = await harness.send(admin, "2022年5月20日")
        assert "places" in (asked.plain or "").lower(), "the new process continues at the period step"
        await harness.send(admin, "/skip")
        [preview] = await harness.send(admin, "No water from 9:00 to 17:00.")
        text = preview.plain or ""
        assert "Water main repairs on Elm Street" in text
        assert "20 May 2022" in text
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        pressed = await harness.press(admin, preview, "Keep as draft")
        assert "Saved as draft #" in (harness.current(preview).plain or ""), pressed
    assert await StateStore(sessions).get(user_scope(ADMIN_ID), "add") is None, (
        "a finished /add leaves no row"
    )


async def test_a_pending_edit_period_survives_a_restart(
    standin_server: StandIn, sessions: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    settings = bot_settings(db_url)
    admin = standin_server.user("Editor", user_id=ADMIN_ID, language_code="en")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        await harness.send(admin, "/add")
        [categories] = await harness.send(admin, "Library closed for stocktaking")
        await harness.press(admin, categories, "Water outage")
        await harness.send(admin, "/skip")
        await harness.send(admin, "/skip")
        [preview] = await harness.send(admin, "The library is closed.")
        await harness.press(admin, preview, "Keep as draft")
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        saved = harness.current(preview)
        notice_id = int((saved.plain or "").rsplit("#", 1)[1].rstrip("."))
        await harness.press_data(admin, saved, f"d:per:{notice_id}", check=False)
    async with running_bot(standin_server, sessions, clock, settings) as app:
        harness = Harness(standin_server, app, clock, sessions, settings)
        [changed] = await harness.send(admin, "2022年6月1日至6月15日")
        assert f"#{notice_id} has new dates" in (changed.plain or "")
        assert "1–15 June 2022" in (changed.plain or "")
    assert await StateStore(sessions).get(user_scope(ADMIN_ID), "edit_period") is None
