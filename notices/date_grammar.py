"""The date grammar over tokens: date atoms, time atoms, connectors → unresolved periods.

Rules, in the order they are tried at a token::

    period   := deadline | base_run | duration | dotted | range
    deadline := (截至|截止|至|到|until|by|before) [words 时间|日期][:|为] point [(含)] [止|为止|前]
    base_run := (即日起|之日起|今日起 …) [connector point | N (个)(日|天|工作日)(内)]
    duration := (公示期|公告期|异议期)[为|:] N (个)(日|天|工作日)
    dotted   := M.D connector (M.D | D) [日]   (no year: only after a date label or with 日)
    range    := point [(起)? connector point | 起 point 止] [止|为止|前|截止|起|起 N日内]
                [daily time window]
              | point [(含)] (前|之前|以前|截止)                        (a deadline)
    point    := date [weekday noise] [time] | time   (a bare time only after a date)
              | time [,] [on] [Weekday,] Month D     (English: 5 pm on May 31)
    date     := Y年M月[D日] | M月[D日|旬|底] | Y.M.D | Y/M/D | Y-M-D
              | M月D-D日 | [Y年]M-M月                 (日 / 月 written once)
              | D/M/YYYY | M/D/YYYY                  (only when the order is beyond doubt)
              | Month D[, Y] | D Month[ Y] | next Monday | next week | 下周一 …
              | D日 · M月D日 · M.D · D   (only as the end of a range: year and month come
                                         from the start)
    time     := [上午|下午|…] H(时|点|:MM)[MM分|半] | H[:MM] (am|pm)

Year ranges (``2021-2025年``) are plans, never periods. Points stay unresolved here
(year may be missing); ``dates.py`` resolves them against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from notices.calendars import FESTIVAL_NAMES, holiday_run, nearest_festival, nearest_lunar
from notices.date_tokens import Kind, Token, tokenize
from notices.numerals import to_int

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_ORDINALS = ("st", "nd", "rd", "th")
_AM = ("上午", "早上", "早晨", "凌晨")
_PM = ("下午", "晚上", "夜间", "傍晚")
_CONNECTORS = ("至", "到", "起至", "起到")
#: The day after the range's start: 晚上11时至翌日6时.
_NEXT_DAY = ("次日", "翌日", "隔日", "次晨", "翌晨")
#: One-character halves of the day that PDF and web text leave as plain prose: 晚23:00, 早8:00.
_GAP_AM = frozenset(("早", "晨", "清晨", "早间", "凌晨", "每早"))
_GAP_PM = frozenset(("晚", "夜", "晚间", "夜晚", "深夜", "当晚", "每晚", "每夜", "每晚间", "每日晚间"))
#: Words between a span of days and its daily window: 5月9日至28日期间，每日1时至5时.
#: What an end told by an event looks like (after 至 / until).
_OPEN_END = re.compile(
    r"[^,，。;；:：\d\n]{0,20}(?:结束|完成|竣工|完工|为止|解除|散去|另行通知|恢复)"
    r"|(?i:the\s+(?:crowd|event|works?|traffic)[^,.;\n]{0,30}(?:dispersed|ends?|over|completed|resumes))"
)
_FESTIVALS = frozenset(FESTIVAL_NAMES)
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
#: After 农历: 正月初一, 五月初五, 8月15日.
_LUNAR_DATE = re.compile(
    r"\s*(正|冬|腊|[一二三四五六七八九十]{1,2}|\d{1,2})\s*月\s*"
    r"(初[一二三四五六七八九十]|[十廿卅二三][一二三四五六七八九十]?|\d{1,2})\s*[日号]?"
)
#: A lunar date given beside a Gregorian one: （腊月廿九）, （农历正月初六）, （除夕）.
_LUNAR_GLOSS = re.compile(
    r"(?:农历|夏历)?(?:(?:正|腊|冬|闰?[一二三四五六七八九十]{1,2})月)?"
    r"(?:初[一二三四五六七八九十]|[十廿][一二三四五六七八九]?|二十[一二三四五六七八九]?|三十)"
    r"|除夕|年三十|大年初[一二三四五六七]"
)
_WINDOW_LEADS = frozenset(("止", "为止", "每日", "每天"))
_WINDOW_GAPS = frozenset(("间", "期间", "内", "每日", "每天", "均为", "为", "时段"))
_EN_CONNECTORS = ("to", "through", "thru", "till", "until")
_DEADLINE_KW = ("截至", "截止", "截止到", "截止至", "截至到")
_DEADLINE_EN = ("until", "till", "by", "before")
_END_MARKS = ("止", "为止")
_BEFORE_MARKS = ("前", "之前", "以前")
_BASE_KW = ("即日起", "即日", "之日起")
_DURATION_LABELS = ("公示期", "公示期限", "公告期", "异议期")
_ADDRESS_AFTER_HAO = frozenset("楼院线门栋室房铺库位台车口馆厅地场")
_INCLUSIVE = frozenset(("含", "包含", "含当日", "含当天", "含本日", "含当日在内"))
# Keywords a period can begin with; any other keyword is skipped without parsing.
START_KEYWORDS = frozenset(_DEADLINE_KW + _BASE_KW + _DURATION_LABELS + _AM + _PM + FESTIVAL_NAMES) | {
    "农历",
    "至",
    "到",
    "中午",
    "今日",
    "今天",
    "明日",
    "明天",
    "后天",
    "本月底",
    "本月末",
    "月底",
    "月末",
}
_WEEKDAY_PAREN = frozenset(
    ["星期" + c for c in "一二三四五六日天"]
    + ["周" + c for c in "一二三四五六日天"]
    + ["礼拜" + c for c in "一二三四五六日天"]
    + [
        f"{this}{week}{c}"
        for this in ("本", "下", "这")
        for week in ("周", "星期")
        for c in "一二三四五六日天"
    ]
    + list("一二三四五六日天")
    + list(WEEKDAYS)
)


@dataclass(frozen=True, slots=True)
class Point:
    """A date (possibly partial) with an optional time of day, not yet resolved."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str = "day"  # day | month | xun1 | xun2 | xun3 | monthend | monthstart
    hour: int | None = None
    minute: int = 0
    fixed: date | None = None  # already a calendar date (即日, next Monday, 下周一)
    fixed_end: date | None = None  # last day when ``fixed`` starts a span (next week)
    weak: bool = False  # alone it is not a period (bare 5月, 今天)
    style: str = "cn"  # cn | num | en: how an abbreviated range end may look
    time_only: bool = False
    time_span: tuple[int, int] | None = None  # offsets of the time part
    next_day: bool = False  # 次日6:00: the day after the range's start

    @property
    def has_date(self) -> bool:
        return not self.time_only


