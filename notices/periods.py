"""Candidate periods and the evidence that keeps or drops them.

Every dated expression in a notice is a candidate; what surrounds it decides whether a
subscriber must be told of it: page metadata (发布时间), a dateline or reporting clause
(本报讯…6月12日, 记者5月8日获悉), a date the notice replaces (原定于), or a span over before
publication are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from notices.dates import find_periods
from notices.impossible import find_impossible
from notices.labels import REACH, clause_span, labelled, line_start
from notices.model import Period
from notices.normalize import normalize


def _as_date(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


#: How a warning about a date no calendar has begins.
IMPOSSIBLE = "impossible date left out"


def kept_periods(
    body: str, *, base: date | None, published: date | None, tz: ZoneInfo, warnings: list[str]
) -> list[Period]:
    """Periods in the body, labelled; spans wholly before publication are history, not plans."""
    if base is None or not body.strip():
        if base is None and body.strip():
            warnings.append("dates not resolved: no reference date for this notice")
        return []
    norm = normalize(body)
    impossible = find_impossible(norm)
    for item in impossible:
        warnings.append(f"{IMPOSSIBLE}: {item.text.strip()} ({item.reason})")
    try:
        found = find_periods(body, base=base, tz=tz)
    except Exception as exc:  # a date-grammar bug must not cost the whole page
        warnings.append(f"dates could not be read: {type(exc).__name__}")
        return []
    candidates: list[Period] = []
    for period in found:
        reason = _drop_reason(norm, period, published, tz)
        if reason == "superseded":
            # "原定于4月16日举办…推迟": the date the notice withdraws is no plan
            warnings.append(f"superseded date left out: {period.text}")
        if reason is not None:
            continue
        if published is not None and period.end is not None and _as_date(period.end, tz) < published:
            continue
        if (
            published is not None
            and period.end is None
            and period.start is not None
            and (published - _as_date(period.start, tz)).days > _BACKGROUND_DAYS
        ):
            continue  # "自今年七月起分阶段展开…": begun long before the notice, background
        candidates.append(period)
    out: list[Period] = []
    for period in _closed_by_reopening(norm, candidates, tz):
        period = _reopening(body, period, tz) or labelled(body, period)
        out.append(_as_deadline(norm, period))
    return _drop_extended(
        norm, _drop_restated(_drop_summaries(_drop_shadowed(_paired(norm, out), tz), tz), tz)
    )


#: Words before a date that moves an end later: 延长至, 延至, 推迟至, 顺延至, extended to.
_EXTENDS = re.compile(r"(?:延长|延期|延至|推迟|顺延|展延|extended)[^，。；;,\n]{0,6}$")
_EXTENDED = re.compile(r"延长|延期|推迟|顺延|展延")
_DUE = re.compile(r"应于|原定|原计划|原本")
#: What an original end is called: 停止供暖时间, 应于…停暖, 结束.
_ENDS = re.compile(r"停止|停暖|停热|结束|截止|截至|应于|原")


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
            if _ENDS.search(said) and not _EXTENDS.search(norm, clause_start, p.span[0]):
                continue
        out.append(p)
    return out


def _same_subject(a: Period, b: Period) -> bool:
    """Whether two periods speak of the same thing: no label on one side, or labels that differ
    only in how they name the time (报名截止时间 / 报名时间)."""
    return a.label is None or b.label is None or _STEM.sub("", a.label) == _STEM.sub("", b.label)


def _named_alike(a: Period, b: Period) -> bool:
    """Both named, and by the same thing (报名截止时间 / 报名时间)."""
    return a.label is not None and b.label is not None and _same_subject(a, b)


_STEM = re.compile(r"截止|截至|开始|结束|起止|时间|日期|期限|期间|时段")


def _drop_restated(periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A day said again where the notice also gives more: the start or end of a span written in
    full (报名截止2月15号 … 报名时间1月10日至2月15日), or the same day with its hours (7月28日拍卖 …
    7月28日10时开拍). The fuller statement is the period; the restatement is dropped."""
    edges: dict[date, list[Period]] = {}
    timed_days: dict[date, list[Period]] = {}
    for p in periods:
        if p.all_day and p.start is not None and p.end is not None and p.start != p.end:
            days = _days(p, tz)
            if days is not None and days[0] != days[1]:  # a span of days, not hours of one
                edges.setdefault(days[0], []).append(p)
                edges.setdefault(days[1], []).append(p)
        if not p.all_day and p.start is not None:
            timed_days.setdefault(_as_date(p.start, tz), []).append(p)
    by_end: dict[object, list[Period]] = {}
    by_start: dict[date, list[Period]] = {}
    for q in periods:
        if q.start is not None and q.end is not None and q.start != q.end:
            by_end.setdefault(q.end, []).append(q)
            by_start.setdefault(_as_date(q.start, tz), []).append(q)
    out: list[Period] = []
    for p in periods:
        if not p.all_day and p.start is None and any(_named_alike(p, q) for q in by_end.get(p.end, ())):
            continue  # 报名截止5月20日17时 … 报名时间5月11日至20日17时: the window's close
        if (
            p.end is None
            and p.start is not None
            and any(_named_alike(p, q) for q in by_start.get(_as_date(p.start, tz), ()))
        ):
            continue  # 自5月11日起报名 … 报名时间5月11日至20日: the window's opening
        if p.all_day and p.end is not None and (p.start is None or p.start == p.end):
            day = _as_date(p.end, tz)
            fuller = [q for q in edges.get(day, []) if q is not p]
            if p.start is None:
                fuller = [q for q in fuller if _days(q, tz) is not None and _days(q, tz)[1] == day]  # type: ignore[index]
            elif p.label is not None:
                # the day of a named thing (拍卖时间) and that thing's hour (10时开拍)
                fuller += [q for q in timed_days.get(day, []) if q.label in (None, p.label)]
            if any(_same_subject(p, q) for q in fuller):
                continue
        out.append(p)
    return out


