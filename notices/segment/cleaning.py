"""Undoing what print and PDF extraction do to a line: doubled captions, letter-spaced titles."""

from __future__ import annotations

from notices.segment.patterns import (
    _ANY_SPACE,
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
    if len(line) < 6 or line.find(line[0], 1, len(line) // 2 + 1) < 0 or _DOUBLED_START.match(line) is None:
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


def _is_cjk(ch: str) -> bool:
    """``_CJK`` (patterns.py) for one character."""
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _despaced(line: str) -> str:
    """despace for a stripped line whose space runs are single " " already."""
    pieces = line.split(" ")
    tokens = len(pieces)
    # a Chinese character standing alone between spaces (what _SINGLE_CJK_TOKEN finds), counted
    # over the pieces: the pattern, opening on a lookbehind, is tried at every position
    if tokens >= 2 and sum(1 for p in pieces if len(p) == 1 and _is_cjk(p)) * 10 >= tokens * 6:
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
