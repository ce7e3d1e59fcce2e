"""Question shapes that need more than a category and a time: when something reopens (人民大街什么时候
恢复通行, when will power be restored), deadlines closing soon (即将截止的招标, tenders closing soon), and
what happened recently (最近有什么停电, latest power cuts).

Each finder takes its words out of the text, so they are never left over as a keyword, and says which
categories the words imply (恢复供电 is about power outages even when 停电 is not said).
"""

from __future__ import annotations

import re
from string import ascii_lowercase

from notices.categories import Category
from notices.lazy import LazyPattern, has_cjk, has_latin

SOON_DAYS = 7  # "closing soon": deadlines today and in the six days after

_ROADS = (Category.ROAD_CLOSURE, Category.TRAFFIC_CONTROL)


_P, _W, _G, _H = Category.POWER_OUTAGE, Category.WATER_OUTAGE, Category.GAS_OUTAGE, Category.HEATING


# The words that ask when a closure or outage ends, with the categories they imply (longest first).
_ZH_REOPEN: dict[str, tuple[Category, ...]] = {
    "恢复通行": _ROADS,
    "恢复通车": _ROADS,
    "恢复交通": _ROADS,
    "解除封闭": _ROADS,
    "解除管制": _ROADS,
    "解除交通管制": _ROADS,
    "通车": _ROADS,
    "开通": _ROADS,
    "解封": _ROADS,
    "封到什么时候": _ROADS,
    "封到哪天": _ROADS,
    "封到几号": _ROADS,
    "封多久": _ROADS,
    "恢复供电": (_P,),
    "恢复送电": (_P,),
    "来电": (_P,),
    "通电": (_P,),
    "送电": (_P,),
    "什么时候有电": (_P,),
    "恢复供水": (_W,),
    "来水": (_W,),
    "通水": (_W,),
    "什么时候有水": (_W,),
    "恢复供气": (_G,),
    "通气": (_G,),
    "恢复供暖": (_H,),
    "恢复供热": (_H,),
    "恢复": (),
    "什么时候结束": (),
    "何时结束": (),
    "哪天结束": (),
    "结束时间": (),
    "到什么时候": (),
    "到哪天": (),
    "到几号": (),
    "到几点": (),
    "到何时": (),
    "多久": (),
}


_EN_REOPEN: dict[str, tuple[Category, ...]] = {
    "reopen": _ROADS,
    "reopens": _ROADS,
    "reopened": _ROADS,
    "reopening": _ROADS,
    "re-open": _ROADS,
    "re-opens": _ROADS,
    "open again": _ROADS,
    "back open": _ROADS,
    "be open": _ROADS,
    "be restored": (),
    "restored": (),
    "restore": (),
    "come back": (),
    "comes back": (),
    "back on": (),
    "be back": (),
    "lifted": (),
    "how long": (),
    "until when": (),
    "till when": (),
}


# "when does the closure end": an ending word counts only in a question about when.
_EN_WHEN = LazyPattern(r"(?<![a-z])(?:when|what time|what day|how long)(?![a-z])", has_latin)


_EN_ENDS: dict[str, tuple[Category, ...]] = {
    w: () for w in ("end", "ends", "ending", "over", "finish", "finishes", "finished")
}


def _alternatives(words: dict[str, tuple[Category, ...]], *, bounded: bool) -> LazyPattern:
    """The words as one pattern, longest first: bounded ones are English (tried on a text with a
    letter), the others Chinese (tried on a text with an ideograph)."""
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if bounded:
        return LazyPattern(rf"(?<![a-z])(?:{body})(?![a-z])", has_latin)
    return LazyPattern(f"(?:{body})", has_cjk)


_ZH_REOPEN_RE = _alternatives(_ZH_REOPEN, bounded=False)


_EN_REOPEN_RE = _alternatives(_EN_REOPEN, bounded=True)


_EN_ENDS_RE = _alternatives(_EN_ENDS, bounded=True)


def find_reopen(text: str) -> tuple[bool, tuple[Category, ...], str]:
    """Whether ``text`` asks when something reopens or ends, the categories its words imply, and
    the text without them."""
    found: list[Category] = []
    asked = False
    tables = [(_ZH_REOPEN_RE, _ZH_REOPEN), (_EN_REOPEN_RE, _EN_REOPEN)]
    if _EN_WHEN.search(text):
        tables.append((_EN_ENDS_RE, _EN_ENDS))
    for pattern, table in tables:
        for match in pattern.finditer(text):
            asked = True
            found += [c for c in table[match.group(0)] if c not in found]
        text = pattern.sub(" ", text)
    return asked, tuple(found), text


_SOON = LazyPattern(
    r"即将截止|快要?截止|马上截止|就要截止|临近截止|截止日期(?:快|将)到|快要?到期|即将到期|马上到期"
    r"|(?<![a-z])(?:clos(?:ing|es?) soon|due soon|deadlines? (?:soon|coming up|approaching)"
    r"|about to close|soon due|nearly due|last chance)(?![a-z])",
    "截期" + ascii_lowercase,
)


def find_soon_deadline(text: str) -> tuple[bool, str]:
    """Whether ``text`` asks for deadlines in the coming days ("closing soon"), and the rest."""
    if _SOON.search(text) is None:
        return False, text
    return True, _SOON.sub(" ", text)


_RECENT = LazyPattern(
    r"最近|近来|近日|前几天|最新"
    r"|(?<![a-z])(?:most recent|recently|recent|latest|lately|last)(?![a-z])",
    "最近前" + ascii_lowercase,
)


def find_recent(text: str) -> tuple[bool, str]:
    """Whether ``text`` asks what happened recently (最近, latest), and the rest."""
    if _RECENT.search(text) is None:
        return False, text
    return True, _RECENT.sub(" ", text)