def _days(period: Period, tz: ZoneInfo) -> tuple[date, date] | None:
    if period.start is None or period.end is None:
        return None
    end = period.end
    if isinstance(end, datetime) and not period.is_moment:
        end = end - timedelta(microseconds=1)  # an exclusive end instant
    return _as_date(period.start, tz), _as_date(end, tz)


#: How many periods after a span are looked at for the items it sums up.
_SUMMARY_REACH = 40


def _drop_summaries(periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A span that only encloses the itemised periods listed after it ("12月25日至28日停电…
    1、25日…2、26-27日…3、28日…") is their summary: the items are what to remind of."""
    spans = [_days(p, tz) for p in periods]
    out: list[Period] = []
    for index, period in enumerate(periods):
        span = spans[index]
        if span is not None and span[0] < span[1]:
            inside = [
                s
                for s in spans[index + 1 : index + 1 + _SUMMARY_REACH]
                if s is not None and span[0] <= s[0] and s[1] <= span[1] and s != span
            ]
            if (
                len(inside) >= 2
                and min(s[0] for s in inside) == span[0]
                and max(s[1] for s in inside) == span[1]
            ):
                continue
        out.append(period)
    return out


#: An open period that began this many days before publication is background, not a plan.
_BACKGROUND_DAYS = 14
#: A label that names when something opens or closes: 报名开始时间 / 报名截止时间.
_OPENS = re.compile(r"(.{0,8}?)(?:开始|起始)(?:时间|日期)?")
_CLOSES = re.compile(r"(.{0,8}?)(?:截止|结束|截至)(?:时间|日期)?")


def _paired(norm: str, periods: list[Period]) -> list[Period]:
    """ "报名开始时间：2月5日9:00 … 报名截止时间：2月11日17:00" is one window, 5 to 11 February;
    so is "招标将于12月23日开始，截标日期为2月3日"."""
    out: list[Period] = []
    for period in periods:
        if out and period.start is None and period.end is not None:
            first = out[-1]
            opens = _OPENS.fullmatch(first.label or "")
            closes = _CLOSES.fullmatch(period.label or "")
            said_open = first.span is not None and _STARTS_AFTER.match(norm, first.span[1]) is not None
            same = opens is not None and closes is not None and opens.group(1) == closes.group(1)
            if (
                (same or said_open)
                and first.start is not None
                and first.start == first.end
                and first.all_day == period.all_day
                and first.start <= period.end  # type: ignore[operator]
            ):
                label = f"{opens.group(1)}时间" if opens is not None and opens.group(1) else period.label
                out[-1] = replace(first, end=period.end, label=label)
                continue
        out.append(period)
    return out


#: What a date that ends a closure is followed by: 重开, 恢复开放, 起正常对外开放, reopen.
_REOPENED = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:起|开始)?\s*(?:将|会)?\s*(?:正式|全面|全线)?"
    r"(?:重开|重新开放|恢复|正常(?:对外)?开放|reopen)"
)


