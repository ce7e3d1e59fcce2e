"""normalize(): a one-to-one character map, so offsets in its output are offsets in the input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notices.normalize import normalize
from notices.numerals import chinese_to_int, to_int


@given(st.text())
def test_length_is_preserved(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_full_width_becomes_ascii() -> None:
    assert normalize("２０２２年５月１１日８：００（周三）ＡＢｃ，．") == "2022年5月11日8:00(周三)ABc,."


def test_dashes_tildes_and_spaces_are_unified() -> None:
    assert normalize("5月11日—26日–27日―28日－29日−30日") == "5月11日-26日-27日-28日-29日-30日"
    assert normalize("11日〜26日～27日") == "11日~26日~27日"
    assert normalize("8∶00\u3000至") == "8:00 至"
    assert normalize("二○二二年") == "二〇二二年"


def test_traditional_becomes_simplified() -> None:
    assert normalize("停電時間：週三上午8時，於1號條網點內") == "停电时间:周三上午8时,于1号条网点内"
    assert normalize("報名截止後開標，請關注區縣鄉鎮") == "报名截止后开标,请关注区县乡镇"


def test_simplified_and_ascii_are_untouched() -> None:
    text = "封闭期限：2022年5月11日至26日。显著 乾坤 Hello, world!"
    expected = text.replace("：", ":")
    assert normalize(text) == expected


def test_chinese_numerals() -> None:
    assert chinese_to_int("二〇二二") == 2022
    assert chinese_to_int("十一") == 11
    assert chinese_to_int("二十六") == 26
    assert chinese_to_int("廿六") == 26
    assert chinese_to_int("卅一") == 31
    assert chinese_to_int("一百零五") == 105
    assert chinese_to_int("三万二千") == 32000
    assert chinese_to_int("十十") is None
    assert chinese_to_int("") is None
    assert to_int("31") == 31


def test_a_lost_character_becomes_a_space_and_a_question_mark_stays() -> None:
    text = "?二、停水时间:\n2023年6月2日(周五) ?9:00-16:00\n哪里停水?\ufffd好"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == " 二、停水时间:\n2023年6月2日(周五)  9:00-16:00\n哪里停水? 好"


def test_short_texts_map_every_character_as_the_table_does() -> None:
    # A short text (a question) is mapped without building the whole table, converting only its own
    # characters: each one must come out as the table maps it, mapped or left alone.
    from notices.normalize import _CJK_BLOCKS, _by_table, _fixed_table, _short

    every = "".join(chr(code) for low, high in _CJK_BLOCKS for code in range(low, high))
    every += "".join(map(chr, _fixed_table())) + "乾abc ?x\ufffd"
    short, table = _short(every), _by_table(every)
    assert len(short) == len(every)
    differ = [(ch, a, b) for ch, a, b in zip(every, short, table, strict=True) if a != b]
    assert differ == []
    assert sum(a != b for a, b in zip(every, short, strict=True)) > 1000  # the script map is there


@given(st.text(alphabet="停電時間週三於號條網點報名後開標請關注區縣鄉鎮乾干 ？?\ufffd—１：", max_size=60))
def test_a_short_text_normalizes_as_a_long_one_would(text: str) -> None:
    from notices.normalize import _by_table, _short

    assert _short(text) == _by_table(text)


def test_a_character_is_mapped_once() -> None:
    # 薴 folds to 苧, itself folded to 苎: in a text of few characters each is still mapped once
    from notices.normalize import _by_table, _short

    text = "苧麻，薴麻，" * 20
    assert _by_table(text) == _short(text) == "苎麻,苧麻," * 20


def test_the_shipped_script_table_is_opencc_s() -> None:
    """``notices.script_table`` is what OpenCC says today (else: ``python -m notices.normalize``)."""
    from notices.normalize import opencc_pairs
    from notices.script_table import PAIRS

    assert opencc_pairs() == PAIRS
