"""A start and its end said in two clauses of one sentence: ``普查登记11月1日零时启动，将持续至12月10日``,
``报名已于6月15日开始（6月30日结束）``, ``自5月1日起实施交通管制，一直持续到6月30日``. The grammar reads
the start (a day, a moment, or an open start) and the end (至12月10日, a deadline; 6月30日 with
结束 after it) apart; they are one period, from the one to the other."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from notices.model import Period

#: What lies between a start and a 至/到 that ends it: what starts, then that it lasts.
_OPENS = r"(?:开始|启动|开工|开展|展开|开放|起|开幕|揭幕|亮灯|开园|开馆|开演|举行|举办)"
_STARTS_THEN_LASTS = re.compile(
    r"[^。；;！？!?\n]{0,40}?" + _OPENS + r"[^。；;！？!?\n]{0,16}?(?:将|会|并)?(?:一直)?(?:持续|延续)\s*"
)
#: A start said by a relative day, which alone is no period, then the day it lasts to: 灯会将于今晚
#: 正式亮灯，并持续至3月6日 / 书展明日开幕，展期持续到3月6日.
_RELATIVE_THEN_LASTS = re.compile(
    r"(今天|今日|今晚|今夜|明天|明日|明晚)[^。；;！？!?\n]{0,30}?"
    + _OPENS
    + r"[^。；;！？!?\n]{0,16}?(?:将|会|并)?(?:一直)?(?:持续|延续)\s*$"
)
_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
#: The same after an open start, whose 起 said that it starts: 实施交通管制，一直持续.
_LASTS = re.compile(r"[^。；;！？!?\n]{0,40}?(?:将|会|并)?(?:一直)?(?:持续|延续)\s*")
#: What lies between a start said to begin and the day that ends it: 开始（, 开始，, 起至.
_STARTS_THEN_DAY = re.compile(r"\s*(?:正式)?(?:开始|启动|起)\s*[(（,，、]?\s*")
#: What follows the day that ends it: 结束, 止, 截止.
_ENDS_AFTER = re.compile(r"\s*(?:结束|截止|为止|止)")


def begun_until(periods: list[Period], text: str, norm: str, base: date | None = None) -> list[Period]:
    """``periods`` with each start joined to the end its sentence goes on to give; with ``base``
    (the notice's own day), a start said as 今天 / 明日 too."""
    if base is not None:
        periods = [_from_relative_day(p, text, norm, base) for p in periods]
    if len(periods) < 2:
        return periods
    out: list[Period] = []
    for period in periods:
        joined = _joined(out[-1], period, text, norm) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(period)
    return out


def _joined(first: Period, second: Period, text: str, norm: str) -> Period | None:
    if first.span is None or second.span is None or first.start is None or second.end is None:
        return None
    if first.end is not None and first.end != first.start:
        return None  # a span of its own
    if first.daily is not None or second.daily is not None:
        return None
    gap = norm[first.span[1] : second.span[0]]
    finish = second.span[1]
    if second.start is None and second.text.lstrip()[:1] in ("至", "到"):
        bridge = _LASTS if first.end is None else _STARTS_THEN_LASTS
        if bridge.fullmatch(gap) is None:
            return None
    elif second.start is not None and second.start == second.end and second.all_day:
        ended = _ENDS_AFTER.match(norm, finish)
        if ended is None or _STARTS_THEN_DAY.fullmatch(gap) is None:
            return None
        finish = ended.end()
    else:
        return None
    start, end = first.start, second.end
    if first.all_day and not second.all_day:
        return None  # 5月1日起…持续至6月30日18时: the hours of the first day are not said
    if first.all_day or (isinstance(start, datetime) and start.time() == time(0) and second.all_day):
        start = start.date() if isinstance(start, datetime) else start
        if end < start:  # type: ignore[operator]
            return None
        return replace(
            first,
            start=start,
            end=end,
            all_day=True,
            text=text[first.span[0] : finish],
            span=(first.span[0], finish),
        )
    if not isinstance(start, datetime):
        return None
    day_end = isinstance(end, date) and not isinstance(end, datetime)
    if day_end:
        assert isinstance(end, date)
        end = datetime.combine(end + timedelta(days=1), time(0), tzinfo=start.tzinfo)
    if end <= start:  # type: ignore[operator]
        return None
    return replace(
        first,
        end=end,
        all_day=False,
        end_is_day=day_end,
        text=text[first.span[0] : finish],
        span=(first.span[0], finish),
    )


def _from_relative_day(period: Period, text: str, norm: str, base: date) -> Period:
    """An end of whole days (至3月6日) whose sentence opened on 今天 / 明日: that day to the end."""
    if period.start is not None or not period.all_day or period.span is None:
        return period
    if not isinstance(period.end, date) or isinstance(period.end, datetime):
        return period
    if period.text.lstrip()[:1] not in ("至", "到"):
        return period
    begin = period.span[0]
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(norm, max(0, begin - 60), begin)]
    sentence_start = breaks[-1] if breaks else max(0, begin - 60)
    found = _RELATIVE_THEN_LASTS.search(norm, sentence_start, begin)
    if found is None:
        return period
    start = base if found.group(1).startswith("今") else base + timedelta(days=1)
    if period.end < start:
        return period
    return replace(
        period,
        start=start,
        text=text[found.start() : period.span[1]],
        span=(found.start(), period.span[1]),
    )
