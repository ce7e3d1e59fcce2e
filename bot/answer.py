"""Answering a question from the stored notices: what ``noticebot ask`` prints and the bot sends.

The question is understood by :func:`notices.question.parse_question`; this module turns it into one
or more :class:`db.search.NoticeFilter` queries, merges them, and words the answer in the question's
language. When nothing matches it says so and names the nearest past and future notices, so "no" is
never a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot import answer_text as words
from bot.answer_text import is_zh, say
from db.pages import first_page_each
from db.rows import NoticeRecord, load_records, to_parsed
from db.search import NoticeFilter, find_notice_ids_each, fold, nearest_notices
from db.tables import PlaceRole
from notices.categories import Category
from notices.question import DEADLINES, RECENT, REOPEN, SEARCH, UPCOMING, Question, parse_question
from notices.render import format_period

if TYPE_CHECKING:
    from db.models import Notice
    from db.reader import Reader
    from notices.model import ParsedNotice

UPCOMING_DAYS = 7  # "/upcoming" and "upcoming …" look a week ahead, as the bot's command does
CURRENT_LOOKAHEAD_DAYS = 30  # "哪些路封闭" also lists closures about to start
PERIODLESS_DAYS = 90  # a rental advert without dates counts as current this long after publication
DEADLINE_DAYS = 365
RECENT_DAYS = 30  # "最近有什么停电" also lists what ended in the last 30 days, latest first
REOPEN_DAYS = 365  # "什么时候恢复通行" looks this far ahead for the closure to end
COUNT_BOUND = 100
"""An answer counts its matches up to this many and says "100+" beyond: an exact count of a common
question ("what roads are closed") reads every match of a large store, only to print one number."""


@dataclass(slots=True)
class Answer:
    """An answer: its text, the notices listed (one page), and enough to page through the rest."""

    language: str
    text: str
    notices: list[NoticeRecord]
    question: Question
    total: int = 0
    offset: int = 0
    #: More than ``total`` notices match (the count stopped at its bound).
    more: bool = False
    nearest_past: NoticeRecord | None = None
    nearest_future: NoticeRecord | None = None
    periods: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: Notices found only because they name the place asked about as a detour (请绕行新华路): listed
    #: apart, never as closing it.
    detour_of: list[NoticeRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The stable shape of ``noticebot ask --json``."""
        return {
            "language": self.language,
            "question": self.question.to_json(),
            "text": self.text,
            "notices": [
                {
                    "id": n.id,
                    "title": n.title,
                    "category": n.category,
                    "periods": self.periods.get(n.id, []),
                }
                for n in self.notices
            ],
            "detour_of": [
                {"id": n.id, "title": n.title, "category": n.category, "detours": _detours(n)}
                for n in self.detour_of
            ],
        }


async def answer_question(
    session: Reader,
    text: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    limit: int = 10,
    offset: int = 0,
    language: str | None = None,
) -> Answer:
    """Answer ``text`` as asked at ``now`` (aware), with periods shown in ``tz``: in ``language`` (the
    chat's), or in the question's own when None."""
    question = parse_question(text, now=now, tz=tz)
    return await answer(session, question, now=now, tz=tz, limit=limit, offset=offset, language=language)


