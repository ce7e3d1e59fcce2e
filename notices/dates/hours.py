"""Hours written apart from their day.

``5月11日停电，时间为8时至18时`` is one timed period, and a window said before or after a range of
days (``每晚11时至翌日5时``) is its daily window. The reading loop in ``__init__`` calls these after a
bare day or a range of days; days listed together and the hours they share are in ``listed``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from notices.dates.clause_verb import closes_after, item_closes_after
from notices.dates.from_hour import from_hour
from notices.dates.grammar import Grammar
from notices.dates.halves import _HALVES, with_half_before
from notices.dates.points import Draft
from notices.dates.quantities import without_quantities
from notices.dates.resolve import _clock_window, _first_date, _replace, _resolve
from notices.dates.tokens import GAP, KW, NUM, WORD
from notices.dates.vocabulary import _CLAUSE_BREAK, START_KEYWORDS
from notices.model import Period


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
    if window.start is window.end and days.start == days.end:
        return None  # 今天某镇上午8时30分停电: one hour on one day is a moment, no window each day
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
    for _ in range(48):
        tok = grammar.at(j)
        if tok is None:
            return None
        if j == draft.last and _day_count(grammar, j):
            j += 2  # 4月14日、19日两天，8时至17时: the count of the days listed, then their hours
            continue
        opening = tok.kind is WORD and tok.value in ("from", "between")
        if opening or tok.kind is NUM or (tok.kind is KW and tok.value in START_KEYWORDS):
            window = grammar.period(j, draft.start) or (from_hour(grammar, j, draft) if opening else None)
            window = window or _until_over(grammar, j, draft)  # 6月21日，8时30分至活动结束
            window = with_half_before(grammar, j, window or _moment(grammar, j, draft))
            if (
                window is not None
                and window.start is not None
                and (window.end is not None or _from_hour(window))
            ):
                break
            if opening:
                window = None
                j += 1
                continue
            if tok.kind is NUM:
                return None  # another number first: the hours are not this day's
            window = None  # a part of the day said alone (5月28日上午实施): look on
        elif not (
            tok.kind in (GAP, WORD)  # words, or a stretch the tokenizer skipped (measured below)
            or tok.is_sep(",", ":")
            or (tok.is_sep("、") and j > draft.last)  # 香港科學館、香港太空館……將於下午五時
            or tok.is_kw("时间", "为", "每日", "每天")
        ):
            return None
        j += 1
    if window is None or window.start is None or (window.end is None and not _from_hour(window)):
        return None
    if not (window.start.time_only and (window.end is None or window.end.time_only)):
        return None
    date_end, time_start = tokens[draft.last - 1].end, tokens[j].start
    if _day_count(grammar, draft.last):
        date_end = tokens[draft.last + 1].end
    between = norm[date_end:time_start]
    if _CLAUSE_BREAK.search(between) or any(ch.isdigit() for ch in between):
        return None
    # a word of English is several letters where Chinese says it in one or two characters
    reach = _MOMENT_REACH if window.start is window.end else 64 if between.isascii() else 24
    if len("".join(between.split())) > reach:
        return None
    if "\n" in between and day.span is not None:
        line_start = norm.rfind("\n", 0, day.span[0]) + 1
        if not norm[line_start : day.span[0]].strip() and not between.split("\n", 1)[0].strip():
            return None
    return j, window


#: A day's one clock time may come after a list of who it concerns (聖誕節前夕(十二月二十四日)，
#: 香港科學館、香港太空館……將提早於下午五時休館), still in the sentence.
_MOMENT_REACH = 160


def _day_count(grammar: Grammar, j: int) -> bool:
    """``两天`` / ``3天`` right after the last of the days listed (14日、19日两天): how many days
    were named, not another number the hours would belong to."""
    count, unit = grammar.at(j), grammar.at(j + 1)
    return (
        count is not None
        and count.kind is NUM
        and isinstance(count.value, int)
        and 1 <= count.value <= 7
        and unit is not None
        and unit.is_kw("天")
    )


def _from_hour(window: Draft) -> bool:
    """An hour a period opens at, with no end (8时起, from 6 pm)."""
    return window.start is not None and window.start.time_only and window.end is None


def _moment(grammar: Grammar, j: int, draft: Draft) -> Draft | None:
    """One clock time said of the day (12月24日提早于下午五时休馆): a moment on that day."""
    found = grammar.point(j, draft.start)
    if found is None or not found[0].time_only or found[0].hour is None:
        return None
    return Draft(found[0], found[0], j, found[1])


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
    start = timed.start
    due = grammar.at(window.first - 1)
    if start == timed.end and due is not None and due.kind is WORD and due.value in ("by", "before"):
        start = None  # 27 February 2025 (by 5:30pm): the day's hour is a deadline, no moment
    merged = Period(start, timed.end, all_day=False, note=note, text=text[begin:finish], span=(begin, finish))
    return merged, window.last


#: Where a sentence ends: hours after it are no longer the day's before it.
_SENTENCE = frozenset("。！？!?\n")


def _sibling_hours(grammar: Grammar, i: int, day: Draft, last: Period, norm: str) -> Draft | None:
    """Hours at ``i`` for another place on the day the sentence already gave hours for
    (5月12日，和平路8时至12时停电，新华路14时至18时停电; On May 12, … from 6 pm; … from 6.30 pm)."""
    if last.span is None:
        return None
    tok = grammar.t[i]
    between = norm[last.span[1] : tok.start]
    # 限电量300万瓩；第二轮…: amounts, not dates (taken out only of a short stretch: a long one is not near)
    near = len(between) <= 60 and not any(
        ch in _SENTENCE or ch.isdigit() for ch in without_quantities(between)
    )
    # "… closed from 3.30pm to 11pm. The road along X will be closed from 6.30pm to 11pm."
    # (a list of the roads the first measure closes, one short line each, is not counted; the
    # tests run cheapest first, as the stretch may run to the end of a long text)
    # (numbered roads, 1. Main Street ⏎ 2. Queen Road, hold no date: their numbers are left out)
    near = near or (
        not _DATED.search(_NUMBERED.sub("", between))
        and (len(between) <= 240 or len(_NUMBERED_ROAD.sub("", _ROAD_LIST.sub("", between))) <= 240)
        and (
            _CLOSED_EN.search(between) is not None
            # "… will be closed. Between noon and 5pm, two lanes will be closed.": the next sentence
            # opens with its hours
            or (
                tok.kind is WORD
                and tok.value in ("between", "from")
                and _CLOSED_EN_END.search(between) is not None
            )
        )
    )
    listed = not near and _next_measure(between)
    if not near and not listed and not _measures_on(between):
        return None
    hours = _after_half(grammar, i, day) or grammar.period(i, day.start)
    if hours is None and near:
        hours = _until_over(grammar, i, day)  # 8:00至12:30,14:00至考生离校: the second runs until over
    if listed:  # 由晚上七时起直至人群散去，…将会封闭: the next measure on the list, its own verb
        hours = hours or _until_over(grammar, i, day)  # (二)7时45分起至比赛结束，…禁止通行
        near = (
            hours is not None
            and hours.start is not None
            and (closes_after(norm, grammar, hours) or item_closes_after(norm, grammar, hours))
        )
        if _rows_of_hours(norm, last, tok.start):
            near = True
            hours = hours or _until_over(grammar, i, day)
    if not near and (
        hours is None or hours.end is not None or not _OPENS_AT.match(norm, grammar.t[hours.last - 1].end)
    ):
        return None  # further on, only an hour a measure starts at (凌晨3时起开始管制)
    if hours is None and tok.kind is WORD and tok.value == "from":
        hours = from_hour(grammar, i, day)
    if hours is None and tok.kind is not WORD:
        hours = _moment(grammar, i, day)
        if (
            hours is not None
            and not _CLOSES_AT.match(norm, grammar.t[hours.last - 1].end)
            and not (last.start == last.end and _THAT_DAY_BEFORE.search(between))
            and not (last.is_moment and _MOMENT_LIST.fullmatch(between))
        ):
            return None  # 并于6时30分正式起跑: a moment inside what the sentence dated, no place's hours
    if hours is None or hours.start is None or not hours.start.time_only:
        return None
    return hours


def _after_half(grammar: Grammar, i: int, day: Draft) -> Draft | None:
    """The hours at ``i`` read with the half of the day prose writes just before them (第三轮为晚间
    7时30分至8时15分): from the number alone, 7时30分 would be the morning. An end hour that is
    earlier than the start only as a morning hour is in the same evening (至8时15分 is 20:15)."""
    before = grammar.at(i - 1) if i > 0 else None
    if before is None or before.kind is not GAP or str(before.value).strip() not in _HALVES:
        return None
    plain = grammar.period(i, day.start)
    window = with_half_before(grammar, i, plain)
    if window is None or window is plain or window.start is None:
        return None
    end, start = window.end, window.start
    if (
        end is not None
        and end.time_only
        and end.hour is not None
        and start.hour is not None
        and end.hour < 12 <= start.hour
        and (end.hour + 12, end.minute) > (start.hour, start.minute)
    ):
        window = replace(window, end=replace(end, hour=end.hour + 12))
    return window


def _until_over(grammar: Grammar, i: int, day: Draft) -> Draft | None:
    """``7时至比赛结束`` at ``i``: from that hour until what is on is over (an open end)."""
    found = grammar.point(i, day.start)
    if found is None or not found[0].time_only:
        return None
    conn = grammar.connector(found[1])
    if conn is None or not grammar._open_end(conn):
        return None
    return Draft(found[0], None, i, conn)


def _rows_of_hours(norm: str, last: Period, begin: int) -> bool:
    """Hours opening their line under a row that opened with hours too, at a line's start or right
    after the colon of a lead (具体时间和路段为：7时至9时30分，人民路； ⏎ 7时至10时30分，银河一路):
    the rows of one schedule for the day above, each with its roads."""
    if last.span is None or last.all_day or begin == 0 or norm[begin - 1] != "\n":
        return False
    opened = last.span[0]
    lead = norm[max(0, opened - 1) : opened]
    return opened == 0 or lead in ("\n", ":", "：")


def _next_measure(between: str) -> bool:
    """The end of one measure and the mark of the next on the line under it (…将会封闭。⏎ *), with
    no date or hour between them."""
    if len(between) > 240:
        return False
    laid_out = "\n" in between or _COLON_ITEM.search(between) is not None
    return laid_out and not _DATED.search(_NUMBERED.sub("", between))


#: The number of an item opening its line (2. / (3) / 4、): no date.
_NUMBERED = re.compile(r"(?m)(?:^|(?<=[:：]))[ \t]*[(（]?\d{1,2}[)）.、．](?!\d)")
#: A lead's colon and the mark of the first item run onto its line (…实施交通管制：1、): a list.
_COLON_ITEM = re.compile(
    r"[:：][ \t]*(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）、．]|[(（]\d{1,2}[)）])[ \t]*$"
)


def _measures_on(between: str) -> bool:
    """Text that goes on about the same day: the measures listed after its hours (管制时间：…
    5时至14时。二、管制方式：(一)民生路封闭，台19线…), in one line, with no other date or hour."""
    return len(between) <= 160 and "\n" not in between and not _DATED.search(between)


#: A number that dates or times something, unlike a road's (台19线) or an item's.
_DATED = re.compile(r"\d\s*[年月日号时時点:：/.\-]|[〇一二三四五六七八九十两]\s*[时點点]")
#: 上午10时于甲地及当日下午2时于乙地: after a moment, an hour that names its day again is another
#: moment on that day (a second meeting), not a moment inside the first.
_THAT_DAY_BEFORE = re.compile(r"(?:当日|当天|同日|同一天)\s*$")
#: Moments listed on one day (3月23日上午8:30，下午1:30): each a sitting of its own.
_MOMENT_LIST = re.compile(r"\s*[,，、和及与]\s*(?:上午|下午|晚上|中午|早上)?\s*")
#: What an hour said further on must start to be a measure's (凌晨3时起开始管制).
_OPENS_AT = re.compile(
    r"\s*(?:起|开始)\s*(?:开始)?\s*(?:封路|封闭|封锁|禁止|实施(?:交通)?管制|管制|停电|停水|停气)"
)

#: An English sentence about another road closed on the same day, its hours next.
#: A line of a list of roads under a measure: "- Westbound Queensway;".
_ROAD_LIST = re.compile(r"(?m)^[ \t]*[-–•·*][^\n\d]{1,60}(?:\n|$)")
#: The same list numbered (1. The section of Gloucester Road between … ;), each road a line.
_NUMBERED_ROAD = re.compile(r"(?m)^[ \t]*[(（]?\d{1,2}[)）.、．](?!\d)[^\n\d]{1,120}(?:\n|$)")
_CLOSED_EN_END = re.compile(r"(?i)\bwill\s+(?:also\s+)?be\s+(?:\w+ly\s+)?(?:closed|shut|suspended)\.\s*$")
_CLOSED_EN = re.compile(
    r"(?i)\bwill\s+(?:also\s+)?be\s+(?:\w+ly\s+)?(?:closed|shut|suspended|implemented)"
    r"(?:\s+to\s+traffic)?(?:\s+from|\s+between)?\s*$"
)

#: What a lone hour starts when said right after it (港岛在傍晚六时半封路).
_CLOSES_AT = re.compile(r"\s*(?:起|开始)?\s*(?:封路|封闭|封锁|实施(?:交通)?管制|停电|停水|停气|断电|断水)")


_CLOCK_EN = r"(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\.?"
#: An English daily window said before its days: "nightly from 11pm to 5am, from 4 to 8 March".
_WINDOW_BEFORE = re.compile(
    r"(?:daily|nightly|every\s+(?:day|night|evening)|each\s+(?:day|night))\s+(?:from\s+)?"
    + _CLOCK_EN
    + r"\s*(?:to|until|till|-)\s*"
    + _CLOCK_EN
    + r"[\s,]*(?:from|on|between|during)?\s*$",
    re.IGNORECASE,
)


def _daily_window_before(days: Period, norm: str) -> Period:
    """``The lane will be closed nightly from 11pm to 5am, from 4 to 8 March``: the days with
    the window written before them; unchanged when there is none."""
    if days.span is None or days.daily is not None:
        return days
    begin = days.span[0]
    found = _WINDOW_BEFORE.search(norm, max(0, begin - 60), begin)
    if found is None:
        return days
    h1, m1, half1, h2, m2, half2 = found.groups()
    opening = _clock_en(int(h1), int(m1 or 0), half1)
    closing = _clock_en(int(h2), int(m2 or 0), half2)
    if opening is None or closing is None:
        return days
    return _replace(days, daily=_clock_window((opening, closing)))


def _clock_en(hour: int, minute: int, half: str) -> tuple[int, int] | None:
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return (hour % 12 + (12 if half.lower() == "p" else 0), minute)
