"""Understanding a question typed by a person ("哪些路封闭", "what roads are closed on May 20").

A question is reduced to what the database can answer: the categories asked about, a place or
keyword, a moment, a day or a window of days, and an intent. Everything is resolved against the
``now`` passed in, never the machine clock. Traditional script and full-width characters are folded
first, so "哪些路封閉" reads like "哪些路封闭".
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.lazy import has_cjk
from notices.question.base import (
    ACTIVE,
    DEADLINES,
    INTENTS,
    RECENT,
    REOPEN,
    SEARCH,
    UPCOMING,
    Question,
    fold,
)
from notices.question.intents import SOON_DAYS, find_recent, find_reopen, find_soon_deadline
from notices.question.keyword import _ASKS, _keyword
from notices.question.subjects import _find_categories, _find_intent
from notices.question.when import _find_time

TIMELESS_KEPT = 1024
"""How many questions without a time expression :func:`parse_question` remembers (see there)."""
_timeless: OrderedDict[tuple[str, str, date], Question] = OrderedDict()


def parse_question(text: str, *, now: datetime, tz: ZoneInfo) -> Question:
    """Read ``text`` as a question asked at ``now`` (aware) by someone living in ``tz``.

    Reading a question costs more than answering it from the database, and many people ask the same
    words ("哪些路封闭" when a road closes). A question that names no time reads the same all day (only
    "closing soon" looks at the date), so it is remembered by its text, zone and local day."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(tz)
    key = (text, str(tz), now.date())
    found = _timeless.get(key)
    if found is not None:
        _timeless.move_to_end(key)
        return found
    question, timeless = _parse(text, now)
    if timeless:
        _timeless[key] = question
        while len(_timeless) > TIMELESS_KEPT:
            _timeless.popitem(last=False)
    return question


def _parse(text: str, now: datetime) -> tuple[Question, bool]:
    """The question asked at ``now`` (in the asker's zone), and whether no time expression matched."""
    language = "zh" if has_cjk(text) else "en"
    folded = fold(text)
    asks = _ASKS.search(folded) is not None
    when, folded, matched = _find_time(folded, now=now, language=language)
    reopen, implied, folded = find_reopen(folded)
    soon, folded = find_soon_deadline(folded)
    categories, folded = _find_categories(folded, language)
    recent, folded = find_recent(folded)
    intent_words, folded = _find_intent(folded, language)
    keyword = _keyword(folded, language)
    categories = categories or implied
    if soon:
        intent_words = DEADLINES
        if when is None:
            when = (now.date(), now.date() + timedelta(days=SOON_DAYS - 1))

    at = on = None
    window = None
    if isinstance(when, datetime):
        at = when
    elif isinstance(when, date):
        on = when
    elif when is not None:
        window = when

    if reopen:
        intent = REOPEN
    elif intent_words == UPCOMING and (at is not None or on is not None):
        intent = ACTIVE  # "will the road be closed on May 20" asks about that day
    elif intent_words is not None:
        intent = intent_words
    elif recent and when is None:
        intent = RECENT
    elif not categories and when is None and keyword is not None:
        intent = SEARCH
    else:
        intent = ACTIVE
    question = Question(
        language=language,
        categories=categories,
        text=keyword,
        at=at,
        on=on,
        window=window,
        intent=intent,
        understood=bool(
            categories or keyword or when is not None or intent_words or asks or reopen or recent
        ),
    )
    return question, not matched


__all__ = [
    "ACTIVE",
    "DEADLINES",
    "INTENTS",
    "RECENT",
    "REOPEN",
    "SEARCH",
    "SOON_DAYS",
    "UPCOMING",
    "Question",
    "fold",
    "parse_question",
]
