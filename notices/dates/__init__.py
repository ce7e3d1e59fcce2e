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

The reading goes in steps, a module each: tokens.py cuts the text into tokens, grammar.py
(over around.py, windows.py, point_reader.py, english.py and vocabulary.py) reads
unresolved drafts, resolve.py turns them into periods, hours.py attaches hours written
apart from their day and labels.py names what each period is for; the loop here ties them together.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from notices.dates.begun_until import begun_until
from notices.dates.bullet_hours import hours_below
from notices.dates.day_lists import text_tokens
from notices.dates.deadline_column import column_deadlines, header_deadlines
from notices.dates.en_daily import daily_before
from notices.dates.en_day_hours import hours_on_named_day
from notices.dates.en_lasting import with_en_lengths
from notices.dates.en_night_pairs import nights_of_pairs
from notices.dates.en_window_list import window_over_listed_days
from notices.dates.grammar import Grammar
from notices.dates.hour_rewrites import readable_hours
from notices.dates.hour_spans import with_hour_lengths
from notices.dates.hours import (
    _attached_window,
    _bare_day,
    _bare_days,
    _daily_window_after,
    _daily_window_before,
    _day_window,
    _sibling_hours,
)
from notices.dates.hours_above import hours_over_days
from notices.dates.labels import _with_labels
from notices.dates.lasting import with_lengths
from notices.dates.later import (
    _day_of_hours,
    _festival_hours,
    _lone_day,
    announced_day,
    day_of,
    due_after_hours,
    later_hours,
    shared_hour,
)
from notices.dates.lead_hours import lead_day_hours
from notices.dates.listed import (
    _listed_days_window,
    _listed_nights,
    _listed_span,
    _second_window,
    _share_window,
    _times_only,
)
from notices.dates.moment_pairs import joined_moments
from notices.dates.named_days import named_day
from notices.dates.next_day_end import next_day_ends
from notices.dates.night_pairs import merged_nights
from notices.dates.outages import outage_windows
from notices.dates.points import Draft, Point
from notices.dates.resolve import _day_deadline, _first_date, _resolve, _whole_days
from notices.dates.restore_hour import restore_hours
from notices.dates.same_opening import opening_at_deadline
from notices.dates.shared_event_hours import shared_event_hours
from notices.dates.slot_headings import slot_headings
from notices.dates.table_pairs import paired_cells
from notices.dates.tokens import (
    GAP,
    KW,
    NUM,
    PAREN,
    RELWEEK,
    SEP,
    WEEKDAY,
    WORD,
    Token,
)
from notices.dates.vocabulary import _FESTIVALS, _WEEKDAY_PAREN, START_KEYWORDS
from notices.dates.weekday_bounds import weekday_bounds
from notices.errors import DateSyntaxError
from notices.impossible import find_impossible, masked
from notices.model import Period
from notices.normalize import normalize
from notices.page_metadata import METADATA_LABEL

__all__ = ["find_periods", "parse_period"]

# a tuple: Enum hashing is slow
_CAN_START = (NUM, WORD, KW, RELWEEK, WEEKDAY, PAREN)
_NOT_AFTER_NUM = (GAP, PAREN)  # a number followed by prose or brackets starts nothing


def find_periods(text: str, *, base: date, tz: ZoneInfo, norm: str | None = None) -> list[Period]:
    """All periods in a piece of text, in order. ``base`` is the publication date; ``norm`` is
    ``normalize(text)`` when the caller has it already.

    Dates no calendar has (2023年2月29日, 12月40日) and backwards ranges are left out, never
    read as another date (notices.impossible says which and why)."""
    if not isinstance(text, str):
        return []
    if norm is None:
        norm = normalize(text)
    impossible = find_impossible(norm)
    if impossible:
        return _find(masked(text, impossible), base, tz, lenient=False)
    return _find(text, base, tz, lenient=False, norm=norm)


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


