"""Resolution: an unresolved ``Draft`` → a ``Period`` of calendar dates or zoned times.

The fields a point leaves out come from the date before it in a range or list, else from
the publication date (``base``), never the clock. The note written right after a period
(a bracket, a 每日 / 节假日除外 qualifier) is added here too.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.calendars import add_workdays
from notices.dates.points import Draft, Point
from notices.dates.tokens import KW, PAREN, Token
from notices.model import Period

_QUALIFIER = re.compile(
    r"\s*,?\s*((?:每[日天]|每周[一二三四五六日天至到~-]{1,5}|工作日|(?:法定)?节假日|双休日|周末)"
    r"[^,。;；\n()]{0,12})"
)
_NOTE_PAREN_MAX = 30
#: "9:30（北京时间）": the zone the notice is written in anyway, no note.
_ZONE_NAMES = frozenset({"北京时间", "香港时间", "台北时间", "当地时间"})
_SINCE_LEAD = re.compile(r"(?:自|从)[^,。;；:\s]{0,12}$")


@functools.lru_cache(maxsize=4096)
def _make(year: int, month: int, day: int | None, part: str) -> tuple[date, date] | None:
    """First and last day a point covers, or None if it is not a calendar date (cached: a page
    of dated lines asks for the same few hundred days thousands of times)."""
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        return None
    last = calendar.monthrange(year, month)[1]
    if part == "day":
        if day is None or not 1 <= day <= last:
            return None
        d = date(year, month, day)
        return d, d
    first, final = {
        "month": (1, last),
        "xun1": (1, 10),
        "xun2": (11, 20),
        "xun3": (21, last),
        "monthend": (last, last),
        "monthstart": (1, 10),
    }[part]
    return date(year, month, first), date(year, month, final)


@functools.lru_cache(maxsize=4096)
def _nearest(month: int, day: int | None, part: str, base: date) -> tuple[date, date] | None:
    """The extent of a yearless date in the year that puts it nearest ``base`` (cached, as ``_make``)."""
    best: tuple[date, date] | None = None
    best_distance = 10**6
    for year in (base.year - 1, base.year, base.year + 1):
        extent = _make(year, month, day, part)
        if extent is None:
            continue
        first, last = extent
        distance = 0 if first <= base <= last else min(abs((first - base).days), abs((last - base).days))
        if distance < best_distance:
            best, best_distance = extent, distance
    return best


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


#: How far before the reference date a yearless day still reads as lately begun.
_LATELY = timedelta(days=31)


def _extent(
    pt: Point, base: date, anchor: date | None, hint: date | None = None, *, listed: bool = False
) -> tuple[date, date] | None:
    """Calendar extent of ``pt``; fields it leaves out come from ``anchor`` or ``base``.

    ``hint`` is where the last period the text wrote with its year begins: a later yearless
    date the nearest year would put before it ("2022年2月15日至28日……8月15日至31日",
    published 1 January) continues that year instead; one still ahead of the reference date
    keeps its nearest year (元旦(2008年1月1日)…冬至(12月22日), published 18 December). A year written
    on the reference date itself or before it (发布时间：2021-02-27) sets no course: the nearest
    year holds (于11月24日发布 is the autumn before)."""
    if pt.fixed is not None:
        return pt.fixed, pt.fixed_end or pt.fixed
    if anchor is not None:
        year = pt.year if pt.year is not None else anchor.year
        month = pt.month if pt.month is not None else anchor.month
        extent = _make(year, month, pt.day, pt.part)
        if extent is not None and extent[1] >= anchor:
            return extent
        if pt.year is not None:
            return extent
        if pt.month is None:
            year, month = _shift_month(year, month, 1)
            return _make(year, month, pt.day, pt.part)
        rolled = _make(year + 1, month, pt.day, pt.part)
        if not listed or extent is None or rolled is None:
            return rolled  # a range's end never comes before its start
        # a date listed after another: "12月28日、1月3日" rolls into the next year;
        # "…至4月10日，10月20日起" is the same autumn, days before the date just read:
        # whichever lies nearer wins
        return rolled if (rolled[0] - anchor) <= (anchor - extent[1]) else extent
    if pt.month is None:
        if pt.year is not None or pt.day is None:
            return None
        # a day with neither month nor year (13日21:00): the month that puts it nearest; nearest
        # the date the text just told of, when that lies ahead (12月25日至26日停电：⏎ 1. 25日8时…)
        near = hint if hint is not None and hint > base else base
        months = (_shift_month(near.year, near.month, by) for by in (-1, 0, 1))
        days = [d for y, m in months if (d := _make(y, m, pt.day, "day")) is not None]
        return min(days, key=lambda d: abs((d[0] - near).days), default=None)
    if pt.year is not None:
        return _make(pt.year, pt.month, pt.day, pt.part)
    best = _nearest(pt.month, pt.day, pt.part, base)
    # (one a few weeks before the reference date is what began lately, not next year's: 美食季于
    # 12月20日启动，为期17天, published 26 December, with 2025年2月12日 told before it)
    if hint is not None and hint > base and best is not None and best[1] < hint and best[1] < base - _LATELY:
        hinted = _make(hint.year, pt.month, pt.day, pt.part)
        if hinted is not None and hinted[0] >= hint:
            return hinted
    return best


def _clock_window(hours: tuple[tuple[int, int], tuple[int, int]] | None) -> tuple[time, time] | None:
    """A daily window's clock times; 24:00 closes at midnight."""
    if hours is None:
        return None
    (h1, m1), (h2, m2) = hours
    return time(h1 % 24, m1), time(h2 % 24, m2)


