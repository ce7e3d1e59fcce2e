"""The year a notice means when it writes none: the one its weekdays fit.

A notice that gives no year, no signature date and no publication date cannot be read against a
calendar, but pages often pair a day with its weekday (4月1日（星期二）, 5月13日(周二), 3月5日（周二）、6日
（周三）, 下周一(10日), "Tuesday, 1 April", "Dec 28 (Sat)"). Each pair holds only in some years; the
year in which most of the pairs hold (one may be a typo) is the notice's. Such years recur every
5, 6 or 11 years, so among them the latest the notice can have been read in is taken: the caller
says when that is (``read_on``, the day the page is read), since this package reads no clock. A
notice tells what is coming, so its dates may run a little past the day it is read (``LEAD``).

Text is normalised (simplified script, ASCII digits and brackets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from notices.dates.vocabulary import MONTHS, WEEKDAYS
from notices.numerals import to_int

#: How far past the day it is read a notice's weekday-paired dates may lie: a notice read the day
#: it is published tells of days some months ahead; fitting years lie five years apart or more.
LEAD = timedelta(days=183)
#: How many years back a fitting year is looked for.
_SPAN = 60

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_CN_WEEKDAY = "一二三四五六日天"
#: A weekday after its day: 星期二, 周二, 礼拜二, or the bare numeral in brackets ((二)).
_AFTER = (
    rf"\s*,?\s*(?:\(\s*(?:星期|周|礼拜)?(?P<w>[{_CN_WEEKDAY}])\s*\)"
    rf"|(?:星期|周|礼拜)(?P<w2>[{_CN_WEEKDAY}]))"
)
#: 4月1日(星期二), 6日(周三) after a dated day, 十月一日星期六.
_CN_DAY_WEEKDAY = re.compile(
    rf"(?:(?<![\d一二三四五六七八九十])(?P<m>{_NUM})\s*月\s*|(?<![\d月一二三四五六七八九十]))(?P<d>{_NUM})\s*[日号]{_AFTER}"
)
#: 星期二(4月1日), 下周一(10日).
_CN_WEEKDAY_DAY = re.compile(
    rf"(?:星期|周|礼拜)(?P<w>[{_CN_WEEKDAY}])\s*\(\s*(?:(?P<m>{_NUM})\s*月\s*)?(?P<d>{_NUM})\s*[日号]\s*\)"
)
#: A month said outright, for a day written without its own (、6日(周三)).
_CN_MONTH = re.compile(rf"(?<![\d年])(?P<m>{_NUM})\s*月\s*(?:{_NUM})\s*[日号]")
#: A day whose month is relative to some other day (本月9日): its month is not the one before it.
_RELATIVE_MONTH = re.compile(r"(?:本|下|上|次|该|当|是)月\s*$")

_EN_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_EN_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_EN_PAIRS = (
    # Tuesday, 1 April / Tue 1st of April
    re.compile(rf"\b(?P<w>{_EN_WEEKDAY})\.?,?\s+(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_EN_MONTH})\b"),
    # Tuesday, April 1
    re.compile(rf"\b(?P<w>{_EN_WEEKDAY})\.?,?\s+(?P<m>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}\b"),
    # 1 April (Tuesday)
    re.compile(
        rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_EN_MONTH})\.?,?\s*\(\s*(?P<w>{_EN_WEEKDAY})\.?\s*\)"
    ),
    # Dec 28 (Sat)
    re.compile(rf"\b(?P<m>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s*\(\s*(?P<w>{_EN_WEEKDAY})\.?\s*\)"),
    # next Monday (February 14), Sunday (1 May): as Hong Kong's releases write them
    re.compile(rf"\b(?P<w>{_EN_WEEKDAY})\s*\(\s*(?P<m>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}\s*\)"),
    re.compile(rf"\b(?P<w>{_EN_WEEKDAY})\s*\(\s*(?P<d>\d{{1,2}}){_ORD}\s+(?P<m>{_EN_MONTH})\.?\s*\)"),
)


@dataclass(frozen=True, slots=True)
class WeekdayYear:
    """The year the weekdays fit, how many of them fit it, and the notice's first day in it."""

    year: int
    fitting: int
    pairs: int
    day: date


