"""Dates written with digits and separators: 2022.5.11, 2022/5/11, 25/05/2022 (only where the
order is beyond doubt), Taiwan's 111.5.16 and 5/16（一）, and the abbreviated end of a numeric
range (5.26, 26). A mixin the point reader stands on."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from notices.dates.clock import ClockReader
from notices.dates.points import Point
from notices.dates.tokens import GAP, NUM, PAREN, WEEKDAY
from notices.dates.vocabulary import _AM, _DATE_LABEL, _PM, ROC_OFFSET, _is_year, _num

#: A weekday in brackets after a date, as Taiwan writes it: (二), （六）.
_WEEKDAY_GLOSS = re.compile(r"[(（][一二三四五六日天][)）]")


#: A D/M/YYYY or M/D/YYYY date standing alone (not part of a longer chain of numbers).
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])")


@lru_cache(maxsize=64)
def written_order(text: str) -> str | None:
    """``dm`` or ``md`` when the text's D/M/YYYY dates that can be read one way only all say the
    same order (13/11/2024 is day first): a writer keeps to one order, so it settles 12/11/2024
    beside it. None when none says, or they disagree."""
    if "/" not in text and "." not in text and "-" not in text:
        return None
    orders = set()
    for found in _DMY.finditer(text):
        first, second = int(found.group(1)), int(found.group(3))
        if first > 12 >= second >= 1:
            orders.add("dm")
        elif second > 12 >= first >= 1:
            orders.add("md")
    return orders.pop() if len(orders) == 1 else None


#: How near the notice's date one reading of an ambiguous D/M/YYYY must be, the other beyond it.
_NEAR_DAYS = 31


def _compact_point(digits: str) -> Point | None:
    """YYYYMMDD as a point, when it is a real day of a plausible year."""
    if len(digits) != 8 or not digits.isdigit():
        return None
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not 1950 <= year <= 2100:
        return None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return Point(year, month, day, style="num")


class NumericDates(ClockReader):
    """A date of digits at a token."""

    def _num_date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        tok = self.t[i]
        if _is_year(tok) and tok.digits == 4 and self.sep(i + 1, ".", "/", "-"):
            sep = self.t[i + 1].value
            month = _num(self.at(i + 2), 1, 12)
            day = _num(self.at(i + 4), 1, 31)
            if month is None or day is None or not self.sep(i + 3, str(sep)):
                return None
            if (
                self.sep(i + 5, str(sep))
                and self.at(i + 6) is not None
                and self.t[i + 6].kind is NUM
                and self.t[i + 6].start == self.t[i + 4].end + 1
            ):
                return None  # 2022.5.11.3: a version or section number (2026-01-12 - 2026-01-16 is a range)
            j = i + 5
            if self.unit(j, "日", "号"):
                j += 1
            return Point(int(tok.value), month, day, style="num"), j  # type: ignore[call-overload]
        compact = self._compact(i)
        if compact is not None:
            return compact
        day_month = self._day_month_year(i)
        if day_month is not None:
            return day_month
        roc = self._roc_dotted(i)
        if roc is not None:
            return roc
        slashed = self._month_slash_day(i)
        if slashed is not None:
            return slashed
        if ctx is None or not ctx.has_date or ctx.style != "num":
            return None
        # abbreviated end of a numeric range: 5.26 or 26
        first = _num(tok, 1, 31)
        if first is None:
            return None
        if self.sep(i + 1, ".", "/", "-"):
            day = _num(self.at(i + 2), 1, 31)
            if day is not None and first <= 12:
                return Point(None, first, day, style="num"), i + 3
            return None
        return Point(None, None, first, style="num"), i + 1

    def _compact(self, i: int) -> tuple[Point, int] | None:
        """``20230520``: a date of eight digits, read only where the text says it is one (a date
        label before it, a clock time after it, or another such date across a connector): the
        same shape is a serial or telephone number."""
        tok = self.t[i]
        if tok.kind is not NUM or tok.digits != 8:
            return None
        if tok.start > 0 and self.text[tok.start - 1].isdigit():
            return None  # the tail of a longer number cut where a window of text begins
        point = _compact_point(self.text[tok.start : tok.end])
        if point is None:
            return None
        said = (
            _DATE_LABEL.search(self.text, max(0, tok.start - 12), tok.start) is not None
            or self.time(i + 1) is not None
        )
        if not said:
            conn = self.connector(i + 1)
            after = self.at(conn) if conn is not None else None
            said = after is not None and after.kind is NUM and after.digits == 8
            said = said or (i >= 2 and self.connector(i - 1) == i and self.t[i - 2].digits == 8)
        return (point, i + 1) if said else None

    def _roc_dotted(self, i: int) -> tuple[Point, int] | None:
        """``113.3.5``, ``113/01/02``, ``113-1-2``: a Taiwan date, its year counted from 1912, written
        with one separator twice (a Gregorian year has four digits, so three are never one)."""
        tok = self.t[i]
        if tok.kind is not NUM or tok.digits != 3 or not 80 <= int(tok.value) <= 150:  # type: ignore[call-overload]
            return None
        year = int(tok.value)  # type: ignore[call-overload]
        sep = self.t[i + 1].value if self.sep(i + 1, ".", "/", "-") else None
        if sep is None or not self.sep(i + 3, str(sep)):
            return None
        month, day = _num(self.at(i + 2), 1, 12), _num(self.at(i + 4), 1, 31)
        if month is None or day is None or self.sep(i + 5, ".", "/", str(sep)):
            return None  # 113/01/02/3: a fourth part makes it a number; 113/01/02-113/02/01 is a range
        if any(self.t[k + 1].start != self.t[k].end for k in range(i, i + 4)):
            return None  # 113. 3. 5 with spaces is a list, not a date
        return Point(year + ROC_OFFSET, month, day, style="num"), i + 5

    def _month_slash_day(self, i: int) -> tuple[Point, int] | None:
        """``3/5（二）``, ``至3/15止``: month/day with no year, as Taiwan writes it, taken only where
        the text says it is a date (a weekday, a time, 起/止/至 around it), never a bare fraction."""
        tok, day_tok = self.t[i], self.at(i + 2)
        month, day = _num(tok, 1, 12), _num(day_tok, 1, 31)
        if month is None or day is None or day_tok is None or tok.digits > 2 or day_tok.digits > 2:
            return None
        if not self.sep(i + 1, "/") or self.t[i + 1].start != tok.end or day_tok.start != self.t[i + 1].end:
            return None
        if self.sep(i + 3, "/", ".") or self.sep(i - 1, "/", "."):
            return None  # part of a longer number or a full date
        j = i + 3
        after = self.at(j)
        if after is not None and after.kind is GAP and _WEEKDAY_GLOSS.fullmatch(str(after.value).strip()):
            j += 1  # 3/5(二)
        said = j > i + 3 or (after is not None and after.kind in (WEEKDAY, PAREN))
        said = said or self.kw(i - 1, "至", "到", "起", "即日起", "自", "截至", "截止", "于")
        said = said or self.kw(j, "起", "止", "前", "至", "到", *_AM, *_PM) or self.time(j) is not None
        said = said or (self.sep(j, "-", "~") and self.sep(j + 2, "/"))  # 3/5-3/8
        return (Point(None, month, day, style="num"), j) if said else None

    def _day_month_year(self, i: int) -> tuple[Point, int] | None:
        """``25/05/2022`` or ``05/25/2022``; read only when the order is beyond doubt.

        Day-first and month-first writers both use this shape, so ``11/05/2022`` could be
        either 11 May or 5 November: it is skipped rather than guessed.
        """
        order = self._dmy_order(i)
        if order is None:
            return None
        if order == "?":
            # 12/05/2022 - 25/05/2022: the other end of the range tells the order
            conn = self.connector(i + 5)
            order = self._dmy_order(conn) if conn is not None else None
            if order is None or order == "?":
                order = written_order(self.order_text)  # 12/11/2024 … 13/11/2024: the text's order
            if order is None or order == "?":
                order = self._ahead_order(i)  # 7/11/2019 in a notice of 24 Oct 2019: 7 November
            if order is None:
                return None
        first, second = int(self.t[i].value), int(self.t[i + 2].value)  # type: ignore[call-overload]
        day, month = (first, second) if order == "dm" else (second, first)
        return Point(int(self.t[i + 4].value), month, day, style="num"), i + 5  # type: ignore[call-overload]

    def _ahead_order(self, i: int) -> str | None:
        """The one reading of an ambiguous D/M/YYYY that falls on or after the notice's date and
        within half a year of it (a notice tells what is ahead); when both do, the nearer, if it is
        within a month and the other is not (06/03/2018 in a notice of 1 March 2018: 6 March, the
        nearest to the notice's own dates); None otherwise."""
        first, second = int(self.t[i].value), int(self.t[i + 2].value)  # type: ignore[call-overload]
        year = int(self.t[i + 4].value)  # type: ignore[call-overload]
        ahead = []
        for order, (day, month) in (("dm", (first, second)), ("md", (second, first))):
            try:
                days = (date(year, month, day) - self.base).days
            except ValueError:
                continue
            if 0 <= days <= 183:
                ahead.append((days, order))
        if len(ahead) == 2:
            ahead.sort()
            near, far = ahead
            return near[1] if near[0] <= _NEAR_DAYS < far[0] else None
        return ahead[0][1] if len(ahead) == 1 else None

    def _dmy_order(self, i: int) -> str | None:
        """``dm`` / ``md`` for a D/M/YYYY or M/D/YYYY shape at ``i``, ``?`` if it could be both."""
        tok = self.at(i)  # past the end when a connector closes the text (5/11/2022 至)
        sep = self.at(i + 1)
        if tok is None or tok.digits > 2 or sep is None or not sep.is_sep("/", ".", "-"):
            return None
        before = self.at(i - 1)
        if before is not None and before.is_sep(str(sep.value)) and before.end == tok.start:
            return None  # the tail of a longer number chain (phone, code)
        year_tok = self.at(i + 4)
        if not self.sep(i + 3, str(sep.value)) or year_tok is None or not _is_year(year_tok):
            return None
        if year_tok.digits != 4 or self.sep(i + 5, str(sep.value), ":") or self.unit(i + 5, "年"):
            return None
        first, second = _num(tok, 1, 31), _num(self.at(i + 2), 1, 31)
        if first is None or second is None:
            return None
        if first > 12 >= second:
            return "dm"
        if second > 12 >= first or first == second:
            return "md"
        return "?" if first <= 12 and second <= 12 else None
