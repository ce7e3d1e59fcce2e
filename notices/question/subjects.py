"""What a question is about: the categories its words name (停电, road closures) and its intent
(what is on now, what is coming, what closes soon)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from notices.categories import Category
from notices.lazy import LazyPattern, has_latin
from notices.question.base import DEADLINES, UPCOMING, fold

_R, _T = Category.ROAD_CLOSURE, Category.TRAFFIC_CONTROL


_P, _W, _G, _H = Category.POWER_OUTAGE, Category.WATER_OUTAGE, Category.GAS_OUTAGE, Category.HEATING


_OUTAGES = (_P, _W, _G)


_ZH_CATEGORY_WORDS: dict[str, tuple[Category, ...]] = {
    "封路": (_R,),
    "封闭": (_R,),
    "封道": (_R,),
    "封了": (_R,),
    "断交": (_R,),
    "断道": (_R,),
    "断路": (_R,),
    "道路施工": (_R,),
    "施工": (_R,),
    "修路": (_R,),
    "绕行": (_R,),
    "不通": (_R,),
    "不能走": (_R,),
    "不让走": (_R,),
    # whether a road can be used: closures and traffic control both answer it
    "能走": (_R, _T),
    "能不能走": (_R, _T),
    "可以走": (_R, _T),
    "好走": (_R, _T),
    "能过": (_R, _T),
    "能通行": (_R, _T),
    "可以通行": (_R, _T),
    "能不能通行": (_R, _T),
    "通不通": (_R, _T),
    "能开车": (_R, _T),
    "交通管制": (_T,),
    "管制": (_T,),
    "限行": (_T,),
    "禁行": (_T,),
    "禁止通行": (_T,),
    "限号": (_T,),
    "停电": (_P,),
    "断电": (_P,),
    "限电": (_P,),
    "没电": (_P,),
    "停送电": (_P,),
    "供电": (_P,),
    "电力": (_P,),
    "停水": (_W,),
    "断水": (_W,),
    "没水": (_W,),
    "供水": (_W,),
    "自来水": (_W,),
    "停气": (_G,),
    "断气": (_G,),
    "燃气": (_G,),
    "天然气": (_G,),
    "煤气": (_G,),
    "供热": (_H,),
    "供暖": (_H,),
    "暖气": (_H,),
    "采暖": (_H,),
    "停暖": (_H,),
    "停热": (_H,),
    "停供": _OUTAGES,
    "断供": _OUTAGES,
    "停水停电": (_W, _P),
    "招聘": (Category.RECRUITMENT,),
    "招工": (Category.RECRUITMENT,),
    "招人": (Category.RECRUITMENT,),
    "招考": (Category.RECRUITMENT,),
    "招录": (Category.RECRUITMENT,),
    "人才引进": (Category.RECRUITMENT,),
    "引进人才": (Category.RECRUITMENT,),
    "岗位": (Category.RECRUITMENT,),
    "职位": (Category.RECRUITMENT,),
    "工作机会": (Category.RECRUITMENT,),
    "找工作": (Category.RECRUITMENT,),
    "就业": (Category.RECRUITMENT,),
    "出租": (Category.RENTAL,),
    "招租": (Category.RENTAL,),
    "租赁": (Category.RENTAL,),
    "租房": (Category.RENTAL,),
    "门市": (Category.RENTAL,),
    "招标": (Category.TENDER,),
    "投标": (Category.TENDER,),
    "采购": (Category.TENDER,),
    "竞标": (Category.TENDER,),
    "比选": (Category.TENDER,),
    "竞争性磋商": (Category.TENDER,),
    "拍卖": (Category.AUCTION,),
    "竞拍": (Category.AUCTION,),
    "竞买": (Category.AUCTION,),
    "挂牌出让": (Category.AUCTION,),
    "征求意见": (Category.PUBLIC_CONSULTATION,),
    "征集意见": (Category.PUBLIC_CONSULTATION,),
    "意见征集": (Category.PUBLIC_CONSULTATION,),
    "意见": (Category.PUBLIC_CONSULTATION,),
    "听证": (Category.PUBLIC_CONSULTATION,),
    "公示": (Category.PUBLIC_DISCLOSURE,),
    "活动": (Category.EVENT,),
    "演出": (Category.EVENT,),
    "展览": (Category.EVENT,),
    "比赛": (Category.EVENT,),
}


_EN_CATEGORY_WORDS: dict[str, tuple[Category, ...]] = {
    "road closures": (_R,),
    "road closure": (_R,),
    "roads closed": (_R,),
    "road closed": (_R,),
    "closed": (_R,),
    "closure": (_R,),
    "closures": (_R,),
    "shut": (_R,),
    "blocked": (_R,),
    "roadworks": (_R,),
    "road works": (_R,),
    "roadwork": (_R,),
    "construction": (_R,),
    "detour": (_R,),
    "detours": (_R,),
    "passable": (_R, _T),
    "drive on": (_R, _T),
    "drive through": (_R, _T),
    "get through": (_R, _T),
    "traffic control": (_T,),
    "traffic controls": (_T,),
    "traffic restriction": (_T,),
    "traffic restrictions": (_T,),
    "restricted": (_T,),
    "no entry": (_T,),
    "power outage": (_P,),
    "power outages": (_P,),
    "power cut": (_P,),
    "power cuts": (_P,),
    "power": (_P,),
    "electricity": (_P,),
    "blackout": (_P,),
    "blackouts": (_P,),
    "water outage": (_W,),
    "water outages": (_W,),
    "water cut": (_W,),
    "water cuts": (_W,),
    "water": (_W,),
    "gas outage": (_G,),
    "gas": (_G,),
    "heating": (_H,),
    "heat": (_H,),
    "outage": _OUTAGES,
    "outages": _OUTAGES,
    "utilities": _OUTAGES,
    "jobs": (Category.RECRUITMENT,),
    "job": (Category.RECRUITMENT,),
    "hiring": (Category.RECRUITMENT,),
    "recruitment": (Category.RECRUITMENT,),
    "recruiting": (Category.RECRUITMENT,),
    "vacancy": (Category.RECRUITMENT,),
    "vacancies": (Category.RECRUITMENT,),
    "positions": (Category.RECRUITMENT,),
    "openings": (Category.RECRUITMENT,),
    "employment": (Category.RECRUITMENT,),
    "careers": (Category.RECRUITMENT,),
    "for rent": (Category.RENTAL,),
    "rent": (Category.RENTAL,),
    "rental": (Category.RENTAL,),
    "rentals": (Category.RENTAL,),
    "lease": (Category.RENTAL,),
    "leases": (Category.RENTAL,),
    "letting": (Category.RENTAL,),
    "tender": (Category.TENDER,),
    "tenders": (Category.TENDER,),
    "bid": (Category.TENDER,),
    "bids": (Category.TENDER,),
    "bidding": (Category.TENDER,),
    "procurement": (Category.TENDER,),
    "auction": (Category.AUCTION,),
    "auctions": (Category.AUCTION,),
    "consultation": (Category.PUBLIC_CONSULTATION,),
    "consultations": (Category.PUBLIC_CONSULTATION,),
    "comments": (Category.PUBLIC_CONSULTATION,),
    "hearing": (Category.PUBLIC_CONSULTATION,),
    "hearings": (Category.PUBLIC_CONSULTATION,),
    "disclosure": (Category.PUBLIC_DISCLOSURE,),
    "disclosures": (Category.PUBLIC_DISCLOSURE,),
    "publicity": (Category.PUBLIC_DISCLOSURE,),
    "event": (Category.EVENT,),
    "events": (Category.EVENT,),
    "concert": (Category.EVENT,),
    "concerts": (Category.EVENT,),
    "exhibition": (Category.EVENT,),
    "exhibitions": (Category.EVENT,),
    "festival": (Category.EVENT,),
}


def _with_names(words: dict[str, tuple[Category, ...]], language: str) -> dict[str, tuple[Category, ...]]:
    """The synonyms plus every category's code and display name, so "road_closure" works too."""
    table = dict(words)
    for category in Category:
        table.setdefault(category.value, (category,))
        table.setdefault(category.value.replace("_", " "), (category,))
        table.setdefault(fold(category.zh) if language == "zh" else category.en.lower(), (category,))
    return table


