"""The periods of one notice weighed together: a reopening that closes a closure, an opening and a
closing that make one window, an extension that replaces an end, a bare duration its dates restate (a
summary over its items is ``summaries``, a day or span said twice ``restated``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.model import Period
from notices.normalize import normalize
from notices.opening_closing import applications_from, before_deadline, opened_before, window_to
from notices.period_shapes import _STARTS_AFTER
from notices.restated import in_headline

#: Words before a date that moves an end later: 延长至, 延至, 推迟至, 顺延至, extended to.
_EXTENDS = re.compile(r"(?:延长|延期|延至|推迟|顺延|展延|extended)[^，。；;,\n]{0,6}$")


_EXTENDED = re.compile(r"延长|延期|推迟|顺延|展延")


_DUE = re.compile(r"应于|原定|原计划|原本")


#: What an original end is called: 停止供暖时间, 应于…停暖, 结束.
_ENDS = re.compile(r"停止|停暖|停热|结束|截止|截至|应于|原")


#: The same said right after the date: 本采暖期将于4月6日24时结束.
_ENDS_AFTER = re.compile(r"\s*(?:结束|停止|停暖|停热|停供)")


def _drop_extended(norm: str, periods: list[Period]) -> list[Period]:
    """When a notice extends something (供暖时间延长至3月22日), the end it had before (停止供暖时间为
    3月15日零时, 应于3月15日停暖) is replaced, not a period of its own."""
    extended = [
        p.end
        for p in periods
        if p.start is None
        and p.end is not None
        and p.span is not None
        and _EXTENDS.search(norm, max(0, p.span[0] - 12), p.span[0])
    ]
    if not extended:
        if not _EXTENDED.search(norm):
            return periods
        # extended without a new date (适时延长): what it "was due to" end on is no longer the end
        return [p for p in periods if not (p.span and _DUE.search(norm, max(0, p.span[0] - 8), p.span[0]))]
    latest = max(
        extended, key=lambda e: e if isinstance(e, date) and not isinstance(e, datetime) else e.date()
    )  # type: ignore[union-attr]
    out: list[Period] = []
    for p in periods:
        if (
            p.end is not latest
            and p.span is not None
            and (p.start is None or p.start == p.end or p.end is None)
        ):
            clause_start = max(0, p.span[0] - 16)
            said = norm[clause_start : p.span[0]] + (p.label or "")
            ended = _ENDS.search(said) or _ENDS_AFTER.match(norm, p.span[1])  # (将于4月6日24时结束)
            if ended and not _EXTENDS.search(norm, clause_start, p.span[0]):
                continue
        out.append(p)
    return out


#: A label that names when something opens or closes: 报名开始时间 / 报名截止时间.
_OPENS = re.compile(r"(.{0,8}?)(?:开始|起始)(?:时间|日期)?")


_CLOSES = re.compile(r"(.{0,8}?)(?:截止|结束|截至)(?:时间|日期)?")


#: An opening's label and the label of the day that closes it, said as two single days
#: (开闸时间：12月30日 ⏎ 关闸时间：1月30日; 开幕日期 … 闭幕日期; 起始时间 … 终止时间).
_OPENS_DAY = re.compile(r"(.{0,8}?)(开始|起始|开闸|开幕)(?:时间|日期)")
_CLOSES_DAY = re.compile(r"(.{0,8}?)(结束|终止|关闸|闭幕)(?:时间|日期)")
_CLOSING_OF = {"开始": "结束终止", "起始": "结束终止", "开闸": "关闸", "开幕": "闭幕"}


def _closes_day(first: Period, period: Period) -> bool:
    """Whether ``period``, a single day or moment, is the closing that ``first`` opens."""
    if period.start is None or period.start != period.end or first.start is None or first.start != first.end:
        return False
    opens = _OPENS_DAY.fullmatch(first.label or "")
    closes = _CLOSES_DAY.fullmatch(period.label or "")
    return (
        opens is not None
        and closes is not None
        and opens.group(1) == closes.group(1)
        and closes.group(2) in _CLOSING_OF[opens.group(2)]
        and first.all_day == period.all_day
        and first.start < period.start  # type: ignore[operator]
    )


#: A day something is held from, and the day it closes on, said right after each: 15日开幕，24日结束.
#: (a heating season too: 提前一周(10月25日)开栓供热，延后一周(4月8日)停供)
_HELD_FROM = re.compile(
    r"\s*[)）]?\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:正式)?"
    r"(?:开幕|开展|开园|开馆|开市|开赛|启幕|举行|举办|开始|开栓|供热|供暖|点火)"
)
_HELD_UNTIL = re.compile(
    r"\s*[)）]?\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:结束|闭幕|落幕|闭馆|闭园|收官|停供|停暖|停热|停止供热|停止供暖)"
)
_CLAUSE_BREAK = re.compile(r"[。；;！？!?\n]")
#: A numbered section opening its line (二、, （三）, 4.): what it tells is another matter.
_NEW_SECTION = re.compile(
    r"\n[^\S\n]*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)


def _held_through(norm: str, first: Period, period: Period) -> bool:
    """``将于15日开幕，24日结束`` / ``5月15日开幕、5月24日闭幕``: one event from the first day to the
    second, said as its opening and its close in one sentence."""
    opened = first.start == first.end or first.end is None  # (开栓供热 reads as a start, open on)
    if first.span is None or period.span is None or not opened or period.start != period.end:
        return False
    if first.all_day != period.all_day or first.start is None or period.start is None:
        return False
    if not first.start < period.start:  # type: ignore[operator]
        return False
    between = norm[first.span[1] : period.span[0]]
    return (
        len(between) <= 40
        and _CLAUSE_BREAK.search(between) is None
        and _HELD_FROM.match(norm, first.span[1]) is not None
        and _HELD_UNTIL.match(norm, period.span[1]) is not None
    )


def _paired(norm: str, periods: list[Period]) -> list[Period]:
    """ "报名开始时间：2月5日9:00 … 报名截止时间：2月11日17:00" is one window, 5 to 11 February;
    so is "招标将于12月23日开始，截标日期为2月3日", "开闸时间：12月30日 ⏎ 关闸时间：1月30日" and
    "Opening on 13 May at 10.30 am … Closing on 27 May at 10.30 am" (notices.opening_closing)."""
    out: list[Period] = []
    for period in periods:
        if out and (_closes_day(out[-1], period) or _held_through(norm, out[-1], period)):
            out[-1] = replace(out[-1], end=period.end)
            continue
        if out and period.start is None and period.end is not None:
            first = out[-1]
            opens = _OPENS.fullmatch(first.label or "")
            closes = _CLOSES.fullmatch(period.label or "")
            said_open = (
                first.span is not None
                and period.span is not None
                and _STARTS_AFTER.match(norm, first.span[1]) is not None
                # (将于9月1日开始注水… ⏎ 二、请欠费用户在9月25日之前缴清: another section's deadline)
                and _NEW_SECTION.search(norm, first.span[1], period.span[0]) is None
            )
            same = opens is not None and closes is not None and opens.group(1) == closes.group(1)
            if first.end is None and applications_from(norm, first, period):
                out[-1] = window_to(replace(first, end=first.start), period, period.label)
                continue  # Applications will be accepted from 1 June. The closing date is 30 June.
            if (
                (same or said_open or opened_before(norm, first, period))
                and first.start is not None
                and first.start == first.end
                and before_deadline(first, period)
            ):
                label = f"{opens.group(1)}时间" if opens is not None and opens.group(1) else period.label
                out[-1] = window_to(first, period, label)
                continue
        out.append(period)
    # a day something is said to begin on, no end paired with it: from that day on
    return [_from_on(norm, p) for p in out]


#: A day said to begin a work or a service (将于9月1日开始对管网注水): it runs on from then.
_BEGINS = re.compile(r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:正式)?开始(?!时间|日期|之日|前|后|[，,。；;])")


def _from_on(norm: str, period: Period) -> Period:
    if period.span is None or period.start is None or period.start != period.end or not period.all_day:
        return period
    if _BEGINS.match(norm, period.span[1]) is None:
        return period
    return replace(period, end=None)


#: What a date that ends a closure is followed by: 重开, 恢复开放, 起正常开放 (开诊), 适时恢复开放, reopen;
#: a bus route's, from its first bus (6月15日首班车起恢复); what comes back may be named between
#: (1月24日开始所有线路恢复正常运行).
REOPENED = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:首班车|首班)?\s*(?:(?:起|开始)[^，,。；;\n\d]{0,6}?|后|以后|之后)?\s*(?:将|会)?"
    r"\s*(?:正式|全面|全线)?\s*(?:适时|陆续|逐步|有序)?\s*(?:重开|重新开放|恢复|正常(?:对外)?(?:开放|开诊|出诊|接诊|营业|办公|上班)|开放交通|通车|reopen)"
)


#: A road given back at a part of a day said without its hour (2月3日早高峰前开放交通, 4月6日上午恢复
#:通行): a closure from an hour runs into that day.
_REOPENS_IN_DAY = re.compile(
    r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:早高峰前|晚高峰前|早上|上午|清晨|凌晨|中午|下午|傍晚|晚上)\s*(?:将|会)?"
    r"\s*(?:正式|全面|全线|陆续|逐步)?\s*(?:重开|重新开放|恢复|开放|通车)"
)


#: A supply restored on a day said without its hour (明日早上陆续恢复供水): the outage ends that day.
_RESTORED_ON = re.compile(
    r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:上午|早上|清晨|下午|晚上|中午)?\s*(?:陆续|逐步|逐渐|全面)?"
    r"\s*(?:恢复供|恢复正常供|复电|复水|送电)"
)


def _closed_by_reopening(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A reopening date after a closure is its end, not a period of its own: "11月18日起暂停开放，
    并于11月23日重开" closes 18–22; "16日至24日闭园，25日起正常开放" keeps 16–24 alone."""
    out: list[Period] = []
    opened: Period | None = None  # the open closure the last reopening closed
    for period in periods:
        if (
            out
            and period.span is not None
            and period.start is not None
            and (period.end is None or period.end == period.start)
            and (
                REOPENED.match(norm, period.span[1])
                or _RESTORED_ON.match(norm, period.span[1])
                or _REOPENS_IN_DAY.match(norm, period.span[1])
            )
        ):
            before = out[-1]
            reopens = period.start
            if (
                before.end is None
                and isinstance(before.start, datetime)
                and not isinstance(reopens, datetime)
                and before.start.date() <= reopens
            ):
                # 今日晚上十时起停水…预计明日早上恢复供水: the outage runs into that day; a road
                # reopened on a day with no part of it (4月6日恢复通行) is closed to the day before
                into = _RESTORED_ON.match(norm, period.span[1]) or _REOPENS_IN_DAY.match(norm, period.span[1])
                last_day = reopens + timedelta(days=1) if into else reopens
                end = datetime.combine(last_day, datetime.min.time(), before.start.tzinfo)
                if end > before.start:
                    out[-1] = replace(before, end=end, end_is_day=True)
                    continue
            if (
                opened is not None
                and before.end is not None
                and _moment(before.end, tz) < _moment(reopens, tz)
            ):
                before = opened  # 活动室将于10月30日重开，而健身室则于11月13日重开: each its own end
                out.append(opened)
            if (
                before.end is None
                and before.start is not None
                and _moment(before.start, tz) < _moment(reopens, tz)
            ):
                last = reopens if isinstance(reopens, datetime) else reopens - timedelta(days=1)
                if before.all_day == (not isinstance(last, datetime)):
                    out[-1] = replace(before, end=last)
                    opened = before
                    continue
                if before.all_day and isinstance(last, datetime):
                    # 自11月5日起停水，预计7日18时恢复供水: from the start of the day to that hour
                    out[-1] = replace(before, start=_moment(before.start, tz), end=last, all_day=False)
                    opened = before
                    continue
                if out[-1] is opened:
                    out.pop()
            if before.end is not None and 0 <= (_as_date(reopens, tz) - _as_date(before.end, tz)).days <= 1:
                continue  # restates the end of the closure above
        out.append(period)
        opened = None
    return out


