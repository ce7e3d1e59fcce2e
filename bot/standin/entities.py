"""Telegram's HTML parse mode, checked the way the Bot API does it.

A small hand-written scanner rather than html.parser: it has to reject exactly what Telegram
rejects (unknown tags, unbalanced tags, bad entities) and report the text that remains after
the markup is removed, because Telegram's length limits apply to that text, not to the markup.
It also gives a user's message the ``bot_command`` entity Telegram adds to a leading command.
"""

from __future__ import annotations

import re
from typing import Any

ENTITY_TYPES: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_SPECIAL = re.compile(r"[<&]")
_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")
_UNQUOTED = re.compile(r"[^\s>]*")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")


class EntityError(ValueError):
    """The text cannot be parsed; the message is Telegram's, minus the 'can't parse entities' prefix."""


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units: the unit Telegram measures entity offsets in."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, index: int, strict: bool) -> tuple[str, int]:
    """The character an ``&...;`` at ``index`` stands for, and where the scan resumes."""
    match = _ENTITY.match(text, index)
    if match is not None:
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name in NAMED_ENTITIES:
                return NAMED_ENTITIES[name], match.end()
        else:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), match.end()
    if strict:
        shown = match.group(0) if match is not None else "&"
        raise EntityError(f'Unsupported HTML entity "{shown}" at byte offset {_byte_offset(text, index)}')
    return "&", index + 1


def _parse_attributes(
    text: str, index: int, tag: str, start: int, strict: bool
) -> tuple[dict[str, str], int]:
    """Attributes of a start tag whose name ends at ``index``; returns them and the index after '>'."""
    attributes: dict[str, str] = {}
    length = len(text)
    while True:
        while index < length and text[index].isspace():
            index += 1
        if index >= length:
            raise EntityError(f"Unclosed start tag at byte offset {_byte_offset(text, start)}")
        if text[index] == ">":
            return attributes, index + 1
        name_match = _NAME.match(text, index)
        assert name_match is not None
        name = name_match.group(0).lower()
        if not name:
            raise EntityError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(text, index)}'
            )
        index = name_match.end()
        while index < length and text[index].isspace():
            index += 1
        if index >= length or text[index] != "=":
            raise EntityError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {_byte_offset(text, index)}"
            )
        index += 1
        while index < length and text[index].isspace():
            index += 1
        if index >= length:
            raise EntityError(f"Unclosed start tag at byte offset {_byte_offset(text, start)}")
        quote = text[index]
        if quote in "\"'":
            end = text.find(quote, index + 1)
            if end < 0:
                raise EntityError(f"Unclosed start tag at byte offset {_byte_offset(text, start)}")
            raw = text[index + 1 : end]
            index = end + 1
        else:
            unquoted = _UNQUOTED.match(text, index)
            assert unquoted is not None
            raw = unquoted.group(0)
            index = unquoted.end()
        attributes[name] = _unescape(raw, strict) if "&" in raw else raw


def _unescape(raw: str, strict: bool) -> str:
    out: list[str] = []
    position = 0
    while (found := raw.find("&", position)) >= 0:
        out.append(raw[position:found])
        character, position = _decode_entity(raw, found, strict)
        out.append(character)
    out.append(raw[position:])
    return "".join(out)


def _entity(tag: str, attributes: dict[str, str], offset: int, length: int) -> dict[str, Any] | None:
    kind = ENTITY_TYPES[tag]
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if kind == "text_link":
        href = attributes.get("href")
        if not href:
            return None
        entity["url"] = href
    elif kind == "pre" and attributes.get("language"):
        entity["language"] = attributes["language"]
    elif kind == "blockquote" and "expandable" in attributes:
        entity["type"] = "expandable_blockquote"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = attributes["emoji-id"]
    return entity


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """The visible text and its entities, or :class:`EntityError` as Telegram would report it.

    ``strict`` also refuses a bare ``&`` and unknown named entities (Telegram shows those as
    typed): a bot that forgot to escape user text then fails loudly in tests instead of silently.
    """
    if _SPECIAL.search(text) is None:
        return text, []
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, str], int, int]] = []  # tag, attributes, utf16 start, index
    offset = 0
    position = 0
    length = len(text)
    while (match := _SPECIAL.search(text, position)) is not None:
        index = match.start()
        if index > position:
            chunk = text[position:index]
            out.append(chunk)
            offset += utf16_length(chunk)
        if text[index] == "&":
            character, position = _decode_entity(text, index, strict)
            out.append(character)
            offset += utf16_length(character)
            continue
        if index + 1 < length and text[index + 1] == "/":
            name_match = _NAME.match(text, index + 2)
            assert name_match is not None
            name = name_match.group(0).lower()
            end = name_match.end()
            while end < length and text[end].isspace():
                end += 1
            if end >= length or text[end] != ">":
                raise EntityError(f"Unclosed end tag at byte offset {_byte_offset(text, index)}")
            if not stack:
                raise EntityError(f"Unexpected end tag at byte offset {_byte_offset(text, index)}")
            tag, attributes, start_offset, _ = stack[-1]
            if name != tag:
                raise EntityError(
                    f'Unmatched end tag at byte offset {_byte_offset(text, index)}, expected "</{tag}>", '
                    f'found "</{name}>"'
                )
            stack.pop()
            if tag == "code" and stack and stack[-1][0] == "pre":
                language = attributes.get("class", "")
                if language.startswith("language-"):
                    stack[-1][1]["language"] = language[len("language-") :]
            elif offset > start_offset:
                entity = _entity(tag, attributes, start_offset, offset - start_offset)
                if entity is not None:
                    entities.append(entity)
            position = end + 1
            continue
        name_match = _NAME.match(text, index + 1)
        assert name_match is not None
        name = name_match.group(0).lower()
        if name not in ENTITY_TYPES:
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, index)}')
        attributes, position = _parse_attributes(text, name_match.end(), name, index, strict)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, index)}'
            )
        if name == "tg-emoji" and not attributes.get("emoji-id"):
            raise EntityError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {_byte_offset(text, index)}'
            )
        stack.append((name, attributes, offset, index))
    if position < length:
        out.append(text[position:])
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(out), entities


def command_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` entity Telegram adds to a message starting with a command."""
    match = _LEADING_COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": match.end()}]
