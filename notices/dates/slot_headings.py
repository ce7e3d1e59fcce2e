"""Hours that head a list of their own, under a day's window told above them: ``本周日(八月五日)凌晨
零时零一分至上午八时实施下列临时交通安排`` ⏎ ``由凌晨约零时零一分至二时`` ⏎ ``* 某道中线`` ⏎ ``由凌晨约二时至
上午六时`` ⏎ ``* 某道慢线``. Each heading is a period of its own on that day, with the places under it;
read alone its hours had no day and were lost. A heading outside the window above is left alone."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from notices.dates.grammar import Grammar
from notices.model import Period

#: What a heading's hours may follow: a line's start, a colon, a full stop, an underline (the
#: segmenter may have run a heading into the line above), then 由 / 从 / 在.
_BEFORE = re.compile(
    r"(?:^|[\n:：。;；]|[-—=*_]{3,})[ \t]*(?:[(（][一二三四五六七八九十\d]{1,2}[)）])?"
    r"[ \t]*(?:由|从|自|在)?[ \t]*$"
)
#: How far under its window a heading may stand.
_REACH = 3000
#: What follows a heading's hours: the line's end, an underline, a bullet or a colon.
_AFTER = re.compile(r"[ \t]*(?:期间)?[ \t]*(?:\n|$|[-—=_]{3,}|[*•·●]|[:：])")


def slot_headings(grammar: Grammar, periods: list[Period], norm: str, tz: ZoneInfo) -> list[Period]:
    """The periods, with each hours-only heading under a timed window given that window's day."""
    if not any(isinstance(p.start, datetime) for p in periods):
        return periods
    out = list(periods)
    begins = sorted(p.span[0] for p in periods if p.span is not None)
    starts = [tok.start for tok in grammar.t]
    for window in periods:
        timed = isinstance(window.start, datetime) and isinstance(window.end, datetime)
        if not timed or window.span is None:
            continue
        # (up to the next period or a page's length on: each stretch is read once, linear in the text)
        following = bisect_left(begins, window.span[1])
        stop = min(begins[following] if following < len(begins) else len(norm), window.span[1] + _REACH)
        slots = _slots_under(grammar, starts, window, norm, tz, stop)
        if not slots:
            continue
        out.extend(slot for slot in slots if slot not in out)
        if slots[0].start == window.start and slots[-1].end == window.end:
            out.remove(window)  # the window above is the sum of the slots under it
    return out


def _slots_under(
    grammar: Grammar, starts: list[int], window: Period, norm: str, tz: ZoneInfo, stop: int
) -> list[Period]:
    assert isinstance(window.start, datetime)
    assert isinstance(window.end, datetime)
    assert window.span is not None
    found: list[Period] = []
    k = bisect_left(starts, window.span[1])
    while k < len(grammar.t) and grammar.t[k].start < stop:
        at = grammar.t[k].start
        hours = grammar.window(k) if _BEFORE.search(norm, max(0, at - 40), at) else None
        if hours is None:
            k += 1
            continue
        (oh, om), (ch, cm), last = hours
        finish = grammar.t[last - 1].end
        k = last
        if not _AFTER.match(norm, finish):
            continue  # hours in a sentence, not a heading
        day = (
            window.start.date() if (oh, om) >= (window.start.hour, window.start.minute) else window.end.date()
        )
        start = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(hours=oh, minutes=om)
        end = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(hours=ch, minutes=cm)
        if end <= start:
            end += timedelta(days=1)
        if start < window.start or end > window.end:
            return []  # a heading outside the window above: not its parts
        found.append(Period(start, end, all_day=False, text=norm[at:finish], span=(at, finish)))
    return found if len(found) >= 2 else []
