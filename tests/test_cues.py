"""The per-text word test that lets a date's checks skip: each gated check, on a text shaped as it
matches, finds its family among the text's cues (a family missing a word would skip a match)."""

from __future__ import annotations

import re

import pytest

from notices import eligibility, evidence, in_force, superseded
from notices.cues import FAMILIES, cues


def _matches_after(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.match(text, text.index("日") + 1) is not None


@pytest.mark.parametrize(
    ("family", "pattern", "text"),
    [
        ("past", evidence._PAST_AFTER, "该路段于7月3日已全部完成修复"),
        ("tally", evidence._TALLY_AFTER, "在3月1日至4月2日的征集期内，累计收到意见56条"),
        ("tally", evidence._TALLY_AFTER, "在3月1日至4月2日的活动期间，一共接待游客"),
        ("lookback", evidence._LOOKBACK_AFTER, "2月9日以来"),
        ("lookback", evidence._LOOKBACK_AFTER, "自6月1日截至目前"),
        ("lookback", evidence._LOOKBACK_AFTER, "从8月2日到现在"),
        ("told", evidence._TOLD_AFTER, "11月6日，某水务公司发出停水通知"),
        ("term", in_force._TERM_AFTER, "自9月1日起计租"),
        ("eligibility", eligibility._CRITERIA_AFTER, "2006年9月1日以前出生"),
        ("eligibility", eligibility._CRITERIA_AFTER, "于7月31日前获得相应学位"),
        ("eligibility", eligibility._RECKONED_AFTER, "工作年限以6月30日为准"),
    ],
)
def test_match_after_a_day_has_its_family(family: str, pattern: re.Pattern[str], text: str) -> None:
    assert _matches_after(pattern, text)
    assert family in cues(text)


@pytest.mark.parametrize(
    ("family", "pattern", "text"),
    [
        ("valid", in_force._VALID_UNTIL_BEFORE, "本细则有效期至"),
        ("term", in_force._TERM_BEFORE, "租赁期限自"),
        ("term", in_force._TERM_BEFORE, "承包期限为"),
        ("term", in_force._TERM_BEFORE, "合同自"),
        ("superseded", superseded._SUPERSEDED, "原计划于"),
        ("eligibility", eligibility._CRITERIA_BEFORE, "生于"),
        ("eligibility", eligibility._RECKONED_BEFORE, "教龄计算截至"),
        ("eligibility", eligibility._RECKONED_BEFORE, "等条件计算至"),
        ("latin", superseded._SUPERSEDED, "originally "),
        ("latin", in_force._TERM_BEFORE_EN, "the lease will commence on "),
    ],
)
def test_match_before_a_day_has_its_family(family: str, pattern: re.Pattern[str], text: str) -> None:
    assert pattern.search(text) is not None
    assert family in cues(text)


def test_latin_counts_the_letters_a_case_blind_pattern_folds_onto_ascii() -> None:
    assert "latin" in cues("the leaſe")  # the long s matches "s" in a case-blind pattern
    assert "latin" in cues("\u212a")
    assert "latin" not in cues("５月９日停电，请用户提前做好准备。")


def test_no_word_holds_another_familys_word() -> None:
    """``cues`` scans for all words at once, which hides a word starting inside another's match."""
    family_of = {word: name for name, words in FAMILIES.items() for word in words}
    for word, name in family_of.items():
        for other, other_name in family_of.items():
            assert other_name == name or other not in word[1:], (word, other)
