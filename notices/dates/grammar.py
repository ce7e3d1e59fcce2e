"""The date grammar over tokens: date atoms, time atoms, connectors → unresolved periods.

Rules, in the order they are tried at a token::

    period   := deadline | base_run | duration | dotted | range
    deadline := (截至|截止|至|到|until|by|before) [words 时间|日期][:|为] point [(含)] [止|为止|前]
    base_run := (即日起|之日起|今日起 …) [connector point | N (个)(日|天|工作日)(内)]
    duration := (公示期|公告期|异议期)[为|:] N (个)(日|天|工作日)
    dotted   := M.D connector (M.D | D) [日]   (no year: only after a date label or with 日; dotted.py)
    range    := point [(起)? connector point | 起 point 止] [止|为止|前|截止|起|起 N日内]
                [daily time window]
              | point [(含)] (前|之前|以前|截止)                        (a deadline)
    point    := date [weekday noise] [time] | time   (a bare time only after a date)
              | time [,] [on] [Weekday,] Month D     (English: 5 pm on May 31)
    date     := Y年M月[D日] | M月[D日|旬|底] | Y.M.D | Y/M/D | Y-M-D
              | M月D-D日 | [Y年]M-M月                 (日 / 月 written once)
              | D/M/YYYY | M/D/YYYY                  (only when the order is beyond doubt)
              | Month D[, Y] | D Month[ Y] | next Monday | next week | 下周一 …
              | D日 · M月D日 · M.D · D   (only as the end of a range: year and month come
                                         from the start)
    time     := [上午|下午|…] H(时|点|:MM)[MM分|半] | H[:MM] (am|pm)

Year ranges (``2021-2025年``) are plans, never periods. Points stay unresolved here
(year may be missing); resolve.py resolves them against the publication date. The rules
from ``period`` to ``range`` are here; the words around a date they ask about are in
around.py, daily windows in windows.py, days said by a word (明天, 元旦日(…)) in named_days.py,
and ``point``, ``date`` and ``time`` are read by point_reader.py and english.py.
"""

from __future__ import annotations

from dataclasses import replace

from notices.dates.month_window import month_window
from notices.dates.named_days import NamedDays
from notices.dates.points import Draft, Point
from notices.dates.tokens import GAP, KW, NUM, PAREN, WEEKDAY, WORD
from notices.dates.vocabulary import (
    _AM,
    _BASE_KW,
    _BEFORE_MARKS,
    _CONNECTORS,
    _DEADLINE_EN,
    _DEADLINE_KW,
    _DURATION_LABELS,
    _END_MARKS,
    _num,
)

#: What may say a year before its month (本年, 去年 …; the tokenizer may leave 年 apart).
#: English words that open a start with no end yet: from May 11, starting on Sunday.
_FROM_EN = frozenset(("from", "since", "starting", "beginning", "commencing", "effective"))

_YEAR_WORDS = frozenset(("本", "今", "明", "去", "上", "来", "本年", "今年", "明年", "去年"))


#: Parts of a day said without an hour.
_DAY_PARTS = ("上午", "下午", "中午", "晚上", "夜间", "凌晨", "早上", "早晨", "傍晚", "清晨", "晚间")

#: What a date and its 起 cannot have between them: the clause has ended.
_GAP_BREAKS = frozenset("，,。；;：:！？!?\n")


