"""Hours told place by place under the one day a report's lead names.

``台水今（12）日多處停水。甲市停水時間為上午10時至下午5時……乙區上午8時至中午12時停水`` and
``宣布自11月24日起於多縣市停水。甲市將於上午9時至下午3時停水……``: each window has no day of its
own; it falls on the day the lead says, be it a day alone or the day of the lead's own window
(今（10）日上午9時至下午5時甲區停水). Each becomes a timed period on that day, and a lead said
as an open start (自11月24日起) is no period of its own once its windows are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.dates.grammar import Grammar
from notices.dates.tokens import GAP, KW, UNIT
from notices.model import Period

#: How far into the text the lead may name its day.
_LEAD = 300
#: 今（12）日 / 明(10)日: a relative day with its date glossed.
_GLOSSED = re.compile(r"([今明])\s*[(（]\s*(\d{1,2})\s*[)）]\s*日")
#: What a line of the report must say is cut.
#: (a closure from a day on, 自5月12日起封闭施工 ⏎ 施工时间8时至18时, runs daily: not these)
_CUT = re.compile(r"停水|停电|停气|断水|断电|制水|停止供(?:水|电|气)")
#: Hours that repeat (每日8时至17时) or tell when to call, not a window of the cut.
_NOT_CUT_HOURS = re.compile(r"每日|每天|每晚|每逢|逐日|办公|查询|咨询|服务时间|上班")
#: What may stand between an opening hour and 至 when the cut is said in between (上午10时起停水至下午3时).
_BETWEEN = re.compile(r"\s*(?:起)?\s*(?:停水|停电|停气|断水|断电|制水)?\s*$")
_MORNING = re.compile(r"凌晨|早上|早晨|清晨|上午")


def lead_day_hours(
    grammar: Grammar, periods: list[Period], norm: str, base: date, tz: ZoneInfo
) -> list[Period]:
    """Windows with no day under a lead that names one day become periods on that day."""
    if not _CUT.search(norm):
        return periods
    lead = _lead_day(periods, norm, base)
    if lead is None:
        return periods
    day, opening = lead
    covered = _Covered([p.span for p in periods if p.span is not None])
    lead_end = _lead_end(norm)
    if not _free_window(grammar, covered, lead_end, norm):
        return periods
    found: list[Period] = []
    k = 0
    while k < len(grammar.t):
        window = _window(grammar, k, norm)
        if window is None:
            k += 1
            continue
        (oh, om), (ch, cm), last = window
        begin, finish = grammar.t[k].start, grammar.t[last - 1].end
        if begin < lead_end or covered.overlaps(begin, finish):
            k = last
            continue
        line_start = norm.rfind("\n", 0, begin) + 1
        line_end = norm.find("\n", finish)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        if not _CUT.search(line) or _NOT_CUT_HOURS.search(norm, max(line_start, begin - 6), begin):
            k = last
            continue
        if oh >= 24 or ch > 24:
            k = last
            continue
        start = datetime(day.year, day.month, day.day, oh, om, tzinfo=tz)
        end = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(hours=ch, minutes=cm)
        if end <= start:
            end += timedelta(days=1)
        found.append(Period(start, end, all_day=False, text=norm[begin:finish], span=(begin, finish)))
        k = last
    if not found or (opening is not None and len(found) < 2):
        return periods  # one window after 自…起 may be the daily hours of a longer cut
    kept = [p for p in periods if p is not opening]
    return sorted(kept + found, key=lambda p: p.span[0] if p.span is not None else 0)


class _Covered:
    """Spans already read as periods, asked whether one overlaps a window: a notice of thousands
    of dated lines asks once a window, so each answer is a bisection, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [lo for lo, _ in spans]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for _, hi in spans:
            self._reach.append(max(hi, self._reach[-1]) if self._reach else hi)

    def holds(self, at: int) -> bool:
        """Whether a span holds the character at ``at``."""
        last = bisect_right(self._starts, at) - 1
        return last >= 0 and self._reach[last] > at

    def free(self, since: int) -> list[tuple[int, int | None]]:
        """The stretches from ``since`` on that no span holds, as [low, high) (high None: to the
        end): exactly the offsets ``at >= since`` for which ``holds(at)`` is false."""
        out: list[tuple[int, int | None]] = []
        low = since
        for start, reach in zip(self._starts, self._reach, strict=True):
            if start > low:
                out.append((low, start))
            if reach > low:
                low = reach
        out.append((low, None))
        return out

    def overlaps(self, begin: int, finish: int) -> bool:
        """Whether a span starting before ``finish`` ends after ``begin``."""
        last = bisect_left(self._starts, finish) - 1
        return last >= 0 and self._reach[last] > begin


