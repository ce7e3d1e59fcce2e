"""The values the parser produces. Plain dataclasses: easy to test, easy to store."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from notices.categories import Category

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Period:
    """A span of time a notice talks about.

    All-day periods hold ``date`` values and an *inclusive* end date
    (``2022-05-11 — 2022-05-26`` is sixteen days). Timed periods hold aware
    ``datetime`` values and an exclusive end instant, or start = end for a moment (a bid
    opening at 9:30). ``start`` is None for a
    pure deadline (截至…), ``end`` is None for an open period (…起).
    """

    start: date | datetime | None
    end: date | datetime | None
    all_day: bool = True
    label: str | None = None
    note: str | None = None
    text: str = ""
    span: tuple[int, int] | None = field(default=None, compare=False)
    #: A window repeated on each day of an all-day span (每日9:00至17:00, 每晚22时至翌日6时):
    #: opening and closing clock times; a closing before the opening runs past midnight.
    daily: tuple[time, time] | None = None
    #: A timed period whose end the notice gives as a day (from 10:00 on 6 May to 11 June): the end
    #: is still the exclusive instant (12 June 0:00), and is written as that day in JSON.
    end_is_day: bool = field(default=False, compare=False)
    #: The places this period is about, when the notice gives each period its own (停电: 甲村 on
    #: June 3, 乙村 on June 6); empty means the notice's places.
    places: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # (checked first as a whole: pages make periods by the thousand, and each is valid)
        start, end = self.start, self.end
        if self.all_day:
            valid = not isinstance(start, datetime) and not isinstance(end, datetime)
        else:
            valid = (start is None or (isinstance(start, datetime) and start.tzinfo is not None)) and (
                end is None or (isinstance(end, datetime) and end.tzinfo is not None)
            )
        if (
            valid
            and (start is not None or end is not None)
            and self.daily is None
            and (start is None or end is None or not end < start)  # type: ignore[operator]
        ):
            return
        self._check()

    def _check(self) -> None:
        """Raise the error that makes this period invalid, if any."""
        for value in (self.start, self.end):
            if value is None:
                continue
            if self.all_day and isinstance(value, datetime):
                raise ValueError("an all-day period holds dates, not datetimes")
            if not self.all_day and not isinstance(value, datetime):
                raise ValueError("a timed period holds datetimes")
            if isinstance(value, datetime) and value.tzinfo is None:
                raise ValueError("timed periods need aware datetimes")
        if self.start is None and self.end is None:
            raise ValueError("a period needs a start or an end")
        if self.start is not None and self.end is not None and self.end < self.start:  # type: ignore[operator]
            raise ValueError(f"period ends before it starts: {self.start} > {self.end}")
        if self.daily is not None and not self.all_day:
            raise ValueError("a daily window belongs to a span of whole days")

    def with_places(self, places: tuple[str, ...]) -> Period:
        """This period naming its own places; made field by field, as ``dataclasses.replace``
        looks the fields up again for each copy and a notice of many dated lines copies each."""
        return Period(
            self.start,
            self.end,
            self.all_day,
            self.label,
            self.note,
            self.text,
            self.span,
            self.daily,
            self.end_is_day,
            places,
        )

    @property
    def is_moment(self) -> bool:
        """A single clock time (开标时间 5月20日9:30): a timed period whose start is its end."""
        return not self.all_day and self.start is not None and self.start == self.end

    def bounds(self, tz: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """Start and exclusive end as aware datetimes; all-day dates are read in ``tz``."""
        return _instant(self.start, tz, 0), _instant(self.end, tz, 1 if self.all_day else 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": _iso(self.start),
            "end": (self.end - timedelta(days=1)).date().isoformat()
            if self.end_is_day and isinstance(self.end, datetime)
            else _iso(self.end),
            "all_day": self.all_day,
            "note": self.note,
            "daily": None
            if self.daily is None
            else {"start": self.daily[0].strftime("%H:%M"), "end": self.daily[1].strftime("%H:%M")},
            "places": list(self.places),
        }


def _instant(value: date | datetime | None, tz: ZoneInfo, add_days: int) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=add_days), time(0), tzinfo=tz)


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(slots=True)
class ParsedNotice:
    """One notice found on a page."""

    title: str
    category: Category
    body: str
    published: date | None = None
    issuer: str | None = None
    periods: list[Period] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Roads to take instead (请绕行新华路, use Harbour Road as a detour): named, but not affected.
    detours: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Identity of the text, blind to line breaks and spacing, so a re-sent page dedupes."""
        canonical = _SPACE.sub("", f"{self.title}\n{self.body}")
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "category": self.category.value,
            "issuer": self.issuer,
            "published": _iso(self.published),
            "periods": [p.to_json() for p in self.periods],
            "places": list(self.places),
            "detours": list(self.detours),
            "body": self.body,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """A piece of a page that is not a notice, and why it was left out."""

    reason: str
    excerpt: str


@dataclass(slots=True)
class PageResult:
    """What a page yielded: the notices and the items passed over."""

    notices: list[ParsedNotice] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)
