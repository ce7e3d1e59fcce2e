"""An outage told as news: the hour supply was cut, and later the hour it is expected back.

``下午2时关闭阀门完成停气 … 预计今晚7时恢复供气`` and ``傍晚6时开始分区轮流供电 … 预计午夜12时前全面恢复供电``
are one period each, from the cut to the restoration. The restoration carries the day (今晚, 15日);
the hour of the cut, said before it with no day of its own, falls on that day.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import datetime, timedelta

from notices.dates.grammar import Grammar
from notices.dates.restored import cut_until, restoration_ends
from notices.dates.tokens import KW, NUM, UNIT
from notices.model import Period

#: How far before the restoration the cut may be told, in characters.
_REACH = 400
#: What follows a time supply comes back at: 恢复供电, 完成复气, 才能抢修完成恢复供气 (in its clause: the
#: hour of a cut is followed by the restoration in the next, 于14时停水，恢复供水时间…).
_RESTORED = re.compile(
    r"[^,，。；;！？!?\n]{0,10}?(?:恢复(?:正常|全面)?供(?:电|水|气|应)|复电|复水|复气|来电|来水|送电|恢复通水|恢复通气)"
)
#: What follows the hour supply was cut at: 开始分区轮流供电, 关闭球阀完成停气, 起停电.
_CUT = re.compile(
    r"\s*(?:起|开始|进行|实施)?[^，。；！？\n\d]{0,10}?"
    r"(?:停电|停水|停气|断电|断水|断气|限电|轮流供电|分区供电|停止供(?:电|水|气))"
)


def outage_windows(grammar: Grammar, periods: list[Period], norm: str) -> list[Period]:
    """Each restoration with the cut told before it becomes one period from cut to restoration."""
    if not periods:
        return periods
    starts = [t.start for t in grammar.t]
    out = [_from_cut(grammar, starts, period, norm) or period for period in periods]
    ends = {p.end for p, q in zip(out, periods, strict=True) if p is not q}
    # the same restoration told again (预计今晚7时才能恢复供气 … 预计今晚7时完成复气) ends that window
    kept = [
        p
        for p, q in zip(out, periods, strict=True)
        if p is not q or not (_restores(p, norm) and p.end in ends)
    ]
    return cut_until(restoration_ends(kept, norm, _restores), norm)


def _restores(period: Period, norm: str) -> bool:
    """A moment or an end (no start) that supply comes back at."""
    return (
        period.span is not None
        and (period.start is None or period.start == period.end)
        and _RESTORED.match(norm, period.span[1]) is not None
    )


def _from_cut(grammar: Grammar, starts: list[int], period: Period, norm: str) -> Period | None:
    end = period.end
    if period.span is None or not isinstance(end, datetime) or not _restores(period, norm):
        return None
    first = bisect_left(starts, period.span[0])
    k = first - 1
    while k >= 0 and grammar.t[k].start >= period.span[0] - _REACH:
        tok = grammar.t[k]
        if tok.kind is UNIT and tok.value in ("月", "日", "号") and _other_day(grammar, k, end):
            return None  # another day is told between: the cut is not on the restoration's day
        if tok.kind is NUM and k > 0 and grammar.t[k - 1].kind is KW:
            k -= 1  # 下午2时: the part of the day comes first
        if grammar.t[k].kind in (NUM, KW):
            timed = grammar.time(k)
            if timed is not None and _CUT.match(norm, grammar.t[timed[2] - 1].end):
                if k > 0 and grammar.t[k - 1].kind is UNIT and grammar.t[k - 1].value in ("日", "号"):
                    return None  # 11月5日8时起停水: the cut has its own day, read as an open start
                hour, minute, _ = timed
                if hour >= 24:
                    return None
                day = (end - timedelta(minutes=1)).date()  # back by midnight (午夜12时) is that day's
                cut = datetime(day.year, day.month, day.day, hour, minute, tzinfo=end.tzinfo)
                if cut >= end:
                    return None
                return replace(period, start=cut, all_day=False)
        k -= 1
    return None


def _other_day(grammar: Grammar, k: int, end: datetime) -> bool:
    """Whether the unit at ``k`` dates another day than the restoration's (15日…15日午夜12时前 is
    the same; 源远路152至260号 is an address, no day)."""
    number = grammar.at(k - 1)
    if grammar.t[k].value == "月" or number is None or number.kind is not NUM:
        return True
    value = number.value
    if grammar.t[k].value == "号" and isinstance(value, int) and value > 31:
        return False
    return value != (end - timedelta(minutes=1)).day
