"""A day named in passing as when the work is done, inside the window the work shuts something.

``定于5月12日8:00至18:00停电 … 5月12日当天将进行线路改造`` and ``Water supply will be suspended
from 10 am to 6 pm on 12 May … The works will be carried out on 12 May`` each tell one outage: the
works day says again when it happens, and would add a whole day beside the hours. A day whose
own clause stops or closes something is a measure of its own (another village's whole day
off), and a date alone on its line is a table's row: both stay.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.labels import clause_span
from notices.model import Period

#: What a sentence about doing the work says.
_WORKS = re.compile(
    r"施工|作业|检修|维修|维护|养护|改造|抢修|更换|迁改|调试|安装|铺设|割接|接驳|碰口|摊铺|吊装"
    r"|(?i:\bworks?\b|carried\s+out|undertaken|maintenance|repairs?\b|upgrad)"
)
#: What a sentence that is a measure of its own says: a stop, a closure.
_MEASURE = re.compile(
    r"停电|停水|停气|停止供|暂停|停运|封闭|封路|断交|管制|限行|禁行|绕行|中断|关闭|恢复"
    r"|(?i:clos(?:e|ed|ure)|suspen|interrupt|no\s+(?:water|power|supply)|\bcut\b|outage|disrupt|resum|restor)"
)
#: (clause_span reads the text before a date reversed: a full stop is one with a space on either side)
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]|\.(?=\s)|(?<=\s)\.")


def drop_works_days(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Whole days named as when work is done, inside another period of the notice; and a work
    begun from a day with no end (从即日起对顶棚进行紧急维护) that a closure starting then or the day
    after is the public's side of (将于7月21日17时起关闭阅览室)."""
    out: list[Period] = []
    for p in periods:
        if _works_day(norm, p) and any(q is not p and _covers(q, p, tz) for q in periods):
            continue
        if _works_begun(norm, p) and any(q is not p and _starts_with(q, p, tz) for q in periods):
            continue
        out.append(p)
    return out


def _works_begun(norm: str, period: Period) -> bool:
    if period.end is not None or period.start is None or period.span is None:
        return False
    low, high = clause_span(norm, period.span[0], period.span[1], _CLAUSE_END)
    return _WORKS.search(norm, low, high) is not None and _MEASURE.search(norm, low, high) is None


def _starts_with(closure: Period, works: Period, tz: ZoneInfo) -> bool:
    """Whether ``closure`` starts on the day the works do or the day after."""
    if closure.start is None or works.start is None:
        return False
    gap = (_local(closure.start, tz) - _local(works.start, tz)).days
    return 0 <= gap <= 1 and closure.end is not None


def _works_day(norm: str, period: Period) -> bool:
    if not period.all_day or period.start is None or period.start != period.end or period.span is None:
        return False
    begin, end = period.span
    line_begin = norm.rfind("\n", 0, begin) + 1
    line_end = norm.find("\n", end)
    if not norm[line_begin:begin].strip() and not norm[end : len(norm) if line_end < 0 else line_end].strip():
        return False  # a date alone on its line: a table's row
    low, high = clause_span(norm, begin, end, _CLAUSE_END)
    said = low
    if _MOVED_TO.search(norm, low, begin) and low > 0:
        # 原定于10月18日进行的路面施工，因天气原因改至10月25日: the work moved is said in the clause before
        said = clause_span(norm, low - 1, low - 1, _CLAUSE_END)[0]
    # the work and no stop in the day's own clause (…，并关闭电器 after it is advice, not a measure)
    return _WORKS.search(norm, said, high) is not None and _MEASURE.search(norm, low, high) is None


#: A move of the work to the day (改至, 推迟至, 顺延到, 调整为), right before it: what is moved was said
#: in the clause before.
_MOVED_TO = re.compile(r"(?:改|推迟|延期|顺延|调整|延后|改期)(?:至|到|为|在|于)?\s*$")


def _covers(outer: Period, day: Period, tz: ZoneInfo) -> bool:
    """Whether ``outer`` (not itself a single whole day) runs on ``day``'s day."""
    if outer.start is None or (outer.all_day and outer.start == outer.end):
        return False
    assert day.start is not None
    when = _local(day.start, tz)
    first = _local(outer.start, tz)
    if outer.end is None:
        return first <= when
    end = outer.end
    if isinstance(end, datetime) and not outer.all_day and end != outer.start:
        end = end - timedelta(microseconds=1)  # an exclusive end instant (24:00)
    return first <= when <= _local(end, tz)


def _local(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value
