"""Hours told once for several events, each named with its own day in a sentence before.

``东区嘉年华在8月6日举办。西区嘉年华则在8月7日举办。两场嘉年华均从下午4时开始，晚上9时结束。``
The hours after the last day already time that day (notices.dates.later); the events before it
that the hours' sentence counts in (均 / 都 / 两场 / both / all / each) run over the same hours on
their own days. Each is its own event (another place), so each is one timed window on its day,
not a daily window over a span of days.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from notices.dates.later import _CLOSES_NEAR, _EVENT, _SENTENCE_END, _WORKS, _sentence_of
from notices.model import Period

#: A subject that counts in more than one event: 均, 都, 各, 两场, 五场, both, all, each.
_SEVERAL = re.compile(r"均|都|各|[两二三四五六七八九十\d]\s?[场届个项]|(?i:\b(?:both|all|each)\b)")
#: A date in a period's own text: the hours' period must hold only hours.
#: How far before the hours the subject counting the events may start, and the events lie.
_LEAD, _REACH = 48, 480
_DAY_IN = re.compile(r"\d\s*[月日号/]|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)")


def shared_event_hours(periods: list[Period], norm: str) -> list[Period]:
    """``periods`` with the event days before hours told for all of them timed by those hours."""
    out = list(periods)
    for k, hours in enumerate(out):
        opens, closes = hours.start, hours.end
        if not _hours_only(hours, norm) or hours.span is None:
            continue
        if not isinstance(opens, datetime) or not isinstance(closes, datetime):
            continue
        lead = _SENTENCE_END.split(norm[max(0, hours.span[0] - _LEAD) : hours.span[0]])[-1]
        if not _SEVERAL.search(lead) or _CLOSES_NEAR.search(lead):
            continue  # 各路段都将封闭，时间为…: a closure's hours, not the events'
        j, reach = k - 1, hours.span[0] - _REACH
        while j >= 0 and _event_day(out[j], norm, reach) and out[j].start != opens.date():
            day = out[j].start
            if not isinstance(day, date):
                break
            out[j] = Period(
                datetime.combine(day, opens.timetz()),
                datetime.combine(day, closes.timetz()),
                all_day=False,
                label=out[j].label,
                note=out[j].note,
                text=out[j].text,
                span=out[j].span,
                places=out[j].places,
            )
            j -= 1
    return out


def _hours_only(period: Period, norm: str) -> bool:
    """A timed window within one day whose own words are only its hours."""
    start, end = period.start, period.end
    if period.all_day or not isinstance(start, datetime) or not isinstance(end, datetime):
        return False
    if start.date() != end.date() or start >= end or period.span is None:
        return False
    return _DAY_IN.search(norm[period.span[0] : period.span[1]]) is None


def _event_day(period: Period, norm: str, reach: int) -> bool:
    """A single whole day, from ``reach`` on, whose sentence says an event is held on it (not works)."""
    if not period.all_day or period.start is None or period.start != period.end or period.span is None:
        return False
    if period.span[0] < reach:
        return False
    own = _sentence_of(norm, period.span[0], period.span[1])
    return _EVENT.search(own) is not None and _WORKS.search(own) is None
