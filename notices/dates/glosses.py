"""``WeekdayGlosses``: weekdays and the brackets that gloss a date (what day a weekday is, which
date a bracket restates), shared by the date readers above it.

星期六 said alone is the next such day; ``5.13（周六）`` is a month and day only when the bracket names
its weekday; （十一月十八日）, （腊月廿九）, (28日) and ``(Wed)`` after a date restate it and are read
past. ``PointReader`` (point_reader.py) reads the dates themselves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from notices.dates.numeric import NumericDates
from notices.dates.points import Point
from notices.dates.tokens import GAP, NUM, PAREN, UNIT, WEEKDAY, WORD, Token, tokenize
from notices.dates.vocabulary import _LUNAR_GLOSS, _UNIT_CHARS, _WEEKDAY_PAREN, MONTHS, _num
from notices.numerals import to_int

#: What before a weekday makes it no one day: 逢星期六, 每周日, 上周三 (past), 隔周.
_NOT_ONE_WEEKDAY = frozenset("逢每上隔")
#: A weekday listed after one that repeats (每周一、周二 / 逢星期六及星期日): it repeats too.
_LISTED_AFTER_REPEAT = re.compile(
    r"[逢每隔](?:周|星期|礼拜)[一二三四五六日天](?:\s*[、，,及和与]\s*(?:周|星期|礼拜)?[一二三四五六日天])*"
    r"\s*[、，,及和与]\s*$"
)


def week_of_gloss(day: date, glossed: int) -> date | None:
    """The same weekday a week or two either side of ``day`` whose day of the month a bracket
    says: 下周日（23日） said on a Wednesday is this coming Sunday the 23rd, as the bracket makes
    plain, though 下周 alone would be the week after."""
    for weeks in (-1, 1, -2, 2):
        other = day + timedelta(weeks=weeks)
        if other.day == glossed:
            return other
    return None


#: The weekday a bracket's last character names (星期一 … 星期日/天), Monday = 0.
_WEEKDAY_NUMBER = {c: n for n, c in enumerate("一二三四五六日")} | {"天": 6}
_WEEKDAY_NUMBER |= {str(n + 1): n for n in range(7)}


def _num_text(text: str, low: int, high: int) -> int | None:
    """The number some digits of a longer number spell, if in range (the 05 of 0513)."""
    value = int(text)
    return value if low <= value <= high else None


#: A day of the month alone in brackets after a weekday: (28日).
_DAY_ALONE = re.compile(r"\s*([\d〇一二三四五六七八九十]{1,3})\s*[日号]\s*")


def _bracket_words(tok: Token) -> str:
    """A bracket's text without the spaces typed into it: （星期 四 ）is （星期四）."""
    return "".join(str(tok.value).split())


#: What parts a bracket that glosses a date with several words: 星期六、初一.
_GLOSS_PARTS = re.compile(r"[、,，/\s]+")


def _weekday_and_lunar(inner: str) -> bool:
    """A bracket giving both the weekday and the lunar day of the date before it (星期日、初一,
    周五 除夕): each part restates that date, so the bracket is read past like either alone."""
    parts = [p for p in _GLOSS_PARTS.split(inner.strip()) if p]
    return len(parts) >= 2 and all(p in _WEEKDAY_PAREN or _LUNAR_GLOSS.fullmatch(p) for p in parts)


def _month_word(tok: Token) -> bool:
    """An English month's name (February, Feb) opening a bracket: (February 9)."""
    return tok.kind is WORD and str(tok.value) in MONTHS