def _closed_by_reopening(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A reopening date after a closure is its end, not a period of its own: "11月18日起暂停开放，
    并于11月23日重开" closes 18–22; "16日至24日闭园，25日起正常开放" keeps 16–24 alone."""
    out: list[Period] = []
    for period in periods:
        if (
            out
            and period.span is not None
            and period.start is not None
            and (period.end is None or period.end == period.start)
            and _REOPENED.match(norm, period.span[1])
        ):
            before = out[-1]
            reopens = period.start
            if before.end is None and before.start is not None and before.start < reopens:  # type: ignore[operator]
                last = reopens if isinstance(reopens, datetime) else reopens - timedelta(days=1)
                if before.all_day == (not isinstance(last, datetime)):
                    out[-1] = replace(before, end=last)
                    continue
            if before.end is not None and 0 <= (_as_date(reopens, tz) - _as_date(before.end, tz)).days <= 1:
                continue  # restates the end of the closure above
        out.append(period)
    return out


#: Words that make a single day or moment the last one to act by: 截止时间, 截标, closing date.
_DEADLINE_WORDS = re.compile(r"截止|截至|截标|deadline|closing|closes|close (?:of|at|on|by)")
#: The same said after the date: 三月二十七日或之前, 5月20日前.
_DEADLINE_AFTER = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*正?\s*(?:或之前|或以前|之前|以前|前|截止|截标|or before)"
)


#: What says a day opens something: 12月23日开始, 10月7日起.
_STARTS_AFTER = re.compile(r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:开始|起(?!止)|展开|推出|开放)")


#: An event moved to a day: 延期至5月20日举办 names the day it is held, not a deadline.
_MOVED = re.compile(r"(?:延期|推迟|改期|顺延|改在|改于|延后)\s*$")
_HELD = re.compile(r"\s*(?:举办|举行|召开|进行|开展|开考|开标|开幕|开放)")


def _as_deadline(norm: str, period: Period) -> Period:
    """A single day or moment named as a closing (截标时间：4月9日中午12时, 3月27日或之前) is a
    deadline: nothing starts then, it is the last moment to act."""
    if period.start is None and period.end is not None and period.span is not None:
        begin, end = period.span
        if _MOVED.search(norm, max(0, begin - 4), begin) and _HELD.match(norm, end):
            return replace(period, start=period.end)
        return period
    if period.start is None or period.start != period.end or period.span is None:
        return period
    begin, end = period.span
    if _STARTS_AFTER.match(norm, end):
        return period  # 招标将于12月23日开始: it opens then, whatever closes later
    before = norm[max(0, begin - 14) : begin]
    lead = re.split(r"[。；;！？!?]", before)[-1]
    # the notice's own label (截标日期及时间：…), not one guessed from words further along its clause
    own_label = period.label is not None and period.label in norm[max(0, begin - 40) : begin]
    if (
        (own_label and _DEADLINE_WORDS.search(period.label or ""))
        or _DEADLINE_WORDS.search(lead.lower())
        or _DEADLINE_AFTER.match(norm, end)
    ):
        return replace(period, start=None)
    if period.is_moment and isinstance(period.start, datetime) and period.start.time() == time(0):
        return replace(period, end=None)  # 10月15日0时开栓供热: a change from that midnight on
    return period


