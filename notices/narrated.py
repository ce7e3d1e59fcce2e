"""A clock time in someone's account of what befell them: no period for the public.

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


def narrated_moment(norm: str, end: int, *, single: bool, timed: bool, early: bool) -> bool:
    """True when a timed moment on or before the page's day is when someone woke or noticed."""
    return single and timed and early and _NOTICED_AFTER.match(norm, end) is not None
