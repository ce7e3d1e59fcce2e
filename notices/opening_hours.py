"""A span of days a place is open (1月22日至27日正常开放) and, told after it, the hours it opens on
those days (初一开馆时间为10:00—17:00；初二至初六开馆时间为9:00—17:00): the hours are the span's
daily windows, not periods of their own, so the span stays one range and its rows go. Left alone,
a first day with hours of its own would split the opening in two.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from notices.model import Period
from notices.restated import _days

#: What says the span is an opening, right after its days: 正常开放, 照常开馆, 开放, 營業.
_OPEN_AFTER = re.compile(r"\s*(?:期间)?\s*(?:正常|照常|均|都|将|继续)?\s*(?:开放|开馆|营业|开园)")
#: A field naming the hours a place opens, on the same line as a row of days.
_HOURS_FIELD = re.compile(r"(?:开馆|开放|营业|开园|参观|入园)时间")
#: How far along a row's line its hours field may be.
_ROW_REACH = 40


def fold_opening_hours(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Periods without the opening-hours rows that fall within a span of open days said before
    them."""
    spans = [p for p in periods if _open_span(norm, p)]
    if not spans:
        return periods
    dropped: set[int] = set()
    for span in spans:
        days = _days(span, tz)
        assert days is not None
        assert span.span is not None
        for index, item in enumerate(periods):
            if item is span or item.span is None or item.span[0] < span.span[1]:
                continue
            within = _days(item, tz)
            if within is None or not (days[0] <= within[0] <= within[1] <= days[1]):
                continue
            if _hours_row(norm, item):
                dropped.add(index)
    return [p for index, p in enumerate(periods) if index not in dropped]


def _open_span(norm: str, period: Period) -> bool:
    """A whole-day span of several days followed by the word that opens it."""
    if not period.all_day or period.daily is not None or period.span is None:
        return False
    if period.start is None or period.end is None or period.start == period.end:
        return False
    return _OPEN_AFTER.match(norm, period.span[1]) is not None


def _hours_row(norm: str, item: Period) -> bool:
    """Whether the item's line names the opening hours, in its text or just after it."""
    assert item.span is not None
    line_end = norm.find("\n", item.span[0])
    stop = min(item.span[1] + _ROW_REACH, len(norm) if line_end < 0 else line_end)
    return _HOURS_FIELD.search(norm, item.span[0], max(stop, item.span[1])) is not None


def timed_openings(norm: str, usual: list[Period], periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """The spans said to be open as usual (2月10日至15日正常开放) that hours rows after them time
    (初一开馆时间为10:00—17:00): an opening with its own hours, a period after all, not days as
    usual."""
    timed: list[Period] = []
    for span in usual:
        days = _days(span, tz)
        if days is None or span.span is None or not _open_span(norm, span):
            continue
        for item in periods:
            within = _days(item, tz)
            if item.span is None or item.span[0] < span.span[1] or within is None:
                continue
            if days[0] <= within[0] <= within[1] <= days[1] and _hours_row(norm, item):
                timed.append(span)
                break
    return timed
