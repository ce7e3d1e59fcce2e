"""Days named by a festival or a lunar date: 元旦, 国庆节期间, 农历正月初一, 正月十三, and a lunar date
or festival written right after the Gregorian day it falls on (2月10日正月初一), which restates it."""

from __future__ import annotations

import re
from datetime import date

from notices.calendars import LUNAR_MONTH_NAMES, holiday_run, nearest_festival, nearest_lunar
from notices.dates.glosses import _WEEKDAY_NUMBER, WeekdayGlosses, _bracket_words
from notices.dates.lunar_days import _lunar_day, _lunar_end
from notices.dates.points import Point
from notices.dates.tokens import KW, PAREN
from notices.dates.vocabulary import (
    _FESTIVAL_NAMES_EVENT,
    _FESTIVALS,
    _LUNAR_DATE,
    _LUNAR_MONTHS,
    _OWN_DATE,
    _WEEKDAY_PAREN,
)
from notices.numerals import to_int

#: A place's name that begins with a festival's (清明上河园, 清明桥, 中秋路): up to two more characters,
#: none a word of time (期间, 假期, 前后, 当天), then what names a place.
_PLACE_AFTER = re.compile(
    r"(?![节期假前后当长至到起])[\u4e00-\u9fff]{0,2}?"
    r"(?:园|桥|路|街|巷|村|坊|广场|公园|景区|大道|大街|小区|社区|园区)(?![期况演])"
)


class FestivalDays(WeekdayGlosses):
    """Festivals and lunar dates at a token index, for the point reader."""

    def _festival(self, i: int) -> tuple[Point, int] | None:
        """元旦, 除夕, 年初二, 国庆节期间: the day nearest the base date; with 期间, the official days
        off around it. Said alone it is weak (春节将至 plans nothing); a time or 期间 makes it a day."""
        tok = self.t[i]
        if _FESTIVAL_NAMES_EVENT.match(self.text, tok.end) and self._dated_otherwise(tok.start, tok.end):
            return None  # 元宵灯会将于2月8日至16日举行: the festival names the show, the dates date it
        if not str(tok.value).endswith("节") and _PLACE_AFTER.match(self.text, tok.end):
            return None  # 在清明上河园举行 / 元宵桥: the festival's name begins a place's, no day
        day = nearest_festival(str(tok.value), self.base)
        if day is None:
            return None
        if self.text[tok.end : tok.end + 2] == "期间":
            first, last = holiday_run(day)
            if first < last:
                return Point(fixed=first, fixed_end=last), i + 1
        said = self.at(i + 1)
        if (
            said is not None
            and said.kind is PAREN
            and _bracket_words(said) in _WEEKDAY_PAREN
            and _WEEKDAY_NUMBER.get(_bracket_words(said)[-1]) == day.weekday()
        ):
            # 元旦(星期一): the weekday that falls on it glosses the day, which is then read as its
            # date would be (元旦（星期三）中山路9时至17时管制 is those hours, not the whole day too)
            return Point(fixed=day), i + 2
        return Point(fixed=day, weak=True, part="festival"), i + 1

    def _dated_otherwise(self, start: int, end: int) -> bool:
        """Whether the text names a day of its own outside ``start:end`` (a festival's name)."""
        return any(m.start() >= end or m.end() <= start for m in _OWN_DATE.finditer(self.text))

    def _lunar(self, i: int, at: int) -> tuple[Point, int] | None:
        """农历正月初一, 农历五月初五, 农历8月15日, or 正月十三 read from ``at``: a lunar month and
        day, in the lunar year nearest the base date."""
        m = _LUNAR_DATE.match(self.text, at)
        if m is None:
            return None
        month = _LUNAR_MONTHS.get(m.group(1)) or to_int(m.group(1))
        day = _lunar_day(m.group(2))
        if not month or not day or not 1 <= month <= 12:
            return None
        found = nearest_lunar(month, day, self.base)
        if found is None:
            return None
        last, end_at = _lunar_end(self.text, m.end(), month, found)
        j = i + 1
        while j < len(self.t) and self.t[j].end <= end_at:
            j += 1
        return Point(fixed=found, fixed_end=last), j

    def _past_lunar_gloss(self, j: int, pt: Point) -> int:
        """Past a lunar date or a festival written right after the Gregorian day it falls on
        (2月10日正月初一, 2月17日农历正月初八, 2025年1月1日元旦): it restates that day, as the
        bracketed （正月初一） does."""
        tok = self.at(j)
        if tok is None or tok.kind is not KW:
            return j
        festival = tok.value in _FESTIVALS
        if not festival and tok.value != "农历" and tok.value not in LUNAR_MONTH_NAMES:
            return j
        if pt.fixed is not None:
            day = pt.fixed
        elif pt.month is not None and pt.day is not None:
            try:
                day = date(pt.year or self._year_near(pt), pt.month, pt.day)
            except ValueError:
                return j
        else:
            return j
        if festival:
            return j + 1 if nearest_festival(str(tok.value), day) == day else j
        found = self._lunar(j, tok.end if tok.value == "农历" else tok.start)
        if found is None or found[0].fixed != day or found[0].fixed_end is not None:
            return j
        return found[1]
