"""Understanding a question typed by a person ("哪些路封闭", "what roads are closed on May 20").

A question is reduced to what the database can answer: the categories asked about, a place or
keyword, a moment, a day or a window of days, and an intent. Everything is resolved against the
``now`` passed in, never the machine clock. Traditional script and full-width characters are folded
first, so "哪些路封閉" reads like "哪些路封闭".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.categories import Category
from notices.normalize import normalize
from notices.numerals import chinese_to_int

ACTIVE = "active"
UPCOMING = "upcoming"
DEADLINES = "deadlines"
SEARCH = "search"
INTENTS = (ACTIVE, UPCOMING, DEADLINES, SEARCH)


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks, ready to be turned into a query.

    At most one of ``at`` (a moment), ``on`` (a day) and ``window`` (inclusive days) is set; none
    means "now" for the answer. ``text`` is a place or keyword left over once the words for
    categories, time and the question itself are taken out. ``understood`` is False when nothing in
    the text looked like a question about notices ("hello"), so the answer can offer examples.
    """

    language: str
    categories: tuple[Category, ...] = ()
    text: str | None = None
    at: datetime | None = None
    on: date | None = None
    window: tuple[date, date] | None = None
    intent: str = ACTIVE
    understood: bool = True

    @property
    def has_time(self) -> bool:
        return self.at is not None or self.on is not None or self.window is not None


def parse_question(text: str, *, now: datetime, tz: ZoneInfo) -> Question:
    """Read ``text`` as a question asked at ``now`` (aware) by someone living in ``tz``."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(tz)
    language = "zh" if _CJK.search(text) else "en"
    folded = fold(text)
    asks = _ASKS.search(folded) is not None
    when, folded = _find_time(folded, now=now, language=language)
    categories, folded = _find_categories(folded, language)
    intent_words, folded = _find_intent(folded, language)
    keyword = _keyword(folded, language)

    at = on = None
    window = None
    if isinstance(when, datetime):
        at = when
    elif isinstance(when, date):
        on = when
    elif when is not None:
        window = when

    if intent_words == UPCOMING and (at is not None or on is not None):
        intent = ACTIVE  # "will the road be closed on May 20" asks about that day
    elif intent_words is not None:
        intent = intent_words
    elif not categories and when is None and keyword is not None:
        intent = SEARCH
    else:
        intent = ACTIVE
    return Question(
        language=language,
        categories=categories,
        text=keyword,
        at=at,
        on=on,
        window=window,
        intent=intent,
        understood=bool(categories or keyword or when is not None or intent_words or asks),
    )


# --- folding ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Full-width to ASCII, lower case, traditional to simplified (the same map the parser uses)."""
    text = unicodedata.normalize("NFKC", normalize(text)).lower()
    return _SPACES.sub(" ", text).strip()


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")

# --- numbers ---------------------------------------------------------------------------------------

_EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fourteen": 14,
    "thirty": 30,
    "a": 1,
}
_CN_NUM = r"[\d〇零一二两三四五六七八九十]{1,4}"


def _number(token: str) -> int | None:
    """An int from ASCII digits, Chinese numerals (二十六, 二〇二二) or small English words."""
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    return chinese_to_int(token)


# --- time ------------------------------------------------------------------------------------------

When = datetime | date | tuple[date, date] | None
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CN_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}


