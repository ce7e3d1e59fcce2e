"""The words of an answer: headings, entries, "nothing found" with the nearest notices, and for
"when does it reopen" the moment each closure or outage ends. Every sentence comes from the catalogue
(``bot.texts``) in the language of the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.texts import both
from db.search import fold
from notices.categories import Category
from notices.model import ParsedNotice, Period
from notices.question import DEADLINES, RECENT, REOPEN, SEARCH, UPCOMING, Question
from notices.render import format_date, format_days, format_moment, format_notice_entry, format_period


def say(language: str, key: str, **values: object) -> str:
    """A sentence of the bot's catalogue as plain text (the bot escapes the whole answer)."""
    zh, en = both(key)
    return (zh if is_zh(language) else en).format(**values)


def is_zh(language: str) -> bool:
    return language.startswith("zh")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def what(question: Question, language: str) -> str:
    """ "道路封闭、停电通知" / "road closure and power outage notices", with the keyword if any."""
    zh = is_zh(language)
    names = [c.display(language) if zh else c.display(language).lower() for c in question.categories]
    joined = ("、" if zh else " and ").join(names)
    kinds = say(language, "answer_kinds", kinds=joined) if names else say(language, "answer_any")
    return say(language, "answer_about", text=question.text, kinds=kinds) if question.text else kinds


def when(question: Question, language: str, tz: ZoneInfo) -> str:
    if question.at is not None:
        return say(language, "answer_at", moment=format_moment(question.at, language=language, tz=tz))
    if question.on is not None:
        return say(language, "answer_on", day=format_days(question.on, question.on, language=language))
    if question.window is not None:
        return say(language, "answer_in", days=format_days(*question.window, language=language))
    return ""


def heading(question: Question, language: str, tz: ZoneInfo, total: int | str, *, upcoming_days: int) -> str:
    subject, moment = what(question, language), when(question, language, tz)
    values: dict[str, object] = {"what": subject, "when": moment, "total": total}
    if question.intent == DEADLINES:
        values["when"] = moment or say(language, "answer_deadlines_soon")
        key = "answer_heading_deadlines"
    elif question.intent == UPCOMING:
        values["when"] = moment or say(language, "answer_upcoming_days", days=upcoming_days)
        key = "answer_heading_upcoming"
    elif question.intent == REOPEN:
        key = "answer_heading_reopen"
    elif question.intent == SEARCH and not question.has_time:
        key = "answer_heading_search"
    elif question.intent == RECENT:
        key = "answer_heading_recent"
    elif not moment:
        key = "answer_heading_current"
    else:
        key = "answer_heading_when"
    return _capitalized(say(language, key, **values))


def entry(
    notice: ParsedNotice, notice_id: int, question: Question, *, language: str, tz: ZoneInfo, now: datetime
) -> list[str]:
    """A notice in a listing: its lines, its detours, and what the question asks of it (when it ends,
    that it has ended)."""
    lines = [format_notice_entry(notice, language=language, tz=tz, notice_id=notice_id)]
    if notice.detours:
        detour = ("、" if is_zh(language) else "; ").join(notice.detours)
        lines.append("  " + say(language, "answer_detour_line", detour=detour))
    if question.intent == REOPEN:
        lines.append("  → " + reopening(notice, question, language=language, tz=tz, now=now))
    elif question.intent == RECENT:
        ends = [b[1] for p in notice.periods if (b := p.bounds(tz))[1] is not None]
        if notice.periods and len(ends) == len(notice.periods) and max(ends) <= now:
            last = _ended_period(notice.periods, now, tz)
            lines.append("  " + say(language, "answer_ended", moment=_end_words(last, language, tz)))
    return lines


def reopening(notice: ParsedNotice, question: Question, *, language: str, tz: ZoneInfo, now: datetime) -> str:
    """ "预计2023年6月21日恢复通行": the end of the period the question is about (the one naming the place
    asked about, in force at the moment asked about or the next to start)."""
    reference = question.at or now
    if question.on is not None or question.window is not None:
        first = question.on or (question.window[0] if question.window else now.date())
        reference = max(reference, datetime.combine(first, datetime.min.time(), tzinfo=tz))
    period = _reopen_period(notice, question.text, reference, tz)
    if period is None or period.end is None:
        return say(language, "answer_reopen_open")
    key = f"answer_reopen_{notice.category.value}"
    key = key if key in _REOPEN_KEYS else "answer_reopen_other"
    return say(language, key, moment=_end_words(period, language, tz, reopen=True))


_REOPEN_KEYS = frozenset(
    f"answer_reopen_{c.value}"
    for c in (
        Category.ROAD_CLOSURE,
        Category.TRAFFIC_CONTROL,
        Category.POWER_OUTAGE,
        Category.WATER_OUTAGE,
        Category.GAS_OUTAGE,
        Category.HEATING,
    )
)


