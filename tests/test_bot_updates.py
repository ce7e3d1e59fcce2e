"""Updates from different chats run side by side; one chat's updates never overtake each other."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.updates import ChatOrderedProcessor


def message_update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, "U", is_bot=False)
    chat = Chat(chat_id, Chat.PRIVATE)
    message = Message(update_id, date=None, chat=chat, from_user=user, text="hi")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_other_chats_proceed_while_one_chat_waits_its_turn() -> None:
    processor = ChatOrderedProcessor(8)
    events: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, gate: asyncio.Event | None = None) -> None:
        events.append(f"{name} start")
        if gate is not None:
            await gate.wait()
        events.append(f"{name} end")

    async with processor:
        first = asyncio.create_task(
            processor.process_update(message_update(1, 10), handle("a1", release_first))
        )
        second = asyncio.create_task(processor.process_update(message_update(2, 10), handle("a2")))
        other = asyncio.create_task(processor.process_update(message_update(3, 20), handle("b1")))
        await asyncio.wait_for(other, 5)  # another chat is not held up by chat 10's slow update
        assert "a2 start" not in events  # chat 10's second update waits for its first
        release_first.set()
        await asyncio.wait_for(asyncio.gather(first, second), 5)

    assert events.index("a1 end") < events.index("a2 start")
    assert events.index("b1 end") < events.index("a1 end")
    assert processor._locks == {}  # nothing is kept for chats that went quiet


async def test_updates_without_a_chat_or_user_run_unordered() -> None:
    processor = ChatOrderedProcessor(2)
    done: list[int] = []

    async def handle() -> None:
        done.append(1)

    async with processor:
        await processor.process_update(Update(9), handle())
    assert done == [1]
    assert ChatOrderedProcessor.key(Update(9)) is None
