"""A trie pattern finds what the alternation of its words, longest first, finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.word_trie import trie_pattern, two_character_gate

_WORDS = st.lists(st.text(alphabet="ab停电水.*", min_size=1, max_size=4), min_size=1, max_size=12)


@given(_WORDS, st.text(alphabet="ab停电水.* ", max_size=30))
def test_the_longest_word_at_every_position(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(trie_pattern(words))
    for at in range(len(text) + 1):
        want, got = plain.match(text, at), trie.match(text, at)
        assert (want and want.group()) == (got and got.group()), (words, text, at)


@given(_WORDS, st.text(alphabet="ab停电水.* ", max_size=30))
def test_the_gate_passes_every_match(words: list[str], text: str) -> None:
    trie = re.compile(trie_pattern(words))
    gated = re.compile(two_character_gate(words) + trie_pattern(words))
    for at in range(len(text) + 1):
        want, got = trie.match(text, at), gated.match(text, at)
        assert (want and want.group()) == (got and got.group()), (words, text, at)


#: More first characters than a node keeps in one group, regex marks among them.
_MANY = "abcdefghijklm停电水.*-^]\\"


@given(
    st.lists(st.text(alphabet=_MANY, min_size=1, max_size=3), min_size=1, max_size=40),
    st.text(alphabet=_MANY + " ", max_size=30),
)
def test_a_node_of_many_branches(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(trie_pattern(words))
    for at in range(len(text) + 1):
        want, got = plain.match(text, at), trie.match(text, at)
        assert (want and want.group()) == (got and got.group()), (words, text, at)


def test_keywords_that_share_their_start() -> None:
    pattern = re.compile(trie_pattern(["停电", "停电时间", "停水", "电"]))
    assert [m.group() for m in pattern.finditer("停电时间停电停水电停")] == ["停电时间", "停电", "停水", "电"]


def test_an_empty_word_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        trie_pattern(["a", ""])
