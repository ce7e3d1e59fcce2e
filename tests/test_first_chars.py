"""A pattern opened with the lookahead of its first characters finds what it found without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.first_chars import gated

PATTERNS = [
    r"(?<![\d.])(?:(?P<y>\d{1,4})\s*年\s*)?(?P<m>\d{1,2})\s*月",
    r"(?i:closed?|outages?)|封闭|停电",
    r"\b(?:[Uu]se(?! of)|via)|绕行|(?:可|请)(?:经|走)",
    r"(?:\*[ \t]?){3,}|—{3,}|-{3,}",
    r"(?:x|)y|[a-c]z+",
    r"(?>ab|a)c|\sK",
]
_TEXT = st.text(alphabet="0123456789 .年月日封闭停电绕行可请经走*—-xyabczKkUusevia\u212aCLOSEDoutage\t\n")


@pytest.mark.parametrize("source", PATTERNS)
def test_a_lookahead_is_added(source: str) -> None:
    assert gated(source).startswith("(?=")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@given(_TEXT)
def test_the_same_matches(flags: int, text: str) -> None:
    for source in PATTERNS:
        plain, first = re.compile(source, flags), re.compile(gated(source, flags), flags)
        assert [(m.span(), m.groups()) for m in plain.finditer(text)] == [
            (m.span(), m.groups()) for m in first.finditer(text)
        ], source


@pytest.mark.parametrize(
    "source",
    [r"a*", r".x", r"[^a]b", r"(?i)abc|d", r"(a)?\1b", r"(?:x|)"],
)
def test_left_alone_when_the_first_character_cannot_be_told(source: str) -> None:
    assert gated(source) == source


def test_verbose_patterns_are_left_alone() -> None:
    assert gated(r"a b", re.VERBOSE) == r"a b"
