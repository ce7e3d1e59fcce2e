"""HTML for Telegram: escaping everything that came from a notice or a user, and splitting long messages.

The bot sends with ``parse_mode=HTML``; a notice that contains ``<b>`` or ``&`` must arrive as text, and a
message over Telegram's limit must be split where a reader expects a break (a line end), without cutting a
tag or an entity in half.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096
"""Telegram's limit on a message's text, counted in UTF-16 code units after entity parsing."""

_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def esc(text: object) -> str:
    """Escape a value for Telegram HTML (quotes too, so it is also safe inside an attribute)."""
    return html.escape(str(text), quote=True)


def bold(text: object) -> str:
    return f"<b>{esc(text)}</b>"


def italic(text: object) -> str:
    return f"<i>{esc(text)}</i>"


def code(text: object) -> str:
    return f"<code>{esc(text)}</code>"


def visible_length(fragment: str) -> int:
    """Length Telegram counts for an HTML fragment: tags removed, entities as one character, in UTF-16."""
    plain = html.unescape(_TAG.sub("", fragment))
    return len(plain.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split HTML ``text`` into messages of at most ``limit`` visible characters, at line boundaries.

    Tags opened on one line are expected to close on it (the bot's own markup does); a single line longer
    than the limit is cut between characters, never inside a tag or an ``&…;`` entity.
    """
    if visible_length(text) <= limit:
        return [text] if text.strip() else []
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        for piece in _cut_line(line, limit):
            length = visible_length(piece)
            extra = length + (1 if current else 0)
            if current and size + extra > limit:
                parts.append("\n".join(current))
                current, size = [], 0
                extra = length
            current.append(piece)
            size += extra
    if current:
        parts.append("\n".join(current))
    return [part for part in (p.strip("\n") for p in parts) if part.strip()]


_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|.", re.DOTALL)


def _cut_line(line: str, limit: int) -> list[str]:
    """A line as pieces of at most ``limit`` visible characters; tags and entities stay whole."""
    if visible_length(line) <= limit:
        return [line]
    pieces: list[str] = []
    buffer: list[str] = []
    open_tags: list[str] = []
    size = 0
    for token in _TOKEN.findall(line):
        if token.startswith("<") and token.endswith(">") and len(token) > 1:
            match = _TAG.match(token)
            if match:
                if match.group(1):
                    if open_tags:
                        open_tags.pop()
                else:
                    open_tags.append(match.group(2))
            buffer.append(token)
            continue
        width = visible_length(token)
        if size + width > limit:
            closing = "".join(f"</{tag}>" for tag in reversed(open_tags))
            reopening = "".join(f"<{tag}>" for tag in open_tags)
            pieces.append("".join(buffer) + closing)
            buffer, size = [reopening] if reopening else [], 0
        buffer.append(token)
        size += width
    if buffer:
        pieces.append("".join(buffer))
    return pieces