def _find(text: str, base: date, tz: ZoneInfo, *, lenient: bool, norm: str | None = None) -> list[Period]:
    if not isinstance(text, str):
        return []
    if norm is None:
        norm = normalize(text)
    norm = readable_hours(norm)
    tokens = text_tokens(norm)
    if not tokens:
        return []
    grammar = Grammar(tokens, base, norm)
    periods: list[Period] = []
    chain: list[int] = []  # bare days listed together (5月11日、12日…) that a time window may follow
    prev: Point | None = None
    prev_date: date | None = None
    hint: date | None = None
    prev_end = -1
    sibling: tuple[Draft, date] | None = None  # the one day the last period gave hours on
    lone: tuple[Draft, Period] | None = None  # a whole day read last, which later hours may time
    aside: Period | None = None  # a day the organisers announced on, read after ``lone``
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.kind
        if kind not in _CAN_START or (kind is KW and tok.value not in START_KEYWORDS):
            i += 1
            continue
        if (
            kind is NUM
            and (i + 1 == n or tokens[i + 1].kind in _NOT_AFTER_NUM)
            and tok.digits != 8
            and not (i + 1 < n and tokens[i + 1].kind is PAREN and tokens[i + 1].value in _WEEKDAY_PAREN)
        ):
            i += 1  # (eight digits may be a whole date: 开标日期：20230520; 0513（周六）: see _dot_weekday)
            continue
        ctx = prev if _continues(tokens, prev_end, i) else None
        draft = grammar.period(i, ctx)
        if draft is None and lenient and i == 0:
            draft = _lenient(grammar, base)
        if draft is None and sibling is not None and periods:
            hours = _sibling_hours(grammar, i, sibling[0], periods[-1], norm)
            hours = hours or due_after_hours(grammar, i, sibling[0], periods[-1], norm)  # 当天8:30前
            timed = None if hours is None else _resolve(hours, text, norm, tokens, base, tz, sibling[1])
            if timed is not None and hours is not None:
                periods.append(timed)
                prev_end = hours.last
                i = max(hours.last, i + 1)
                continue
        if draft is None and lone is not None and periods and periods[-1] in (lone[1], aside):
            found = later_hours(grammar, i, lone[0], lone[1], norm, aside if periods[-1] is aside else None)
            day = day_of(lone[1])
            timed = None
            if found is not None and day is not None:
                timed = _resolve(found[0], text, norm, tokens, base, tz, day)
            if timed is not None and found is not None:
                hours, replaces = found
                if replaces:
                    periods[-1] = timed  # the day was the heading; its hours are the arrangement
                else:
                    periods.append(timed)  # an event's day, and the closure's hours on it
                sibling = _day_of_hours(lone[0], timed)
                lone = None
                prev_end = hours.last
                i = max(hours.last, i + 1)
                continue
        if draft is None and kind is KW and tok.value in _FESTIVALS:
            held = _festival_hours(grammar, i, text, norm, base, tz)
            if held is not None:
                day_draft, timed_day, last = held
                periods.append(timed_day)
                sibling = _day_of_hours(day_draft, timed_day)
                prev, prev_date, prev_end = None, _first_date(timed_day), last
                grammar.recent = prev_date
                i = max(last, i + 1)
                continue
        if draft is None:
            i += 1
            continue
        anchor = prev_date if ctx is not None else None
        period = _resolve(draft, text, norm, tokens, base, tz, anchor, _ahead(hint, prev_date, base))
        if period is None:
            i += 1
            continue
        last = draft.last
        if ctx is None:
            _listed_span(periods, chain, text)
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
                period = _hours_over_listed(periods, chain, period, text)
                chain = []
        elif chain and _day_window(draft) and isinstance(period.start, datetime):
            period = _hours_over_listed(periods, chain, period, text)
            chain = []
        elif chain and draft.end is draft.start and isinstance(period.start, datetime):
            _share_window(periods, chain, period)  # 3月18日和3月30日10时30分: each day at that time
            chain = []
        else:
            _listed_span(periods, chain, text)
            chain = []
            if _bare_days(draft) and period.all_day:
                daily = _daily_window_after(grammar, draft, period, text, norm)
                if daily is None and period.start == period.end:  # 今天, 明天: one day said as two points
                    daily = _attached_window(grammar, draft, period, text, norm, base, tz)  # its hours
                if daily is not None:
                    period, last = daily
                else:
                    period = _daily_window_before(period, norm)
        if draft.start is not None and draft.start.hour == 0 and not period.all_day:
            period = _whole_days(period)
        elif draft.start is None and draft.end is not None and draft.end.hour == 24:
            period = _day_deadline(period, norm)
        if ctx is not None and periods and _times_only(draft):
            period = _second_window(periods[-1], period, text)
        shared = (
            shared_hour(periods[-1], period, text)
            if ctx is not None and periods and _bare_day(draft)
            else None
        )
        if shared is not None:
            if chain and chain[-1] == len(periods):
                chain.pop()
            periods.pop()
            period = shared
        periods.append(period)
        sibling = _day_of_hours(draft, period)
        read = (draft, period) if _lone_day(draft) and day_of(period) is not None else None
        kept = read is not None and lone is not None and periods[-2:-1] == [lone[1]]
        aside = period if kept and announced_day(norm, period) else None
        lone = lone if aside is not None else read  # 比赛5月20日举行。5月8日召开发布会…比赛当天…
        prev = draft.start if draft.start is not None and draft.start.has_date else draft.end
        stamp = period.start == period.end and period.span is not None and _page_stamp(norm, period.span[0])
        prev_date = prev_date if stamp else _first_date(period)
        grammar.recent = prev_date
        if not stamp and any(pt is not None and pt.year is not None for pt in (draft.start, draft.end)):
            hint = _first_date(period)
        prev_end = last
        i = max(last, i + 1)
    _listed_span(periods, chain, text)
    periods = hours_below(grammar, outage_windows(grammar, periods, norm), text, norm, tz)
    periods = hours_over_days(grammar, lead_day_hours(grammar, periods, norm, base, tz), norm, tz)
    periods = with_en_lengths(daily_before(merged_nights(periods, text), norm, tz), norm)
    periods = window_over_listed_days(shared_event_hours(periods, norm), text, norm, tz)
    periods = opening_at_deadline(nights_of_pairs(periods, text, norm, base, tz), text, norm)
    periods = column_deadlines(paired_cells(joined_moments(periods, text, norm), text, norm), norm)
    periods = weekday_bounds(slot_headings(grammar, header_deadlines(periods, norm), norm, tz), norm)
    periods = next_day_ends(begun_until(restore_hours(periods, norm), text, norm, base), norm)
    periods = with_hour_lengths(with_lengths(grammar, periods, text, norm), text, norm)
    return _with_labels(hours_on_named_day(periods, norm, tz), norm)


