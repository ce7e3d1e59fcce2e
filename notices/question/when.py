"""The time a question asks about: a moment, a day or a window of days (明天, 5月20日, next week,
this weekend, 2023-06-01), resolved against the ``now`` passed in."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from notices.lazy import Gate, LazyPattern, has_latin
from notices.question.base import _CN_NUM, _number

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


def _named_month(now: datetime, year: int | None, month: int | None) -> When:
    """A month named without a day (6月份, in June): the whole month; without a year, the nearest
    one (June asked in December of the year after is that June, not the next)."""
    if month is None or not 1 <= month <= 12:
        return None
    today = now.date()
    years = (year,) if year is not None else (today.year - 1, today.year, today.year + 1)
    best: tuple[int, tuple[date, date]] | None = None
    for y in years:
        if not 1 <= y <= 9998:
            continue
        first, last = _month(date(y, month, 1), 0)
        gap = 0 if first <= today <= last else min(abs((first - today).days), abs((last - today).days))
        if best is None or gap < best[0]:
            best = (gap, (first, last))
    return None if best is None else best[1]


def _zh_month(m: re.Match[str], now: datetime) -> When:
    year = _opt_int(m.group(1))
    if m.group(2):
        year = now.year + {"今": 0, "本": 0, "明": 1, "去": -1}[m.group(2)]
    return _named_month(now, year, _number(m.group(3)))


def _rest_of_year(today: date, years: int) -> tuple[date, date]:
    """This year from today on (今年还有…, this year), or a later year whole (明年, next year)."""
    if years == 0:
        return (today, date(today.year, 12, 31))
    return (date(today.year + years, 1, 1), date(today.year + years, 12, 31))


def _next_days(today: date, days: int | None) -> tuple[date, date] | None:
    if days is None or days < 1 or days > 366:
        return None
    return (today, today + timedelta(days=days - 1))


def _weekday(today: date, weekday: int, weeks: int) -> date:
    if weeks:
        return today - timedelta(days=today.weekday()) + timedelta(days=weekday, weeks=weeks)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


_Resolver = Callable[[re.Match[str], datetime], When]


_Rule = tuple[LazyPattern, _Resolver]


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


def _cn(pattern: str, needs: str) -> LazyPattern:
    """A Chinese rule, tried only on a text holding one of ``needs`` (a character every match has)."""
    return LazyPattern(pattern, needs)


def _en(pattern: str, needs: str | Gate = has_latin) -> LazyPattern:
    """An English rule: most need a letter, so none is compiled for a question in Chinese alone."""
    return LazyPattern(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])", needs)


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
            rf"(?:({_CN_NUM})月)?({_CN_NUM})[日号]",
            "月",
        ),
        _zh_range,
    ),
    (
        _cn(rf"(?:({_CN_NUM})年)?({_CN_NUM})月({_CN_NUM})[日号]", "月"),
        lambda m, now: _zh_date(m, now, 1, 2, 3),
    ),
    (_cn(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", "-/."), _iso),
    (_cn(r"(?<![\d.])(\d{1,2})/(\d{1,2})(?![\d/])", "/"), _slash),
    (
        _cn(
            rf"(?:未来|接下来|近|最近|今后|往后)的?({_CN_NUM})(天|日|周|个星期|星期|个礼拜|礼拜|个月)(?:内|里|之内)?",
            "天日周星礼月",
        ),
        _zh_next,
    ),
    (
        _cn(rf"({_CN_NUM})(天|日|周|个星期|个礼拜|个月)(?:内|之内|以内)", "内"),
        _zh_next,
    ),
    (_cn(r"(?:本|这|这个)?周末", "末"), lambda m, now: _weekend(now.date(), 0)),
    (_cn(r"下(?:个)?周末", "末"), lambda m, now: _weekend(now.date(), 1)),
    (
        _cn(r"(下下|下|上|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])", "周期拜"),
        lambda m, now: _weekday(
            now.date(),
            _CN_WEEKDAYS.get(m.group(2), int(m.group(2)) - 1 if m.group(2).isdigit() else 0),
            {"下下": 2, "下": 1, "上": -1}.get(m.group(1) or "", 0),
        ),
    ),
    (_cn(r"(?:本|这|这一|这个)(?:周|星期|礼拜)", "本这"), lambda m, now: _week(now.date(), 0)),
    (_cn(r"(?:下|下一|下个)(?:周|星期|礼拜)", "下"), lambda m, now: _week(now.date(), 1)),
    (_cn(r"(?:上|上一|上个)(?:周|星期|礼拜)", "上"), lambda m, now: _week(now.date(), -1)),
    (_cn(r"(?:本|这|这个)月(?:份)?", "月"), lambda m, now: _month(now.date(), 0)),
    (_cn(rf"(?:({_CN_NUM})年|(今|本|明|去)年)?(?<!个)({_CN_NUM})月份?", "月"), _zh_month),
    (_cn(r"今年|本年度|年内", "年"), lambda m, now: _rest_of_year(now.date(), 0)),
    (_cn(r"明年", "明"), lambda m, now: _rest_of_year(now.date(), 1)),
    (_cn(r"(?:下|下个)月(?:份)?", "月"), lambda m, now: _month(now.date(), 1)),
    (_cn(r"大后天", "大"), lambda m, now: now.date() + timedelta(days=3)),
    (_cn(r"后天", "后"), lambda m, now: now.date() + timedelta(days=2)),
    (_cn(r"明天|明日|明儿", "明"), lambda m, now: now.date() + timedelta(days=1)),
    (_cn(r"今天|今日|今儿|今晚|今早|今天晚上|当天", "今当"), lambda m, now: now.date()),
    (_cn(r"前天", "前"), lambda m, now: now.date() - timedelta(days=2)),
    (_cn(r"昨天|昨日|昨晚", "昨"), lambda m, now: now.date() - timedelta(days=1)),
    (_cn(r"现在|目前|当前|此刻|眼下|正在|此时", "现目当此眼正"), lambda m, now: now),
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
    (_en(r"(?:on )?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", "-/."), _iso),
    (_en(r"(?:on )?(\d{1,2})/(\d{1,2})(?![\d/])", "/"), _slash),
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
    (
        _en(rf"(?:in|during|for|throughout) (?:the month of )?{_MONTH}(?:,? (\d{{4}}))?"),
        lambda m, now: _named_month(now, _opt_int(m.group(2)), _MONTHS[m.group(1)]),
    ),
    (_en(r"(?:during |in )?this year"), lambda m, now: _rest_of_year(now.date(), 0)),
    (_en(r"(?:during |in )?next year"), lambda m, now: _rest_of_year(now.date(), 1)),
    (_en(r"(?:on )?(?:the )?day after tomorrow"), lambda m, now: now.date() + timedelta(days=2)),
    (_en(r"(?:on )?tomorrow"), lambda m, now: now.date() + timedelta(days=1)),
    (_en(r"(?:on )?today|tonight|this (?:morning|afternoon|evening)"), lambda m, now: now.date()),
    (_en(r"(?:on )?yesterday"), lambda m, now: now.date() - timedelta(days=1)),
    (
        _en(r"right now|just now|now|currently|at the moment|at present|presently|still"),
        lambda m, now: now,
    ),
]


def _find_time(text: str, *, now: datetime, language: str) -> tuple[When, str, bool]:
    """The first time expression found (rules in order of specificity), the text without it, and
    whether any rule matched at all (one that matched but resolved to nothing may resolve at another
    ``now``; a text no rule matches reads the same at every moment)."""
    rules = _ZH_RULES + _EN_RULES if language == "zh" else _EN_RULES + _ZH_RULES
    matched = False
    for pattern, resolve in rules:
        for match in pattern.finditer(text):
            matched = True
            when = resolve(match, now)
            if when is not None:
                return when, text[: match.start()] + " " + text[match.end() :], True
    return None, text, matched
