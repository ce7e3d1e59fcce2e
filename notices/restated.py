"""A day or span said again where the notice also gives more: the start or end of a span written
in full, the same day with its hours, an opening said with its end, a headline's shorthand for the
span under it. The fuller statement is the period; the restatement is dropped."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.evidence import _as_date
from notices.first_chars import gated
from notices.labels import line_start
from notices.model import Period
from notices.normalize import normalize
from notices.places import place_spans


def _opened_alike(opening: Period, full: Period) -> bool:
    """Whether ``full`` starts at the very minute the open ``opening`` does and has an end (a
    day said open is often another thing opening with it: 卖地章程 on sale from the day bids open)."""
    if opening.text.rstrip().endswith(("至", "到")):
        return False  # 7时至比赛结束 beside 7时至9时30分: an end told by what happens, another row
    return not opening.all_day and not full.all_day and full.end is not None and full.start == opening.start


#: The row of stars or rules a press release sets under its headline.
_UNDERLINE = re.compile(gated(r"(?:\*[ \t]?){6,}|(?:=[ \t]?){6,}|—{6,}|-{6,}"))


@functools.lru_cache(maxsize=8)
def headline_end(norm: str) -> int:
    """Where the headline ends: the first line; or, where lines ran together, where a release's
    underline starts. -1 when the text is one line. (Kept for the last few texts: it is asked of
    each period, and a notice of many dated lines restates many.)"""
    underline = _UNDERLINE.search(norm, 0, 400)
    breaks = [at for at in (norm.find("\n"), -1 if underline is None else underline.start()) if at >= 0]
    return min(breaks) if breaks else -1


#: What a headline does not hold: a sentence's end or its run of clauses.
_SENTENCE = re.compile(r"[。；;，,]")


def in_headline(norm: str, period: Period) -> bool:
    """Whether the period is written in a headline (a short first line, no sentence) with text
    under it; a body that opens with its lead sentence has no headline."""
    first_break = headline_end(norm)
    if period.span is None or first_break < 0 or period.span[0] >= first_break:
        return False
    return first_break <= 40 and _SENTENCE.search(norm, 0, first_break) is None


def _headline_opening(norm: str, opening: Period, spans: Iterable[Period]) -> bool:
    """Whether ``opening`` (open, or a timed moment: 将于7月12日晚上10点开始) stands in the first
    line (the headline) and a span in the text under it starts then: the same day, or for a moment
    the same minute."""
    first_break = headline_end(norm)
    if opening.span is None or first_break < 0 or opening.span[0] > first_break:
        return False
    moment = opening.end is not None
    return any(
        q.span is not None
        and q.span[0] > first_break
        and q.end is not None
        and q.end != q.start
        and (not moment or q.start == opening.start)
        for q in spans
    )


def _same_subject(a: Period, b: Period) -> bool:
    """Whether two periods speak of the same thing: no label on one side, a label that names only
    the time (截止时间), or labels that differ only in how they name the time (报名截止时间 / 报名时间)
    or in how fully they name the thing (提案线索征集时间 / 征集时间)."""
    if a.label is None or b.label is None:
        return True
    mine, theirs = _STEM.sub("", a.label), _STEM.sub("", b.label)
    # 截止时间 names no thing: it is the other's; 提案线索征集 names more fully what 征集 does
    return mine == theirs or not mine or not theirs or mine.endswith(theirs) or theirs.endswith(mine)


def _own_hour(opening: Period, span: Period) -> bool:
    """Whether an open start has an hour of its own, not the span's (10月29日0时起 beside
    10月29日5时至14时30分 under one 管制时间: two controls beginning that day, not one said twice)."""
    return not opening.all_day and not span.all_day and opening.start != span.start


def _named_alike(a: Period, b: Period) -> bool:
    """Both named, and by the same thing (报名截止时间 / 报名时间)."""
    return a.label is not None and b.label is not None and _same_subject(a, b)


_STEM = re.compile(r"截止|截至|开始|结束|起止|时间|日期|期限|期间|时段|[截投招交递](?=标)")


#: An hour written in a day-long deadline (8月6日24:00前): the day is its own deadline, not the
#: day of a timed one said again.
_CLOCK_WRITTEN = re.compile(r"\d\s*(?:[:：]\s*\d\d|[时時点])")


def _own_row(norm: str, period: Period) -> bool:
    """A date alone on its line: a table's row of its own (2月14日 ⏎ 司打口), never a restatement."""
    if period.span is None:
        return False
    begin, end = period.span
    line_start = norm.rfind("\n", 0, begin) + 1
    line_end = norm.find("\n", end)
    line_end = len(norm) if line_end < 0 else line_end
    return not norm[line_start:begin].strip() and not norm[end:line_end].strip()