def _page_stamp(norm: str, begin: int) -> bool:
    """Whether the date at ``begin`` is a page's own stamp (发布时间:2024-09-14): an aggregator's
    repost years on says nothing of the year the notice's own yearless dates are in."""
    found = METADATA_LABEL.search(norm, max(0, begin - 12), begin)
    if found is None or found.start() == 0:
        return found is not None
    # 报名日期：, 停电日期： name a plan's day; only a bare 日期 is the page's
    return not (found.group().startswith("日期") and "\u4e00" <= norm[found.start() - 1] <= "\u9fff")


def _ahead(hint: date | None, last: date | None, base: date) -> date | None:
    """Where a yearless date goes on from: the last date written with its year, or the day last
    read when it lies ahead of the reference date (a notice telling its plans in order: …6月26日至
    8月15日…9月1日 is the same year, though the nearest 9月1日 may lie behind)."""
    if last is None or last <= base:
        return hint
    return last if hint is None or last > hint else hint


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


def _hours_over_listed(periods: list[Period], chain: list[int], window: Period, text: str) -> Period:
    """Hours written once after the days listed at ``chain``: one span of the days with a daily window
    when the days run in a row (20日及21日每晚22时至翌日6时), which replaces them; else each day listed
    takes the hours (5月11日、12日8:00-17:00) and ``window`` stands."""
    spanned = _listed_nights(periods, chain, window, text) if chain else None
    if spanned is None:
        _share_window(periods, chain, window)
        return window
    del periods[chain[0] :]
    return spanned


def _continues(tokens: list[Token], prev_end: int, i: int) -> bool:
    """Is token ``i`` the next item of a list that the previous period started (、 and 及)?"""
    if prev_end < 0:
        return False
    if tokens[i].kind is PAREN:
        named = named_day(tokens, i)
        if named is not None and named > prev_end:
            i = named  # 冬至(十二月二十二日)及除夕(…): the bracket stands for the day named before it
    if i != prev_end + 1:
        return False
    between = tokens[prev_end]
    if between.kind is SEP:
        return between.value in ("、", ",")
    if between.kind is WORD:
        return between.value == "and"  # February 10 and 11, 2024
    return between.kind is GAP and str(between.value).strip() in ("和", "及", "以及", "与", "and")
