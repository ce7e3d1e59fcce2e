"""A window kept to some weekdays over a span (2024年10月7日至12月7日逢星期一至星期五每日10时至16时,
6 May to 19 May, Monday to Friday, 9am to 5pm): the period runs over the days on which the window
opens (CONVENTIONS.md, rule 7), so a stated first or last day the window skips (a Saturday here)
is not one of them; the span is drawn in to the first and last weekday kept."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from notices.dates.glosses import _WEEKDAY_NUMBER
from notices.dates.vocabulary import WEEKDAYS
from notices.model import Period

#: 逢星期一至星期五, 周一至周五, 星期一至五: a run of weekdays.
_CN_RUN = re.compile(
    r"(?:逢|每逢)?(?:星期|周|礼拜)([一二三四五六日天])\s*(?:至|到|-|—|~)\s*(?:星期|周|礼拜)?([一二三四五六日天])"
)
#: Monday to Friday.
_EN_RUN = re.compile(
    r"(?i:\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\s+(?:to|through|-|–)\s+"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b)"
)
#: How long a span must be to hold a window kept to weekdays (a week, at least).
_MIN_DAYS = 6


def weekday_bounds(periods: list[Period], norm: str) -> list[Period]:
    """Each daily window's span drawn in to the weekdays its window is kept to."""
    out: list[Period] = []
    for p in periods:
        days = _kept_days(p, norm)
        if days is not None:
            p = _drawn_in(p, days)
        out.append(p)
    return out


def _kept_days(p: Period, norm: str) -> frozenset[int] | None:
    if p.daily is None or p.span is None or not isinstance(p.start, date) or not isinstance(p.end, date):
        return None
    if (p.end - p.start).days < _MIN_DAYS:
        return None
    text = norm[p.span[0] : p.span[1]]
    cn = _CN_RUN.search(text)
    if cn is not None:
        first, last = _WEEKDAY_NUMBER[cn.group(1)], _WEEKDAY_NUMBER[cn.group(2)]
    else:
        en = _EN_RUN.search(text)
        if en is None:
            return None
        first, last = WEEKDAYS[en.group(1).lower()], WEEKDAYS[en.group(2).lower()]
    if first > last:
        return None
    return frozenset(range(first, last + 1))


def _drawn_in(p: Period, days: frozenset[int]) -> Period:
    start, end = p.start, p.end
    assert isinstance(start, date)
    assert isinstance(end, date)
    for _ in range(6):
        if start.weekday() in days:
            break
        start += timedelta(days=1)
    for _ in range(6):
        if end.weekday() in days:
            break
        end -= timedelta(days=1)
    return p if end < start else replace(p, start=start, end=end)
