"""``PointReader``: a date with its optional time of day, read at a token.

Chinese dates (``2022年5月11日``, ``5月中旬``, ``民國111年``), festivals and lunar days, relative
days (今天, 今晚, 下周一); weekdays and the brackets that gloss a date are glosses.py's. Dates of digits
(``2022.5.11``, ``25/05/2022``) are read by numeric.py, times of day by clock.py and English shapes
by english.py, the mixins below it; ranges and deadlines are grammar.py's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from notices.calendars import LUNAR_MONTH_NAMES
from notices.dates.festival_days import FestivalDays
from notices.dates.glosses import week_of_gloss
from notices.dates.month_words import said_month
from notices.dates.points import Point
from notices.dates.tokens import GAP, KW, NUM, RELWEEK, UNIT, WEEKDAY, WORD, Token
from notices.dates.vocabulary import (
    _ADDRESS_AFTER_HAO,
    _DAY_PARTS,
    _FESTIVALS,
    _NEXT_DAY,
    _ROC_MARK,
    ROC_OFFSET,
    WEEKDAYS,
    _is_year,
    _num,
)

#: Years said relative to the notice's: 去年 is the year before its own.
_Day = date  # the class has a method named date
#: A word that links a sentence to the one before it, and its comma.
#: The verb of a plan right before a bare day (将于16日, 定于 28日): the day is one to plan around.
_PLAN_BEFORE = re.compile(r"(?:将于|将在|定于|拟于|拟定于|计划于|预计于|预定于)\s*$")
#: What a bare day starts when said right after it: 10日起, 20日正式供热, 15日开始.
_STARTS_AFTER = re.compile(r"\s*(?:起|开始|正式(?:启动|开始|供|实施|运行|开通))")
#: What a bare day ends when said right after it: 24日结束, 24日闭幕 (of what the day before opened).
_ENDS_AFTER = re.compile(r"\s*(?:结束|闭幕|落幕|闭馆|闭园|收官)")
#: English relative days a bracket may date: today (January 21), tomorrow (May 12).
_EN_RELATIVE_DAYS = frozenset(("today", "tomorrow", "tonight"))
#: A day of every month (每月15日起), not one of the month just named.
_EVERY_MONTH = re.compile(r"(?:每|每个|逐|次|当)月\s*$")
_LINKING = re.compile(r"(?:此外|另外|另|同时|其次|随后|其后|然后|最后)[,，]?[ \t]*$")
_RELATIVE_YEARS = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1, "来年": 1}


#: Days named by their distance from the reference day.
_SHIFTS = {"今日": 0, "今天": 0, "明日": 1, "明天": 1, "后天": 2, "昨日": -1, "昨天": -1}


class PointReader(FestivalDays):
    """Dates, times of day and points (a date with its time) at a token index."""

    # ----------------------------------------------------------------- dates

    def date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        tok = self.at(i)
        if tok is None:
            return None
        if tok.kind is NUM:
            return (
                self._cn_date(i, ctx)
                or self._num_date(i, ctx)
                or self._en_day_first(i, ctx)
                or self._dot_weekday(i)
            )
        if tok.kind is WORD:
            return self._en_month_first(i) or self._en_relative(i)
        if tok.kind is RELWEEK:
            ahead: int = tok.value[0]  # type: ignore[index]
            weekday: int = tok.value[1]  # type: ignore[index]
            monday = self.base - timedelta(days=self.base.weekday()) + timedelta(weeks=ahead)
            day = monday + timedelta(days=weekday)
            glossed = self._day_gloss(i + 1)
            week = None if glossed is None or glossed == day.day else week_of_gloss(day, glossed)
            if week is not None:
                return Point(fixed=week), i + 2  # 下周日（23日）: the bracket's day says which week
            return Point(fixed=day), i + 1
        if tok.kind is WEEKDAY:
            return self._weekday(i, int(tok.value), ctx)  # type: ignore[call-overload]
        if tok.kind is KW and tok.value in _FESTIVALS:
            return self._festival(i)
        if tok.kind is KW and tok.value == "农历":
            return self._lunar(i, tok.end)
        if tok.kind is KW and tok.value in LUNAR_MONTH_NAMES:
            return self._lunar(i, tok.start)  # 正月十三: the month name says the calendar
        if tok.kind is KW:
            said = _DAY_PARTS.get(str(tok.value))
            if said is not None:
                return self._day_part(i, said[0])
            shift = _SHIFTS.get(str(tok.value))
            if shift is not None:
                return Point(fixed=self.base + timedelta(days=shift), weak=True), i + 1
            if tok.value in ("同日", "同一天", "是日") and self.recent is not None:
                return Point(fixed=self.recent, weak=True), i + 1  # 将于十月七日上载…同日起供索取
            if tok.value in ("本月底", "本月末", "月底", "月末"):
                return Point(self.base.year, self.base.month, part="monthend"), i + 1
        return None

    def _day_part(self, i: int, shift: int) -> tuple[Point, int]:
        """今晚10时, 明早6时: the day it names with the hour read in that part of the day; said
        alone (今晚停电) it is weak, like 今天."""
        day = Point(fixed=self.base + timedelta(days=shift), weak=True)
        timed = self.time(i)
        if timed is None:
            return day, i + 1
        hour, minute, k = timed
        span = (self.t[i].start, self.t[k - 1].end)
        return day.at_time(hour, minute, span), k

    def _cn_date(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        year: int | None = None
        j = i
        tok = self.t[i]
        if self.unit(i + 1, "年"):
            if _is_year(tok):
                year = int(tok.value)  # type: ignore[call-overload]
            else:
                roc = self._roc_year(tok)
                if roc is None:
                    return None
                year = roc
            j = i + 2
        month = _num(self.at(j), 1, 12)
        month_tok = self.at(j + 1)
        if year is None and (self.unit(i + 1, "日", "号") or self.kw(i + 1, "日期")):
            # 26日 as the end of a range (or the next item of a list) that began with a day
            day = _num(tok, 1, 31)
            this_month = (
                said_month(self.text, tok.start, self.base, ctx)
                if day is not None and self.text and self.unit(i + 1, "日")
                else None
            )
            if this_month is not None:
                # 由10月22日至本月30日 / 本月27日 / 下月5日: the month is the notice's, or the next
                return Point(this_month[0], this_month[1], day), i + 2
            if day is not None and ctx is not None and ctx.has_date and ctx.style == "cn":
                if self.unit(i + 1, "号") and self._address_follows(i + 1):
                    return None  # 5月11日，3号楼: a building, not the 3rd
                return Point(None, None, day), i + 2
            if day is not None and self.unit(i + 1, "日"):
                if self.time(self._skip_weekday(i + 2)) is not None:
                    return Point(None, None, day), i + 2  # 13日21:00: a day of the nearest month
                if self._day_follows(self._skip_weekday(i + 2)):
                    return Point(None, None, day), i + 2  # 从28日起至30日止: days of the nearest month
                if self.text and _PLAN_BEFORE.search(self.text, max(0, tok.start - 6), tok.start):
                    # 马拉松赛将于16日开跑 / 定于3日举行: a plan's day, the first such day from the
                    # notice's own on (a plan is not in the past)
                    year, month = self.base.year, self.base.month
                    if day < self.base.day:
                        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
                    return Point(year, month, day), i + 2
                recent = self.recent
                if (
                    recent is not None
                    and self.text
                    and _STARTS_AFTER.match(self.text, self.t[i + 1].end)
                    and not _EVERY_MONTH.search(self.text, max(0, tok.start - 4), tok.start)
                ):
                    # 于10月10日启动试运行…确保20日正式供热 / 10日起将试供热: a report's later day of
                    # the month it has just named, told as a start
                    return Point(recent.year, recent.month, day), i + 2
                if (
                    recent is not None
                    and self.text
                    and day > recent.day
                    and _ENDS_AFTER.match(self.text, self.t[i + 1].end)
                ):
                    # 将于15日开幕，24日结束: the close of what opened on the day just named
                    return Point(recent.year, recent.month, day), i + 2
                if (
                    recent is not None
                    and self._schedule_day(recent, day)
                    and self._opens_sentence(tok.start)
                    and self.sep(i + 2, ",")
                ):
                    # 本月15日…停电。23日，…将于8时30分至12时停电 / 此外，16日，…: another day of a dated
                    # schedule, in the month of the day before it
                    return Point(recent.year, recent.month, day), i + 2
            return None
        if month is None or month_tok is None:
            return None
        if year is None and self.text:
            # 去年6月1日, 今年5月, 明年1月: a year said relative to the notice's own
            year = _RELATIVE_YEARS.get(self.text[max(0, tok.start - 2) : tok.start])
            if year is not None:
                year += self.base.year
        if month_tok.kind is UNIT and month_tok.value == "月":
            k = j + 2
            day = _num(self.at(k), 1, 31)
            if day is not None and (self.unit(k + 1, "日", "号") or self.kw(k + 1, "日期")):
                return Point(year, month, day), k + 2
            if day is not None and self._day_follows(k + 1):
                return Point(year, month, day), k + 1  # 5月11-26日: 日 is written once
            if self.kw(k, "上旬", "中旬", "下旬"):
                part = {"上旬": "xun1", "中旬": "xun2", "下旬": "xun3"}[str(self.t[k].value)]
                return Point(year, month, part=part), k + 1
            return Point(year, month, part="month", weak=year is None), k
        if month_tok.kind is KW:
            parts = {"月底": "monthend", "月末": "monthend", "月初": "monthstart", "月中": "xun2"}
            if month_tok.value in parts:
                return Point(year, month, part=parts[str(month_tok.value)]), j + 2
            if month_tok.value == "月份":
                return Point(year, month, part="month", weak=year is None), j + 2
        if self._month_follows(j + 1):
            return Point(year, month, part="month"), j + 1  # 1-3月: 月 is written once
        return None

    def _schedule_day(self, recent: _Day, day: int) -> bool:
        """A day later than the one before it, or an earlier one of that month the notice has not
        yet passed (…28日断电。此外，16日，…停电): a day before the notice's own is background."""
        if day > recent.day:
            return True
        if day == recent.day or (recent.year, recent.month) != (self.base.year, self.base.month):
            return False
        return day >= self.base.day

    def _opens_sentence(self, at: int) -> bool:
        """Whether only a sentence end (。；, a line break) or the text's start comes before ``at``,
        or one of those and a linking word (此外，/ 另外，/ 同时，)."""
        head = self.text[max(0, at - 8) : at].rstrip(" \t")
        linked = _LINKING.search(head)
        if linked is not None:
            head = head[: linked.start()].rstrip(" \t")
        return not head or head[-1] in "。；;\n"

    def _roc_year(self, tok: Token) -> int | None:
        """``民國111年`` / ``111年`` (Taiwan): three digits are never a Gregorian year in a
        notice; one or two digits (``民國99年``) only count after 民國."""
        value: int = tok.value  # type: ignore[assignment]
        if not 1 <= value <= 199:
            return None
        marked = self.text[max(0, tok.start - 3) : tok.start].rstrip().endswith(_ROC_MARK)
        if marked or (tok.digits == 3 and value >= 100):
            return value + ROC_OFFSET
        return None

    def _month_follows(self, j: int) -> bool:
        """Is there a connector at ``j`` and then a month written with 月?"""
        conn = self.connector(j)
        return (
            conn is not None
            and _num(self.at(conn), 1, 12) is not None
            and (self.unit(conn + 1, "月") or self.kw(conn + 1, "月份"))
        )

    def _address_follows(self, j: int) -> bool:
        """``号`` at ``j`` directly followed by 楼/院/线…: a house or line number."""
        if not self.text:
            return False
        end = self.t[j].end
        return self.text[end : end + 1] in _ADDRESS_AFTER_HAO

    def _day_follows(self, j: int) -> bool:
        """Is there a connector at ``j`` and then a day of the month written with 日/号?"""
        conn = self.connector(j)
        return (
            conn is not None
            and _num(self.at(conn), 1, 31) is not None
            and (self.unit(conn + 1, "日", "号") or self.kw(conn + 1, "日期"))
        )

    def _tomorrow_after_today(self, i: int, ctx: Point) -> bool:
        """明晚7点 / 明早6时 ending a span that starts today (今早7点起至明晚7点): tomorrow's, as said,
        not an hour on the start's day. After a start on another day the word is read as the half of
        the day only, the night after that start (5月10日22时至明早6时)."""
        tok = self.at(i)
        if tok is None or tok.kind is not KW or _DAY_PARTS.get(str(tok.value), (0, ""))[0] != 1:
            return False
        return ctx.fixed == self.base or (
            ctx.fixed is None
            and ctx.day == self.base.day
            and ctx.month == self.base.month
            and ctx.year in (None, self.base.year)
        )

    def point(self, i: int, ctx: Point | None) -> tuple[Point, int] | None:
        """A date with an optional time; with a dated ``ctx``, also a bare time."""
        tok = self.at(i)
        if ctx is not None and ctx.has_date and not self._tomorrow_after_today(i, ctx):
            if tok is not None and (tok.kind is NUM or self.word(i, "noon", "midnight")):
                dated = self._time_on_date(i)  # "… to 6:00 a.m. on 19 May 2022": its own day
                if dated is not None:
                    return dated
            next_day = self.kw(i, *_NEXT_DAY)
            timed = self.time(self._skip_weekday(i + 1) if next_day else i)
            if timed is not None:
                hour, minute, k = timed
                if self.word(k, "the") and self.word(k + 1, "following", "next") and self.word(k + 2, "day"):
                    next_day, k = True, k + 3  # to 2.00am the following day
                span = (self.t[i].start, self.t[k - 1].end)
                return Point(hour=hour, minute=minute, time_only=True, time_span=span, next_day=next_day), k
        if tok is not None and tok.kind is WORD and tok.value in WEEKDAYS:
            k = i + 1 + (1 if self.sep(i + 1, ",") else 0)
            found = self.date(k, ctx)
            if found is None or found[0].style != "en":
                found = self.date(i, ctx)  # Sunday alone, or Saturday (July 29)
        else:
            found = self.date(i, ctx)
        if found is None and tok is not None and (tok.kind is NUM or tok.kind is WORD):
            return self._time_on_date(i)
        if found is not None:
            pt, j = found
            if pt.fixed is not None and pt.fixed_end is None:
                # 今日（五月十日）, 下星期一（十一月十八日）, Friday (June 3): the bracket says which day
                named = tok is not None and (tok.kind is WEEKDAY or tok.value in WEEKDAYS)
                # today (January 21): an English relative day dated by its bracket, as 今日（一月廿一日）
                said = self.gloss(j, english=named or (tok is not None and tok.value in _EN_RELATIVE_DAYS))
                spelled = None if said is not None else self._dated_gloss(j)
                if spelled is not None:
                    said, j = spelled  # 本周四(8月20日)起: the bracket holds a date of digits
                elif said is not None:
                    j += 1  # past the bracket that dated it
                if said is not None and said.month is not None:
                    year = said.year if said.year is not None else self._year_near(said)
                    # 今日（五月十日） stays as weak as 今日; a weekday the bracket dates ahead of the
                    # notice (星期六（二月十八日）) is that date written out, one on or before it is
                    # when something was said (said on Tuesday (Apr 5))
                    weak = pt.weak and not (named and pt.fixed > self.base)
                    pt = replace(said, year=year, weak=weak)
            if pt.fixed is not None and self._day_gloss(j) == pt.fixed.day:
                j += 1  # 今日(14日)晚上11时, 星期天(28日)凌晨2时: the bracket names the day of the month only
            j = self._skip_weekday(self._past_lunar_gloss(self._skip_weekday(j), pt))
            k = j
            if pt.style == "en" and self.sep(k, ","):
                k += 1
            if self.word(k, "t", "at", "on") or (pt.style == "en" and self.word(k, "from")):
                k += 1
            closing = self.at(k)
            if closing is not None and closing.kind is GAP and str(closing.value).strip() in (")", "）"):
                k += 1  # 星期二(4月1日)中午前: the gloss closes, its hours follow
            elif self.sep(k, ":") and self.sep(k + 2, ":") and self.t[k + 1].start == self.t[k].end:
                k += 1  # 5月14日:17:30: a colon typed between the day and its hh:mm
            # a span of days (正月十三至十七, 春节期间) takes no hour: a window after it repeats daily
            timed = self.time(k) if pt.part in ("day", "festival") and pt.fixed_end is None else None
            if timed is not None:
                hour, minute, k2 = timed
                span = (self.t[k].start, self.t[k2 - 1].end)
                return pt.at_time(hour, minute, span), k2
            return pt, j
        return None