async def answer(
    session: Reader,
    question: Question,
    *,
    now: datetime,
    tz: ZoneInfo,
    limit: int = 10,
    offset: int = 0,
    language: str | None = None,
) -> Answer:
    """Answer an already parsed question (the bot's /now and /upcoming build one directly)."""
    now = now.astimezone(tz)
    language = language or question.language
    if not question.understood:
        return Answer(language, words.suggestions(language), [], question)
    categories = tuple(question.categories)
    if question.intent == DEADLINES and not categories:
        categories = tuple(c for c in Category if c.has_deadline)
    base = NoticeFilter(categories=categories, text=question.text)

    page, total, more = await _matching(session, question, base, now=now, tz=tz, limit=limit, offset=offset)
    detour_of = [n for n in page if _only_a_detour(n, question.text)]
    page = [n for n in page if n not in detour_of]
    total -= len(detour_of)
    parsed = {n.id: to_parsed(n, tz) for n in page}  # once each: for the periods and the listing
    periods = {i: [p.to_json() for p in notice.periods] for i, notice in parsed.items()}
    result = Answer(language, "", page, question, total=total, offset=offset, periods=periods, more=more)
    result.detour_of = detour_of
    if total:
        result.text = _listing(result, parsed, now=now, tz=tz) + _detour_lines(result, tz, also=True)
        return result
    if detour_of:
        result.text = _detour_lines(result, tz, also=False).lstrip("\n")
        return result
    reference = _reference(question, now, tz)
    deadlines = question.intent == DEADLINES
    result.nearest_past, result.nearest_future = await nearest_notices(
        session, base, at=reference, tz=tz, by_end=deadlines
    )
    past, future = result.nearest_past, result.nearest_future
    nearest = words.nearest_lines(
        language,
        tz,
        reference,
        (to_parsed(past, tz), past.id) if past is not None else None,
        (to_parsed(future, tz), future.id) if future is not None else None,
        deadlines=deadlines,
    )
    result.text = "\n".join([words.nothing(question, language, tz), *nearest])
    return result