def _matcher(words: Iterable[str], *, bounded: bool) -> LazyPattern:
    """The words as one pattern, longest first; bounded (English) ones are tried only on a text with
    a letter."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if bounded:
        return LazyPattern(rf"(?<![a-z0-9_])(?:{alternatives})(?![a-z0-9_])", has_latin)
    return LazyPattern(f"(?:{alternatives})")


_ZH_TABLE = _with_names(_ZH_CATEGORY_WORDS, "zh")


_EN_TABLE = _with_names(_EN_CATEGORY_WORDS, "en")


_ZH_CATEGORY_RE = _matcher(_ZH_TABLE, bounded=False)


_EN_CATEGORY_RE = _matcher(_EN_TABLE, bounded=True)


def _find_categories(text: str, language: str) -> tuple[tuple[Category, ...], str]:
    """Every category named in either language, in order of first mention, and the rest of the text."""
    found: list[Category] = []
    for pattern, table in ((_ZH_CATEGORY_RE, _ZH_TABLE), (_EN_CATEGORY_RE, _EN_TABLE)):
        for match in pattern.finditer(text):
            for category in table[match.group(0)]:
                if category not in found:
                    found.append(category)
        text = pattern.sub(" ", text)
    return tuple(found), text


#: Words asking what falls due or ends in a window (本周哪些通知结束); "when does it end" is asked
#: about one closure (``find_reopen``), which is read first.
_ZH_DEADLINE = LazyPattern(r"截止|截至|报名|到期|最后一天|期限|结束|deadline", "截报到最期结d")


_EN_DEADLINE = _matcher(
    [
        "deadline",
        "deadlines",
        "due",
        "closing",
        "closes",
        "closing date",
        "closing dates",
        "apply by",
        "last day",
        "expire",
        "expiring",
        "end",
        "ends",
        "ending",
    ],
    bounded=True,
)


_ZH_UPCOMING = LazyPattern(
    r"即将|将要|将会|快要|马上|就要|接下来|近期|预计|计划|要开始|开始", "将要马接近预计开"
)


_EN_UPCOMING = _matcher(
    [
        "upcoming",
        "coming up",
        "soon",
        "planned",
        "scheduled",
        "will",
        "going to",
        "start",
        "starting",
        "begin",
    ],
    bounded=True,
)


def _find_intent(text: str, language: str) -> tuple[str | None, str]:
    """DEADLINES or UPCOMING when the words say so (None: decided from the rest), and the rest."""
    intent: str | None = None
    for pattern, name in (
        (_ZH_UPCOMING, UPCOMING),
        (_EN_UPCOMING, UPCOMING),
        (_ZH_DEADLINE, DEADLINES),
        (_EN_DEADLINE, DEADLINES),
    ):
        if pattern.search(text):
            if intent != DEADLINES:
                intent = name
            text = pattern.sub(" ", text)
    return intent, text
