"""A length in days said after a start: 3月1日起举行，为期三天 / 于3月1日开幕，共持续3天 is 3月1日 to
3月3日 (a length in hours, 为期36小时, is ``hour_spans``).

The length belongs to the last period before it in its sentence, when that period has no end of
its own (an open start) or is one whole day alone in its sentence; a length with another date
between it and the start is that date's. The days counted include the first (为期三天 from March 1
ends on March 3); working days (为期5个工作日) follow the mainland calendar. A length may also
follow what runs from the start (自12月3日起依法公开展览30天), counting the first day the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from notices.calendars import add_workdays, months_last_day
from notices.dates.resolve import _clock_window, _replace
from notices.dates.windows import WindowReader
from notices.model import Period
from notices.numerals import to_int

_LASTING = re.compile(
    r"(?:为期|一连|连续|持续|历时|(?<=起)[\u4e00-\u9fff]{1,8}?)\s*([0-9]{1,3}|[一二两三四五六七八九十百]{1,4})\s*"
    r"(?:个)?\s*(工作日|天|日|晚上|晚|夜|周|星期|礼拜|月)(?![内内])"
)
#: The words that say a length outright (共持续5天, 历时三天); any other lead is a verb after 起.
_SAID_LENGTH = ("为期", "一连", "连续", "持续", "历时")
_LEADS = re.compile("|".join((*_SAID_LENGTH, "起")))
#: What a verb between 起 and a length cannot hold (起至5日, 起每天, 起第3天, 起三天内).
_NOT_A_VERB = re.compile(r"[至到止第每约内前后起共计满]")
#: Where a sentence ends: a length after it is no longer the start's.
_SENTENCE_END = re.compile(r"[。！？!?\n；;]")
#: How far after its start a length may stand.
_REACH = 60


def with_lengths(grammar: WindowReader, periods: list[Period], text: str, norm: str) -> list[Period]:
    """``periods`` with each start that a length follows given its end (``norm`` is ``text``
    normalised: the same offsets)."""
    if not _LEADS.search(norm):
        return periods
    starts = [p.span[0] if p.span is not None else -1 for p in periods]
    token_starts: list[int] = []  # filled on the first window looked for
    out = list(periods)
    for m in _LASTING.finditer(norm):
        if m.group(0)[:2] not in _SAID_LENGTH and _NOT_A_VERB.search(norm, m.start(), m.start(1)):
            continue
        at = bisect_left(starts, m.start()) - 1  # the last period starting before the length
        if at < 0:
            continue
        period = out[at]
        if period.span is None or period.span[1] > m.start() or m.start() - period.span[1] > _REACH:
            continue
        if _SENTENCE_END.search(norm, period.span[1], m.start()) is not None:
            continue
        count = to_int(m.group(1))
        if not count:
            continue
        if period.end is not None and _shares_sentence(out, at, norm):
            continue  # 3月1日起封闭，4月1日恢复，为期一个月: the length is the closure's, not that day's
        ended = _ended(period, count, m.group(2))
        if ended is not None:
            finish = m.end()
            if ended.all_day and ended.daily is None:
                if not token_starts:
                    token_starts = [tok.start for tok in grammar.t]
                window = _window_after(grammar, token_starts, finish)
                if window is not None:
                    daily, finish = window
                    ended = _replace(ended, daily=daily)
            out[at] = _replace(ended, text=text[period.span[0] : finish], span=(period.span[0], finish))
    return out


def _window_after(
    grammar: WindowReader, token_starts: list[int], at: int
) -> tuple[tuple[time, time], int] | None:
    """The daily window said right after a length (一连三个晚上，每晚11时至翌日清晨5时) and where
    it ends in the text (``token_starts``: where each of the grammar's tokens starts)."""
    k = bisect_left(token_starts, at)
    found = grammar.window(k)
    if found is None:
        return None
    opening, closing, last = found
    daily = _clock_window((opening, closing))
    return (daily, grammar.t[last - 1].end) if daily is not None else None


def _shares_sentence(periods: list[Period], at: int, norm: str) -> bool:
    """Whether the period before ``at`` stands in the same sentence as it."""
    if at == 0:
        return False
    before, this = periods[at - 1].span, periods[at].span
    if before is None or this is None:
        return False
    return _SENTENCE_END.search(norm, before[1], this[0]) is None


def _ended(period: Period, count: int, unit: str) -> Period | None:
    """The period given the end its length says, or None when the length does not fit it."""
    start = period.start
    if start is None:
        return None
    one_day = period.all_day and period.end == start and period.daily is None
    if period.end is not None and not one_day:
        return None  # it has an end of its own
    if isinstance(start, datetime) or not isinstance(start, date):
        return None  # a timed start lasting days: the hours of each day are not said
    if unit == "工作日":
        return _replace(period, end=add_workdays(start - timedelta(days=1), count), all_day=True)
    if unit == "月":
        last = months_last_day(start, count)
        if last is None:
            return None
    else:
        days = count * (7 if unit in ("周", "星期", "礼拜") else 1)
        last = start + timedelta(days=days - 1)
    return _replace(period, end=last, all_day=True)