def _start_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def _days(window: tuple[date, date], tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Inclusive local days as [first midnight, midnight after the last)."""
    return _start_of(window[0], tz), _start_of(window[1] + timedelta(days=1), tz)


def _reference(question: Question, now: datetime, tz: ZoneInfo) -> datetime:
    """The moment "nearest past/future" is measured from."""
    if question.at is not None:
        return question.at
    if question.on is not None:
        return _start_of(question.on, tz)
    if question.window is not None:
        return _start_of(question.window[0], tz)
    return now


def _filters(question: Question, base: NoticeFilter, *, now: datetime, tz: ZoneInfo) -> list[NoticeFilter]:
    """The queries whose results, concatenated in this order with repeats dropped, are the answer."""

    def variant(**changes: Any) -> NoticeFilter:
        return replace(base, **changes)

    if question.intent == SEARCH and not question.has_time:
        return [base]
    if question.intent == DEADLINES:
        window = _days(question.window, tz) if question.window else (now, now + timedelta(days=DEADLINE_DAYS))
        return [variant(ends_between=window)]
    if question.intent == UPCOMING:
        window = _days(question.window, tz) if question.window else (now, now + timedelta(days=UPCOMING_DAYS))
        return [variant(starts_between=window), variant(ends_between=window)]
    if question.intent == REOPEN:
        # The closure in force at the moment asked about (now by default), else the next to begin.
        reference = _reference(question, now, tz)
        ahead = variant(starts_between=(reference, reference + timedelta(days=REOPEN_DAYS)))
        first_day = question.on or (question.window[0] if question.window else None)
        if first_day is not None:
            return [variant(active_on=first_day), ahead]
        return [variant(active_at=reference), ahead]
    if question.intent == RECENT and not question.has_time:
        # What is on, what is about to start, then what ended lately, the latest first.
        soon = now + timedelta(days=CURRENT_LOOKAHEAD_DAYS)
        lately = (now - timedelta(days=RECENT_DAYS), now)
        return [
            variant(active_at=now),
            variant(starts_between=(now, soon)),
            variant(ends_between=lately, latest_first=True),
        ]
    if question.at is not None:
        return [variant(active_at=question.at)]
    if question.on is not None:
        return [variant(active_on=question.on)]
    if question.window is not None:
        # A period overlaps the window if it is active on its first day or starts inside it.
        first, after = _days(question.window, tz)
        return [variant(active_on=question.window[0]), variant(starts_between=(first, after))]
    # No time given: what is on now, then what is about to start, then recent adverts without dates.
    soon = now + timedelta(days=CURRENT_LOOKAHEAD_DAYS)
    recent = now.date() - timedelta(days=PERIODLESS_DAYS)
    return [variant(active_at=now), variant(starts_between=(now, soon)), variant(undated_since=recent)]


async def _matching(
    session: Reader,
    question: Question,
    base: NoticeFilter,
    *,
    now: datetime,
    tz: ZoneInfo,
    limit: int,
    offset: int,
) -> tuple[list[NoticeRecord], int, bool]:
    """The page of matching notices (most relevant first, each once), how many match (up to the
    bound), and whether more than that do.

    Merged on ids: each query reads at most ``bound + 1`` ids, enough both to place the page (a query's
    repeats of earlier ones can only push its own ids later) and to count up to the bound, so there is
    no separate count; the later queries run only when the first finds fewer than that, decided in the
    same statement. One statement for the ids, and one that loads the page; for a first page the two
    are one (``db.pages``).
    """
    filters = _filters(question, base, now=now, tz=tz)
    wanted = max(offset + max(limit, 0), 1)  # at least one: whether anything matches decides the wording
    fetch = max(wanted, COUNT_BOUND) + 1
    if offset == 0 and limit > 0 and len(filters) > 1:  # a first page: one statement (db.pages)
        page, count = await first_page_each(session, filters, tz=tz, limit=fetch, size=limit)
        return page, min(count, fetch - 1), count >= fetch
    merged: dict[int, None] = {}
    for found in await find_notice_ids_each(session, filters, tz=tz, limit=fetch, while_short=True):
        merged.update(dict.fromkeys(found))
    ids = list(merged)
    # A query cut at ``fetch`` ids alone makes ``fetch`` distinct matches, so fewer means every query
    # was read to its end and the count is exact.
    more = len(ids) >= fetch
    total = fetch - 1 if more else len(ids)
    return await load_records(session, ids[offset : offset + max(limit, 0)]), total, more


# --- detours --------------------------------------------------------------------------------------


def _detours(notice: Notice | NoticeRecord) -> list[str]:
    return [p.name for p in notice.places if p.role == PlaceRole.DETOUR]


def _only_a_detour(notice: NoticeRecord, keyword: str | None) -> bool:
    """Whether the place asked about is, in this notice, only a road to take instead: it matches a
    detour and neither an affected place nor the title."""
    needle = fold(keyword or "")
    if not needle:
        return False

    def named(name: str) -> bool:
        folded = fold(name)
        return needle in folded or (len(folded) >= 2 and folded in needle)

    affected = [p.name for p in notice.places if p.role != PlaceRole.DETOUR]
    return (
        any(named(d) for d in _detours(notice))
        and not any(named(p) for p in affected)
        and (needle not in fold(notice.title))
    )


def _detour_lines(result: Answer, tz: ZoneInfo, *, also: bool) -> str:
    """The notices that name the place asked about as their detour, said as such."""
    if not result.detour_of:
        return ""
    zh = is_zh(result.language)
    needle = fold(result.question.text or "")
    first = [d for n in result.detour_of for d in _detours(n) if needle in fold(d)]
    place = first[0] if first else result.question.text or ""
    lines = [say(result.language, "answer_detours_also" if also else "answer_detours_only", place=place)]
    for notice in result.detour_of:
        parsed = to_parsed(notice, tz)
        detour = ("、" if zh else "; ").join(parsed.detours)
        if parsed.periods:
            period = format_period(parsed.periods[0], language=result.language, tz=tz)
            key, values = "answer_detour_entry", {"period": period}
        else:
            key, values = "answer_detour_entry_undated", {}
        lines.append(say(result.language, key, id=notice.id, title=notice.title, detour=detour, **values))
    return "\n" + "\n".join(lines)


def _listing(result: Answer, parsed: dict[int, ParsedNotice], *, now: datetime, tz: ZoneInfo) -> str:
    language, question = result.language, result.question
    total = f"{result.total}+" if result.more else result.total
    lines = [words.heading(question, language, tz, total, upcoming_days=UPCOMING_DAYS)]
    for notice in result.notices:
        lines += words.entry(parsed[notice.id], notice.id, question, language=language, tz=tz, now=now)
    shown_to = result.offset + len(result.notices)
    if shown_to < result.total or result.more:
        lines.append(words.listing_more(language, result.total - shown_to, over=result.more))
    return "\n".join(lines)