class WeekdayGlosses(NumericDates):
    """Weekdays, weekday brackets and date glosses at a token index."""

    def _weekday(self, i: int, weekday: int, ctx: Point | None) -> tuple[Point, int] | None:
        """星期六 / 周日 / Sunday said alone: the next such day from the notice's date (its own day
        counts), after the start of the range it ends. Weak, so it plans nothing alone; a time after
        it or a bracket giving its date (星期六(二月十八日)) makes it a day. A weekday that opens a
        run of weekdays (周一至周五) or repeats (逢/每星期六) names no one day."""
        tok = self.t[i]
        if self.text and self.text[max(0, tok.start - 1) : tok.start] in _NOT_ONE_WEEKDAY:
            return None
        if self.text and _LISTED_AFTER_REPEAT.search(self.text, max(0, tok.start - 24), tok.start):
            return None
        run_end = i >= 2 and self.connector(i - 1) == i and self._is_weekday(i - 2)
        if self.gloss(i + 1) is None and (self.connector(i + 1) is not None or run_end):
            return None
        day = self.base + timedelta(days=(weekday - self.base.weekday()) % 7)
        if ctx is not None and ctx.fixed is not None and day < ctx.fixed:
            day += timedelta(days=7)
        return Point(fixed=day, weak=True), i + 1

    def _dot_weekday(self, i: int) -> tuple[Point, int] | None:
        """``5.13（周六）``, ``0513（周六）``, ``722(周五)``: a month and day written with a dot, or run
        together (the 月 and 日 left out, or lost in extraction), with no year, dated by the weekday
        bracket right after it. The same shapes are decimals and counts (1.5米, 722人), so the
        bracket must name the weekday that day falls on in the year nearest the notice's. A page
        that lost only the 月 keeps the 日 (1217日(星期五)); one that lost 年 and 月 keeps the year's
        digits in front (20211218日(星期六)), and that year is the one the weekday is checked in."""
        tok = self.at(i)
        if tok is None or tok.kind is not NUM:
            return None
        said_year = 0
        if self.sep(i + 1, "."):
            month, day, after = _num(tok, 1, 12), _num(self.at(i + 2), 1, 31), i + 3
            dot = self.t[i + 1]
            if dot.start != tok.end or (self.at(i + 2) is not None and self.t[i + 2].start != dot.end):
                return None
        elif tok.digits in (3, 4):
            digits = str(tok.value).zfill(tok.digits)
            cut = tok.digits - 2
            month, day, after = _num_text(digits[:cut], 1, 12), _num_text(digits[cut:], 1, 31), i + 1
        elif tok.digits == 8:  # 20211218日(星期六): 年 and 月 lost, the year still there
            digits = str(tok.value).zfill(8)  # (a phone number's 0000 1111 is digits too)
            said_year = int(digits[:4])
            month, day, after = _num_text(digits[4:6], 1, 12), _num_text(digits[6:], 1, 31), i + 1
        else:
            return None
        lost = self.at(after)
        if lost is not None and lost.kind is UNIT and lost.value == "日" and lost.start == tok.end:
            after += 1  # 1217日(星期五): only the 月 lost
        bracket = self.at(after)
        if month is None or day is None or bracket is None or bracket.start != self.t[after - 1].end:
            return None
        named = str(bracket.value).strip() if bracket.kind is PAREN else ""
        if named not in _WEEKDAY_PAREN or named[-1:] not in _WEEKDAY_NUMBER:
            return None
        if self.text[bracket.end : bracket.end + 1] in _UNIT_CHARS:
            return None  # 722(周五)人: a count that only looks dated
        pt = Point(None, month, day, style="num")
        year = said_year if tok.digits == 8 else self._year_near(pt)
        try:
            if date(year, month, day).weekday() != _WEEKDAY_NUMBER[named[-1]]:
                return None
        except ValueError:
            return None
        return replace(pt, year=year), after

    def _is_weekday(self, j: int) -> bool:
        tok = self.at(j)
        return tok is not None and tok.kind is WEEKDAY

    def _year_near(self, pt: Point) -> int:
        """The year that puts a month and day nearest the base date."""
        best = self.base.year
        for year in (self.base.year - 1, self.base.year + 1):
            try:
                near = abs((date(year, pt.month or 1, pt.day or 1) - self.base).days)
                if near < abs((date(best, pt.month or 1, pt.day or 1) - self.base).days):
                    best = year
            except ValueError:
                continue
        return best

    def _skip_weekday(self, j: int) -> int:
        """Past ``（星期三）``, ``周三``, ``(Wed)``: noise that belongs to the date before it."""
        while True:
            tok = self.at(j)
            if tok is None:
                return j
            if tok.kind is WEEKDAY or (
                tok.kind is PAREN
                and (
                    _bracket_words(tok).lower().rstrip(".") in _WEEKDAY_PAREN
                    or self.gloss(j) is not None
                    or _weekday_and_lunar(str(tok.value))
                )
            ):
                j += 1
            else:
                return j

    def gloss(self, j: int, *, english: bool = False) -> Point | None:
        """A bracket that restates the date before it: （十一月十八日）, （腊月廿九）, （正月初六）.
        The Gregorian date it holds, or an empty point for a lunar gloss; None otherwise."""
        tok = self.at(j)
        if tok is None or tok.kind is not PAREN:
            return None
        inner = str(tok.value).strip()
        if _LUNAR_GLOSS.fullmatch(inner):
            return Point(weak=True)
        tokens = tokenize(inner)
        if not tokens or not (tokens[0].kind is NUM or (english and _month_word(tokens[0]))):
            return None  # （十一月十八日）, (18 February); after an English time, (February 18)
        reader = type(self)(tokens, self.base, inner)
        reader.order_text = self.order_text  # (12/11/2024) beside 13/11/2024: day first, as the text writes
        found = reader.date(0, None)
        if found is None or found[1] != len(tokens) or found[0].day is None:
            return None
        return found[0]

    def _day_gloss(self, j: int) -> int | None:
        """The day of the month a bracket at ``j`` holds alone: (28日)."""
        tok = self.at(j)
        found = None if tok is None or tok.kind is not PAREN else _DAY_ALONE.fullmatch(str(tok.value))
        return None if found is None else to_int(found.group(1))

    def _dated_gloss(self, j: int) -> tuple[Point, int] | None:
        """``(8月20日)`` after a relative day, read as tokens (a bracket holding 月 between digits
        is not one token): the day it says, and the index past its closing bracket."""
        opening = self.at(j)
        if opening is None or opening.kind is not GAP or str(opening.value).strip() not in ("(", "（"):
            return None
        found = self.date(j + 1, None)
        if found is None or found[0].day is None:
            return None
        closing = self.at(found[1])
        if closing is None or closing.kind is not GAP or not str(closing.value).lstrip().startswith(")"):
            return None
        # a gap running on past the bracket (…)在政府大厦) is prose: the date's reading ends before it
        return found[0], found[1] + (1 if str(closing.value).strip() == ")" else 0)
