"""Days listed together and the hours they share.

``5月11日、12日8:00-17:00`` gives every day listed the window written once; days in a row listed
together (``9日及10日``, ``22日及23日每日2时至5时``) are one span, with the window repeated over them
as a daily window; days apart (``14日、16日及18日``) stay one period each.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from itertools import pairwise

from notices.calendars import FESTIVAL_NAMES
from notices.dates.grammar import Grammar
from notices.dates.points import Draft
from notices.dates.resolve import _clock_window, _replace
from notices.dates.tokens import GAP, NUM
from notices.model import Period
from notices.normalize import normalize


def _listed_days_window(
    grammar: Grammar, draft: Draft, periods: list[Period], chain: list[int], day: Period, text: str
) -> tuple[Period, int] | None:
    """Consecutive days listed (22日及23日) and then a window said to repeat (每日/每晚 2时至5时):
    one span over those days with the window, as the conventions write a daily window."""
    k = _past_count(grammar, draft.last)
    lead = grammar.at(k)
    if lead is None or not (
        lead.is_kw("每日", "每天") or (lead.kind is GAP and str(lead.value).strip().startswith("每"))
    ):
        return None
    found = grammar.window(k)
    if found is None or day.start is None or day.span is None:
        return None
    days = [periods[i] for i in chain] + [day]
    firsts = [p.start for p in days]
    if not all(isinstance(d, date) and not isinstance(d, datetime) for d in firsts):
        return None
    if any((b - a).days != 1 for a, b in pairwise(firsts)):  # type: ignore[operator]
        return None
    opening, closing, last = found
    first = days[0]
    assert first.span is not None
    begin, finish = first.span[0], grammar.t[last - 1].end
    daily = _clock_window((opening, closing))
    span = Period(
        first.start, day.start, label=first.label, text=text[begin:finish], span=(begin, finish), daily=daily
    )
    return span, last


#: What may stand between listed days and their daily window: 三日，此期间每日….
_COUNT_WORDS = frozenset(("此期间", "期间", "在此期间", "其间", "连续", "共"))


def _past_count(grammar: Grammar, j: int) -> int:
    """Past a count of the days just listed and a word pointing back at them (``三日，此期间``,
    ``，``), to where their daily window may start."""
    for _ in range(4):
        tok = grammar.at(j)
        if tok is None:
            return j
        if tok.is_sep(","):
            j += 1
        elif tok.kind is NUM and (grammar.unit(j + 1, "日") or grammar.kw(j + 1, "天")):
            j += 2
        elif tok.kind is GAP and str(tok.value).strip() in _COUNT_WORDS:
            j += 1
        else:
            return j
    return j


def _listed_nights(periods: list[Period], chain: list[int], window: Period, text: str) -> Period | None:
    """Consecutive days listed and hours written once after them (20日及21日22时至翌日6时,
    9日及10日凌晨1时30分至5时30分): the hours repeat on each day, so one span over the days with a
    daily window, as the conventions write a window repeated over days, not one timed night each."""
    start, end = window.start, window.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    firsts = [periods[i].start for i in chain] + [start.date()]
    if not _in_a_row(firsts) or not _joined([periods[i] for i in chain] + [window], text):
        return None
    first = periods[chain[0]]
    if first.span is None or window.span is None:
        return None
    begin, finish = first.span[0], window.span[1]
    return Period(
        firsts[0],
        start.date(),
        label=first.label or window.label,
        text=text[begin:finish],
        span=(begin, finish),
        daily=(start.timetz().replace(tzinfo=None), end.timetz().replace(tzinfo=None)),
    )


def _listed_span(periods: list[Period], chain: list[int], text: str) -> None:
    """Whole days in a row listed together (9日及10日, February 10 and 11): one span of days, as
    the conventions write them; days apart (14日、16日及18日) stay one period each, and groups
    after a comma (25日及26日，27日及28日) one span each."""
    if len(chain) < 2 or chain[-1] != len(periods) - 1:
        return
    runs: list[list[int]] = [[chain[0]]]
    for a, b in pairwise(chain):
        if _joined([periods[a], periods[b]], text) and _in_a_row([periods[a].start, periods[b].start]):
            runs[-1].append(b)
        else:
            runs.append([b])
    for run in reversed(runs):
        days = [periods[i] for i in run]
        if len(days) < 2 or any(not p.all_day or p.start != p.end or p.daily is not None for p in days):
            continue
        first, last = days[0], days[-1]
        if first.span is None or last.span is None:
            continue
        begin, finish = first.span[0], last.span[1]
        periods[run[0] : run[-1] + 1] = [
            Period(
                first.start,
                last.end,
                label=first.label,
                note=first.note,
                text=text[begin:finish],
                span=(begin, finish),
            )
        ]


def _times_only(draft: Draft) -> bool:
    """A bare clock window (14:00-18:00) with no day of its own."""
    start, end = draft.start, draft.end
    return start is not None and end is not None and start.time_only and end.time_only


def _second_window(prev: Period, window: Period, text: str) -> Period:
    """A second window listed after a span of days with its daily window (11日、12日，8:00-12:00、
    14:00-18:00): the same days with the second window, not the first day alone."""
    start, end = window.start, window.end
    if prev.daily is None or not isinstance(start, datetime) or not isinstance(end, datetime):
        return window
    daily = (start.timetz().replace(tzinfo=None), end.timetz().replace(tzinfo=None))
    return _replace(prev, daily=daily, text=window.text, span=window.span)


_JOINERS = frozenset({"、", "及", "和", "与", "與", "以及", "and", "&"})
#: Bracketed days listed by their festival names: (十二月二十五日)、圣诞节翌日(十二月二十六日).
_NAMED_JOIN = re.compile(
    r"[)）]?\s*(?:、|及|和|与|以及)\s*(?:"
    + "|".join(FESTIVAL_NAMES)
    + r")(?:当日|当天|翌日|次日|日)?\s*[(（]?"
)


def _joined(periods: list[Period], text: str) -> bool:
    """Listed as one group (9日及10日, 11、12日), not groups after a comma (25日及26日，27日及28日)."""
    for a, b in pairwise(periods):
        if a.span is None or b.span is None:
            return False
        between = text[a.span[1] : b.span[0]].strip().lower()
        if between and between not in _JOINERS and not _NAMED_JOIN.fullmatch(normalize(between)):
            return False
    return True


def _in_a_row(days: list[date | datetime | None]) -> bool:
    """Calendar days one after another (no gaps, no times)."""
    if not all(isinstance(d, date) and not isinstance(d, datetime) for d in days):
        return False
    return all((b - a).days == 1 for a, b in pairwise(days))  # type: ignore[operator]


def _share_window(periods: list[Period], chain: list[int], window: Period) -> None:
    """``5月11日、12日8:00-17:00``: the hours written once hold for every day listed."""
    start, end = window.start, window.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return
    days_over = end.date() - start.date()
    for index in chain:
        day = periods[index]
        if not isinstance(day.start, date) or isinstance(day.start, datetime):
            continue
        new_start = datetime.combine(day.start, start.timetz())
        new_end = datetime.combine(day.start + days_over, end.timetz())
        periods[index] = _replace(day, start=new_start, end=new_end, all_day=False)