def _drop_restated(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
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
    timed_deadlines = {
        _deadline_day(q, tz) for q in periods if q.start is None and q.end is not None and not q.all_day
    }
    timed = [p for p in periods if not p.all_day and p.start is not None]
    out: list[Period] = []
    for p in periods:
        if (
            p.all_day
            and p.start is None
            and p.end is not None
            and _as_date(p.end, tz) in timed_deadlines
            and not _CLOCK_WRITTEN.search(p.text)
        ):
            continue  # "on or before October 10" beside "closes at midnight tonight": the hour says it
        if not p.all_day and p.start is None and any(_named_alike(p, q) for q in by_end.get(p.end, ())):
            continue  # 报名截止5月20日17时 … 报名时间5月11日至20日17时: the window's close
        if not p.all_day and p.start is None and p.end is not None and _bracketed_close(norm, p, edges, tz):
            continue  # 7月26日--7月28日(7月28日下午4:30截止): the hour the span of days closes at
        if (
            p.end is None
            and p.start is not None
            and any(
                _named_alike(p, q) and not _own_hour(p, q) and not _parallel_items(norm, p, q)
                for q in by_start.get(_as_date(p.start, tz), ())
            )
        ):
            continue  # 自5月11日起报名 … 报名时间5月11日至20日: the window's opening
        if p.end is None and p.start is not None and any(_opened_alike(p, q) for q in periods if q is not p):
            continue  # 将于11月26日22:00起停气 … 实施时间：11月26日22:00至28日10:00: said with its end
        spanned = p.start is not None and by_start.get(_as_date(p.start, tz))
        if p.end is None and spanned and _unwritten_day(p):
            continue  # 征兵工作今起开始 … 工作时间为7月28日至9月30日: the span says the same start
        moment = not p.all_day and p.end is not None and p.end == p.start
        if (
            (p.end is None or moment)
            and p.start is not None
            and _headline_opening(norm, p, by_start.get(_as_date(p.start, tz), ()))
        ):
            continue  # 某路9/5起封闭 ⏎ …9月5日至10月11日封闭: the headline's shorthand for the span
        single = p.all_day and p.end is not None and (p.start is None or p.start == p.end)
        if single and p.start is not None and _unwritten_day(p) and _hours_given(p, timed, tz):
            continue  # 明天停水 … 明天上午8时至下午6时: the hours say that day's plan
        if single and p.start is not None and in_headline(norm, p) and _starts_that_day(p, timed, norm, tz):
            continue  # 某考试5月8日放榜 ⏎ …定于5月8日上午9时公布: the body gives the day its hour
        if single and p.end is not None and not _own_row(norm, p) and not _CLOSED_START.search(p.text):
            day = _as_date(p.end, tz)
            fuller = [q for q in edges.get(day, []) if q is not p]
            if p.start is None:
                fuller = [q for q in fuller if _days(q, tz) is not None and _days(q, tz)[1] == day]  # type: ignore[index]
            elif p.label is not None:
                # the day of a named thing (拍卖时间) and that thing's hour (10时开拍); a bare 时间：
                # field's day and the hours under it (时间：5月12日 … 5月12日9时至21时停水)
                mine = _STEM.sub("", p.label)
                fuller += [
                    q
                    for q in timed_days.get(day, [])
                    if (q.label in (None, p.label) or mine in ("", _STEM.sub("", q.label or "")))
                    and not _held_beside_closure(norm, p, q)
                    and not _places_apart(norm, p, q)
                ]
                if any(_held_in_hours(norm, p, q) for q in timed_days.get(day, [])):
                    continue  # 定于10月27日举行 … 起跑时间为7时30分，结束时间为13时30分: the event's hours
            if any(_same_subject(p, q) and not _rows_alike(norm, p, q) for q in fuller):
                continue
        out.append(p)
    return out


#: What may stand before a date that opens a list's row: a bullet or the row's number.
_ROW_HEAD = re.compile(
    r"[ \t]*(?:[•·*-]|\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}\s*、)?[ \t]*"
)


def _rows_alike(norm: str, day: Period, span: Period) -> bool:
    """Two rows of one list, each opening with its date (4月18日上午，甲医院…；⏎ 4月18、19日上午，乙中心…；),
    or a row opening with its day and a span of days on another line: the day is an item of its own,
    not the span's edge said again."""
    if day.span is None or span.span is None:
        return False
    first, second = line_start(norm, day.span[0]), line_start(norm, span.span[0])
    if first == second:
        return False
    opens = [
        (found := _ROW_HEAD.match(norm, start)) is not None and found.end() == at
        for start, at in ((first, day.span[0]), (second, span.span[0]))
    ]
    # a span of days said in a remark elsewhere (备注：2月16日至23日暂停办理…) does not say a numbered
    # row's day (三、2月23日周一例行闭馆) again either; a day's hours on another line do (same subject)
    return opens[0] and (opens[1] or (span.all_day and span.start != span.end))


#: A day said as a start (6月14日首班车起实施) that a reopening the next day closed: a period of its
#: own, however many spans of other items begin on it.
_CLOSED_START = re.compile(r"起\s*$")


#: Where a period's clause ends: what it says of the day (5月14日河坝村全天停电) goes no further.
_OWN_CLAUSE_END = re.compile(r"[。；;\n]")


def _clause_places(norm: str, period: Period) -> set[str]:
    """The places named in the clause that holds the period (甲村：5月14日全天停电)."""
    if period.span is None:
        return set()
    begin, end = period.span
    starts = [m.end() for m in _OWN_CLAUSE_END.finditer(norm, 0, begin)]
    stop = _OWN_CLAUSE_END.search(norm, end)
    clause = norm[starts[-1] if starts else 0 : len(norm) if stop is None else stop.start()]
    return {clause[s:e] for s, e in place_spans(clause, clause)}


def _places_apart(norm: str, day: Period, timed: Period) -> bool:
    """Whether a whole day and hours on that day are said for different places, each in a clause of
    its own (5月14日8时至12时甲村停电；5月14日乙村全天停电): two plans, not the day said again."""
    mine, theirs = _clause_places(norm, day), _clause_places(norm, timed)
    return bool(mine) and bool(theirs) and not any(a in b or b in a for a in mine for b in theirs)


#: The rest of a day's clause saying an event is held then: 比赛定于4月6日在某乡举行.
_HELD = re.compile(r"\s*[,，]?[^,，。；;\n]{0,30}?(?:举行|举办|开幕|开赛|鸣枪|开跑|拉开帷幕|揭幕)")
#: What a timed period's own clause closes: the roads round an event, not the event's own hours.
_CLOSES = re.compile(r"禁止[^,，。；;\n]{0,8}通行|交通管制|封闭|断交|限行")
_CLAUSE_END = re.compile(r"[。；;\n]")
#: A timed period's own name saying it closes roads (管制时间, 封闭时间, 禁行时段).
_CLOSES_LABEL = re.compile(r"管制|封闭|封路|断交|禁行|限行")


def _held_beside_closure(norm: str, day: Period, timed: Period) -> bool:
    """Whether ``day`` is the day an event is held and ``timed`` closes roads that day (一、4月6日7时
    至9时，某路禁止车辆通行): the closure is not the event's hours, and the event's day stays."""
    if day.span is None or timed.span is None or _HELD.match(norm, day.span[1]) is None:
        return False
    if timed.label is not None and _CLOSES_LABEL.search(timed.label):
        return True  # 马拉松赛将于16日开跑 … 管制时间为16日0:00-17:00: the window is named a closure
    end = _CLAUSE_END.search(norm, timed.span[1])
    return _CLOSES.search(norm, timed.span[1], len(norm) if end is None else end.start()) is not None


#: A label naming an event's own hours: 起跑时间, 比赛时间, 开始时间.
_EVENT_HOURS = re.compile(r"起跑|开始|开幕|开赛|比赛|活动|举行|举办")


def _held_in_hours(norm: str, day: Period, timed: Period) -> bool:
    """Whether ``day`` is the day an event is held and ``timed`` that event's own window that day
    (定于10月27日举行 … 起跑时间为7时30分，结束时间为13时30分): the window says the day's plan."""
    return (
        day.span is not None
        and timed.end is not None
        and timed.end != timed.start
        and timed.label is not None
        and _EVENT_HOURS.search(timed.label) is not None
        and _HELD.match(norm, day.span[1]) is not None
    )


def _bracketed_close(norm: str, deadline: Period, edges: dict[date, list[Period]], tz: ZoneInfo) -> bool:
    """Whether a timed deadline stands in the bracket right after a span of days ending that day."""
    if deadline.span is None:
        return False
    day = _deadline_day(deadline, tz)
    for q in edges.get(day, ()):
        span = _days(q, tz)
        if span is None or span[1] != day or q.span is None or not _same_subject(deadline, q):
            continue
        if 0 <= deadline.span[0] - q.span[1] <= 2 and "(" in norm[q.span[1] : deadline.span[0] + 1]:
            return True
    return False


#: A day named by a relative word or a weekday, not written as a date: 明天, 周日, tomorrow, Sunday,
#: starting today.
_SAID_DAY = re.compile(
    gated(
        r"(?:今|明|后天|本周|下周|这周|周|星期|礼拜|下星期|本星期)[^\d月]{0,4}"
        r"|(?i:(?:(?:starting|beginning|from)\s+)?(?:this\s+|next\s+|coming\s+)?"
        r"(?:today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day))"
    )
)


#: A list item's number opening its line: 1、 / 2. / 二、 / (3).
_ITEM_NUMBER = re.compile(
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]|\s*[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]"
)


