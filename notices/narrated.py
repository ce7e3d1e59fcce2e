"""A clock time in someone's account of what befell them: no period for the public.

``今天晚上9時31分，家住某小區的居民家也停氣了``: a supply that stopped, told with the perfective
了 that closes the sentence, is what already happened at that time, not a cut to plan for (a
plan says 将 / 要 / 会 … 了: 明天就要停水了).

``他的太太今天清晨5点左右起床时发现家中没水`` / ``一名居民凌晨4時醒來後發現停水``: the moment a
resident woke up or noticed a fault, told in a report after the fact. A plan never says when
someone found something out, so a moment on or before the page's day followed in its own clause
by waking or discovering is a witness's story, not a time to plan around.
"""

from __future__ import annotations

import re

#: Waking or finding out, said in the clause right after the time (左右 / 多 allowed between).
_NOTICED_AFTER = re.compile(
    r"\s*(?:左右|前后|前後|多|许|許)?\s*[^，,。；;！？!?\n\d]{0,8}?"
    r"(?:起床|醒来|醒來|睡醒|发现|發現|察觉|察覺|注意到|听到|聽到|闻到|聞到|看到|看见|看見)"
)


#: A stop told as done at the end of the time's sentence: …也停气了。 / …突然停电了！
_STOPPED_AFTER = re.compile(
    r"[^。；;！？!?\n]{0,40}?(?:停气|停電|停电|停水|停暖|停热|停氣|断电|断水|斷電|斷水|没电|没水|沒電|沒水)了\s*[。！!，,]"
)
#: What makes such a sentence a plan: 将, 要, 会, 预计, 即将.
_FUTURE = re.compile(r"将|將|要|会|會|预计|預計|即将|即將")


def narrated_moment(norm: str, end: int, *, single: bool, timed: bool, early: bool) -> bool:
    """True when a timed moment on or before the page's day is when someone woke or noticed, or
    when a supply stopped, told as done."""
    if not (single and timed and early):
        return False
    if _NOTICED_AFTER.match(norm, end) is not None:
        return True
    stopped = _STOPPED_AFTER.match(norm, end)
    return stopped is not None and _FUTURE.search(stopped.group()) is None