def _at(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    if hour == 24:
        return datetime.combine(day + timedelta(days=1), time(0, minute), tzinfo=tz)
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _resolve(
    draft: Draft,
    text: str,
    norm: str,
    tokens: list[Token],
    base: date,
    tz: ZoneInfo,
    anchor: date | None,
    hint: date | None = None,
) -> Period | None:
    begin, finish = tokens[draft.first].start, tokens[draft.last - 1].end
    if tokens[draft.first].kind is KW and tokens[draft.first].value == "之日起":
        lead = _SINCE_LEAD.search(norm, max(0, begin - 16), begin)
        if lead is not None:
            begin = lead.start()
    source = text[begin:finish]
    notes: list[str] = []
    start_pt, end_pt = draft.start, draft.end
    try:
        if draft.duration_days is not None and start_pt is not None:
            start_ext = _extent(start_pt, base, anchor, hint, listed=True)
            if start_ext is None:
                return None
            first = start_ext[0]
            if draft.workdays:
                last = add_workdays(first, draft.duration_days)
            else:
                last = first + timedelta(days=draft.duration_days)
            return _finish(
                Period(first, last, label=draft.label, text=source, span=(begin, finish)),
                draft,
                text,
                norm,
                tokens,
            )

        if start_pt is not None and start_pt.time_only:
            if anchor is None:
                return None
            moment = end_pt is start_pt
            start_pt = Point(fixed=anchor, hour=start_pt.hour, minute=start_pt.minute)
            if moment:
                end_pt = start_pt
        elif start_pt is None and end_pt is not None and end_pt.time_only:
            if anchor is None:
                return None
            end_pt = Point(fixed=anchor, hour=end_pt.hour, minute=end_pt.minute)  # 当天8:15前

        start_ext: tuple[date, date] | None = None  # type: ignore[no-redef]
        end_ext: tuple[date, date] | None = None
        if start_pt is not None and end_pt is not None and end_pt is not start_pt:
            if start_pt.year is None and start_pt.fixed is None and end_pt.year is not None:
                end_ext = _make(end_pt.year, end_pt.month or start_pt.month or 0, end_pt.day, end_pt.part)
                if end_ext is None or start_pt.month is None:
                    return None
                start_ext = _make(end_pt.year, start_pt.month, start_pt.day, start_pt.part)
                if start_ext is not None and start_ext[0] > end_ext[1]:
                    start_ext = _make(end_pt.year - 1, start_pt.month, start_pt.day, start_pt.part)
            else:
                start_ext = _extent(start_pt, base, anchor, hint, listed=True)
                if start_ext is None:
                    return None
                if end_pt.time_only:
                    shift = timedelta(days=1 if end_pt.next_day else 0)
                    end_ext = (start_ext[0] + shift, start_ext[0] + shift)
                else:
                    end_ext = _extent(end_pt, base, start_ext[0])
            if start_ext is None or end_ext is None:
                return None
        elif start_pt is not None:
            start_ext = _extent(start_pt, base, anchor, hint, listed=True)
            end_ext = start_ext if end_pt is start_pt else None
            if start_ext is None:
                return None
        elif end_pt is not None:
            end_ext = _extent(end_pt, base, anchor, hint, listed=True)
            if end_ext is None:
                return None
        else:
            return None

        # a date with a clock time alone is a moment (开标时间 5月20日9:30): start = end
        timed = (start_pt is not None and start_pt.hour is not None) or (
            end_pt is not None and end_pt.hour is not None
        )
        daily = _clock_window(draft.hours)
        if draft.daily is not None and daily is None:
            notes.append(text[draft.daily[0] : draft.daily[1]].strip())
        notes.extend(text[a:b].strip() for a, b in draft.notes)

        if not timed:
            first_day = start_ext[0] if start_ext is not None else None
            last_day = end_ext[1] if end_ext is not None else None
            if first_day is not None and last_day is not None and last_day < first_day:
                return None
            period = Period(
                first_day,
                last_day,
                label=draft.label,
                note="；".join(notes) or None,
                text=source,
                span=(begin, finish),
                daily=daily,
            )
            return _finish(period, draft, text, norm, tokens)

        start_dt: datetime | None = None
        end_dt: datetime | None = None
        if start_pt is not None and start_ext is not None:
            start_dt = _at(start_ext[0], start_pt.hour or 0, start_pt.minute, tz)
        if end_pt is not None and end_ext is not None:
            if end_pt.hour is None:
                end_dt = _at(end_ext[1] + timedelta(days=1), 0, 0, tz)
            else:
                end_dt = _at(end_ext[1], end_pt.hour, end_pt.minute, tz)
                if end_pt.time_only and start_dt is not None and end_dt <= start_dt:
                    if end_pt.hour < 12 and start_dt.hour >= 12:
                        later = _at(end_ext[1], end_pt.hour + 12, end_pt.minute, tz)
                        end_dt = later if later > start_dt else end_dt + timedelta(days=1)
                    elif end_pt.hour == 12 and end_pt.minute == 0 and start_dt.hour >= 12:
                        end_dt += timedelta(hours=12)  # 晚上10时至12时: the evening runs to midnight
                    else:
                        end_dt += timedelta(days=1)
        moment = end_pt is start_pt
        if (
            start_dt is not None
            and end_dt is not None
            and (end_dt < start_dt or (end_dt == start_dt and not moment))
        ):
            return None
        period = Period(
            start_dt,
            end_dt,
            all_day=False,
            label=draft.label,
            note="；".join(notes) or None,
            text=source,
            span=(begin, finish),
            # 5月6日上午10時至6月11日: the end is a whole day, written as one
            end_is_day=end_pt is not None and end_pt.hour is None and end_dt is not None,
        )
        return _finish(period, draft, text, norm, tokens)
    except ValueError:
        return None


def _finish(period: Period, draft: Draft, text: str, norm: str, tokens: list[Token]) -> Period:
    """Add the note written right after the period (brackets, 每日/节假日除外 qualifiers)."""
    notes = [period.note] if period.note else []
    j = draft.last
    after = tokens[j] if j < len(tokens) else None
    end = tokens[draft.last - 1].end
    if after is not None and after.kind is PAREN and len(str(after.value)) <= _NOTE_PAREN_MAX:
        content = str(after.value)
        if content and not content.isdigit() and content not in _ZONE_NAMES:
            notes.append(text[after.start + 1 : after.end - 1].strip())
        end = after.end
    match = _QUALIFIER.match(norm, end)
    if match is not None:
        notes.append(text[match.start(1) : match.end(1)].strip())
    if not notes:
        return period
    return _replace(period, note="；".join(dict.fromkeys(n for n in notes if n)) or None)


def _replace(period: Period, **changes: object) -> Period:
    values: dict[str, object] = {
        "start": period.start,
        "end": period.end,
        "all_day": period.all_day,
        "label": period.label,
        "note": period.note,
        "text": period.text,
        "span": period.span,
        "daily": period.daily,
        "end_is_day": period.end_is_day,
    }
    values.update(changes)
    return Period(**values)  # type: ignore[arg-type]


def _whole_days(period: Period) -> Period:
    """``自5月11日零时起至5月26日24时止`` is the days 11 to 26: a span written from 0时
    to 24时 reads as whole days (an implied midnight, as in 即日起, stays a moment)."""
    start, end = period.start, period.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return period
    if start.time() != time(0) or end.time() != time(0) or end <= start:
        return period
    first, last = start.date(), (end - timedelta(days=1)).date()
    return _replace(period, start=first, end=last, all_day=True)


#: 24时前 / 24:00以前: "before midnight" closing a day.
_BEFORE_MIDNIGHT = re.compile(r"(?:24|二十四)\s*(?:[:：]\s*00|[时点])\s*整?\s*(?:之前|以前|前)")


def _day_deadline(period: Period, norm: str) -> Period:
    """``8月6日24:00前完成缴费`` is a deadline on the whole of 8月6日: what must be done before a
    day's midnight can be done on that day, as 0时至24时 over days is those whole days. An end
    *at* midnight (延长至3月18日24:00, 午夜12时前恢复供电) keeps its instant."""
    end = period.end
    if period.start is not None or not isinstance(end, datetime) or end.time() != time(0):
        return period
    if period.span is None or not _BEFORE_MIDNIGHT.search(norm, period.span[0], period.span[1] + 8):
        return period
    return _replace(period, end=(end - timedelta(days=1)).date(), all_day=True, end_is_day=False)


def _first_date(period: Period) -> date | None:
    value = period.start if period.start is not None else period.end
    if isinstance(value, datetime):
        return value.date()
    return value