def _reopen_period(
    notice: ParsedNotice, place: str | None, reference: datetime, tz: ZoneInfo
) -> Period | None:
    needle = fold(place or "")
    periods = [p for p in notice.periods if needle and any(needle in fold(name) for name in p.places)]
    periods = periods or list(notice.periods)
    if not periods:
        return None
    live = [p for p in periods if (b := p.bounds(tz))[1] is None or b[1] > reference]
    if not live:
        return max(periods, key=lambda p: p.bounds(tz)[1] or reference)
    return min(live, key=lambda p: p.bounds(tz)[0] or reference)


def _end_words(period: Period, language: str, tz: ZoneInfo, *, reopen: bool = False) -> str:
    """When a period ends: a day after an all-day span ends ("2023年6月21日" when reopening, its
    last day when said to have ended), or the clock of a timed one."""
    if period.all_day:
        assert isinstance(period.end, date)
        assert not isinstance(period.end, datetime)
        day = period.end + timedelta(days=1) if reopen else period.end
        return say(language, "answer_day", day=format_date(day, language=language))
    assert isinstance(period.end, datetime)
    return format_moment(period.end, language=language, tz=tz)


def _ended_period(periods: Sequence[Period], moment: datetime, tz: ZoneInfo) -> Period:
    """The period that ended last at or before ``moment``."""
    ended = [p for p in periods if (b := p.bounds(tz))[1] is not None and b[1] <= moment]
    return max(ended or list(periods), key=lambda p: p.bounds(tz)[1] or moment)


def brief(notice: ParsedNotice, notice_id: int, language: str, tz: ZoneInfo, period: Period | None) -> str:
    """ "#5 停电通知，2023年6月6日 7:30—11:30": a notice with the one period that matters here."""
    shown = format_period(period, language=language, tz=tz) if period is not None else ""
    separator = "，" if is_zh(language) else ", "
    return f"#{notice_id} {notice.title}" + (f"{separator}{shown}" if shown else "")


def nearest_lines(
    language: str,
    tz: ZoneInfo,
    reference: datetime,
    past: tuple[ParsedNotice, int] | None,
    future: tuple[ParsedNotice, int] | None,
    *,
    deadlines: bool,
) -> list[str]:
    """The notice that ended last before ``reference`` (with the period that ended last, not its first)
    and the next one to start (or, for deadlines, to fall due)."""
    lines: list[str] = []
    if past is not None:
        notice, notice_id = past
        period = _ended_period(notice.periods, reference, tz) if notice.periods else None
        shown = brief(notice, notice_id, language, tz, period)
        lines.append(say(language, "answer_nearest_past", brief=shown))
    if future is not None:
        notice, notice_id = future
        period = _next_period(notice.periods, reference, tz, deadlines=deadlines)
        key = "answer_nearest_deadline" if deadlines else "answer_nearest_future"
        lines.append(say(language, key, brief=brief(notice, notice_id, language, tz, period)))
    if past is None and future is None:
        lines.append(say(language, "answer_none_around"))
    return lines


def _next_period(
    periods: Sequence[Period], moment: datetime, tz: ZoneInfo, *, deadlines: bool
) -> Period | None:
    """The period that starts (or for deadlines ends) soonest after ``moment``.

    For deadlines a period that is one (截至…, or a moment such as a bid deadline at 9:30) comes before
    a window that merely ends: "the next deadline" of a tender is its bid deadline, not the last day
    its documents are on sale.
    """
    index = 1 if deadlines else 0
    later = [p for p in periods if (b := p.bounds(tz)[index]) is not None and b > moment]
    if deadlines:
        later = [p for p in later if p.start is None or p.start == p.end] or later
    if not later:
        return periods[0] if periods else None
    return min(later, key=lambda p: p.bounds(tz)[index] or moment)


def nothing(question: Question, language: str, tz: ZoneInfo) -> str:
    subject, moment = what(question, language), when(question, language, tz)
    if question.intent == REOPEN and not moment:
        return say(language, "answer_none_reopen", what=subject)
    if moment:
        return say(language, "answer_none_when", what=subject, when=moment)
    return say(language, "answer_none_now", what=subject)


def listing_more(language: str, rest: int, *, over: bool = False) -> str:
    """The line under a page: how many more match (``over``: at least that many, the count stopped)."""
    return say(language, "answer_more_over" if over else "answer_more", rest=rest)


def suggestions(language: str) -> str:
    """What to ask, with examples that the bundled example pages answer."""
    return say(language, "suggestions")
