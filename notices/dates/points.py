"""What the date grammar reads into, and the token cursor every reader builds on.

A ``Point`` is a date (possibly partial) with an optional time, a ``Draft`` a period made
of points; both are unresolved, resolve.py fixes them against the publication date.
``TokenReader`` holds the look-ups over one token list and declares the readers that the
English mixin calls and ``PointReader`` provides.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date

from notices.dates.tokens import GAP, KW, NUM, SEP, UNIT, WORD, Token
from notices.dates.vocabulary import _CLAUSE_END, _CONNECTORS, _EN_CONNECTORS, MONTH_WORDS


# Point and Draft are made by the thousand on a long page and never changed once made, yet are not
# frozen: a frozen dataclass's __init__ sets each field through object.__setattr__, several times
# slower than a plain store. ``unsafe_hash`` gives them the hash a frozen dataclass has.
@dataclass(slots=True, unsafe_hash=True)
class Point:
    """A date (possibly partial) with an optional time of day, not yet resolved."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str = "day"  # day | month | xun1 | xun2 | xun3 | monthend | monthstart
    hour: int | None = None
    minute: int = 0
    fixed: date | None = None  # already a calendar date (即日, next Monday, 下周一)
    fixed_end: date | None = None  # last day when ``fixed`` starts a span (next week)
    weak: bool = False  # alone it is not a period (bare 5月, 今天)
    style: str = "cn"  # cn | num | en: how an abbreviated range end may look
    time_only: bool = False
    time_span: tuple[int, int] | None = None  # offsets of the time part
    next_day: bool = False  # 次日6:00: the day after the range's start

    @property
    def has_date(self) -> bool:
        return not self.time_only

    def at_time(self, hour: int, minute: int, span: tuple[int, int]) -> Point:
        """This day at a time of day (a strong point of the whole-day part): what
        ``dataclasses.replace`` gives, without its pass over the fields (one per period read);
        positional, in field order."""
        return Point(
            self.year,
            self.month,
            self.day,
            "day",
            hour,
            minute,
            self.fixed,
            self.fixed_end,
            False,
            self.style,
            self.time_only,
            span,
            self.next_day,
        )


@dataclass(slots=True, unsafe_hash=True)
class Draft:
    """An unresolved period: start/end points, or a duration from the base date."""

    start: Point | None
    end: Point | None
    first: int  # token indices [first, last)
    last: int
    duration_days: int | None = None
    workdays: bool = False
    daily: tuple[int, int] | None = None  # offsets of a daily time window (note)
    hours: tuple[tuple[int, int], tuple[int, int]] | None = None  # that window's clock times
    notes: tuple[
        tuple[int, int], ...
    ] = ()  # offsets of notes read with a daily window (（节假日除外）, a second window)
    label: str | None = None


#: A year said by word at a range's end (至明年3月31日); the month reads it from the text.
_YEAR_WORDS = frozenset(("明", "来", "今", "本", "次"))


class TokenReader(ABC):
    """Look-ups over one token list; ``base`` only fixes relative words."""

    def __init__(self, tokens: list[Token], base: date, text: str = "") -> None:
        self.t = tokens
        self.n = len(tokens)
        self.base = base
        self.text = text  # the normalised text the tokens index, for context checks
        #: The text whose other dates tell how its D/M/YYYY dates are ordered (the whole text, also
        #: for a reader of one bracket in it).
        self.order_text = text
        self.recent: date | None = None  # the day last read, that 同日 ("the same day") refers to
        #: ``time`` by index: it reads only the tokens, which never change, and a window, a range
        #: and the hours under a lead each ask again at the same index
        self.times: dict[int, tuple[int, int, int] | None] = {}
        #: Whether any token is an English word: the English readers of an hour before its day
        #: (5 pm on May 31) need one, and most notices hold none, so they are not tried at all.
        self.english = any(tok.kind is WORD for tok in tokens)

    def at(self, i: int) -> Token | None:
        return self.t[i] if 0 <= i < self.n else None

    # The look-ups below run hundreds of thousands of times on a long page: each reads the
    # token itself rather than through ``at``.
    def kw(self, i: int, *words: str) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        return tok.kind is KW and tok.value in words

    def word(self, i: int, *words: str) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        return tok.kind is WORD and tok.value in words

    def unit(self, i: int, *units: str) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        return tok.kind is UNIT and tok.value in units

    def ends_clause(self, i: int) -> bool:
        """A clause ends at ``i``: a break in a gap (。；⏎), or an English full stop before a word
        (not the dot in the minutes of 5.30am)."""
        tok = self.t[i]
        if tok.kind is GAP:
            return _CLAUSE_END.search(str(tok.value)) is not None
        return tok.kind is SEP and tok.value == "." and i + 1 < self.n and self.t[i + 1].kind is WORD

    def sep(self, i: int, *chars: str) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        return tok.kind is SEP and tok.value in chars

    def connector(self, i: int) -> int | None:
        """Index after a range connector at ``i`` (``起`` before it allowed), else None."""
        j = i + 1 if self.kw(i, "起") else i
        if self.kw(j, *_CONNECTORS) or self.sep(j, "-", "~") or self.word(j, *_EN_CONNECTORS):
            nxt = j + 1
            if self.sep(j, "-") and self.sep(nxt, "-"):
                nxt += 1  # ——
            if self.word(j, "to") and self.word(nxt, "and") and self.word(nxt + 1, "including"):
                # to and including (the) 19 August: the end day counts
                nxt += 3 if self.word(nxt + 2, "the") else 2
            word = self.at(nxt)
            if word is not None and word.kind is GAP and str(word.value).strip() in _YEAR_WORDS:
                nxt += 2 if self.unit(nxt + 1, "年") else 0  # 12月19日至明年3月31日: its year said
            if word is not None and word.kind is GAP and str(word.value).strip() in MONTH_WORDS:
                # 10月22日至本月30日 / 至下个月5日: the month said by word (the date reads it back)
                month = nxt + 2 if self.kw(nxt + 1, "个") else nxt + 1
                day = self.at(month + 1)
                if self.unit(month, "月") and day is not None and day.kind is NUM:
                    nxt = month + 1
            return nxt
        return None

    # what the English readers call; PointReader provides them

    @abstractmethod
    def date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        """A date at ``i`` (``ctx``: the point before it, for an abbreviated range end)."""

    @abstractmethod
    def point(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        """A date with an optional time at ``i``; with a dated ``ctx``, also a bare time."""

    @abstractmethod
    def time(self, i: int) -> tuple[int, int, int] | None:
        """(hour 0..24, minute, next index) of a time of day at ``i``."""

    @abstractmethod
    def _skip_weekday(self, j: int) -> int:
        """The index past weekday noise after a date."""

    @abstractmethod
    def gloss(self, j: int, *, english: bool = False) -> Point | None:
        """The date a bracket at ``j`` restates, if it holds one."""