#: A label that names when the page or document was made, not a plan: 发布时间, 更新日期.
_METADATA_LABEL = re.compile(
    r"(?:发布|更新|成文|印发|发文|修改|修订|录入|上传|编辑|信息|发稿|刊发|生成|日期)(?:时间|日期)?\s*[:：]?\s*$"
)
#: What a flattened table puts between a label and its value.
_TABLE_GAPS = re.compile(r"[\s|｜]+")
#: What ends the field a date stands in: a clause mark or a line break.
_FIELD_BREAK = re.compile(r"[，,。；;！？!?\n]")
#: What else a metadata line holds: 浏览量, 来源, 点击数, 字号.
_METADATA_LINE = re.compile(
    r"浏览|阅读(?:量|数|次数)|点击|来源\s*[:：]|字号|访问量|发布人|责任编辑|作者\s*[:：]"
)
#: A date that opens its line and is followed by a byline: "2025/10/31 08:59 记者林嘉东／新北报导".
_BYLINE_AFTER = re.compile(
    r"\s*(?:[(（]?[^\s，。]{0,6}[)）]?\s*)?(?:记者|编辑|来源|作者|报导|报道|通讯员|最后更新|更新)"
)
_PAST_AFTER = re.compile(r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:已经|业已|已(?!于))")
_REFERENCE_BEFORE = re.compile(r"(?:刊登|刊载|登载|刊於|刊于)(?:于|在)?\s*$")
_ISO_DAY = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")
_LOOKBACK_AFTER = re.compile(r"\s*(?:起)?\s*(?:以来|至今|迄今|到现在|到目前|截至目前)")
#: A bracketed date right after a notice word: 闭馆公告(3月30日).
_ISSUE_DATE_BEFORE = re.compile(r"(?:公告|通告|通知|公示|启事|notice)\s*[(（]\s*$")
#: The date a report is filed under: 本报讯（记者 王丽）6月12日, 新华社北京5月8日电.
_DATELINE_BEFORE = re.compile(
    r"(?i:ends\s*/\s*|issued\s+(?:at|on)\s+[^\n]{0,12}|\b(?:said|announced|stated|told reporters)\s+)$"
    r"|(?:讯|电|訊|電)\s*(?:[（(][^）)]{0,30}[）)])?\s*$|记者[^，。,\n]{0,12}$|(?:^|[，,。])\s*据[^，。]{0,10}$"
)
#: A date the reporter learned something on: 记者5月8日获悉 / 从…了解到.
_REPORTING_AFTER = re.compile(
    r"\s*(?:电(?![话力费网线])|消息|讯|报导|报道|[^，。,\n]{0,20}(?:获悉|了解到)|(?:宣布|表示|宣称|指出|透露|介绍|称)[,，:：])"
)


def _drop_reason(norm: str, period: Period, published: date | None, tz: ZoneInfo) -> str | None:
    """Why a candidate period is no plan for the public, or None to keep it."""
    if period.span is None:
        return None
    begin, end = period.span
    first = line_start(norm, begin)
    line_end = norm.find("\n", end, end + REACH)
    line = norm[first : line_end if line_end >= 0 else end + REACH]
    before = norm[first:begin]
    if _SUPERSEDED.search(norm, max(0, begin - 30), begin):
        return "superseded"
    if _METADATA_LABEL.search(_TABLE_GAPS.sub("", before[-20:])[-12:]):
        return "metadata"  # 发布时间：…, also in a flattened table: 日 | 期 : | 2025-04-25
    clause_begin, clause_end = clause_span(norm, begin, end, _FIELD_BREAK)
    if clause_end - clause_begin < 120 and _METADATA_LINE.search(norm, clause_begin, clause_end):
        return "metadata"  # 发布时间：2023-05-10 16:33 浏览量：125
    if not before.strip() and _BYLINE_AFTER.match(norm, end):
        return "metadata"
    if _PAST_AFTER.match(norm, end) or _REFERENCE_BEFORE.search(before[-8:]):
        return "past"  # 于7月15日已全数完成迁移 / 刊登于5月22日的公报: done, or a document's date
    opens_line = not line[: begin - first].strip(" \t•·*-")
    if period.start == period.end and opens_line and _ISO_DAY.fullmatch(norm[begin:end]):
        return "metadata"  # 2013-03-18 opening a line: a web page's date, not how notices write a plan
    if _LOOKBACK_AFTER.match(norm, end):
        return "lookback"  # 5月5日以来, 2018年至今: what has happened since, no plan
    if _ISSUE_DATE_BEFORE.search(before[-8:]) and period.start == period.end:
        return "metadata"  # 闭馆公告(3月30日): the day the notice was issued
    if _DATELINE_BEFORE.search(before[-24:]) or _REPORTING_AFTER.match(norm, end):
        return "dateline"
    on_or_before = (
        published is not None and period.start is not None and _as_date(period.start, tz) <= published
    )
    if (
        on_or_before
        and period.start == period.end
        and _STAMP_LINE.fullmatch(before)
        and _STAMP_LINE.fullmatch(line[end - first :])
    ):
        # a date (with its time) alone on its line, on or before the publication date:
        # the page's time stamp or a signature, not a plan
        return "metadata"
    text = norm[begin:end]
    if period.is_moment and (_STAMP_SECONDS.search(text) or (_STAMP.search(text) and on_or_before)):
        return "metadata"  # 2026-03-16 16:06:58 beside a headline: when the page was posted
    if _TERMS_BEFORE.search(before[-14:]) or _CRITERIA_AFTER.match(norm, end):
        return "terms"  # 合约期：2026年6月1日至…, 2018年12月31日前年满18周岁: conditions, no plan
    if period.end is None and "之日" in text and not any(ch.isdigit() for ch in text):
        return "effective"  # 自发布之日起执行: when the rules apply, no date to plan around
    if _vague(text):
        return "vague"  # 2月中旬, 2026年1月: no day to plan around
    return None


