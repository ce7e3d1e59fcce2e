"""Periods in notice text: the public entry points of the date grammar.

``find_periods`` reads every period in a piece of text; ``parse_period`` reads the one
period a person typed. Both resolve dates against ``base`` (the publication date),
never the clock: a missing year is the one that puts the date nearest to ``base``,
a range's abbreviated end takes its year and month from the start and rolls forward
when it would end before it (December → January), and durations follow the Chinese
legal convention that the first day is not counted (``自公示之日起5日内`` ends on
base + 5 days; working days skip Saturdays and Sundays).

A single date with a time of day (``开标时间：2022年5月20日9:30``) is a one-day
all-day period whose note is the time: a moment is not a span, unless it is a deadline
(``截止投标时间：…17时``, ``…17时前``), which ends at that moment. A time window after
a multi-day range (``5月11日至13日每日8:00-17:00``) is the note of an all-day period.
A time window later in the same clause as a single day (``5月11日停电，时间为8时至18时``)
makes it a timed period, and days listed together share the window written once
(``5月11日、12日8:00-17:00``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from itertools import accumulate, pairwise
from zoneinfo import ZoneInfo

from notices.calendars import add_workdays
from notices.date_grammar import START_KEYWORDS, Draft, Grammar, Point
from notices.date_tokens import Kind, Token, tokenize, windows
from notices.errors import DateSyntaxError
from notices.impossible import find_impossible, masked
from notices.model import Period
from notices.normalize import normalize

_CJK = r"\u4e00-\u9fff"
_ROC = r"(?:中华民国|民国)?"  # 施工期間：民國111年…: the era name sits between label and date
_LABEL_COLON = re.compile(rf"([{_CJK}]{{2,8}})\s*(?:为|是)?\s*:\s*(?:自|从|于|在)?\s*{_ROC}\s*$")
_LABEL_SUFFIX = re.compile(
    rf"([{_CJK}]{{0,14}}(?:时间|期限|日期|期间|时段|有效期|公示期|公告期|咨询期|征询期|异议期|展示期))\s*(?:为|是|:)?\s*(?:自|从|于|在|由)?\s*{_ROC}\s*$"
)
_CLAUSE_BREAK = re.compile(r"[。;；!?！？]")
#: What may stand right before a label that opens its phrase: a line or list start.
_LABEL_OPENERS = frozenset("、,，:：.． \t")
_ENUM_BEFORE = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]$")
#: A label's last two words: the thing and the kind of time ("施工期限", "展示时间").
_LABEL_HEAD = re.compile(
    rf"[{_CJK}]{{2}}(?:时间|期限|日期|期间|时段|有效期|公示期|公告期|咨询期|征询期|异议期|展示期)$"
)
#: A numbered section heading on a line of its own ("五、考试", "（二）体检时间").
_HEADING = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]{{1,3}}[、.．]|[(（][一二三四五六七八九十\d]{{1,3}}[)）]|\d{{1,2}}[、.．])\s*[{_CJK}]{{2,12}}\s*$"
)
#: A list item's number right before its name ("一、", "（二）", "3.").
_SECTION_MARK = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])\s*$"
)
_LIST_JOINER = re.compile(r"\s*(?:及|和|与|以及|、|,)\s*")
_DEADLINE_LEAD = re.compile(rf"(?:^|(?<=[、,:;\s]))([{_CJK}]{{2,6}})\s*(?:截至|截止)")
#: A "X：" lead-in names a period only when it speaks of time.
_LABEL_LIKE = re.compile(r"时|期|日|限|截止|截至|档")
_KNOWN_LABELS = (
    ("报名", "报名时间"),
    ("停电", "停电时间"),
    ("停水", "停水时间"),
    ("停气", "停气时间"),
    ("暂停供电", "停电时间"),
    ("暂停供水", "停水时间"),
    ("暂停食水供应", "停水时间"),
    ("暂停供气", "停气时间"),
    ("停暖", "停暖时间"),
    ("封闭", "封闭期限"),
    ("封路", "封闭期限"),
    ("断交", "封闭期限"),
    ("交通管制", "管制时间"),
    ("管制", "管制时间"),
    ("征求意见", "征求意见时间"),
    ("意见反馈", "征求意见时间"),
    ("公示", "公示期"),
    ("开标", "开标时间"),
    ("投标", "投标时间"),
    ("拍卖", "拍卖时间"),
    ("竞买", "竞买时间"),
    ("面试", "面试时间"),
    ("笔试", "笔试时间"),
    ("考试", "考试时间"),
    ("施工", "施工时间"),
    ("招租", "招租时间"),
)
_QUALIFIER = re.compile(
    r"\s*,?\s*((?:每[日天]|每周[一二三四五六日天至到~-]{1,5}|工作日|(?:法定)?节假日|双休日|周末)"
    r"[^,。;；\n()]{0,12})"
)
_NOTE_PAREN_MAX = 30
#: "9:30（北京时间）": the zone the notice is written in anyway, no note.
_ZONE_NAMES = frozenset({"北京时间", "香港时间", "台北时间", "当地时间"})
_SINCE_LEAD = re.compile(r"(?:自|从)[^,。;；:\s]{0,12}$")
_CAN_START = (Kind.NUM, Kind.WORD, Kind.KW, Kind.RELWEEK)  # a tuple: Enum hashing is slow
_NOT_AFTER_NUM = (Kind.GAP, Kind.PAREN)  # a number followed by prose or brackets starts nothing


def find_periods(text: str, *, base: date, tz: ZoneInfo) -> list[Period]:
    """All periods in a piece of text, in order. ``base`` is the publication date.

    Dates no calendar has (2023年2月29日, 12月40日) and backwards ranges are left out, never
    read as another date (notices.impossible says which and why)."""
    if not isinstance(text, str):
        return []
    return _find(masked(text, find_impossible(normalize(text))), base, tz, lenient=False)


def parse_period(text: str, *, base: date, tz: ZoneInfo) -> Period:
    """The one period in text a person typed; DateSyntaxError when there is none or several."""
    if not text or not text.strip():
        raise DateSyntaxError("no date given")
    if len(text) > 500:
        raise DateSyntaxError("a period is a short piece of text (at most 500 characters)")
    periods = _find(text, base, tz, lenient=True)
    if not periods and text.isascii():
        single = _dateparser_single(text.strip(), base)
        if single is not None:
            stripped = text.strip()
            offset = text.index(stripped)
            return Period(single, single, text=stripped, span=(offset, offset + len(stripped)))
    if not periods:
        raise DateSyntaxError(f"no date or period found in {text.strip()!r}")
    if len(periods) > 1:
        found = "; ".join(p.text for p in periods)
        raise DateSyntaxError(f"more than one period found ({found}); give one")
    return periods[0]


def _dateparser_single(text: str, base: date) -> date | None:
    """English single dates the grammar does not spell out (``3rd of June``), via dateparser."""
    import dateparser  # imported late: it costs a noticeable start-up time

    settings = {
        "RELATIVE_BASE": datetime.combine(base, time(12)),
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day"],
    }
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    return None if found is None else found.date()


def _find(text: str, base: date, tz: ZoneInfo, *, lenient: bool) -> list[Period]:
    if not isinstance(text, str):
        return []
    norm = normalize(text)
    tokens: list[Token] = []
    for start, end in windows(norm):
        if tokens:
            tokens.append(Token(Kind.GAP, "", start, start))
        tokens.extend(tokenize(norm, start, end))
    if not tokens:
        return []
    grammar = Grammar(tokens, base, norm)
    periods: list[Period] = []
    chain: list[int] = []  # bare days listed together (5月11日、12日…) that a time window may follow
    prev: Point | None = None
    prev_date: date | None = None
    hint: date | None = None
    prev_end = -1
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.kind
        if kind not in _CAN_START or (kind is Kind.KW and tok.value not in START_KEYWORDS):
            i += 1
            continue
        if kind is Kind.NUM and (i + 1 == n or tokens[i + 1].kind in _NOT_AFTER_NUM):
            i += 1
            continue
        ctx = prev if _continues(tokens, prev_end, i) else None
        draft = grammar.period(i, ctx)
        if draft is None and lenient and i == 0:
            draft = _lenient(grammar, base)
        if draft is None:
            i += 1
            continue
        anchor = prev_date if ctx is not None else None
        period = _resolve(draft, text, norm, tokens, base, tz, anchor, hint)
        if period is None:
            i += 1
            continue
        last = draft.last
        if ctx is None:
            chain = []
        if _bare_day(draft):
            attached = _attached_window(grammar, draft, period, text, norm, base, tz)
            listed = _listed_days_window(grammar, draft, periods, chain, period, text) if chain else None
            if listed is not None:
                # 2月22日及23日每日凌晨2時至5時30分: one span of days with its daily window
                period, last = listed
                del periods[chain[0] :]
                chain = []
            elif attached is None:
                chain.append(len(periods))
            else:
                period, last = attached
                _share_window(periods, chain, period)
                chain = []
        elif chain and _day_window(draft) and isinstance(period.start, datetime):
            _share_window(periods, chain, period)
            chain = []
        else:
            chain = []
            if _bare_days(draft) and period.all_day:
                daily = _daily_window_after(grammar, draft, period, text, norm)
                if daily is not None:
                    period, last = daily
        if draft.start is not None and draft.start.hour == 0 and not period.all_day:
            period = _whole_days(period)
        periods.append(period)
        prev = draft.start if draft.start is not None and draft.start.has_date else draft.end
        prev_date = _first_date(period)
        if any(pt is not None and pt.year is not None for pt in (draft.start, draft.end)):
            hint = _first_date(period)
        prev_end = last
        i = max(last, i + 1)
    return _with_labels(periods, norm)


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


def _bare_day(draft: Draft) -> bool:
    """One calendar day with no time of day: a time window later in the clause may be its hours."""
    pt = draft.start
    return (
        pt is not None
        and pt is draft.end
        and draft.duration_days is None
        and pt.has_date
        and pt.hour is None
        and pt.part == "day"
    )


def _day_window(draft: Draft) -> bool:
    """A date with hours (``12日8:00-17:00``): the end is a bare time on the same day."""
    start, end = draft.start, draft.end
    return (
        start is not None and start.has_date and start.hour is not None and end is not None and end.time_only
    )


def _bare_days(draft: Draft) -> bool:
    """A range of whole days with no hours and no daily window yet (5月11日至13日)."""
    start, end = draft.start, draft.end
    return (
        start is not None
        and end is not None
        and start is not end
        and draft.daily is None
        and draft.duration_days is None
        and start.has_date
        and end.has_date
        and start.hour is None
        and end.hour is None
    )


def _daily_window_after(
    grammar: Grammar, draft: Draft, days: Period, text: str, norm: str
) -> tuple[Period, int] | None:
    """``5月11日至13日停电，时间为8时至18时``: hours after a range hold each day (a note)."""
    found = _window_after(grammar, draft, days, norm)
    if found is None or days.span is None:
        return None
    window = found[1]
    tokens = grammar.t
    begin, finish = days.span[0], tokens[window.last - 1].end
    start, end = window.start, window.end
    if start is None or end is None or start.hour is None or end.hour is None:
        return None
    daily = _clock_window(((start.hour, start.minute), (end.hour, end.minute)))
    return _replace(days, daily=daily, text=text[begin:finish], span=(begin, finish)), window.last


def _window_after(grammar: Grammar, draft: Draft, day: Period, norm: str) -> tuple[int, Draft] | None:
    """A bare time window (8时至18时) later in the clause of ``draft``, and where it starts.

    Only words may stand between (no other number, no sentence break), and a date alone
    on its line (a signature) never takes hours from the next line.
    """
    tokens = grammar.t
    j = draft.last
    window: Draft | None = None
    for _ in range(10):
        tok = grammar.at(j)
        if tok is None:
            return None
        if tok.kind is Kind.NUM or (tok.kind is Kind.KW and tok.value in START_KEYWORDS):
            window = grammar.period(j, draft.start)
            if window is not None and window.start is not None and window.end is not None:
                break
            if tok.kind is Kind.NUM:
                return None  # another number first: the hours are not this day's
            window = None  # a part of the day said alone (5月28日上午实施): look on
        elif not ((tok.kind is Kind.GAP and tok.value) or tok.is_sep(",", ":") or tok.is_kw("时间", "为")):
            return None
        j += 1
    if window is None or window.start is None or window.end is None:
        return None
    if not (window.start.time_only and window.end.time_only):
        return None
    date_end, time_start = tokens[draft.last - 1].end, tokens[j].start
    between = norm[date_end:time_start]
    if _CLAUSE_BREAK.search(between) or any(ch.isdigit() for ch in between):
        return None
    if len("".join(between.split())) > 24:
        return None
    if "\n" in between and day.span is not None:
        line_start = norm.rfind("\n", 0, day.span[0]) + 1
        if not norm[line_start : day.span[0]].strip() and not between.split("\n", 1)[0].strip():
            return None
    return j, window


def _attached_window(
    grammar: Grammar, draft: Draft, day: Period, text: str, norm: str, base: date, tz: ZoneInfo
) -> tuple[Period, int] | None:
    """The hours of a bare day written apart from it in the same clause.

    ``5月11日停电，时间为8时至18时`` and ``5月11日（星期三），8:30—17:30`` are one timed
    period each.
    """
    found = _window_after(grammar, draft, day, norm)
    if found is None:
        return None
    window = found[1]
    tokens = grammar.t
    anchor = _first_date(day)
    timed = _resolve(window, text, norm, tokens, base, tz, anchor)
    if timed is None or timed.span is None or day.span is None:
        return None
    begin, finish = day.span[0], timed.span[1]
    note = "；".join(dict.fromkeys(n for n in (day.note, timed.note) if n)) or None
    merged = Period(
        timed.start, timed.end, all_day=False, note=note, text=text[begin:finish], span=(begin, finish)
    )
    return merged, window.last


def _listed_days_window(
    grammar: Grammar, draft: Draft, periods: list[Period], chain: list[int], day: Period, text: str
) -> tuple[Period, int] | None:
    """Consecutive days listed (22日及23日) and then a window said to repeat (每日/每晚 2时至5时):
    one span over those days with the window, as the conventions write a daily window."""
    lead = grammar.at(draft.last)
    if lead is None or not (
        lead.is_kw("每日", "每天") or (lead.kind is Kind.GAP and str(lead.value).strip().startswith("每"))
    ):
        return None
    found = grammar.window(draft.last)
    if found is None or day.start is None or day.span is None:
        return None
    days = [periods[i] for i in chain] + [day]
    firsts = [p.start for p in days]
    if not all(isinstance(d, date) and not isinstance(d, datetime) for d in firsts):
        return None
    if any((b - a).days != 1 for a, b in pairwise(firsts)):  # type: ignore[operator]
        return None
    opening, closing, last = found
    first = days[0]
    assert first.span is not None
    begin, finish = first.span[0], grammar.t[last - 1].end
    daily = _clock_window((opening, closing))
    span = Period(
        first.start, day.start, label=first.label, text=text[begin:finish], span=(begin, finish), daily=daily
    )
    return span, last


def _share_window(periods: list[Period], chain: list[int], window: Period) -> None:
    """``5月11日、12日8:00-17:00``: the hours written once hold for every day listed."""
    start, end = window.start, window.end
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return
    days_over = end.date() - start.date()
    for index in chain:
        day = periods[index]
        if not isinstance(day.start, date) or isinstance(day.start, datetime):
            continue
        new_start = datetime.combine(day.start, start.timetz())
        new_end = datetime.combine(day.start + days_over, end.timetz())
        periods[index] = _replace(day, start=new_start, end=new_end, all_day=False)


def _lenient(grammar: Grammar, base: date) -> Draft | None:
    """What a person may type but a page may not mean: a bare month, a bare time range."""
    found = grammar.point(0, Point(fixed=base))
    if found is None:
        return None
    pt, j = found
    conn = grammar.connector(j)
    if conn is not None:
        end = grammar.point(conn, pt if pt.has_date else Point(fixed=base))
        if end is not None:
            start = pt if pt.has_date else Point(fixed=base, hour=pt.hour, minute=pt.minute)
            return Draft(start, end[0], 0, end[1])
    if pt.time_only:
        return None
    return Draft(pt, pt, 0, j)


def _continues(tokens: list[Token], prev_end: int, i: int) -> bool:
    """Is token ``i`` the next item of a list that the previous period started (、 and 及)?"""
    if prev_end < 0:
        return False
    if i != prev_end + 1:
        return False
    between = tokens[prev_end]
    if between.kind is Kind.SEP:
        return between.value in ("、", ",")
    return between.kind is Kind.GAP and str(between.value).strip() in ("和", "及", "以及", "与", "and")


def _first_date(period: Period) -> date | None:
    value = period.start if period.start is not None else period.end
    if isinstance(value, datetime):
        return value.date()
    return value


# --------------------------------------------------------------------- resolution


def _make(year: int, month: int, day: int | None, part: str) -> tuple[date, date] | None:
    """First and last day a point covers, or None if it is not a calendar date."""
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


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _extent(
    pt: Point, base: date, anchor: date | None, hint: date | None = None, *, listed: bool = False
) -> tuple[date, date] | None:
    """Calendar extent of ``pt``; fields it leaves out come from ``anchor`` or ``base``.

    ``hint`` is where the last period the text wrote with its year begins: a later yearless
    date the nearest year would put before it ("2022年2月15日至28日……8月15日至31日",
    published 1 January) continues that year instead."""
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
        # a day with neither month nor year (13日21:00): the month that puts it nearest
        months = (_shift_month(base.year, base.month, by) for by in (-1, 0, 1))
        days = [d for y, m in months if (d := _make(y, m, pt.day, "day")) is not None]
        return min(days, key=lambda d: abs((d[0] - base).days), default=None)
    if pt.year is not None:
        return _make(pt.year, pt.month, pt.day, pt.part)
    best: tuple[date, date] | None = None
    best_distance = 10**6
    for year in (base.year - 1, base.year, base.year + 1):
        extent = _make(year, pt.month, pt.day, pt.part)
        if extent is None:
            continue
        first, last = extent
        distance = 0 if first <= base <= last else min(abs((first - base).days), abs((last - base).days))
        if distance < best_distance:
            best, best_distance = extent, distance
    if hint is not None and best is not None and best[1] < hint:
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
    if tokens[draft.first].kind is Kind.KW and tokens[draft.first].value == "之日起":
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
            start_pt = Point(fixed=anchor, hour=start_pt.hour, minute=start_pt.minute)

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
        if draft.more_hours is not None:
            notes.append(text[draft.more_hours[0] : draft.more_hours[1]].strip())

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
        )
        return _finish(period, draft, text, norm, tokens)
    except ValueError:
        return None


# ------------------------------------------------------------------ labels, notes


def _finish(period: Period, draft: Draft, text: str, norm: str, tokens: list[Token]) -> Period:
    """Add the note written right after the period (brackets, 每日/节假日除外 qualifiers)."""
    notes = [period.note] if period.note else []
    j = draft.last
    after = tokens[j] if j < len(tokens) else None
    end = tokens[draft.last - 1].end
    if after is not None and after.kind is Kind.PAREN and len(str(after.value)) <= _NOTE_PAREN_MAX:
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
    }
    values.update(changes)
    return Period(**values)  # type: ignore[arg-type]


def _with_labels(periods: list[Period], norm: str) -> list[Period]:
    out: list[Period] = []
    for index, period in enumerate(periods):
        if period.label is not None or period.span is None:
            out.append(period)
            continue
        begin, finish = period.span
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.label
            and previous.span is not None
            and _LIST_JOINER.fullmatch(norm[previous.span[1] : begin])
        ):
            # 展示时间：3月29日及30日…: an item of a list shares the list's label
            out.append(_replace(period, label=previous.label))
            continue
        if (
            previous is not None
            and previous.label
            and previous.span is not None
            and _next_row(norm, previous.span[0], begin)
        ):
            # a table flattened into lines ("6月18日 6:00-18:00 10kV城东线 …"): a row under a
            # labelled row is the same kind of period
            out.append(_replace(period, label=previous.label))
            continue
        following = periods[index + 1].span if index + 1 < len(periods) else None
        limit = following[0] if following is not None else len(norm)
        label = (_deadline_label(norm, begin) if period.start is None else None) or _label(
            norm, begin, finish, limit
        )
        out.append(_replace(period, label=label) if label else period)
    return out


def _next_row(norm: str, above: int, begin: int) -> bool:
    """Whether ``begin`` opens the line right below the line that ``above`` opens."""
    line = norm.rfind("\n", 0, begin)
    return (
        line >= 0
        and not norm[line + 1 : begin].strip()
        and norm.count("\n", above, begin) == 1
        and not norm[norm.rfind("\n", 0, above) + 1 : above].strip()
    )


def _deadline_label(norm: str, begin: int) -> str | None:
    """ "竞买申请截至5月29日": the words before 截至 name what closes."""
    match = _DEADLINE_LEAD.search(norm, max(0, begin - 12), begin + 3)
    return None if match is None else f"{match.group(1)}截止时间"


def _label(norm: str, begin: int, finish: int, limit: int) -> str | None:
    before = norm[max(0, begin - 40) : begin]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    # Line breaks go (PDF breaks labels mid-word: "报名\n时间："), but where a line began is kept: a
    # label that starts its line opens its phrase ("项目编号：…\n获取招标文件时间：").
    pieces = before.split("\n")
    if len(pieces) > 1 and _HEADING.match(pieces[-2]) and _LABEL_SUFFIX.search(pieces[-1]):
        pieces = pieces[-1:]  # "五、考试\n笔试时间：": the section heading is not part of the label
    line_starts = set(accumulate(len(piece) for piece in pieces[:-1]))
    before = "".join(pieces)
    match = _LABEL_SUFFIX.search(before)
    if match is not None:
        return _trimmed_label(before, match.start(1), match.group(1), match.start(1) in line_starts)
    match = _LABEL_COLON.search(before)
    if match is not None and (
        _LABEL_LIKE.search(match.group(1)) or _SECTION_MARK.search(before, 0, match.start(1)) is not None
    ):
        return match.group(1)  # "报名时间：" / "一、资格复审：": a numbered item named by what happens
    if match is not None:
        before = match.group(1)  # "各乡镇、县级各部门：" / "将对以下线路停电：": a lead-in, not a label
    own = norm[begin:finish]  # 5月11日停电，时间为8时至18时 names itself
    if _alone_on_line(norm, begin, finish) and not any(word in own for word, _ in _KNOWN_LABELS):
        return None  # a signature or dateline, not part of a sentence
    after = norm[finish : min(limit, finish + 160)]
    cut = _CLAUSE_BREAK.search(after)
    if cut is not None:
        after = after[: cut.start()]
    clause = before + own + after
    for word, label in _KNOWN_LABELS:
        if word in clause:
            return label
    return None


def _trimmed_label(before: str, start: int, label: str, starts_line: bool = False) -> str:
    """The label as written where it opens its phrase ("二、获取招标文件时间："); only the
    last words when it ends a longer run of prose ("…路段）东侧辅道施工期限：" → 施工期限)."""
    opens = (
        starts_line
        or start == 0
        or before[start - 1] in _LABEL_OPENERS
        or _ENUM_BEFORE.search(before, 0, start) is not None
    )
    head = _LABEL_HEAD.search(label)
    name = label if head is None else label[: head.start() + 2]
    if opens and (len(name) <= 8 or "时间" in name or "截止" in name):
        return label  # a long opening run is a label only when it is a compound of labels
    return label if head is None else label[head.start() :]


def _alone_on_line(norm: str, begin: int, finish: int) -> bool:
    """Nothing but spaces before and after the period on its line (looked at nearby only)."""
    head = norm[max(0, begin - 200) : begin]
    tail = norm[finish : finish + 200]
    cut = head.rfind("\n")
    stop = tail.find("\n")
    return not head[cut + 1 :].strip() and not tail[: stop if stop >= 0 else len(tail)].strip()
