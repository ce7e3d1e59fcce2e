"""A span that only sums up the itemised periods listed after it ("12月25日至28日停电… 1、25日…
2、26-27日…3、28日…"): the items are what to remind of, and a whole day listed under a summary that
gave the hours keeps them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.model import Period
from notices.restated import _days

#: How many periods after a span are looked at for the items it sums up.
_SUMMARY_REACH = 40


def _drop_summaries(periods: list[Period], tz: ZoneInfo, norm: str = "") -> list[Period]:
    """A span that only encloses the itemised periods listed after it ("12月25日至28日停电…
    1、25日…2、26-27日…3、28日…") is their summary: the items are what to remind of. Not the days
    of an event held (中考将于6月22日至24日举行) over the measures around it: two things."""
    spans = [_days(p, tz) for p in periods]
    out: list[Period] = []
    shared: tuple[Period, tuple[date, date]] | None = None  # a dropped summary whose hours its days keep
    for index, period in enumerate(periods):
        span = spans[index]
        if shared is not None and span is not None and shared[1][0] <= span[0] <= span[1] <= shared[1][1]:
            period = _with_window(period, shared[0], tz)
        if span is not None and span[0] < span[1]:
            later = periods[index + 1 : index + 1 + _SUMMARY_REACH]
            inside = [
                (s, item)
                for s, item in zip(spans[index + 1 : index + 1 + _SUMMARY_REACH], later, strict=True)
                # an item on the summary's very days counts when it gives their hours (10pm on
                # Sunday to 5am next Friday, under "from Sunday to next Friday")
                if s is not None
                and span[0] <= s[0]
                and s[1] <= span[1]
                and (s != span or not item.all_day)
                and _within_hours(period, item)
            ]
            if (
                len(inside) >= 2
                and not _held(norm, period)
                and not _next_item_between(norm, period, inside[0][1])
                and _items_follow(period, periods[index + 1 : index + 1 + _SUMMARY_REACH])
                and min(s[0] for s, _ in inside) == span[0]
                and max(s[1] for s, _ in inside) == span[1]
                and _same_hours(period, [item for _, item in inside], tz)
            ):
                shared = (period, span) if period.daily is not None else None
                continue
        out.append(period)
    return out


#: A numbered item opening its line: 2. / 3、 / 4．
_ITEM_NUMBER = re.compile(r"[ \t]*(\d{1,2})[.、．](?!\d)")
_NEXT_LINE_ITEM = re.compile(r"\n" + _ITEM_NUMBER.pattern)


def _next_item_between(norm: str, span: Period, first: Period) -> bool:
    """Whether the span opens a numbered item and the next number of that list opens a line before
    the days inside it (2. 四等考试：12日至13日 ⏎ 3. 五等考试：⏎ 第一梯次：12日…): those days are
    another item's, and the span no summary of them."""
    if not norm or span.span is None or first.span is None:
        return False
    start = norm.rfind("\n", 0, span.span[0]) + 1
    opened = _ITEM_NUMBER.match(norm, start)
    if opened is None:
        return False
    following = int(opened.group(1)) + 1
    items = _NEXT_LINE_ITEM.finditer(norm, span.span[1], first.span[0])
    return any(int(item.group(1)) == following for item in items)


#: An event held on the days just said, in the same clause: 将于6月22日至24日在三个考点举行.
_HELD_AFTER = re.compile(r"[^，。；;,\n]{0,24}?(?:举行|举办|开赛|开考)")


def _held(norm: str, period: Period) -> bool:
    return period.span is not None and _HELD_AFTER.match(norm, period.span[1]) is not None


def _same_hours(summary: Period, items: list[Period], tz: ZoneInfo) -> bool:
    """Whether timed items begin and end when a timed summary does: from 0.01am on June 30 to 1pm
    on July 1 is a closure of its own, not the sum of 7am to 8am on June 30 and 5.30am to 1pm on
    July 1 listed after it for other roads."""
    first, last = summary.bounds(tz)
    if summary.all_day or first is None or last is None:
        return True
    bounds = [item.bounds(tz) for item in items]
    starts = [b[0] for b in bounds if b[0] is not None]
    ends = [b[1] for b in bounds if b[1] is not None]
    return bool(starts) and bool(ends) and min(starts) == first and max(ends) == last


def _within_hours(summary: Period, item: Period) -> bool:
    """Whether a timed item lies within a timed summary's hours: 4月30日9時至5月5日20時 does not
    sum up 4月30日9時至5月5日23時59分, a row of its own on the same days."""
    if summary.all_day or item.all_day:
        return True
    if summary.start is None or summary.end is None or item.start is None or item.end is None:
        return True
    return summary.start <= item.start and item.end <= summary.end  # type: ignore[operator]


def _with_window(day: Period, summary: Period, tz: ZoneInfo) -> Period:
    """A whole day listed under a summary that gave the hours (3月1日至7日…停水时间为晚上20点到早上9点 ⏎
    3月1日、3月5日 塔岭村): that day's one window, overnight when it closes earlier than it opens; a
    span of days listed so keeps the hours as its daily window."""
    if summary.daily is None or not day.all_day or day.daily is not None:
        return day
    if day.start is not None and day.end is not None and day.start != day.end:
        return replace(day, daily=summary.daily)
    if not isinstance(day.start, date) or isinstance(day.start, datetime):
        return day
    opens, closes = summary.daily
    start = datetime.combine(day.start, opens, tz)
    end = datetime.combine(day.start + timedelta(days=1 if closes <= opens else 0), closes, tz)
    return replace(day, start=start, end=end, all_day=False)


#: How far after a summary its first item starts, in characters: a list right under it.
_ITEMS_NEAR = 400


def _items_follow(summary: Period, after: list[Period]) -> bool:
    """Whether the next period starts right after the span, as the items a summary sums up do;
    one told far on, under another heading, is a measure of its own."""
    if summary.span is None or not after or after[0].span is None:
        return True
    return after[0].span[0] - summary.span[1] <= _ITEMS_NEAR