def _day(now: datetime, year: int | None, month: int, day: int) -> date | None:
    """A day of month; without a year, the one nearest to ``now`` (May 20 asked in December: May)."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    today = now.date()
    best: date | None = None
    for candidate_year in (today.year - 1, today.year, today.year + 1):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - today).days) < abs((best - today).days):
            best = candidate
    return best


def _range(start: date | None, end: date | None) -> tuple[date, date] | None:
    if start is None or end is None:
        return None
    if end < start:
        try:
            end = end.replace(year=end.year + 1)
        except ValueError:
            return None
    return (start, end)


def _week(today: date, weeks: int) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)
    return (monday, monday + timedelta(days=6))


def _weekend(today: date, weeks: int) -> tuple[date, date]:
    saturday = today - timedelta(days=today.weekday()) + timedelta(days=5, weeks=weeks)
    return (max(saturday, today) if weeks == 0 else saturday, saturday + timedelta(days=1))


def _month(today: date, months: int) -> tuple[date, date]:
    index = today.year * 12 + today.month - 1 + months
    first = date(index // 12, index % 12 + 1, 1)
    following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return (first, following - timedelta(days=1))


def _next_days(today: date, days: int | None) -> tuple[date, date] | None:
    if days is None or days < 1 or days > 366:
        return None
    return (today, today + timedelta(days=days - 1))


def _weekday(today: date, weekday: int, weeks: int) -> date:
    if weeks:
        return today - timedelta(days=today.weekday()) + timedelta(days=weekday, weeks=weeks)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


_Resolver = Callable[[re.Match[str], datetime], When]
_Rule = tuple[re.Pattern[str], _Resolver]


def _unit_days(unit: str) -> int:
    return {"天": 1, "日": 1, "周": 7, "星期": 7, "个星期": 7, "礼拜": 7, "个礼拜": 7, "个月": 30, "月": 30}[
        unit
    ]


def _en_unit_days(unit: str) -> int:
    return 7 if unit.startswith("week") else 30 if unit.startswith("month") else 1


def _zh_next(m: re.Match[str], now: datetime) -> When:
    """That many days, weeks or months from today ("未来3天", "两周内")."""
    return _next_days(now.date(), (_number(m.group(1)) or 0) * _unit_days(m.group(2)))


def _en_next(m: re.Match[str], now: datetime) -> When:
    """That many days, weeks or months from today ("the next 3 days", "within two weeks")."""
    return _next_days(now.date(), (_number(m.group(1)) or 0) * _en_unit_days(m.group(2)))


def _cn(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _en(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])")


def _opt_int(value: str | None) -> int | None:
    return None if value is None else _number(value)


def _zh_date(m: re.Match[str], now: datetime, y: int, mo: int, d: int) -> date | None:
    month, day = _number(m.group(mo)), _number(m.group(d))
    if month is None or day is None:
        return None
    return _day(now, _opt_int(m.group(y)), month, day)


def _zh_range(m: re.Match[str], now: datetime) -> When:
    start = _zh_date(m, now, 1, 2, 3)
    if start is None:
        return None
    month = _opt_int(m.group(4)) or start.month
    day = _number(m.group(5))
    if day is None:
        return None
    try:
        return _range(start, date(start.year, month, day))
    except ValueError:
        return None


def _en_date(now: datetime, month: str, day: str, year: str | None) -> date | None:
    return _day(now, _opt_int(year), _MONTHS[month], int(day))


def _en_range(m: re.Match[str], now: datetime) -> When:
    start = _en_date(now, m.group(1), m.group(2), m.group(5))
    if start is None:
        return None
    month = _MONTHS[m.group(3)] if m.group(3) else start.month
    try:
        return _range(start, date(start.year, month, int(m.group(4))))
    except ValueError:
        return None


def _en_range_day_first(m: re.Match[str], now: datetime) -> When:
    end = _en_date(now, m.group(3), m.group(2), m.group(4))
    if end is None:
        return None
    try:
        return _range(date(end.year, end.month, int(m.group(1))), end)
    except ValueError:
        return None


def _iso(m: re.Match[str], _now: datetime) -> When:
    return _day(_now, int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _slash(m: re.Match[str], now: datetime) -> When:
    month, day = int(m.group(1)), int(m.group(2))
    return _day(now, None, month, day) if 1 <= month <= 12 else None


_ZH_RULES: list[_Rule] = [
    (
        _cn(
            rf"(?:({_CN_NUM})年)?({_CN_NUM})月({_CN_NUM})[日号]?\s*(?:至|到|-|—|–|~|～)\s*"
            rf"(?:({_CN_NUM})月)?({_CN_NUM})[日号]"
        ),
        _zh_range,
    ),
    (_cn(rf"(?:({_CN_NUM})年)?({_CN_NUM})月({_CN_NUM})[日号]"), lambda m, now: _zh_date(m, now, 1, 2, 3)),
    (_cn(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), _iso),
    (_cn(r"(?<![\d.])(\d{1,2})/(\d{1,2})(?![\d/])"), _slash),
    (
        _cn(
            rf"(?:未来|接下来|近|最近|今后|往后)的?({_CN_NUM})(天|日|周|个星期|星期|个礼拜|礼拜|个月)(?:内|里|之内)?"
        ),
        _zh_next,
    ),
    (
        _cn(rf"({_CN_NUM})(天|日|周|个星期|个礼拜|个月)(?:内|之内|以内)"),
        _zh_next,
    ),
    (_cn(r"(?:本|这|这个)?周末"), lambda m, now: _weekend(now.date(), 0)),
    (_cn(r"下(?:个)?周末"), lambda m, now: _weekend(now.date(), 1)),
    (
        _cn(r"(下下|下|上|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])"),
        lambda m, now: _weekday(
            now.date(),
            _CN_WEEKDAYS.get(m.group(2), int(m.group(2)) - 1 if m.group(2).isdigit() else 0),
            {"下下": 2, "下": 1, "上": -1}.get(m.group(1) or "", 0),
        ),
    ),
    (_cn(r"(?:本|这|这一|这个)(?:周|星期|礼拜)"), lambda m, now: _week(now.date(), 0)),
    (_cn(r"(?:下|下一|下个)(?:周|星期|礼拜)"), lambda m, now: _week(now.date(), 1)),
    (_cn(r"(?:上|上一|上个)(?:周|星期|礼拜)"), lambda m, now: _week(now.date(), -1)),
    (_cn(r"(?:本|这|这个)月(?:份)?"), lambda m, now: _month(now.date(), 0)),
    (_cn(r"(?:下|下个)月(?:份)?"), lambda m, now: _month(now.date(), 1)),
    (_cn(r"大后天"), lambda m, now: now.date() + timedelta(days=3)),
    (_cn(r"后天"), lambda m, now: now.date() + timedelta(days=2)),
    (_cn(r"明天|明日|明儿"), lambda m, now: now.date() + timedelta(days=1)),
    (_cn(r"今天|今日|今儿|今晚|今早|今天晚上|当天"), lambda m, now: now.date()),
    (_cn(r"前天"), lambda m, now: now.date() - timedelta(days=2)),
    (_cn(r"昨天|昨日|昨晚"), lambda m, now: now.date() - timedelta(days=1)),
    (_cn(r"现在|目前|当前|此刻|眼下|正在|此时"), lambda m, now: now),
]

_EN_RULES: list[_Rule] = [
    (
        _en(
            rf"(?:on |from |between )?{_MONTH} {_DAY}\s*(?:-|–|—|to|until|till|and|through|thru)\s*"
            rf"(?:{_MONTH} )?{_DAY}(?:,? (\d{{4}}))?"
        ),
        _en_range,
    ),
    (
        _en(
            rf"(?:on |from |between )?(?:the )?{_DAY}\s*(?:-|–|—|to|until|till|and|through)\s*"
            rf"(?:the )?{_DAY} (?:of )?{_MONTH}(?:,? (\d{{4}}))?"
        ),
        _en_range_day_first,
    ),
    (
        _en(rf"(?:on )?{_MONTH} {_DAY}(?:,? (\d{{4}}))?"),
        lambda m, now: _en_date(now, m.group(1), m.group(2), m.group(3)),
    ),
    (
        _en(rf"(?:on )?(?:the )?{_DAY} (?:of )?{_MONTH}(?:,? (\d{{4}}))?"),
        lambda m, now: _en_date(now, m.group(2), m.group(1), m.group(3)),
    ),
    (_en(r"(?:on )?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), _iso),
    (_en(r"(?:on )?(\d{1,2})/(\d{1,2})(?![\d/])"), _slash),
    (
        _en(
            r"(?:(?:in|within|over|for|during) )?(?:the )?(?:next|coming|following) "
            r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty) "
            r"(days?|weeks?|months?)"
        ),
        _en_next,
    ),
    (
        _en(r"(?:(?:in|within) )(\d{1,3}|one|two|three|four|five|six|seven|ten|a) (days?|weeks?|months?)"),
        _en_next,
    ),
    (_en(r"(?:on |over |during |at )?(?:this |the )?weekend"), lambda m, now: _weekend(now.date(), 0)),
    (_en(r"(?:on |over |during )?next weekend"), lambda m, now: _weekend(now.date(), 1)),
    (
        _en(r"(?:on )?(next |this |last )?(" + "|".join(_EN_WEEKDAYS) + r")"),
        lambda m, now: _weekday(
            now.date(),
            _EN_WEEKDAYS.index(m.group(2)),
            {"next ": 1, "last ": -1}.get(m.group(1) or "", 0),
        ),
    ),
    (_en(r"(?:during |in )?(?:this|the current) week"), lambda m, now: _week(now.date(), 0)),
    (_en(r"(?:during |in )?next week"), lambda m, now: _week(now.date(), 1)),
    (_en(r"(?:during |in )?last week"), lambda m, now: _week(now.date(), -1)),
    (_en(r"(?:during |in )?this month"), lambda m, now: _month(now.date(), 0)),
    (_en(r"(?:during |in )?next month"), lambda m, now: _month(now.date(), 1)),
    (_en(r"(?:on )?(?:the )?day after tomorrow"), lambda m, now: now.date() + timedelta(days=2)),
    (_en(r"(?:on )?tomorrow"), lambda m, now: now.date() + timedelta(days=1)),
    (_en(r"(?:on )?today|tonight|this (?:morning|afternoon|evening)"), lambda m, now: now.date()),
    (_en(r"(?:on )?yesterday"), lambda m, now: now.date() - timedelta(days=1)),
    (
        _en(r"right now|just now|now|currently|at the moment|at present|presently|still"),
        lambda m, now: now,
    ),
]


def _find_time(text: str, *, now: datetime, language: str) -> tuple[When, str]:
    """The first time expression found (rules in order of specificity) and the text without it."""
    rules = _ZH_RULES + _EN_RULES if language == "zh" else _EN_RULES + _ZH_RULES
    for pattern, resolve in rules:
        for match in pattern.finditer(text):
            when = resolve(match, now)
            if when is not None:
                return when, text[: match.start()] + " " + text[match.end() :]
    return None, text


# --- categories ------------------------------------------------------------------------------------

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


def _matcher(words: Iterable[str], *, bounded: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if bounded:
        return re.compile(rf"(?<![a-z0-9_])(?:{alternatives})(?![a-z0-9_])")
    return re.compile(f"(?:{alternatives})")


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


# --- intent ----------------------------------------------------------------------------------------

_ZH_DEADLINE = re.compile(r"截止|截至|报名|到期|最后一天|期限|deadline")
_EN_DEADLINE = _matcher(
    [
        "deadline",
        "deadlines",
        "due",
        "closing date",
        "closing dates",
        "apply by",
        "last day",
        "expire",
        "expiring",
    ],
    bounded=True,
)
_ZH_UPCOMING = re.compile(r"即将|将要|将会|快要|马上|就要|接下来|近期|最近|预计|计划|要开始|开始")
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


# --- keyword ---------------------------------------------------------------------------------------

_ZH_STOP = re.compile(
    "|".join(
        sorted(
            [
                "哪些",
                "地方",
                "你好",
                "您好",
                "谢谢",
                "帮助",
                "哪里",
                "哪儿",
                "哪个",
                "哪条",
                "哪几",
                "哪天",
                "什么时候",
                "什么",
                "有没有",
                "是不是",
                "是否",
                "会不会",
                "请问",
                "一下",
                "告诉我",
                "查询",
                "查查",
                "看看",
                "我想",
                "我要",
                "想知道",
                "知道",
                "多少",
                "情况",
                "信息",
                "消息",
                "通知",
                "公告",
                "通告",
                "相关",
                "有关",
                "关于",
                "附近",
                "周边",
                "一带",
                "地区",
                "怎么样",
                "如何",
                "时候",
                "几号",
                "几点",
                "的话",
                "能否",
                "可以",
                "需要",
                "注意",
                "出行",
                "道路",
                "路段",
                "马路",
                "所有",
                "全部",
                "哪",
                "吗",
                "呢",
                "吧",
                "啊",
                "呀",
                "嘛",
                "么",
            ],
            key=len,
            reverse=True,
        )
    )
)
_ZH_LEAD = re.compile(r"^[在从到于请把给有是的还都也]+")
_ZH_TRAIL = re.compile(r"(?:[的了有是在都也还呢吗吧么]|(?<=[镇村区县市乡街路道屯])[里内上])+$")
_SEGMENT = re.compile(r"[^\w]+|_")
_EN_STOP_WORDS = (
    "what which where when who how are is was were be been being the a an any anything there on in at "
    "for of to from by with me my our us show list tell give find get all some about near around nearby "
    "do does did have has had can could would should please i we you it its this that these those "
    "notices notice announcements announcement news info information roads road streets street lanes "
    "lane areas area place places open opened happening going there's what's and or not no yes ok okay "
    "hi hello hey help still currently between until till through during right now"
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_ASKS = re.compile(
    r"哪|什么|有没有|吗|是否|通知|公告|查"
    r"|(?<![a-z])(?:what|which|any|are there|is there|list|show|notices?)(?![a-z])"
)


def _keyword(text: str, language: str) -> str | None:
    """The place or keyword left once everything else is taken out, or None."""
    if language == "zh" or _CJK.search(text):
        text = _ZH_STOP.sub(" ", text)
    parts: list[str] = []
    for segment in _SEGMENT.split(text):
        if not segment:
            continue
        if _CJK.search(segment):
            segment = _ZH_TRAIL.sub("", _ZH_LEAD.sub("", segment))
            if len(segment) >= 2:
                parts.append(segment)
        elif segment not in _EN_STOP and not segment.isdigit() and len(segment) >= 2:
            parts.append(segment)
    if not parts:
        return None
    return " ".join(parts)
