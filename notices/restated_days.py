"""A day or span said once as dates and once with its hours, one of the two by weekday or by a
relative word: the timed statement is the period.

``计划于本月27日(周四)将…併接。併網工程將於周四晚上11時至翌日凌晨4時進行`` tells one night's work,
not a whole day and a night; a headline's ``今晚起至星期五關閉`` is the body's
``今晚10時至星期五下午5時``; a headline's ``下周一起封闭`` is the
body's ``3月11日8时起``. A whole day beside hours written out as dates (an event's day and the
closure's hours on it) is left alone: both are the notice's own words for two things. A span of
several days with no window of its own, run exactly by one timed period, is those days said before
their hours (``between Oct 31 and Nov 1 … from 10 pm on Oct 31 to 6 am on Nov 1``); said after
them, under a heading of its own, it is a measure of its own.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.first_chars import gated
from notices.model import Period
from notices.normalize import normalize
from notices.restated import _same_subject

#: A period said by a weekday or a relative word at its start, with no date of digits in it.
_SAID_BY_WORD = re.compile(
    gated(
        r"(?:今|明|后天|本周|下周|这周|周[一二三四五六日天]|星期|礼拜"
        r"|(?i:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow))"
    )
)
_WRITTEN_DATE = re.compile(
    gated(
        r"\d\s*[月日号/.\-]|[〇一二三四五六七八九十]\s*月"
        r"|(?i:\d\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d)"
    )
)
#: A bracket after a weekday (Saturday (June 10)): the day's gloss, not its date written out.
_BRACKET = re.compile(r"[(（][^)）]*[)）]")


def drop_days_restated_by_hours(periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Whole days whose days a timed period of the notice covers exactly, when one of the two
    names its days by word: the hours say that plan."""
    timed = [q for q in periods if not q.all_day and q.start is not None and q.end is not None]
    opened = [q for q in periods if not q.all_day and q.start is not None and q.end is None]
    if not timed and not opened:
        return periods
    out: list[Period] = []
    for p in periods:
        if p.all_day and p.start is not None and p.end is not None and _restated(p, timed, tz):
            continue
        if p.all_day and p.start is not None and p.end is None and _opened_at(p, opened, tz):
            continue
        out.append(p)
    return out


def _opened_at(day: Period, opened: list[Period], tz: ZoneInfo) -> bool:
    """A start with no end said by word (a headline's 下周一起封闭) whose day a timed start of the
    notice opens (将于3月11日8时起封闭): the hour says that start."""
    assert day.start is not None
    first = _as_date(day.start, tz)
    for q in opened:
        assert q.start is not None
        if _as_date(q.start, tz) != first:
            continue
        if day.label and q.label and not _same_subject(day, q):
            continue
        if _by_word(day) or _by_word(q):
            return True
    return False


def _restated(day: Period, timed: list[Period], tz: ZoneInfo) -> bool:
    assert day.start is not None
    assert day.end is not None
    first, last = _as_date(day.start, tz), _as_date(day.end, tz)
    for q in timed:
        assert q.start is not None
        assert q.end is not None
        if _as_date(q.start, tz) != first:
            continue
        q_last = _as_date(q.end, tz)
        if last not in (first, q_last) or (last != first and q_last != last):
            continue
        if first == last and day.label and q.label and not _same_subject(day, q):
            continue  # 国庆预演星期六(7月27日)举行 … 星期六凌晨2时至星期天凌晨2时关闭: two things
        if _by_word(day) or _by_word(q) or (last != first and day.daily is None and _said_before(day, q)):
            # between Oct 31 and Nov 1 … from 10 pm on Oct 31 to 6 am on Nov 1: the days, then their hours
            return True
    return False


def _by_word(period: Period) -> bool:
    text = normalize(period.text).strip()
    return _SAID_BY_WORD.match(text) is not None and _WRITTEN_DATE.search(_BRACKET.sub("", text)) is None


def _said_before(day: Period, timed: Period) -> bool:
    """Whether the days are said before the hours: a span told after a timed row, under a heading of
    its own (5月1日10時至5日20時 封閉交通 … 臨時巴士站 5月1日至5日), is another measure."""
    return day.span is None or timed.span is None or day.span[0] < timed.span[0]