#: Time stamps as web pages print them: 2026-03-16 16:06:58, 2017-07-26 10:25.
_STAMP_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")
_STAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}")
#: A contract's or service's term, not a time the public acts in.
_TERMS_BEFORE = re.compile(r"(?:合约期|合同期|服务期|履约期|履行期限|合同履行)[^，。；;\n]{0,8}$")
#: A date that bounds who may apply (出生, 年满18周岁, 毕业), not when.
_CRITERIA_AFTER = re.compile(r"\s*(?:前|以前|之前|后|以后|之后)?\s*(?:年满|出生|周岁|毕业|取得)")


def _vague(text: str) -> bool:
    """A span named only by months or parts of months (2月中旬, 2026年1月至2028年1月)."""
    compact = "".join(text.split())
    precise = re.search(r"[\d〇零一二两三四五六七八九十廿卅]\s*[日号]|月底|月末|[:：时]|[A-Za-z]", compact)
    return "月" in compact and precise is None


#: What may stand beside a date stamp on its line: brackets, a weekday, punctuation.
_STAMP_LINE = re.compile(r"[\s()（）\[\]【】|:：,，。.星期周一二三四五六日天]*")


#: Words before a date that the notice itself replaces ("原定于", "原计划").
_SUPERSEDED = re.compile(
    r"原(?:定|计划|拟|订|本)[^，。；,;:\n]{0,12}$|(?i:(?:extended|postponed|changed|moved)\s+from|originally)[^()\n]{0,20}$"
)
#: What ends a disruption from a moment on: "自6月1日零时起恢复通行", "起解除交通管制".
_REOPENS = re.compile(
    r"^\s*(?:起|开始)?\s*(?:正式|全面|全线)?(恢复(?:通行|通车|供电|供水|供气|供暖|正常)|解除[^\s，。；]{0,6})"
)


def _reopening(body: str, period: Period, tz: ZoneInfo) -> Period | None:
    """An open period that starts a reopening ("自6月1日零时起恢复通行") is the time the
    disruption lasts until: no start, ending where service comes back."""
    if period.span is None or period.start is None or period.end is not None:
        return None
    m = _REOPENS.match(normalize(body[period.span[1] : period.span[1] + 16]))
    if m is None:
        return None
    start = period.start
    end = start if isinstance(start, datetime) else start - timedelta(days=1)
    return replace(period, start=None, end=end, label=f"{m.group(1)}前")


#: A label that names when a service resumes: it restates a disruption's end.
_RESUMES = re.compile(r"恢复|复电|复水|复气|来电|来水|送电|送水|通车|开放")


def _drop_shadowed(periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A bare duration ("公示期为30日") restated by explicit dates next to it is the same
    period: the explicit dates win. A span stated twice is kept once. Linear (after a sort):
    a page can hold thousands of dated lines."""
    explicit = ["月" in normalize(p.text) for p in periods]
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
            kept[same] = replace(first, label=first.label or p.label, note=first.note or p.note)
            continue
        seen[key] = len(kept)
        kept.append(p)
    return kept


def _overlap(a: Period, b: Period, tz: ZoneInfo) -> bool:
    """Whether two periods share a day; a timed and an all-day period compare by their days."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    if a.all_day == b.all_day:
        return not (a.end < b.start or b.end < a.start)  # type: ignore[operator]
    a_start, a_end = _as_date(a.start, tz), _as_date(a.end, tz)
    b_start, b_end = _as_date(b.start, tz), _as_date(b.end, tz)
    return not (a_end < b_start or b_end < a_start)
