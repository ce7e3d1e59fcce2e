"""The day named in a notice's purpose clause, when the notice's own windows cover it.

``为配合1月1日元旦升旗典礼需要，将实施交通管制如下：…12月31日21时至1月1日15时…``: the
ceremony's day says why the measures are taken; the subscriber is told the measures' hours,
which already hold that day. Kept alone it would remind of a whole day the notice never asks
anyone to plan around. A purpose day no window covers stays: it is the notice's only date.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.model import Period

#: A purpose clause opening just before the date: 为配合 / 配合 / 为做好 / 因应.
_PURPOSE_BEFORE = re.compile(r"(?:为了?|為了?)?(?:配合|做好|保障|确保|因应)[^，。；;,\n]{0,6}$")
#: How far before the date the purpose words may start.
_BACK = 12


def drop_purpose_days(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Leave out a whole day said as a purpose when a timed period of the notice covers it."""
    timed = [
        (_as_date(p.start, tz), _as_date(p.end, tz))
        for p in periods
        if not p.all_day and p.start is not None and p.end is not None
    ]
    if not timed:
        return periods
    out: list[Period] = []
    for period in periods:
        if _purpose_day(norm, period) and any(
            first <= period.start <= last  # type: ignore[operator]
            for first, last in timed
        ):
            continue
        out.append(period)
    return out


def _purpose_day(norm: str, period: Period) -> bool:
    if not period.all_day or period.start is None or period.start != period.end or period.span is None:
        return False
    begin = period.span[0]
    return _PURPOSE_BEFORE.search(norm[max(0, begin - _BACK) : begin]) is not None
