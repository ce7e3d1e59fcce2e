"""The page-wide scans the line reader runs once per page find what the per-line tests they stand
for would find: drawn texts compare each scan with its reference, line by line."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from notices.normalize import normalize
from notices.segment.cleaning import _SPACED_CJK, clean_line, despace
from notices.segment.lines import (
    _PINYIN_GLOSS,
    _TRAILING_SIGNATURE,
    _cleaned,
    _rows_with,
    _signatures_apart,
    _signed_apart,
)
from notices.segment.patterns import _CJK_RE, _RULE_CHAR

#: Pieces a signed line is made of, and what breaks it: a sentence end, spaces of each kind, an
#: issuer that names an organisation and one that does not, dates with and without spaces.
_SIGNED_PIECES = (
    "施工期间请绕行。",
    "敬請諒解！",
    "Thanks!",
    " ",
    "\t",
    "\u3000",
    "东城区供水有限公司",
    "北山村",
    "2023年7月9日",
    "2023 年 7 月 9 日",
    "1998年10月1日",
    "\n",
    "\r\n",
    "。",
    "日",
    "年",
    "20",
    "，",
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SIGNED_PIECES), max_size=14))
def test_signatures_apart_as_the_whole_page_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _signatures_apart(text) == _TRAILING_SIGNATURE.sub(_signed_apart, text)


def test_a_signature_on_the_sentence_line_goes_to_lines_of_its_own() -> None:
    text = "停水期间请储备用水。 东城区供水有限公司 2023年7月9日\n次日恢复。 北山村 2023年7月10日"
    assert _signatures_apart(text).split("\n") == [
        "停水期间请储备用水。",
        "东城区供水有限公司",
        "2023年7月9日",
        "次日恢复。 北山村 2023年7月10日",  # a village is no issuer's name
    ]


#: The gloss pattern as it was first written, its lookbehind first.
_GLOSS_LOOKBEHIND_FIRST = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}\)"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="恢復供水區(fù)qūa b()（ā", max_size=30))
def test_pinyin_gloss_scan_matches_the_lookbehind_first_form(text: str) -> None:
    assert _PINYIN_GLOSS.sub("", text) == _GLOSS_LOOKBEHIND_FIRST.sub("", text)


def test_pinyin_gloss_is_dropped_only_after_a_character() -> None:
    assert _PINYIN_GLOSS.sub("", "暫停供電(diàn)，(à)") == "暫停供電，(à)"


_LINE_ALPHABET = "路口封闭，,。；;！!？?:：讯>·•编版校审 ab1"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_LINE_ALPHABET, max_size=8), min_size=1, max_size=8))
def test_page_scan_finds_the_lines_per_line_searches_find(rows: list[str]) -> None:
    assert _rows_with(_RULE_CHAR, rows) == {i for i, r in enumerate(rows) if _RULE_CHAR.search(r)}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="出租 封路a1%　", max_size=14))
def test_spaced_characters_are_the_single_character_pieces(line: str) -> None:
    pieces = line.split(" ")
    singles = sum(1 for p in pieces if len(p) == 1 and _CJK_RE.fullmatch(p) is not None)
    assert len(_SPACED_CJK.findall(" " + line)) == singles


def test_a_letter_spaced_line_closes_up_and_a_spaced_headline_keeps_its_gap() -> None:
    assert despace("招 聘 启 事") == "招聘启事"
    assert despace("城市更新 共建共享") == "城市更新 共建共享"
    assert despace("于 5 月 12 日") == "于5月12日"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="出租後后 　\u2003?？\ufffd5５AＡ，\t摄", min_size=1, max_size=12))
def test_a_cleaned_line_reads_as_its_text_normalised(raw: str) -> None:
    """Cleaning that only takes spaces out reuses the page's normalised line; it must read as the
    cleaned text normalised anew."""
    cleaned, norm = _cleaned(raw, normalize(raw))
    assert cleaned == clean_line(raw)
    if raw.strip() and not raw.strip().startswith(cleaned):
        assert norm == normalize(cleaned)
