"""Words a whole text holds, tested once per text, so that a check on the words around each of its
dates can be skipped where the text holds none of the words every match of that check needs.

A notice listing hundreds of dated lines runs dozens of bounded patterns per date; most of them
need a word (原定, 有效期, 合同, 以来) a power-cut notice never prints. One scan of the text for each
family below answers "no match" for all its dates alike, exactly as the patterns would.
"""

from __future__ import annotations

import functools
import re

#: Each family's words: every match of the checks gated on the family holds at least one of them.
FAMILIES: dict[str, tuple[str, ...]] = {
    "superseded": ("原",),  # 原定于 / 原计划 (the English half is gated on "latin")
    "valid": ("有效期",),  # 本办法…有效期至
    # a contract's term before its day (合同自, 租期自, 承包期限为) or its rent counted from it (起租, 计租)
    "term": ("合同", "合约", "协议", "租", "承包期", "经营期", "托管期", "委托期", "聘用期"),
    "past": ("已",),  # 已经完成 right after the day
    "tally": ("共", "累计", "总计", "合计"),  # 期间共接待, 受理期内累计收到
    "lookback": ("以来", "至今", "迄今", "到现在", "目前"),  # 5月5日以来, 到目前, 截至目前
    # 12月4日，某公司发布停电通知; 今日（1月7日）提醒市民 (the English half: "latin")
    "told": ("发布", "发出", "下发", "送达", "提醒", "呼吁", "吁请", "促请"),
    # who may take part: 年满18周岁, 出生, 毕业, 取得…证, ages or years of work reckoned to a day
    "eligibility": (
        *("年满", "出生", "生于", "岁", "毕业", "取得", "获得"),
        *("年龄", "学历", "学位", "经历", "年限", "资历", "工龄", "教龄", "党龄", "条件"),
    ),
}

#: A letter an English word can be matched with: ASCII, or one a case-blind pattern folds onto it
#: (dotted and dotless i, the long s, the Kelvin sign).
_LATIN = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


#: Each word of every family → its family.
_FAMILY_OF = {word: name for name, words in FAMILIES.items() for word in words}
#: Every family's words in one pattern, longest first: one scan of a text finds them all, where a
#: test per word scans it once for each. A match hides only words that start inside it, and no
#: word holds another family's word past its first character, so every family held is found.
_WORDS = re.compile("|".join(map(re.escape, sorted(_FAMILY_OF, key=len, reverse=True))))


@functools.lru_cache(maxsize=8)
def cues(text: str) -> frozenset[str]:
    """The families of ``FAMILIES`` whose words ``text`` holds, and "latin" when it holds a letter
    an English word is spelt with (kept for the last few texts: each is asked once per date)."""
    found = {_FAMILY_OF[word] for word in _WORDS.findall(text)}
    if _LATIN.search(text) is not None:
        found.add("latin")
    return frozenset(found)
