"""A start with a length in hours after it (7月12日22时起停水24小时, 自5月3日8时起，为期36小时): the
period runs from that start for those hours, not from a moment or with no end. A length given as a
span of hours (预计需时7至8小时) runs for the longer, so the reminder does not call it over too soon."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from notices.model import Period
from notices.numerals import to_int

#: A length told as what lasts that long (为期36小时, 停水24小时), after words of its clause; an
#: exam's 作答时间三小时 or a control 每天24小时 is no length of the period.
_LENGTH = re.compile(
    r"[^，,。；;！？!?\n\d]{0,12}?[，,]?[^，,。；;！？!?\n\d]{0,10}?"
    r"(?:为期|持续|历时|连续|共计|需时|耗时|停水|停电|停气|停暖|断水|断电|断气|封闭|封路|管制|关闭)\s*(?:约|大约)?\s*"
    r"(?:(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:至|到|-|－|—|~|～)\s*)?"  # 需时7至8小时: the longer
    r"(\d{1,3}|[一二三四五六七八九十两]{1,3})\s*个?\s*(?:小时|钟头)(?!内|之内|以内|服务|热线|值班|营业|客服)"
)
#: A length said outright (预计工程需时7至8小时, 为期36小时) may stand further on in the sentence,
#: past a clause or two on the work, as long as no other date or hour comes between.
_FAR_LENGTH = re.compile(
    r"([^。；;！？!?\n]{0,80}?)(?:需时|耗时|为期|历时)\s*(?:约|大约)?\s*"
    r"(?:(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:至|到|-|－|—|~|～)\s*)?"
    r"(\d{1,3}|[一二三四五六七八九十两]{1,3})\s*个?\s*(?:小时|钟头)(?!内|之内|以内)"
)
#: A date or an hour: a length after one is that one's.
_DATED = re.compile(
    r"\d\s*[年月日号时点:：]|[〇一二三四五六七八九十两]\s*[时点]|[今明昨后前]天|[今明昨]日|[今明]晚"
)
#: The most hours a length may give: a week.
_MOST = 168


def with_hour_lengths(periods: list[Period], text: str, norm: str) -> list[Period]:
    """Each timed moment or open start followed in its clause by a length in hours, given its end."""
    if not any(isinstance(p.start, datetime) and p.end in (None, p.start) for p in periods):
        return periods
    if "小时" not in norm and "钟头" not in norm:
        return periods
    return [_lengthened(p, text, norm) or p for p in periods]


def _lengthened(period: Period, text: str, norm: str) -> Period | None:
    start = period.start
    if not isinstance(start, datetime) or period.span is None or period.end not in (None, start):
        return None
    found = _LENGTH.match(norm, period.span[1])
    if found is None:
        found = _FAR_LENGTH.match(norm, period.span[1])
        if found is None or _DATED.search(found.group(1)):
            return None
    hours = to_int(found.group(found.lastindex or 1))
    if hours is None or not 0 < hours <= _MOST:
        return None
    span = (period.span[0], found.end())
    return replace(period, end=start + timedelta(hours=hours), text=text[span[0] : span[1]], span=span)
