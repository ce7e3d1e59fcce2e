"""What a question is reduced to (Question and its intents), and the folding every part reads."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from notices.categories import Category
from notices.normalize import normalize
from notices.numerals import chinese_to_int

ACTIVE = "active"


UPCOMING = "upcoming"


DEADLINES = "deadlines"


SEARCH = "search"


RECENT = "recent"  # 最近 / recent: what is on, about to start, and what ended last


REOPEN = "reopen"  # 什么时候恢复通行 / when does it reopen: the end of the closure or outage


INTENTS = (ACTIVE, UPCOMING, DEADLINES, SEARCH, RECENT, REOPEN)


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks, ready to be turned into a query.

    At most one of ``at`` (a moment), ``on`` (a day) and ``window`` (inclusive days) is set; none
    means "now" for the answer. ``text`` is a place or keyword left over once the words for
    categories, time and the question itself are taken out. ``understood`` is False when nothing in
    the text looked like a question about notices ("hello"), so the answer can offer examples.
    """

    language: str
    categories: tuple[Category, ...] = ()
    text: str | None = None
    at: datetime | None = None
    on: date | None = None
    window: tuple[date, date] | None = None
    intent: str = ACTIVE
    understood: bool = True

    @property
    def has_time(self) -> bool:
        return self.at is not None or self.on is not None or self.window is not None

    def to_json(self) -> dict[str, object]:
        """What was understood, as ``noticebot ask --json`` shows it."""
        return {
            "intent": self.intent,
            "categories": [c.value for c in self.categories],
            "text": self.text,
            "at": self.at.isoformat() if self.at is not None else None,
            "on": self.on.isoformat() if self.on is not None else None,
            "window": [d.isoformat() for d in self.window] if self.window is not None else None,
            "understood": self.understood,
        }


def fold(text: str) -> str:
    """Full-width to ASCII, lower case, traditional to simplified (the same map the parser uses)."""
    text = unicodedata.normalize("NFKC", normalize(text)).lower()
    return _SPACES.sub(" ", text).strip()


_SPACES = re.compile(r"\s+")


_EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fourteen": 14,
    "thirty": 30,
    "a": 1,
}


_CN_NUM = r"[\d〇零一二两三四五六七八九十]{1,4}"


def _number(token: str) -> int | None:
    """An int from ASCII digits, Chinese numerals (二十六, 二〇二二) or small English words."""
    if token.isdigit():
        return int(token)
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    return chinese_to_int(token)
