"""Hours listed on the lines under their day, one line each (5月12日停电： ⏎ 1. 8:00-12:00 东风村 ⏎
2. 14:00-18:00 红星村): each line is a period of its own on that day, with the line's places,
and the day said alone above them is no period of its own."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.dates.grammar import Grammar
from notices.dates.tokens import UNIT
from notices.model import Period

#: What may open a listed line before its hours: 1. / 2、 / （一） / 一、 / - / •.
_BULLET = re.compile(
    r"[ \t]*(?:\d{1,2}\s*[.、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、"
    r"|[-•·●▪–—*])?[ \t]*"
)
_DAY_UNITS = ("月", "日")
#: Words that put a closing hour in the morning: 次日6时, 凌晨3时.
_MORNING = re.compile(r"次日|翌日|隔日|隔天|次晨|翌晨|凌晨|早上|早晨|清晨|上午")
#: What may end the day's line after the day: 停电安排如下：, （星期五）, 停电：.
_HEAD_TAIL = 24
#: The same when the line closes on a colon that introduces the list (比赛当天，部分道路分时段实施
#: 临时交通管制。具体时间和路段为：): a longer lead, still with no date or hour of its own.
_LEAD_TAIL = 80


def hours_below(grammar: Grammar, periods: list[Period], text: str, norm: str, tz: ZoneInfo) -> list[Period]:
    """Each day said alone at the end of its line, with hours on the lines under it, becomes one
    period per line."""
    if "\n" not in norm or not periods:
        return periods
    starts: list[int] = []  # token offsets, found the first time a day heads its line
    out: list[Period] = []
    for period in periods:
        heads = _heads_lines(period, norm)
        if heads is not None and not starts:
            starts = [t.start for t in grammar.t]
        listed = None if heads is None else _listed_hours(grammar, starts, period, heads, text, norm, tz)
        out.extend(listed or (period,))
    return out


def _heads_lines(period: Period, norm: str) -> int | None:
    """Where the line ends that a day said alone closes (5月12日停电安排如下：), if it does."""
    day = period.start
    if not period.all_day or not isinstance(day, date) or period.end != day or period.span is None:
        return None
    eol = norm.find("\n", period.span[1])
    if eol < 0 or eol - period.span[1] > _LEAD_TAIL:
        return None
    if eol - period.span[1] > _HEAD_TAIL and not norm[period.span[1] : eol].rstrip().endswith((":", "：")):
        return None
    return None if any(ch.isdigit() for ch in norm[period.span[1] : eol]) else eol


def _listed_hours(
    grammar: Grammar,
    starts: list[int],
    period: Period,
    eol: int,
    text: str,
    norm: str,
    tz: ZoneInfo,
) -> list[Period] | None:
    day = period.start
    if not isinstance(day, date):
        return None
    found: list[Period] = []
    pos = eol + 1
    while pos < len(norm):
        line_end = norm.find("\n", pos)
        line_end = len(norm) if line_end < 0 else line_end
        listed = _line_hours(grammar, starts, text, norm, pos, line_end, day, tz)
        if listed is None:
            break
        found.append(replace(listed, label=period.label))
        pos = line_end + 1
    return found or None


def _line_hours(
    grammar: Grammar,
    starts: list[int],
    text: str,
    norm: str,
    pos: int,
    line_end: int,
    day: date,
    tz: ZoneInfo,
) -> Period | None:
    """The hours that open the line from ``pos`` (past its bullet), on ``day``."""
    bullet = _BULLET.match(norm, pos, line_end)
    begin = bullet.end() if bullet is not None else pos
    k = bisect_left(starts, begin)
    if k >= len(grammar.t) or grammar.t[k].start != begin:
        return None
    window = grammar.window(k)
    if window is None:
        return _until_over(grammar, text, k, begin, day, tz)
    if any(t.kind is UNIT and t.value in _DAY_UNITS for t in grammar.t[k : window[2]]):
        return None  # a line of its own dates is no hours of the day above
    (oh, om), (ch, cm), last = window
    finish = grammar.t[last - 1].end
    if ch < 12 <= oh < ch + 12 and _MORNING.search(norm, begin, finish) is None:
        ch += 12  # 下午2时至6时: the closing hour is in the afternoon its opening names
    if oh >= 24 or ch > 24:
        return None
    start = datetime(day.year, day.month, day.day, oh, om, tzinfo=tz)
    end = datetime(day.year, day.month, day.day, 0, 0, tzinfo=tz) + timedelta(hours=ch, minutes=cm)
    if end <= start:
        end += timedelta(days=1)  # 22:00-6:00: past midnight
    return Period(start, end, all_day=False, text=text[begin:finish], span=(begin, finish))


def _until_over(grammar: Grammar, text: str, k: int, begin: int, day: date, tz: ZoneInfo) -> Period | None:
    """``7时至比赛结束`` opening a listed line: from that hour of the day above until it is over."""
    opening = grammar.time(k)
    if opening is None:
        return None
    conn = grammar.connector(opening[2])
    if conn is None or not grammar._open_end(conn):
        return None
    oh, om, last = opening
    if oh >= 24:
        return None
    start = datetime(day.year, day.month, day.day, oh, om, tzinfo=tz)
    finish = grammar.t[last - 1].end
    return Period(start, None, all_day=False, text=text[begin:finish], span=(begin, finish))
