"""What a Telegram client does to a text before the Bot API sees it.

A message holds at most 4096 characters, and a person can paste more: the official clients then send
it as several messages, cut at a line break (or else a space) as late as the limit allows, without the
whitespace at the cut. A bot never receives one message longer than the limit, so neither does a bot
talking to the stand-in.
"""

from __future__ import annotations

from bot.standin.messaging import MAX_TEXT


def client_parts(text: str, limit: int = MAX_TEXT) -> list[str]:
    """``text`` as the messages a client sends for it (one when it fits)."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]  # a break right after the limit still lets the part be full
        cut = window.rfind("\n")
        if cut <= limit // 2:
            cut = max(window.rfind(" "), window.rfind("\u3000"))
        if cut <= limit // 2:
            cut = limit
        part, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if part:
            parts.append(part)
    if rest or not parts:
        parts.append(rest)
    return parts