def _moment(when: date | datetime, tz: ZoneInfo) -> datetime:
    """A day as the moment it begins, so a day and an hour compare."""
    return when if isinstance(when, datetime) else datetime.combine(when, datetime.min.time(), tz)


#: A label that names when a service resumes: it restates a disruption's end (暂停开放 stops it).
_RESUMES = re.compile(r"恢复|复电|复水|复气|来电|来水|送电|送水|通车|(?<!暂停)(?<!停止)(?<!暂不)(?<!不)开放")


#: A day of the month in digits or numerals (11日, 十一日).
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号]"
#: Days of the month written as a span (11日至12日, 九日至十二日), not a duration (公示期为30日).
_DAY_SPAN = re.compile(_DAY + r"\s*[至到~\-—－]+\s*" + _DAY)


#: A day of the month said alone (将于16日开跑): a date, where a duration says a count of days.
_ONE_DAY = re.compile(_DAY)


def _said_as_dates(norm: str, one_day: bool = False) -> bool:
    """Whether a period is said by its dates, not as a bare duration (公示期为30日); ``one_day``:
    the period is a single day, so a lone 16日 is that day's date."""
    if "月" in norm or _DAY_SPAN.search(norm) is not None:
        return True
    return one_day and _ONE_DAY.fullmatch(norm.strip()) is not None