@dataclass(frozen=True, slots=True)
class Draft:
    """An unresolved period: start/end points, or a duration from the base date."""

    start: Point | None
    end: Point | None
    first: int  # token indices [first, last)
    last: int
    duration_days: int | None = None
    workdays: bool = False
    daily: tuple[int, int] | None = None  # offsets of a daily time window (note)
    hours: tuple[tuple[int, int], tuple[int, int]] | None = None  # that window's clock times
    more_hours: tuple[int, int] | None = None  # offsets of a second window the same day (note)
    label: str | None = None


# Characters that, right after ``5.11-5.26``, make it a pair of measurements, not dates.
_UNIT_CHARS = frozenset("米万元亿吨克斤亩倍人次台辆公千厘毫平立方度小岁周年月个件户份座栋层间级分秒")
_DATE_LABEL = re.compile(
    r"(时间|期限|日期|期间|时段|有效期|工期|档期)\s*(?:为|是|定于)?\s*:?\s*(?:自|从|于|在)?\s*$"
)


def _is_year(tok: Token) -> bool:
    if tok.kind is not Kind.NUM or not 1900 <= int(tok.value) <= 2100:  # type: ignore[call-overload]
        return False
    return tok.digits in (0, 4)


#: The Republic of China calendar (Taiwan): year 1 is 1912.
ROC_OFFSET = 1911
_ROC_MARK = ("民国", "民國")


def _num(tok: Token | None, low: int, high: int) -> int | None:
    if tok is None or tok.kind is not Kind.NUM:
        return None
    value: int = tok.value  # type: ignore[assignment]
    if tok.digits > 2 or not low <= value <= high:
        return None
    return value