def weekday_pairs(norm: str) -> list[tuple[int, int, int]]:
    """(month, day, weekday) for every day the text pairs with a weekday, Monday 0, in order."""
    found = list(_cn_pairs(norm))
    lowered = norm.lower()
    for pattern in _EN_PAIRS:
        for m in pattern.finditer(lowered):
            found.append((m.start(), MONTHS[m.group("m")], int(m.group("d")), WEEKDAYS[m.group("w")]))
    found.sort()
    return [(month, day, weekday) for _, month, day, weekday in found if 1 <= month <= 12 and 1 <= day <= 31]


def _cn_pairs(norm: str) -> Iterator[tuple[int, int, int, int]]:
    """Chinese pairs at their offsets; a day written alone takes the nearest month said before it
    (after it when none is), unless its month is told relative to another day (本月9日)."""
    months = [(m.start(), to_int(m.group("m"))) for m in _CN_MONTH.finditer(norm)]
    for pattern in (_CN_DAY_WEEKDAY, _CN_WEEKDAY_DAY):
        for m in pattern.finditer(norm):
            day = to_int(m.group("d"))
            weekday = m.group("w") or m.groupdict().get("w2")
            if day is None or weekday is None:
                continue
            month = to_int(m.group("m")) if m.group("m") else None
            if month is None:
                if _RELATIVE_MONTH.search(norm, max(m.start() - 4, 0), m.start()):
                    continue
                month = _month_near(months, m.start())
            if month is not None:
                yield m.start(), month, day, _CN_WEEKDAY.index(weekday.replace("天", "日"))


def _month_near(months: list[tuple[int, int | None]], at: int) -> int | None:
    before = [month for start, month in months if start < at]
    after = [month for start, month in months if start > at]
    return before[-1] if before else (after[0] if after else None)


def weekday_year(norm: str, *, read_on: date) -> WeekdayYear | None:
    """The year most of the text's weekday pairs fit, the latest such whose first fitting day is
    not past ``read_on`` by more than ``LEAD``; None when the text pairs no day with a weekday or
    no year fits more than half of its pairs."""
    pairs = weekday_pairs(norm)
    if not pairs:
        return None
    latest = read_on + LEAD
    best: WeekdayYear | None = None
    for year in range(latest.year, latest.year - _SPAN, -1):
        days = [d for d in (_fits(year, *pair) for pair in pairs) if d is not None]
        if len(days) * 2 <= len(pairs) or min(days) > latest:
            continue
        if best is None or len(days) > best.fitting:
            best = WeekdayYear(year, len(days), len(pairs), min(days))
    return best


def _fits(year: int, month: int, day: int, weekday: int) -> date | None:
    """The day in ``year`` when it falls on ``weekday``."""
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    return when if when.weekday() == weekday else None


def year_of_weekdays(norm: str, *, read_on: date, warnings: list[str]) -> date | None:
    """The day a notice dated by nothing else is read around, from its weekdays, said in a warning."""
    found = weekday_year(norm, read_on=read_on)
    if found is None:
        return None
    warnings.append(
        f"year inferred from weekdays: {found.year} ({found.fitting} of {found.pairs} weekday(s) fit)"
    )
    return _today_said(norm, found.year) or found.day


#: The notice's own day said with its date: today (February 11), 今日(5月10日), 今天（5月10日）.
_TODAY_SAID = (
    re.compile(rf"\btoday\s*\(\s*(?P<m>{_EN_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}\s*\)"),
    re.compile(rf"\btoday\s*\(\s*(?P<d>\d{{1,2}}){_ORD}\s+(?P<m>{_EN_MONTH})\.?\s*\)"),
    re.compile(rf"(?:今日|今天)\s*\(\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]\s*\)"),
)


def _today_said(norm: str, year: int) -> date | None:
    """The day the text says is today, in the year its weekdays fit: what its other relative
    days (next Monday, 明日) are counted from, rather than its first weekday's."""
    lowered = norm.lower()
    for pattern in _TODAY_SAID:
        m = pattern.search(lowered)
        if m is None:
            continue
        said = m.group("m").rstrip(".")
        month = MONTHS.get(said) or to_int(said)  # February, or 5 / 五 as 5月 writes it
        day = to_int(m.group("d"))
        if month is None or day is None:
            continue
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None
