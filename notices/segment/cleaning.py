"""Undoing what print and PDF extraction do to a line: doubled captions, letter-spaced titles."""

from __future__ import annotations

import re

from notices.segment.patterns import (
    _ANY_SPACE,
    _CJK,
    _DOUBLED_START,
    _RUNS,
    _SPACE_AROUND_DIGIT,
    _SPACES,
)


def _is_doubled(run: str) -> bool:
    half = len(run) // 2
    return len(run) % 2 == 0 and run[:half] == run[half:]


def dedouble(line: str) -> str:
    """Undo the doubled text PDF extraction gives photo captions ("摄摄" → "摄").

    A line qualifies only when *every* run (text and punctuation, between spaces) is
    an exact repeat and the repeats cover at least six characters, so ordinary text
    such as "谢谢" or "看看" is never touched.
    """
    # A doubled first run repeats the line's first character further on, and six
    # repeated characters need a line of six: nearly every line stops here, regex-free.
    if len(line) < 6 or line[0] not in line[1 : len(line) // 2 + 1] or _DOUBLED_START.match(line) is None:
        return line
    first = _RUNS.match(line)
    if first is None or not _is_doubled(first.group(0)):
        return line
    runs = _RUNS.findall(line)
    if len(runs) < 2 or not all(_is_doubled(r) for r in runs):
        return line
    if sum(len(r) for r in runs) < 6:
        return line
    return _RUNS.sub(lambda m: m.group(0)[: len(m.group(0)) // 2], line)


def despace(line: str) -> str:
    """Collapse letter-spacing ("出 租" → "出租") and the gaps PDF puts around numbers.

    A line counts as letter-spaced when most of its space-separated tokens are single
    characters; otherwise spaces between Chinese words stay (a two-part headline keeps
    its gap) and only spaces between Chinese and digits/Latin go.
    """
    return _despaced(_SPACES.sub(" ", line.strip()))


#: A Chinese character standing alone after a space, up to the next space or the end.
_SPACED_CJK = re.compile(f" [{_CJK}](?= |$)")


def _despaced(line: str) -> str:
    """despace for a stripped line whose space runs are single " " already."""
    tokens = line.count(" ") + 1
    # a Chinese character standing alone between spaces (what _SINGLE_CJK_TOKEN finds), counted
    # with a space put before the line: that pattern, opening on a lookbehind, is tried at every
    # position, this one jumps from space to space
    if tokens >= 2 and len(_SPACED_CJK.findall(" " + line)) * 10 >= tokens * 6:
        return line.replace(" ", "")
    return _SPACE_AROUND_DIGIT.sub("", line)


def clean_line(line: str) -> str:
    stripped = line.strip()
    if _ANY_SPACE.search(stripped) is None:
        return dedouble(stripped)
    if "\t" in stripped:
        # a tab separates the columns of a table ("2022年6月14日\t7:00-19:00\t城关镇…"): cells
        # are cleaned one by one and stay apart
        return " ".join(cell for cell in (clean_line(c) for c in stripped.split("\t")) if cell)
    if "  " in stripped or "\u3000" in stripped or "\u00a0" in stripped:
        stripped = _SPACES.sub(" ", stripped)  # most spaced lines hold single spaces already
    # undoubling halves text runs and keeps the single spaces between them
    return _despaced(dedouble(stripped))