class Grammar:
    """Parses drafts out of one token list; ``base`` only fixes relative words."""

    def __init__(self, tokens: list[Token], base: date, text: str = "") -> None:
        self.t = tokens
        self.n = len(tokens)
        self.base = base
        self.text = text  # the normalised text the tokens index, for context checks

    def at(self, i: int) -> Token | None:
        return self.t[i] if 0 <= i < self.n else None

    def kw(self, i: int, *words: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind is Kind.KW and tok.value in words

    def word(self, i: int, *words: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind is Kind.WORD and tok.value in words

    def unit(self, i: int, *units: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind is Kind.UNIT and tok.value in units

    def sep(self, i: int, *chars: str) -> bool:
        tok = self.at(i)
        return tok is not None and tok.kind is Kind.SEP and tok.value in chars

    # ----------------------------------------------------------------- dates

    def date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        tok = self.at(i)
        if tok is None:
            return None
        if tok.kind is Kind.NUM:
            return self._cn_date(i, ctx) or self._num_date(i, ctx) or self._en_day_first(i, ctx)
        if tok.kind is Kind.WORD:
            return self._en_month_first(i) or self._en_relative(i)
        if tok.kind is Kind.RELWEEK:
            ahead: int = tok.value[0]  # type: ignore[index]
            weekday: int = tok.value[1]  # type: ignore[index]
            monday = self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=ahead)
            return Point(fixed=monday + timedelta(days=weekday)), i + 1
        if tok.kind is Kind.KW and tok.value in _FESTIVALS:
            return self._festival(i)
        if tok.kind is Kind.KW and tok.value == "农历":
            return self._lunar(i)
        if tok.kind is Kind.KW:
            shift = {"今日": 0, "今天": 0, "明日": 1, "明天": 1, "后天": 2}.get(str(tok.value))
            if shift is not None:
                return Point(fixed=self.base + timedelta(days=shift), weak=True), i + 1
            if tok.value in ("本月底", "本月末", "月底", "月末"):
                return Point(self.base.year, self.base.month, part="monthend"), i + 1
        return None

    def _festival(self, i: int) -> tuple[Point, int] | None:
        """元旦, 除夕, 年初二, 国庆节期间: the day nearest the base date; with 期间, the official days
        off around it. Said alone it is weak (春节将至 plans nothing); a time or 期间 makes it a day."""
        tok = self.t[i]
        day = nearest_festival(str(tok.value), self.base)
        if day is None:
            return None
        if self.text[tok.end : tok.end + 2] == "期间":
            first, last = holiday_run(day)
            if first < last:
                return Point(fixed=first, fixed_end=last), i + 1
        return Point(fixed=day, weak=True, part="festival"), i + 1

    def _lunar(self, i: int) -> tuple[Point, int] | None:
        """农历正月初一, 农历五月初五, 农历8月15日: a lunar month and day, in the lunar year nearest
        the base date."""
        m = _LUNAR_DATE.match(self.text, self.t[i].end)
        if m is None:
            return None
        month = _LUNAR_MONTHS.get(m.group(1)) or to_int(m.group(1))
        day = to_int(m.group(2).replace("初", "").replace("廿", "二十").replace("卅", "三十"))
        if not month or not day or not 1 <= month <= 12:
            return None
        found = nearest_lunar(month, day, self.base)
        if found is None:
            return None
        j = i + 1
        while j < len(self.t) and self.t[j].end <= m.end():
            j += 1
        return Point(fixed=found), j

    def _cn_date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        year: int | None = None
        j = i
        tok = self.t[i]
        if self.unit(i + 1, "年"):
            if _is_year(tok):
                year = int(tok.value)  # type: ignore[call-overload]
            else:
                roc = self._roc_year(tok)
                if roc is None:
                    return None
                year = roc
            j = i + 2
        month = _num(self.at(j), 1, 12)
        month_tok = self.at(j + 1)
        if year is None and (self.unit(i + 1, "日", "号") or self.kw(i + 1, "日期")):
            # 26日 as the end of a range (or the next item of a list) that began with a day
            day = _num(tok, 1, 31)
            if day is not None and ctx is not None and ctx.has_date and ctx.style == "cn":
                if self.unit(i + 1, "号") and self._address_follows(i + 1):
                    return None  # 5月11日，3号楼: a building, not the 3rd
                return Point(None, None, day), i + 2
            if day is not None and self.unit(i + 1, "日"):
                if self.text[max(0, tok.start - 2) : tok.start] in ("本月", "当月", "该月"):
                    return Point(self.base.year, self.base.month, day), i + 2  # 本月27日
                if self.time(self._skip_weekday(i + 2)) is not None:
                    return Point(None, None, day), i + 2  # 13日21:00: a day of the nearest month
            return None
        if month is None or month_tok is None:
            return None
        if month_tok.kind is Kind.UNIT and month_tok.value == "月":
            k = j + 2
            day = _num(self.at(k), 1, 31)
            if day is not None and (self.unit(k + 1, "日", "号") or self.kw(k + 1, "日期")):
                return Point(year, month, day), k + 2
            if day is not None and self._day_follows(k + 1):
                return Point(year, month, day), k + 1  # 5月11-26日: 日 is written once
            if self.kw(k, "上旬", "中旬", "下旬"):
                part = {"上旬": "xun1", "中旬": "xun2", "下旬": "xun3"}[str(self.t[k].value)]
                return Point(year, month, part=part), k + 1
            return Point(year, month, part="month", weak=year is None), k
        if month_tok.kind is Kind.KW:
            parts = {"月底": "monthend", "月末": "monthend", "月初": "monthstart", "月中": "xun2"}
            if month_tok.value in parts:
                return Point(year, month, part=parts[str(month_tok.value)]), j + 2
            if month_tok.value == "月份":
                return Point(year, month, part="month", weak=year is None), j + 2
        if self._month_follows(j + 1):
            return Point(year, month, part="month"), j + 1  # 1-3月: 月 is written once
        return None

    def _year_near(self, pt: Point) -> int:
        """The year that puts a month and day nearest the base date."""
        best = self.base.year
        for year in (self.base.year - 1, self.base.year + 1):
            try:
                near = abs((date(year, pt.month or 1, pt.day or 1) - self.base).days)
                if near < abs((date(best, pt.month or 1, pt.day or 1) - self.base).days):
                    best = year
            except ValueError:
                continue
        return best

    def _roc_year(self, tok: Token) -> int | None:
        """``民國111年`` / ``111年`` (Taiwan): three digits are never a Gregorian year in a
        notice; one or two digits (``民國99年``) only count after 民國."""
        value: int = tok.value  # type: ignore[assignment]
        if not 1 <= value <= 199:
            return None
        marked = self.text[max(0, tok.start - 3) : tok.start].rstrip().endswith(_ROC_MARK)
        if marked or (tok.digits == 3 and value >= 100):
            return value + ROC_OFFSET
        return None

    def _month_follows(self, j: int) -> bool:
        """Is there a connector at ``j`` and then a month written with 月?"""
        conn = self.connector(j)
        return (
            conn is not None
            and _num(self.at(conn), 1, 12) is not None
            and (self.unit(conn + 1, "月") or self.kw(conn + 1, "月份"))
        )

    def _address_follows(self, j: int) -> bool:
        """``号`` at ``j`` directly followed by 楼/院/线…: a house or line number."""
        if not self.text:
            return False
        end = self.t[j].end
        return self.text[end : end + 1] in _ADDRESS_AFTER_HAO

    def _day_follows(self, j: int) -> bool:
        """Is there a connector at ``j`` and then a day of the month written with 日/号?"""
        conn = self.connector(j)
        return (
            conn is not None
            and _num(self.at(conn), 1, 31) is not None
            and (self.unit(conn + 1, "日", "号") or self.kw(conn + 1, "日期"))
        )

    def _num_date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        tok = self.t[i]
        if _is_year(tok) and tok.digits == 4 and self.sep(i + 1, ".", "/", "-"):
            sep = self.t[i + 1].value
            month = _num(self.at(i + 2), 1, 12)
            day = _num(self.at(i + 4), 1, 31)
            if month is None or day is None or not self.sep(i + 3, str(sep)):
                return None
            if self.sep(i + 5, str(sep)) and self.at(i + 6) is not None and self.t[i + 6].kind is Kind.NUM:
                return None  # 2022.5.11.3: a version or section number
            j = i + 5
            if self.unit(j, "日", "号"):
                j += 1
            return Point(int(tok.value), month, day, style="num"), j  # type: ignore[call-overload]
        day_month = self._day_month_year(i)
        if day_month is not None:
            return day_month
        if ctx is None or not ctx.has_date or ctx.style != "num":
            return None
        # abbreviated end of a numeric range: 5.26 or 26
        first = _num(tok, 1, 31)
        if first is None:
            return None
        if self.sep(i + 1, ".", "/", "-"):
            day = _num(self.at(i + 2), 1, 31)
            if day is not None and first <= 12:
                return Point(None, first, day, style="num"), i + 3
            return None
        return Point(None, None, first, style="num"), i + 1

    def _day_month_year(self, i: int) -> tuple[Point, int] | None:
        """``25/05/2022`` or ``05/25/2022``; read only when the order is beyond doubt.

        Day-first and month-first writers both use this shape, so ``11/05/2022`` could be
        either 11 May or 5 November: it is skipped rather than guessed.
        """
        order = self._dmy_order(i)
        if order is None:
            return None
        if order == "?":
            # 12/05/2022 - 25/05/2022: the other end of the range tells the order
            conn = self.connector(i + 5)
            order = self._dmy_order(conn) if conn is not None else None
            if order is None or order == "?":
                return None
        first, second = int(self.t[i].value), int(self.t[i + 2].value)  # type: ignore[call-overload]
        day, month = (first, second) if order == "dm" else (second, first)
        return Point(int(self.t[i + 4].value), month, day, style="num"), i + 5  # type: ignore[call-overload]

    def _dmy_order(self, i: int) -> str | None:
        """``dm`` / ``md`` for a D/M/YYYY or M/D/YYYY shape at ``i``, ``?`` if it could be both."""
        tok = self.t[i]
        sep = self.at(i + 1)
        if tok.digits > 2 or sep is None or not sep.is_sep("/", ".", "-"):
            return None
        before = self.at(i - 1)
        if before is not None and before.is_sep(str(sep.value)) and before.end == tok.start:
            return None  # the tail of a longer number chain (phone, code)
        year_tok = self.at(i + 4)
        if not self.sep(i + 3, str(sep.value)) or year_tok is None or not _is_year(year_tok):
            return None
        if year_tok.digits != 4 or self.sep(i + 5, str(sep.value), ":") or self.unit(i + 5, "年"):
            return None
        first, second = _num(tok, 1, 31), _num(self.at(i + 2), 1, 31)
        if first is None or second is None:
            return None
        if first > 12 >= second:
            return "dm"
        if second > 12 >= first or first == second:
            return "md"
        return "?" if first <= 12 and second <= 12 else None

    def _en_day_first(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        day = _num(self.t[i], 1, 31)
        if day is None:
            return None
        j = i + 1
        if self.word(j, *_ORDINALS):
            j += 1
        if self.word(j, "of"):
            j += 1
        month_tok = self.at(j)
        if month_tok is not None and month_tok.kind is Kind.WORD and month_tok.value in MONTHS:
            month = MONTHS[str(month_tok.value)]
            year, j = self._en_year(j + 1)
            return Point(year, month, day, style="en"), j
        if ctx is not None and ctx.style == "en" and ctx.has_date:
            year, j = self._en_year(j)
            return Point(year, None, day, style="en"), j
        return None

    def _en_month_first(self, i: int) -> tuple[Point, int] | None:
        tok = self.t[i]
        month = MONTHS.get(str(tok.value))
        if month is None:
            return None
        j = i + 1
        if self.sep(j, "."):
            j += 1
        day = _num(self.at(j), 1, 31)
        if day is not None and not (self.at(j + 1) is not None and self.unit(j + 1, "年", "月")):
            j += 1
            if self.word(j, *_ORDINALS):
                j += 1
            year, j = self._en_year(j)
            return Point(year, month, day, style="en"), j
        year_tok = self.at(j)
        if year_tok is not None and _is_year(year_tok) and year_tok.digits == 4:
            return Point(int(year_tok.value), month, part="month", style="en"), j + 1  # type: ignore[call-overload]
        if tok.value == "may" or len(str(tok.value)) < 3:
            return None  # the verb, not the month
        return Point(None, month, part="month", weak=True, style="en"), j

    def _en_year(self, j: int) -> tuple[int | None, int]:
        k = j + 1 if self.sep(j, ",") else j
        tok = self.at(k)
        if tok is not None and _is_year(tok) and tok.digits == 4 and not self.sep(k + 1, ":"):
            return int(tok.value), k + 1  # type: ignore[call-overload]
        return None, j

    def _en_relative(self, i: int) -> tuple[Point, int] | None:
        tok = self.t[i]
        value = str(tok.value)
        if value in ("today", "tonight"):
            return Point(fixed=self.base), i + 1
        if value == "tomorrow":
            return Point(fixed=self.base + timedelta(days=1)), i + 1
        if value in ("next", "this", "coming"):
            nxt = self.at(i + 1)
            if nxt is not None and nxt.kind is Kind.WORD and nxt.value in WEEKDAYS:
                ahead = (WEEKDAYS[str(nxt.value)] - self.base.weekday()) % 7
                if value == "next" and ahead == 0:
                    ahead = 7
                return Point(fixed=self.base + timedelta(days=ahead)), i + 2
            later = value != "this"
            if self.word(i + 1, "week"):
                monday = self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=int(later))
                return Point(fixed=monday, fixed_end=monday + timedelta(days=6)), i + 2
            if self.word(i + 1, "month"):
                year, month = divmod(self.base.year * 12 + self.base.month - 1 + int(later), 12)
                return Point(year, month + 1, part="month"), i + 2
        return None

    # ----------------------------------------------------------------- times

    def time(self, i: int) -> tuple[int, int, int] | None:
        """(hour 0..24, minute, next index) of a time of day at ``i``."""
        j = i
        half: str | None = None
        gap = self.at(j)
        if self.kw(j, *_AM):
            half, j = "am", j + 1
        elif self.kw(j, *_PM):
            half, j = "pm", j + 1
        elif self.kw(j, "中午"):
            half, j = "noon", j + 1
        elif gap is not None and gap.kind is Kind.GAP and str(gap.value).strip() in _GAP_AM:
            half, j = "am", j + 1
        elif gap is not None and gap.kind is Kind.GAP and str(gap.value).strip() in _GAP_PM:
            half, j = "pm", j + 1
        hour = _num(self.at(j), 0, 24)
        if hour is None:
            if self.word(i, "noon"):
                return 12, 0, i + 1
            if self.word(i, "midnight"):
                return 24, 0, i + 1
            return None
        minute = 0
        k = j + 1
        if self.unit(k, "时", "点"):
            k += 1
            m = _num(self.at(k), 0, 59)
            if m is not None and self.unit(k + 1, "分"):
                minute, k = m, k + 2
            elif self.kw(k, "半"):
                minute, k = 30, k + 1
        elif self.sep(k, ":"):
            tok = self.at(k + 1)
            m = _num(tok, 0, 59)
            if m is None or tok is None or tok.digits != 2:
                return None
            minute, k = m, k + 2
            if self.sep(k, ":") and self.at(k + 1) is not None and self.t[k + 1].digits == 2:
                k += 2  # seconds
            if self.unit(k, "时", "点"):
                k += 1  # 22:00时
        elif self.word(k, "am", "pm") and half is None:
            pass
        elif self.sep(k, ".") and self.word(k + 2, "am", "pm") and (tok := self.at(k + 1)) is not None:
            # 8.00pm, 11.59pm: English notices dot their minutes
            m = _num(tok, 0, 59)
            if m is None or tok.digits != 2:
                return None
            minute, k = m, k + 2
        else:
            return None
        if self.word(k, "am", "pm"):
            half = str(self.t[k].value)
            k += 1
        if half in ("pm",) and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        elif half == "noon" and hour < 6:
            hour += 12
        if hour == 24 and minute:
            return None
        return hour, minute, k

    # ----------------------------------------------------------------- points

    def _skip_weekday(self, j: int) -> int:
        """Past ``（星期三）``, ``周三``, ``(Wed)``: noise that belongs to the date before it."""
        while True:
            tok = self.at(j)
            if tok is None:
                return j
            if tok.kind is Kind.WEEKDAY or (
                tok.kind is Kind.PAREN
                and (str(tok.value).lower().rstrip(".") in _WEEKDAY_PAREN or self.gloss(j) is not None)
            ):
                j += 1
            else:
                return j

    def gloss(self, j: int) -> Point | None:
        """A bracket that restates the date before it: （十一月十八日）, （腊月廿九）, （正月初六）.
        The Gregorian date it holds, or an empty point for a lunar gloss; None otherwise."""
        tok = self.at(j)
        if tok is None or tok.kind is not Kind.PAREN:
            return None
        inner = str(tok.value).strip()
        if _LUNAR_GLOSS.fullmatch(inner):
            return Point(weak=True)
        tokens = tokenize(inner)
        if not tokens or tokens[0].kind is not Kind.NUM:
            return None
        found = Grammar(tokens, self.base, inner).date(0, None)
        if found is None or found[1] != len(tokens) or found[0].day is None:
            return None
        return found[0]

    def point(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        """A date with an optional time; with a dated ``ctx``, also a bare time."""
        tok = self.at(i)
        if ctx is not None and ctx.has_date:
            if tok is not None and tok.kind is Kind.NUM:
                dated = self._time_on_date(i)  # "… to 6:00 a.m. on 19 May 2022": its own day
                if dated is not None:
                    return dated
            next_day = self.kw(i, *_NEXT_DAY)
            timed = self.time(self._skip_weekday(i + 1) if next_day else i)
            if timed is not None:
                hour, minute, k = timed
                if self.word(k, "the") and self.word(k + 1, "following", "next") and self.word(k + 2, "day"):
                    next_day, k = True, k + 3  # to 2.00am the following day
                span = (self.t[i].start, self.t[k - 1].end)
                return Point(hour=hour, minute=minute, time_only=True, time_span=span, next_day=next_day), k
        if tok is not None and tok.kind is Kind.WORD and tok.value in WEEKDAYS:
            k = i + 1 + (1 if self.sep(i + 1, ",") else 0)
            found = self.date(k, ctx)
        else:
            found = self.date(i, ctx)
        if found is None and tok is not None and (tok.kind is Kind.NUM or tok.kind is Kind.WORD):
            return self._time_on_date(i)
        if found is not None:
            pt, j = found
            if pt.fixed is not None and pt.fixed_end is None:
                said = self.gloss(j)  # 今日（五月十日）, 下星期一（十一月十八日）: the bracket says which day
                if said is not None and said.month is not None:
                    year = said.year if said.year is not None else self._year_near(said)
                    pt = replace(said, year=year, weak=pt.weak)  # 今日 alone stays no period
            j = self._skip_weekday(j)
            k = j
            if pt.style == "en" and self.sep(k, ","):
                k += 1
            if self.word(k, "t", "at", "on"):
                k += 1
            timed = self.time(k) if pt.part in ("day", "festival") else None
            if timed is not None:
                hour, minute, k2 = timed
                span = (self.t[k].start, self.t[k2 - 1].end)
                return replace(pt, hour=hour, minute=minute, time_span=span, weak=False, part="day"), k2
            return pt, j
        return None

    def _time_on_date(self, i: int) -> tuple[Point, int] | None:
        """English time before its date: ``5 pm on May 31``, ``9:30 a.m., Friday, May 20``."""
        if not (
            self.word(i + 1, "am", "pm")
            or self.word(i + 3, "am", "pm", "on")
            or self.word(i, "noon", "midnight")
        ):
            return None
        timed = self.time(i)
        if timed is None:
            return None
        hour, minute, k = timed
        if not (self.word(k - 1, "am", "pm", "noon", "midnight") or self.sep(k - 2, ":")):
            return None  # 17时 / 5点 are Chinese: their date comes first
        j = k + 1 if self.sep(k, ",") else k
        if self.word(j, "on"):
            j += 1
        day_tok = self.at(j)
        if day_tok is not None and day_tok.kind is Kind.WORD and day_tok.value in WEEKDAYS:
            j += 2 if self.sep(j + 1, ",") else 1
        found = self.date(j, None)
        if found is None or found[0].style != "en" or found[0].part != "day":
            return None
        pt, end = found
        span = (self.t[i].start, self.t[k - 1].end)
        return replace(pt, hour=hour, minute=minute, time_span=span, weak=False), self._skip_weekday(end)

    def _en_time_window(self, i: int) -> Draft | None:
        """``10:00 a.m. to 4:00 p.m. on 11 May 2022`` / ``between 9 am and 5 pm on May 20``:
        the window comes before its day."""
        if not (self.word(i + 1, "am", "pm") or self.word(i + 3, "am", "pm")):
            return None
        timed = self.time(i)
        if timed is None:
            return None
        hour, minute, k = timed
        conn = self.connector(k)
        if conn is None and self.word(k, "and") and self.word(i - 1, "between"):
            conn = k + 1
        if conn is None or not self.word(conn - 1, *_EN_CONNECTORS, "and"):
            return None
        found = self._time_on_date(conn)
        if found is None:
            return None
        end, last = found
        span = (self.t[i].start, self.t[k - 1].end)
        start = replace(end, hour=hour, minute=minute, time_span=span)
        return Draft(start, end, i, last)

    # ----------------------------------------------------------------- periods

    def connector(self, i: int) -> int | None:
        """Index after a range connector at ``i`` (``起`` before it allowed), else None."""
        j = i + 1 if self.kw(i, "起") else i
        if self.kw(j, *_CONNECTORS) or self.sep(j, "-", "~") or self.word(j, *_EN_CONNECTORS):
            nxt = j + 1
            if self.sep(j, "-") and self.sep(nxt, "-"):
                nxt += 1  # ——
            return nxt
        return None

    def period(self, i: int, prev: Point | None) -> Draft | None:
        tok = self.t[i]
        if tok.kind is Kind.GAP or tok.kind is Kind.PAREN:
            return None
        if tok.kind is Kind.KW:
            if tok.value in _DEADLINE_KW or (tok.value in ("至", "到") and self._starts_clause(i)):
                return self._deadline(i)
            if tok.value in _BASE_KW or (
                tok.value in ("今日", "今天") and self.kw(i + 1, "起", "至", "到", "起至")
            ):
                return self._from_base(i)
            if tok.value in _DURATION_LABELS:
                return self._labelled_duration(i)
        if tok.kind is Kind.WORD and tok.value in _DEADLINE_EN:
            return self._deadline(i)
        if tok.kind is Kind.NUM and prev is None and self.sep(i + 1, "."):
            dotted = self._dotted_range(i)
            if dotted is not None:
                return dotted
        if tok.kind is Kind.WORD and tok.value == "between":
            # between Dec. 30 and Jan. 1
            first = self.point(i + 1, None)
            if first is not None and self.word(first[1], "and"):
                second = self.point(first[1] + 1, first[0])
                if second is not None and not second[0].time_only:
                    return Draft(first[0], second[0], i, second[1])
        if tok.kind is Kind.WORD and tok.value in ("from", "since", "starting", "beginning"):
            draft = self._range(i + 1, None)
            if draft is None:
                return None
            if draft.end is draft.start:
                return replace(draft, first=i, end=None)  # from May 11: open-ended
            return replace(draft, first=i)
        return self._range(i, prev)

    def _month_dot_day(self, i: int) -> tuple[int, int, int] | None:
        """``5.11`` (or ``5.11日``) at ``i``: (month, day, next index)."""
        month = _num(self.at(i), 1, 12)
        day = _num(self.at(i + 2), 1, 31)
        if month is None or day is None or not self.sep(i + 1, "."):
            return None
        if self.t[i + 1].start != self.t[i].end or self.t[i + 2].start != self.t[i + 1].end:
            return None
        k = i + 3
        return month, day, k + 1 if self.unit(k, "日", "号") else k

    def _dotted_range(self, i: int) -> Draft | None:
        """``5.11-5.26`` with no year: a date range only where the text says it is one.

        Without a year the shape is also a pair of decimals (``1.5-2.5米``, ``3.5-4.5万元``),
        so it needs a date label just before it (``时间：``, ``期限为``) or 日 written in it,
        and no unit, letter or further digit right after it.
        """
        head = self._month_dot_day(i)
        if head is None:
            return None
        month, day, j = head
        conn = self.connector(j)
        if conn is None:
            return None
        tail = self._month_dot_day(conn)
        if tail is not None:
            end = Point(None, tail[0], tail[1], style="num")
            k = tail[2]
        else:
            end_day = _num(self.at(conn), 1, 31)
            if end_day is None:
                return None
            end = Point(None, None, end_day, style="num")
            k = conn + 2 if self.unit(conn + 1, "日", "号") else conn + 1
        start_at, end_at = self.t[i].start, self.t[k - 1].end
        text = self.text
        before = text[start_at - 1] if start_at > 0 else " "
        if (before.isascii() and before.isalnum()) or before in "./-~":
            return None  # v1.5-1.6, 2.1.5-2.6
        after = text[end_at : end_at + 4].lstrip()[:1]
        measured = after in _UNIT_CHARS or after in "%.‰" or (after.isascii() and after.isalnum())
        if after and measured and not (after.isdigit() and self.time(k) is not None):
            return None  # 1.5-2.5米, 3.5-4.5万元; a time after it (5.11-5.26 8:00) is fine
        written_day = any(self.unit(x, "日", "号") for x in range(i, k))
        if not written_day:
            label = _DATE_LABEL.search(text, max(0, start_at - 12), start_at)
            if label is None:
                return None
            if (
                label.group(1) in ("时间", "时段")
                and tail is not None
                and self._clock_like(i, conn, month, tail[0])
            ):
                return None  # 时间：8.30-11.30 is half past eight to half past eleven
        if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
            k += 1
        return self._daily(Draft(Point(None, month, day, style="num"), end, i, k))

    def _clock_like(self, i: int, conn: int, month: int, end_month: int) -> bool:
        """Both sides read as clock times (H.MM with round minutes) across different "months"."""
        minutes = (self.t[i + 2], self.t[conn + 2])
        return month != end_month and all(tok.digits == 2 and int(tok.value) % 5 == 0 for tok in minutes)  # type: ignore[call-overload]

    def _open_end(self, j: int) -> bool:
        """An end told by what happens, not a date: 至活动结束, 至整治完成, until the crowd has dispersed."""
        tok = self.at(j)
        if tok is None or tok.kind is not Kind.GAP or not self.text:
            return False
        return _OPEN_END.match(self.text, tok.start) is not None

    def _starts_clause(self, i: int) -> bool:
        before = self.at(i - 1)
        return (
            before is None
            or before.kind in (Kind.GAP, Kind.PAREN)
            or before.is_sep(",", ":", "、")
            or before.is_kw("时间", "日期")  # 延长集中供热时间至3月20日
        )

    def _closing_deadline(self, j: int) -> bool:
        """``5月31日17时截止``: 截止 after the date, not opening the next labelled deadline."""
        if not self.kw(j, "截止", "截至"):
            return False
        nxt = self.at(j + 1)
        if nxt is None:
            return True
        if (
            nxt.kind is Kind.NUM
            or nxt.is_sep(":")
            or nxt.is_kw("时间", "日期", "到", "至", "为", *_DEADLINE_KW)
        ):
            return False
        return not self._due_words(j + 1)

    def _inclusive(self, j: int) -> bool:
        """``（含）`` / ``(含当日)`` after a date: the day itself still counts."""
        tok = self.at(j)
        return tok is not None and tok.kind is Kind.PAREN and str(tok.value) in _INCLUSIVE

    def _deadline(self, i: int) -> Draft | None:
        j = i + 1
        label: str | None = None
        if self._due_words(j):
            j += 1  # 截止投标时间 / 截止递交日期: what is due sits between 截止 and 时间
        if self.kw(j, "日期", "时间"):
            label = self._deadline_label(i, j)
            j += 1
        if self.sep(j, ":") or self.kw(j, "为"):
            j += 1
        found = self.point(j, None)
        if found is None:
            return None
        pt, k = found
        if pt.part == "month" and pt.weak:
            return None
        if self._inclusive(k):
            k += 1
        if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
            k += 1
        return Draft(None, pt, i, k, label=label)

    def _due_words(self, j: int) -> bool:
        """A few Chinese words right after 截止 and before 时间/日期."""
        gap = self.at(j)
        if gap is None or gap.kind is not Kind.GAP or gap.start != self.t[j - 1].end:
            return False
        words = str(gap.value)
        return (
            len(words) <= 6
            and all("\u4e00" <= ch <= "\u9fff" for ch in words)
            and self.kw(j + 1, "日期", "时间")
        )

    def _deadline_label(self, i: int, j: int) -> str | None:
        """``报名截止时间`` / ``截止投标时间``: the words naming the deadline, as written."""
        if not self.text:
            return None
        begin = self.t[i].start
        lead = begin
        while lead > 0 and begin - lead < 4 and "\u4e00" <= self.text[lead - 1] <= "\u9fff":
            lead -= 1
        return self.text[lead : self.t[j].end]

    def _from_base(self, i: int) -> Draft | None:
        j = i + 1
        if self.kw(j, "起"):
            j += 1
        start = Point(fixed=self.base)
        conn = self.connector(j) if not self.kw(j - 1, "起") else self._after_qi(j)
        if conn is not None:
            found = self.point(conn, start)
            if found is not None and not found[0].time_only:
                end, k = found
                if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
                    k += 1
                return Draft(start, end, i, k)
        duration = self._duration(j)
        if duration is not None:
            days, workdays, k = duration
            return Draft(start, None, i, k, duration_days=days, workdays=workdays)
        if self.kw(i, "即日", "今日", "今天") and not self.kw(i + 1, "起"):
            return None
        return Draft(start, None, i, j)

    def _after_qi(self, j: int) -> int | None:
        if self.kw(j, *_CONNECTORS) or self.sep(j, "-", "~"):
            return j + 1
        return None

    def _duration(self, j: int) -> tuple[int, bool, int] | None:
        """``N日内`` / ``N天`` / ``N个工作日(内)`` at ``j``: (days, workdays?, next index)."""
        tok = self.at(j)
        if tok is None or tok.kind is not Kind.NUM or tok.digits > 3:
            return None
        days = int(tok.value)  # type: ignore[call-overload]
        if not 0 < days <= 366:
            return None
        k = j + 1
        if self.kw(k, "个"):
            k += 1
        if self.kw(k, "工作日"):
            k += 1
            if self.kw(k, "内"):
                k += 1
            return days, True, k
        if self.kw(k, "日内", "天内"):
            return days, False, k + 1
        if self.kw(k, "天") or self.unit(k, "日"):
            k += 1
            if self.kw(k, "内"):
                k += 1
            return days, False, k
        return None

    def _labelled_duration(self, i: int) -> Draft | None:
        j = i + 1
        if self.kw(j, "为") or self.sep(j, ":"):
            j += 1
        duration = self._duration(j)
        if duration is None:
            return None
        days, workdays, k = duration
        return Draft(
            Point(fixed=self.base),
            None,
            i,
            k,
            duration_days=days,
            workdays=workdays,
            label=str(self.t[i].value),
        )

    def _range(self, i: int, prev: Point | None) -> Draft | None:
        if self.t[i].kind is Kind.NUM and prev is None:
            window = self._en_time_window(i)
            if window is not None:
                return window
        found = self.point(i, prev)
        if found is None:
            return None
        start, j = found
        # 起…止 / 起至 / connectors
        conn = self.connector(j)
        if conn is not None:
            end_found = self.point(conn, start if start.has_date else prev)
            if end_found is not None:
                end, k = end_found
                if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
                    k += 1
                return self._daily(Draft(start, end, i, k))
            if start.has_date and not start.weak and self._open_end(conn):
                return Draft(start, None, i, conn)  # 18:30至活动结束: from then until it is over
        if self.kw(j, "起"):
            end_found = self.point(j + 1, start)
            if end_found is not None and self.kw(end_found[1], *_END_MARKS):
                return Draft(start, end_found[0], i, end_found[1] + 1)
            if self.sep(j + 1, ",") and self.kw(j + 2, "至", "到"):
                # 自2021年9月16日起，至2021年12月31日止: the end in a clause of its own
                end_found = self.point(j + 3, start)
                if end_found is not None and not end_found[0].time_only:
                    k = end_found[1] + (1 if self.kw(end_found[1], *_END_MARKS) else 0)
                    return self._daily(Draft(start, end_found[0], i, k))
            duration = self._duration(j + 1)
            if duration is not None:
                days, workdays, k = duration
                return Draft(start, None, i, k, duration_days=days, workdays=workdays)
            return Draft(start, None, i, j + 1)
        inclusive = j + 1 if self._inclusive(j) else j
        if (
            (self.kw(inclusive, *_BEFORE_MARKS) or self._closing_deadline(inclusive))
            and not start.time_only
            and not (start.weak and start.part == "festival")  # 春节前投运: no deadline to act by
        ):
            return Draft(None, start, i, inclusive + 1)
        if start.weak or start.time_only:
            return None
        return self._daily(Draft(start, start, i, j))

    def _daily(self, draft: Draft) -> Draft:
        """A multi-day date range followed by a time window: the window repeats daily."""
        start, end = draft.start, draft.end
        if start is None or end is None or start.hour is not None:
            return draft
        k = draft.last
        if end.hour is not None and end.time_span is not None and not end.time_only:
            # 5月11日至13日 8:00-17:00: the time belongs to a daily window
            conn = self.connector(k)
            if conn is not None:
                shut = self._closing(conn)
                if shut is not None:
                    window = (end.time_span[0], self.t[shut[2] - 1].end)
                    plain_end = replace(end, hour=None, minute=0, time_span=None)
                    hours = ((end.hour, end.minute), (shut[0], shut[1]))
                    return replace(draft, end=plain_end, last=shut[2], daily=window, hours=hours)
            return draft
        found = None if start is end else self.window(k)  # one day's hours make it timed
        if found is None:
            return draft
        opening, closing, last = found
        daily = (self.t[k].start, self.t[last - 1].end)
        more: tuple[int, int] | None = None
        if self.sep(last, ","):
            second = self.window(last + 1)  # 上午9:00-12:00，下午14:30-17:30
            if second is not None:
                more = (self.t[last + 1].start, self.t[second[2] - 1].end)
                last = second[2]
        return replace(draft, last=last, daily=daily, hours=(opening, closing), more_hours=more)

    def window(self, k: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        """A daily window at ``k``: (opening, closing, next index). Short leads are passed
        over (止，每日 / 期间, / 每晚), and a bracket may hold it (（每天8:00-17:00）)."""
        j = k
        for _ in range(4):
            tok = self.at(j)
            if tok is None:
                return None
            if tok.kind is Kind.PAREN:
                return self._bracketed_window(j)
            if (
                (tok.kind is Kind.KW and tok.value in _WINDOW_LEADS)
                or tok.is_sep(",")
                or (tok.kind is Kind.GAP and str(tok.value).strip(" ,") in _WINDOW_GAPS)
            ):
                j += 1
                continue
            break
        opening = self.time(j)
        if opening is None:
            return None
        conn = self.connector(opening[2])
        closing = self._closing(conn) if conn is not None else None
        if closing is None:
            return None
        return (opening[0], opening[1]), (closing[0], closing[1]), closing[2]

    def _closing(self, conn: int) -> tuple[int, int, int] | None:
        """The closing time of a window after its connector, past 次日/翌日 (it runs overnight)."""
        return self.time(conn + 1 if self.kw(conn, *_NEXT_DAY) else conn)

    def _bracketed_window(self, j: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        inner = str(self.t[j].value)
        tokens = tokenize(inner)
        found = Grammar(tokens, self.base, inner).window(0)
        if found is None or found[2] != len(tokens):
            return None
        return found[0], found[1], j + 1
