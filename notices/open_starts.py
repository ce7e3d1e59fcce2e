"""An open start said in brief where the notice also gives the span it opens: "4 hawker centres
closed from 22 Sept" over "Toa Payoh Market (22 Sept to 24 Nov)", "Berseh Food Centre will close on
29 Sept" beside "(29 Sept to 28 Dec)", 自5月8日起封闭 above 封闭时间：5月8日至6月30日. The span says
when it ends too; the open start is its first day said again, not a closure with no end."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.model import Period

#: Words that leave the end open on purpose: the open start is a plan of its own.
_NO_END_YET = re.compile(
    r"(?i:further\s+notice|until\s+further|indefinitely)|另行通知|另行公告|另行公布|待定"
)
#: How far around an open start its own sentence is looked for those words.
_REACH = 80


def drop_spanned_openings(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Periods without whole-day open starts whose day some span of days of the notice starts on,
    unless the notice says the end is not known yet."""
    starts: set[date] = set()
    for q in periods:
        if q.all_day and q.start is not None and q.end is not None and q.start != q.end:
            starts.add(_as_date(q.start, tz))
    if not starts:
        return periods
    out: list[Period] = []
    for p in periods:
        if p.all_day and p.end is None and p.start is not None and _as_date(p.start, tz) in starts:
            open_on_purpose = p.span is not None and _NO_END_YET.search(
                norm, max(0, p.span[0] - _REACH), p.span[1] + _REACH
            )
            if not open_on_purpose:
                continue
        out.append(p)
    return out