def _free_window(grammar: Grammar, covered: _Covered, lead_end: int, norm: str) -> bool:
    """Whether a window starts at a token past the lead and inside no period read already: only
    such a window becomes a period below, wherever the scan's steps over other windows land, so
    a notice whose every window is its own periods' (one dated line after another) is not
    scanned window by window. Only the tokens between the periods are looked at: the spans'
    gaps are found by bisection over the tokens' starts, not token by token."""
    tokens = grammar.t
    starts = [tok.start for tok in tokens]
    for low, high in covered.free(lead_end):
        k = bisect_left(starts, low)
        stop = len(starts) if high is None else bisect_left(starts, high)
        while k < stop:
            if _window(grammar, k, norm) is not None:
                return True
            k += 1
    return False


def _lead_end(norm: str) -> int:
    """Where the lead ends: its first sentence or line."""
    stops = [at for at in (norm.find("。"), norm.find("\n")) if at >= 0]
    return min(stops) if stops else len(norm)


def _lead_day(periods: list[Period], norm: str, base: date) -> tuple[date, Period | None] | None:
    """The one day the lead names, and the open start that said it (自11月24日起), if one did."""
    end = _lead_end(norm)
    if end > _LEAD:
        return None
    firsts = [p for p in periods if p.span is not None and p.span[0] < end]
    if len(firsts) == 1:
        first = firsts[0]
        if first.all_day and first.end is None and isinstance(first.start, date):
            return first.start, first
        if (
            isinstance(first.start, datetime)
            and isinstance(first.end, datetime)
            and first.start.date() == (first.end - timedelta(minutes=1)).date()
        ):
            return first.start.date(), None  # the lead's own window (今（10）日上午9時至下午5時) stays
        return None
    if firsts:
        return None
    glossed = _GLOSSED.search(norm, 0, end)
    if glossed is None:
        return None
    day = base + timedelta(days=0 if glossed.group(1) == "今" else 1)
    return (day, None) if day.day == int(glossed.group(2)) else None


def _window(grammar: Grammar, k: int, norm: str) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """A window of hours at ``k``, with no day in it; the cut may be said between its hours."""
    tok = grammar.t[k]
    window = grammar.window(k) if tok.kind is not GAP else None
    if window is None:
        opening = grammar.time(k) if tok.kind is not GAP else None
        if opening is None:
            return None
        j = opening[2]
        if grammar.kw(j, "起"):
            j += 1
        gap = grammar.at(j)
        if gap is not None and gap.kind is GAP and _BETWEEN.fullmatch(str(gap.value)):
            j += 1
        if not grammar.kw(j, "至", "到"):
            return None
        closing = grammar.time(j + 1)
        if closing is None:
            return None
        window = (opening[0], opening[1]), (closing[0], closing[1]), closing[2]
    if any(t.kind is UNIT and t.value in ("月", "日") for t in grammar.t[k : window[2]]):
        return None
    (oh, om), (ch, cm), last = window
    if ch < 12 <= oh < ch + 12 and _MORNING.search(norm, grammar.t[k].start, grammar.t[last - 1].end) is None:
        ch += 12  # 下午2时至6时: the closing hour is in the afternoon its opening names
    if grammar.t[k].kind is KW and grammar.t[k].value in ("今日", "明日", "今天", "明天"):
        return None
    return (oh, om), (ch, cm), last
