"""The spans of a text around its dates (``windows``) never cut an English word in two: a word cut
at a span's edge reads as another word ("Closing date" as "losing date", "nearby" as "by")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notices.dates.seeds import windows
from notices.dates.tokens import tokenize

_WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14), max_size=12)


def _letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


@given(before=_WORDS, after=_WORDS, day=st.integers(1, 28))
def test_no_window_edge_falls_inside_a_word(before: list[str], after: list[str], day: int) -> None:
    text = " ".join([*before, f"on {day} May 2023", *after])
    for start, end in windows(text):
        assert start == 0 or not (_letter(text[start - 1]) and _letter(text[start])), (text, start)
        assert end == len(text) or not (_letter(text[end - 1]) and _letter(text[end])), (text, end)


def test_the_word_before_a_date_is_read_whole() -> None:
    text = "Closing date: 24 May 2023"
    (start, end) = windows(text)[0]
    assert [tok.value for tok in tokenize(text, start, end)][:2] == ["closing", "date"]
