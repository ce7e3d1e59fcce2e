"""English dates and times: ``May 31``, ``31st of May 2022``, ``next Monday``,
``5 pm on May 31``, ``10:00 a.m. to 4:00 p.m. on 11 May 2022``.

A mixin over ``TokenReader``: it calls ``date``, ``time`` and ``_skip_weekday``, which
``PointReader`` provides, so that an English time can stand before a date of any shape.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from notices.dates.points import Draft, Point, TokenReader
from notices.dates.tokens import PAREN, WORD
from notices.dates.vocabulary import _EN_CONNECTORS, _ORDINALS, MONTHS, WEEKDAYS, _is_year, _num

#: A possessive opening a heading in title case ("Today's Press Releases", "Tomorrow's Weather").
_HEADING_AFTER = re.compile(r"['’]s\s+[A-Z][a-z]+\s+[A-Z]")


#: A bracket naming the clock a time is read on: (Hong Kong time), (local time), (HKT), (GMT+8).
_ZONE = re.compile(r"(?:[A-Za-z]+\s+){0,3}time|[A-Z]{2,4}T|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?", re.I)


#: A month's name cut short, whose dot is no full stop: 22 Sept. to 24 Nov.
_SHORT_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)


#: What ends the hours that opened "from" a time: open from 9am and close at 4pm on 5 June.
_CLOSE_AT = ("close", "closes", "end", "ends", "finish", "finishes")


class EnglishReader(TokenReader):
    """The English shapes of a date, and an English time before its date."""

    def _en_day_first(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        day = _num(self.t[i], 1, 31)
        if day is None:
            return None
        j = i + 1
        if self.word(j, *_ORDINALS):
            j += 1
        if self.word(j, "of"):
            j += 1
        month_tok = self.at(j)
        if month_tok is not None and month_tok.kind is WORD and month_tok.value in MONTHS:
            month = MONTHS[str(month_tok.value)]
            j += 1
            if str(month_tok.value) in _SHORT_MONTHS and self.sep(j, ".") and self._sentence_goes_on(j):
                j += 1  # 22 Sept. to 24 Nov.: the abbreviation's dot, not the end of the sentence
            year, j = self._en_year(j)
            return Point(year, month, day, style="en"), j
        shared = self._month_written_once(j, day) or self._month_of_list(j)
        if shared is not None:
            year, month = shared
            return Point(year, month, day, style="en"), j  # 4 to 8 March 2024: the month is the end's
        if ctx is not None and ctx.style == "en" and ctx.has_date:
            year, j = self._en_year(j)
            return Point(year, None, day, style="en"), j
        return None

    def _sentence_goes_on(self, j: int) -> bool:
        """Whether the text after the dot at ``j`` goes on with the sentence (to, -, a year, a
        comma), not a new one opening with a capital."""
        nxt = self.at(j + 1)
        if nxt is None:
            return False
        if nxt.kind is WORD:
            return self.text is None or not self.text[nxt.start : nxt.start + 1].isupper()
        return True

    def _month_written_once(self, j: int, day: int) -> tuple[int | None, int] | None:
        """The year and month of ``4 to 8 March 2024`` / ``4-8 March`` / ``between 4 and 8 March``,
        written once after the end day; a start day past the end's is in the month before."""
        if not (self.word(j, *_EN_CONNECTORS, "and") or self.sep(j, "-")):
            return None
        k = j + 1
        end_day = _num(self.at(k), 1, 31)
        if end_day is None:
            return None
        k += 1
        if self.word(k, *_ORDINALS):
            k += 1
        if self.word(k, "of"):
            k += 1
        month_tok = self.at(k)
        if month_tok is None or month_tok.kind is not WORD or month_tok.value not in MONTHS:
            return None
        month = MONTHS[str(month_tok.value)]
        year, _ = self._en_year(k + 1)
        if day > end_day:
            month -= 1
            if month == 0:
                month, year = 12, None if year is None else year - 1
        return year, month

    def _month_of_list(self, j: int) -> tuple[int | None, int] | None:
        """The year and month written once after a list of days and spans of days:
        ``17, 22 to 26, 28 to 30 April 2025``."""
        if not (self.sep(j, ",") or self.word(j, *_EN_CONNECTORS)):
            return None
        for k in range(j, min(j + 16, len(self.t))):
            tok = self.t[k]
            if tok.kind is WORD and tok.value in MONTHS:
                return self._en_year(k + 1)[0], MONTHS[str(tok.value)]
            if not (
                _num(tok, 1, 31) is not None
                or self.sep(k, ",", "-")
                or self.word(k, *_EN_CONNECTORS, "and")
                or self._weekday_word(k)  # Tuesday, 4, and Wednesday, 5 October 2022
            ):
                return None
        return None

    def _en_month_first(self, i: int) -> tuple[Point, int] | None:
        tok = self.t[i]
        month = MONTHS.get(str(tok.value))
        if month is None:
            return None
        j = i + 1
        if self.sep(j, "."):
            j += 1
        day = _num(self.at(j), 1, 31)
        if day is not None and not (self.at(j + 1) is not None and self.unit(j + 1, "年", "月")):
            j += 1
            if self.word(j, *_ORDINALS):
                j += 1
            year, j = self._en_year(j)
            return Point(year, month, day, style="en"), j
        year_tok = self.at(j)
        if year_tok is not None and _is_year(year_tok) and year_tok.digits == 4:
            return Point(int(year_tok.value), month, part="month", style="en"), j + 1  # type: ignore[call-overload]
        if tok.value == "may" or len(str(tok.value)) < 3:
            return None  # the verb, not the month
        return Point(None, month, part="month", weak=True, style="en"), j

    def _en_year(self, j: int) -> tuple[int | None, int]:
        k = j + 1 if self.sep(j, ",") else j
        tok = self.at(k)
        if tok is not None and _is_year(tok) and tok.digits == 4 and not self.sep(k + 1, ":"):
            return int(tok.value), k + 1  # type: ignore[call-overload]
        return None, j

    def _en_relative(self, i: int) -> tuple[Point, int] | None:
        tok = self.t[i]
        value = str(tok.value)
        if value in ("today", "tonight", "tomorrow", "yesterday"):
            if self.text and _HEADING_AFTER.match(self.text, tok.end):
                return None  # "Today's Press Releases": a page's heading, not a day
            day = self.base + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(value, 0))
            return Point(fixed=day, style="en"), self._apposed_date(i + 1, day)
        if value in WEEKDAYS and len(value) >= 6:
            return self._en_weekday(i, WEEKDAYS[value])
        if value in ("next", "this", "coming"):
            nxt = self.at(i + 1)
            if nxt is not None and nxt.kind is WORD and nxt.value in WEEKDAYS:
                weekday = WEEKDAYS[str(nxt.value)]
                glossed = self.gloss(i + 2, english=True) if value == "next" else None
                if glossed is not None and glossed.day is not None:
                    return glossed, i + 3  # next Monday (February 14): the bracket says which week
                if value == "next":
                    # next Friday is the Friday of next week: "from Sunday to next Friday"
                    monday = self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=1)
                    return Point(fixed=monday + timedelta(days=weekday), style="en"), i + 2
                ahead = (weekday - self.base.weekday()) % 7
                return Point(fixed=self.base + timedelta(days=ahead), style="en"), i + 2
            later = value != "this"
            if self.word(i + 1, "week"):
                monday = self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=int(later))
                k = i + 2 + (1 if self.sep(i + 2, ",") or self.word(i + 2, "on") else 0)
                named = self.at(k)
                if (
                    named is not None
                    and named.kind is WORD
                    and named.value in WEEKDAYS
                    and self.connector(k + 1) is None
                ):
                    # next week on Tuesday: that day of the week (the week alone gives no day)
                    return Point(fixed=monday + timedelta(days=WEEKDAYS[str(named.value)]), style="en"), k + 1
                return Point(fixed=monday, fixed_end=monday + timedelta(days=6)), i + 2
            if self.word(i + 1, "month"):
                year, month = divmod(self.base.year * 12 + self.base.month - 1 + int(later), 12)
                return Point(year, month + 1, part="month"), i + 2
        return None

    def _apposed_date(self, j: int, day: date) -> int:
        """Index after a date set beside a relative day by a comma (tomorrow, Wednesday 28
        September 2022): the day's gloss, not a day of its own; ``j`` when none stands there."""
        if not self.sep(j, ","):
            return j
        k = j + 1
        if self.word(k, *WEEKDAYS):
            k += 1
            if self.sep(k, ","):
                k += 1
        tok = self.at(k)
        if tok is None:
            return j
        found = self._en_month_first(k) if tok.kind is WORD else self._en_day_first(k, None)
        if found is None:
            return j
        point, end = found
        if point.time_only or point.month != day.month or point.day != day.day:
            return j
        if point.year is not None and point.year != day.year:
            return j
        return end

    def _en_weekday(self, i: int, weekday: int) -> tuple[Point, int] | None:
        """Sunday said alone: the next Sunday from the notice's date (its own day counts). Weak, so
        it plans nothing alone; a time with it or a bracket giving its date ("Saturday (July 29)")
        makes it a day. A run of weekdays (Monday to Friday) or a repeated one names no one day."""
        if self.word(i - 1, "every", "each", "last", "past", "previous", "following"):
            return None
        later = self._next_week_after(i + 1)
        end = self.connector(i + 1)
        if later is None and end is not None and self._weekday_word(end) and self._next_week_after(end + 1):
            later = i + 1  # Monday to Friday next week: both of next week, the range goes on to Friday
        if later is not None:
            return Point(fixed=self._next_monday() + timedelta(days=weekday), style="en"), later
        if self.gloss(i + 1) is None and (
            (self.connector(i + 1) is not None and self._weekday_word(self.connector(i + 1) or 0))
            or (i >= 2 and self.connector(i - 1) == i and self._weekday_word(i - 2))
        ):
            return None
        if self.sep(i + 1, ",") and _num(self.at(i + 2), 1, 31) is not None:
            dated = self._en_day_first(i + 2, None)
            if dated is not None and dated[0].month is not None:
                return dated  # Tuesday, 4, and Wednesday, 5 October 2022: the day number says which
        day = self.base + timedelta(days=(weekday - self.base.weekday()) % 7)
        return Point(fixed=day, weak=True, style="en"), i + 1

    def _next_monday(self) -> date:
        return self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=1)

    def _next_week_after(self, j: int) -> int | None:
        """Index after "next week" (or "of next week") at ``j``: the weekday before it is that week's
        (Tuesday next week); None when it is not there."""
        k = j + 1 if self.word(j, "of") else j
        return k + 2 if self.word(k, "next") and self.word(k + 1, "week") else None

    def _weekday_word(self, j: int) -> bool:
        tok = self.at(j)
        return tok is not None and tok.kind is WORD and tok.value in WEEKDAYS

    def _glossed_weekday(self, j: int) -> tuple[Point, int] | None:
        """``Tuesday (April 18)`` / ``Sunday`` after an English time: the day it names."""
        found = self.date(j, None)
        if found is None or found[0].fixed is None:
            return None
        said = self.gloss(found[1], english=True)
        if said is not None and said.month is not None and said.day is not None:
            return replace(said, weak=False), found[1] + 1
        return replace(found[0], weak=False), found[1]

    def _time_on_date(self, i: int) -> tuple[Point, int] | None:
        """English time before its date: ``5 pm on May 31``, ``9:30 a.m., Friday, May 20``."""
        if not self.english or not (
            self.word(i + 1, "am", "pm", "noon")
            or self.word(i + 3, "am", "pm", "on", "noon", "midnight")
            or self.word(i, "noon", "midnight")
        ):
            return None
        timed = self.time(i)
        if timed is None:
            return None
        hour, minute, k = timed
        if not (self.word(k - 1, "am", "pm", "noon", "midnight") or self.sep(k - 2, ":")):
            return None  # 17时 / 5点 are Chinese: their date comes first
        j = k + 1 if self.sep(k, ",") else k
        if self._zone(j):
            j += 2 if self.sep(j + 1, ",") else 1  # 12:00 noon (Hong Kong time) on Monday, 3 February
        said_on = self.word(j, "on")
        if said_on or (self.word(j, "of") and self.word(k - 1, "noon", "midnight")):
            j += 1  # 5 pm on May 31; the noon of October 12
        if said_on and self.word(j, "both", "each"):
            j += 2 if self.word(j + 1, "of") else 1  # 9 am to 5 pm on both May 28 and 29
        day_tok = self.at(j)
        found = None
        if day_tok is not None and day_tok.kind is WORD and day_tok.value in WEEKDAYS:
            dated = self.date(j + (2 if self.sep(j + 1, ",") else 1), None)
            found = dated if dated is not None and dated[0].style == "en" else self._glossed_weekday(j)
        elif day_tok is not None and day_tok.kind is PAREN and not said_on:
            said = self.gloss(j)  # 9 am (12/11/2024): a table cell giving the hour, then its day
            found = None if said is None or said.style != "num" or said.year is None else (said, j + 1)
            said_on = found is not None
        else:
            found = self.date(j, None)
        styles = ("en", "num") if said_on else ("en",)  # 12:00 noon on 7/11/2019
        if found is None or found[0].style not in styles or found[0].part != "day":
            return None
        pt, end = found
        span = (self.t[i].start, self.t[k - 1].end)
        end = self._skip_weekday(end)
        if pt.fixed is not None and self.gloss(end, english=True) is not None:
            end += 1  # 10pm today (May 10): the bracket restates the day
        return replace(pt, hour=hour, minute=minute, time_span=span, weak=False), end

    def _zone(self, j: int) -> bool:
        """Whether the bracket at ``j`` names the time zone of the clock time before it."""
        tok = self.at(j)
        return tok is not None and tok.kind is PAREN and _ZONE.fullmatch(str(tok.value).strip()) is not None

    def _en_between(self, i: int, prev: Point | None) -> Draft | None:
        """``between Dec. 30 and Jan. 1``, or hours of the day read before: ``between 9am and
        5pm``, ``between the hours of 9:00 am and 4:30 pm``."""
        k = i + 3 if self.word(i + 1, "the") and self.word(i + 2, "hours") and self.word(i + 3, "of") else i
        first = self.point(k + 1, None)
        if first is None and prev is not None and prev.has_date:
            first = self.point(k + 1, prev)
        if first is None or not self.word(first[1], "and"):
            return None
        second = self.point(first[1] + 1, prev if first[0].time_only else first[0])
        if second is None:
            return None
        if first[0].time_only and second[0].has_date and second[0].hour is not None and prev is not None:
            # December 29, between 2 pm and 11 pm on December 30: the window is the later day's
            opening = replace(second[0], hour=first[0].hour, minute=first[0].minute)
            return Draft(opening, second[0], i, second[1])
        if second[0].time_only != first[0].time_only:
            return None
        return Draft(first[0], second[0], i, second[1])

    def _en_time_window(self, i: int) -> Draft | None:
        """``10:00 a.m. to 4:00 p.m. on 11 May 2022`` / ``between 9 am and 5 pm on May 20``:
        the window comes before its day."""
        if not self.english or not (self.word(i + 1, "am", "pm") or self.word(i + 3, "am", "pm")):
            return None
        timed = self.time(i)
        if timed is None:
            return None
        hour, minute, k = timed
        conn = self.connector(k)
        if conn is None and self.word(k, "and") and self.word(i - 1, "between"):
            conn = k + 1
        if conn is None and self.word(k, "and") and self.word(i - 1, "from") and self.word(k + 1, *_CLOSE_AT):
            conn = k + 3 if self.word(k + 2, "at") else None  # open from 9am and close at 4pm on 5 June
        if conn is None or not self.word(conn - 1, *_EN_CONNECTORS, "and", "at"):
            return None
        found = self._time_on_date(conn)
        if found is None:
            return None
        end, last = found
        span = (self.t[i].start, self.t[k - 1].end)
        start = replace(end, hour=hour, minute=minute, time_span=span)
        return Draft(start, end, i, last)
