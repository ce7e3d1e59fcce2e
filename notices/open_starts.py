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


#: What the open start says begins: a place shut (closed from, will close on, 起休市). Something else
#: opening that day (章程起供索阅, may apply from) is a period of its own beside the span.
_SHUT = re.compile(
    r"(?i:\b(?:clos(?:e|ed|es|ing|ure)|shut|suspend(?:ed)?)\b)|封闭|封路|关闭|休市|停业|闭馆|暂停开放|暂停营业"
)
#: Where an open start's clause begins and ends.
_CLAUSE_BREAK = re.compile(r"[。；;！？!?\n]|[,，](?=\s*(?:and|but|except|while|[0-9]+\s+more)\b)|\.\s")


def _shut(norm: str, period: Period) -> bool:
    """Whether the open start's own clause says something is shut from then."""
    if period.span is None:
        return False
    begin, end = period.span
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(norm, max(0, begin - _REACH), begin)]
    after = _CLAUSE_BREAK.search(norm, end, end + _REACH)
    clause = norm[breaks[-1] if breaks else max(0, begin - _REACH) : after.start() if after else end + _REACH]
    return _SHUT.search(clause) is not None


def drop_spanned_openings(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Periods without whole-day open starts of a closure whose day some span of days of the
    notice starts on, unless the notice says the end is not known yet."""
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
            if not open_on_purpose and _shut(norm, p):
                continue
        out.append(p)
    return out