class Grammar(NamedDays):
    """Parses drafts out of one token list; ``base`` only fixes relative words."""

    def period(self, i: int, prev: Point | None) -> Draft | None:
        tok = self.t[i]
        if tok.kind is PAREN:
            return self._bracketed_day(i)
        if tok.kind is GAP:
            return None
        if tok.kind is KW:
            if tok.value in _DEADLINE_KW or (tok.value in ("至", "到") and self._starts_clause(i)):
                return self._deadline(i)
            if tok.value in _BASE_KW or (
                tok.value in ("今日", "今天") and self.kw(i + 1, "起", "至", "到", "起至")
            ):
                return self._from_base(i)
            if tok.value in _DURATION_LABELS:
                return self._labelled_duration(i)
        if tok.kind is WORD and (
            tok.value in _DEADLINE_EN or (tok.value == "than" and self.word(i - 1, "later"))
        ):
            return self._deadline(i)  # by / before / (not) later than 12:00 noon on 7/11/2019
        if tok.kind is NUM and prev is None and self.sep(i + 1, "."):
            dotted = self._dotted_range(i)
            if dotted is not None:
                return dotted
        if tok.kind is WORD and tok.value == "between":
            between = self._en_between(i, prev)  # between Dec. 30 and Jan. 1, between 9am and 5pm
            if between is not None:
                return between
        if tok.kind is WORD and tok.value in _FROM_EN:
            # (starting on Sunday, commencing on 1 May: the "on" is the start's)
            draft = self._range(i + 2 if self.word(i + 1, "on") and tok.value != "from" else i + 1, None)
            if draft is None:
                return None
            if draft.end is draft.start:
                return replace(draft, first=i, end=None)  # from May 11: open-ended
            return replace(draft, first=i)
        return self._range(i, prev)

    def _deadline(self, i: int) -> Draft | None:
        j = i + 1
        label: str | None = None
        if self._due_words(j):
            j += 1  # 截止投标时间 / 截止递交日期: what is due sits between 截止 and 时间
        if self.kw(j, "日期", "时间"):
            label = self._deadline_label(i, j)
            j += 1
        if self.sep(j, ":") or self.kw(j, "为"):
            j += 1
        said = self.at(j)
        if said is not None and said.kind is GAP and str(said.value).strip() in _YEAR_WORDS:
            j += 2 if self.unit(j + 1, "年") else 1  # 截至本年5月31日: the month reads its year from it
        found = self.point(j, None)
        if found is None:
            return None
        pt, k = found
        if pt.weak and (pt.part == "month" or self.t[j].kind is WEEKDAY):
            return None  # 至5月 / 至周日早上: no day or no hour to be due by
        if self._inclusive(k):
            k += 1
        if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
            k += 1
        if self._plan_moved(i) or self._narrowed_to(i):
            moved = self._range(j, None)  # 作业延期至5月19日8时至18时进行: the plan's new hours
            if (
                moved is not None
                and moved.start is not None
                and moved.end is not None
                and moved.start != moved.end
            ):
                return replace(moved, first=i)
        if self._moved_to(i):
            return self._daily(Draft(pt, pt, i, k)) if not pt.time_only else None
        return Draft(None, pt, i, k, label=label)

    def _from_base(self, i: int) -> Draft | None:
        j = i + 1
        if self.kw(j, "起"):
            j += 1
        start = Point(fixed=self.base)
        conn = self.connector(j) if not self.kw(j - 1, "起") else self._after_qi(j)
        if conn is not None:
            found = self.point(conn, start)
            if found is not None and not found[0].time_only:
                end, k = found
                if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
                    k += 1
                return Draft(start, end, i, k)
        duration = self._duration(j)
        if duration is not None:
            days, workdays, k = duration
            return Draft(start, None, i, k, duration_days=days, workdays=workdays)
        if self.kw(i, "即日", "今日", "今天") and not self.kw(i + 1, "起"):
            return None
        return Draft(start, None, i, j)

    def _after_qi(self, j: int) -> int | None:
        if self.kw(j, *_CONNECTORS) or self.sep(j, "-", "~"):
            return j + 1
        return None

    def _duration(self, j: int, counts_first: bool = False) -> tuple[int, bool, int] | None:
        """``N日内`` / ``N天`` / ``N个工作日(内)`` at ``j``: (days, workdays?, next index).
        With ``counts_first`` (after a dated start: 自12月3日起30天), a plain ``N天`` with no 内
        counts the first day, as a span of N days does; ``N日内`` counts from the day after."""
        run = self.at(j)
        running = run is not None and run.kind is GAP and str(run.value).strip() in ("连续", "一连", "为期")
        if running:
            j += 1  # 起连续十日: ten days counting the first
        tok = self.at(j)
        if tok is None or tok.kind is not NUM or tok.digits > 3:
            return None
        days = int(tok.value) - (1 if running else 0)  # type: ignore[call-overload]
        if not 0 <= days <= 366:
            return None
        k = j + 1
        if self.kw(k, "个"):
            k += 1
        if self.kw(k, "工作日"):
            k += 1
            if self.kw(k, "内"):
                k += 1
            return days, True, k
        if self.kw(k, "日内", "天内"):
            return days, False, k + 1
        if self.kw(k, "天") or self.unit(k, "日"):
            k += 1
            if self.kw(k, "内"):
                return days, False, k + 1
            if counts_first and not running and days > 0:
                days -= 1
            return days, False, k
        return None

    def _labelled_duration(self, i: int) -> Draft | None:
        j = i + 1
        if self.kw(j, "为") or self.sep(j, ":"):
            j += 1
        duration = self._duration(j)
        if duration is None:
            return None
        days, workdays, k = duration
        return Draft(
            Point(fixed=self.base),
            None,
            i,
            k,
            duration_days=days,
            workdays=workdays,
            label=str(self.t[i].value),
        )

    def _range(self, i: int, prev: Point | None) -> Draft | None:
        if self.t[i].kind is NUM and prev is None:
            window = self._en_time_window(i)
            if window is not None:
                return window
        found = self.point(i, prev)
        if found is None:
            return None
        start, j = found
        closing = self.at(j)
        if (
            closing is not None
            and closing.kind is GAP
            and str(closing.value).strip() == ")"
            and self.kw(j + 1, "起")
        ):
            j += 1  # 今(6月13日星期三)起: the date sat in brackets after the word it dates
        if start.fixed_end is not None and start.hour is None:
            spanned = self._daily(Draft(replace(start, fixed_end=None), Point(fixed=start.fixed_end), i, j))
            if spanned.daily is not None:
                return spanned  # 正月十三至十七每晚18时至23时, 春节期间每日9时至17时: each day's window
        if self._from_event(i, j, start):
            j += 1  # 自6月13日公开展示登记册起: from the day something named in between happens
        if start.has_date and start.hour is None and self.kw(j, *_AM) and self.kw(j + 1, "起"):
            j += 1  # 1月4日凌晨起停水: a part of the day with no hour; the day opens the period
        parted = self._parts_of_days(j, start)
        if parted is not None:
            return self._daily(Draft(start, parted[0], i, parted[1]))  # 14日下午至15日晚上: the days
        opening = self._opening_from(i, j, start)
        if opening is not None:
            return opening
        # 起…止 / 起至 / connectors
        conn = self.connector(j)
        if conn is None and start.has_date:
            conn = self._stoppage_bridge(j)  # 1月4日14时停水至5日12时: the stoppage runs between
        if conn is None:
            conn = self._lasting_bridge(j)  # 从凌晨1点持续到早上7点: what lasts from one to the other
        if conn is not None:
            end_found = self.point(conn, start if start.has_date else prev)
            if end_found is not None:
                end, k = end_found
                cut = self._cut_hour(k, start, end)
                if cut is not None:
                    end, k = cut
                if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
                    k += 1
                return self._daily(Draft(start, end, i, k))
            if start.has_date and not start.weak and self._open_end(conn):
                return Draft(start, None, i, conn)  # 18:30至活动结束: from then until it is over
        if self.kw(j, "起", "之日起"):
            if self.t[i].kind is WEEKDAY and start.hour is None:
                return None  # 周日(五月八日)起在…实施: a headline over the nights it lists, no day of its own
            end_found = self.point(j + 1, start)
            if end_found is not None and self.kw(end_found[1], *_END_MARKS):
                return Draft(start, end_found[0], i, end_found[1] + 1)
            if self.sep(j + 1, ",") and self.kw(j + 2, "至", "到"):
                # 自2021年9月16日起，至2021年12月31日止: the end in a clause of its own
                end_found = self.point(j + 3, start)
                if end_found is not None and not end_found[0].time_only:
                    k = end_found[1] + (1 if self.kw(end_found[1], *_END_MARKS) else 0)
                    return self._daily(Draft(start, end_found[0], i, k))
            duration = self._duration(j + 1, counts_first=True)
            if duration is not None:
                days, workdays, k = duration
                return Draft(start, None, i, k, duration_days=days, workdays=workdays)
            later = self._reopens(j + 1, start)
            if later is not None:
                return Draft(start, later[0], i, later[1])
            if start.hour is not None and self._announced(j + 1):
                return Draft(start, start, i, j + 1)  # 6月13日上午9时起在网站公告: results out at 9
            return Draft(start, None, i, j + 1)
        after = self._open_after(i, j, start)
        if after is not None:
            return after
        inclusive = j + 1 if self._inclusive(j) else j
        if (
            (self.kw(inclusive, *_BEFORE_MARKS) or self._closing_deadline(inclusive))
            and not start.time_only
            and not (start.weak and start.part == "festival")  # 春节前投运: no deadline to act by
        ):
            return Draft(None, start, i, inclusive + 1)
        glossed = start.day is not None and self.t[i].is_kw("今日", "今天", "明日", "明天", "后天")
        if start.weak and (start.fixed or glossed) and start.part == "day" and not start.time_only:
            return self._relative_day(start, i, j)
        if start.weak and start.part == "festival" and self._festive(j):
            return Draft(replace(start, weak=False), replace(start, weak=False), i, j)
        if start.weak and start.part == "month" and month_window(self.text, self.t[j - 1].end):
            return Draft(replace(start, weak=False), replace(start, weak=False), i, j)  # 3月份 每周二…
        if start.weak or start.time_only:
            return None
        return self._daily(Draft(start, start, i, j))

    def _parts_of_days(self, j: int, start: Point) -> tuple[Point, int] | None:
        """The end of a span between two days said with parts of them and no hour (10月14日下午至
        10月15日晚上, 3日傍晚到5日上午): whole days, the parts left to the label; else None."""
        if not (start.has_date and start.hour is None and self.kw(j, *_DAY_PARTS)):
            return None
        conn = self.connector(j + 1)
        if conn is None:
            return None
        found = self.point(conn, start)
        if found is None or found[0].time_only or not found[0].has_date or found[0].hour is not None:
            return None  # (14日下午至15日上午9时: a timed end, a start with no hour to match it)
        end, k = found
        return end, k + 1 if self.kw(k, *_DAY_PARTS) else k

    def _cut_hour(self, k: int, start: Point, end: Point) -> tuple[Point, int] | None:
        """``今日21时至明日12`` ending its line: a headline cut short after the end's hour, which is
        read like the start's (written with 时 or 点)."""
        tok = self.at(k)
        if tok is None or tok.kind is not NUM or end.hour is not None or end.time_only or start.hour is None:
            return None
        hour = _num(tok, 0, 24)
        span = start.time_span
        if hour is None or span is None or self.text[span[1] - 1 : span[1]] not in ("时", "点"):
            return None
        if self.text[tok.end : tok.end + 1] not in ("", "\n"):
            return None
        cut = replace(end, hour=hour, minute=0, time_span=(tok.start, tok.end), weak=False, part="day")
        return cut, k + 1

    def _from_event(self, i: int, j: int, start: Point) -> bool:
        """自 a date, a few words naming what happens on it, then 起 (自6月13日公开展示登记册起,
        自5月20日新线开通之日起): the period opens on that date."""
        before, gap = self.at(i - 1), self.at(j)
        if (
            before is None
            or gap is None
            or before.kind is not GAP
            or gap.kind is not GAP
            or not start.has_date
            or start.weak
        ):
            return False
        words = str(gap.value).strip()
        return (
            str(before.value).rstrip().endswith(("自", "从", "由"))
            and 0 < len(words) <= 16
            and not any(ch in _GAP_BREAKS for ch in words)
            and self.kw(j + 1, "起", "之日起", "起至")
        )