def _drop_shadowed(periods: list[Period], tz: ZoneInfo, norm: str = "") -> list[Period]:
    """A bare duration ("公示期为30日") restated by explicit dates next to it is the same
    period: the explicit dates win. A span stated twice is kept once; where the headline said it
    first, the body's statement (which names what happens then) stands. Linear (after a sort):
    a page can hold thousands of dated lines."""
    explicit = [_said_as_dates(normalize(p.text), p.start == p.end) for p in periods]
    spans = sorted(
        (_as_date(p.start, tz), _as_date(p.end, tz))
        for p, said in zip(periods, explicit, strict=True)
        if said and p.start is not None and p.end is not None
    )
    firsts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the latest end among spans starting so far
    ends = {q.end for q in periods if q.start != q.end}
    kept: list[Period] = []
    seen: dict[tuple[object, object, bool], int] = {}
    for p, said in zip(periods, explicit, strict=True):
        if p.all_day and not said and p.start is not None and p.end is not None:
            last = bisect_right(firsts, _as_date(p.end, tz)) - 1
            if last >= 0 and reach[last] >= _as_date(p.start, tz):
                continue
        if p.start == p.end and p.end in ends and _RESUMES.search(p.label or ""):
            # "预计恢复供水时间：21日20时" restates when the outage above ends
            continue
        key = (p.start, p.end, p.all_day)
        same = seen.get(key)
        if same is not None:
            # one span stated twice ("自6月5日至6月20日…封闭期限：6月5日—20日") is one period
            first = kept[same]
            if norm and p.label and in_headline(norm, first) and not in_headline(norm, p):
                # 5月9日游行 道路封闭 ⏎ …游行5月9日举行: the headline runs two things together
                kept[same] = replace(p, note=p.note or first.note, daily=p.daily or first.daily)
                continue
            if (p.label and not first.label) or (p.note and not first.note) or (p.daily and not first.daily):
                # the fuller statement lends its name, note and daily window (每日18时至23时)
                label, note, daily = first.label or p.label, first.note or p.note, first.daily or p.daily
                kept[same] = replace(first, label=label, note=note, daily=daily)
            continue
        seen[key] = len(kept)
        kept.append(p)
    return kept


def _drop_eve_deadlines(periods: list[Period]) -> list[Period]:
    """A deadline at the very hour a closure or outage of the notice starts (周六晚10时前完成清洗
    beside 周六晚上10时至周日早上8时停水; move your car before 8am, closed from 8am) is advice for
    the eve of that period, whose start is already told: not a period of its own."""
    starts = {
        q.start
        for q in periods
        if not q.all_day and q.start is not None and q.end is not None and q.start != q.end
    }
    if not starts:
        return periods
    return [p for p in periods if not (p.start is None and not p.all_day and p.end in starts)]