def _parallel_items(norm: str, opening: Period, span: Period) -> bool:
    """``1、甲馆关闭时间为即日起至3月2日；2、乙馆即日起关闭``: two numbered items that open on the
    same unwritten day are two measures side by side; the open one says no span's start again."""
    if opening.span is None or span.span is None:
        return False
    said = normalize(opening.text).strip().rstrip("起")
    if not said or said[0].isdigit() or not normalize(span.text).strip().startswith(said):
        return False
    first, second = line_start(norm, opening.span[0]), line_start(norm, span.span[0])
    return (
        first != second
        and _ITEM_NUMBER.match(norm, first) is not None
        and _ITEM_NUMBER.match(norm, second) is not None
    )


def _unwritten_day(period: Period) -> bool:
    """Whether the period's day is said by a relative word or a weekday, with no date written."""
    return _SAID_DAY.fullmatch(normalize(period.text).strip()) is not None


def _hours_given(day: Period, timed: list[Period], tz: ZoneInfo) -> bool:
    """Whether a timed period of the notice runs on that day."""
    assert day.start is not None
    when = _as_date(day.start, tz)
    for q in timed:
        assert q.start is not None
        first = _as_date(q.start, tz)
        last = first if q.end is None else _deadline_day(q, tz)
        if first <= when <= max(first, last):
            return True
    return False


def _starts_that_day(day: Period, timed: list[Period], norm: str, tz: ZoneInfo) -> bool:
    """Whether a timed period of the same subject, written under the headline, starts on that day
    (比赛时间：5月14日 over 管制时间：5月14日6时至12时 names two things)."""
    assert day.start is not None
    when = _as_date(day.start, tz)
    return any(
        q.start is not None
        and q.span is not None
        and _same_subject(day, q)
        and not in_headline(norm, q)
        and _as_date(q.start, tz) == when
        for q in timed
    )


def _deadline_day(period: Period, tz: ZoneInfo) -> date:
    """The day a timed deadline falls on; midnight closes the day before (24:00 is 0:00 next day)."""
    end = period.end
    assert end is not None
    if isinstance(end, datetime):
        local = end.astimezone(tz) if end.tzinfo else end
        if local.time() == datetime.min.time():
            return local.date() - timedelta(days=1)
        return local.date()
    return end


def _days(period: Period, tz: ZoneInfo) -> tuple[date, date] | None:
    if period.start is None or period.end is None:
        return None
    end = period.end
    if isinstance(end, datetime) and not period.is_moment:
        end = end - timedelta(microseconds=1)  # an exclusive end instant
    return _as_date(period.start, tz), _as_date(end, tz)
