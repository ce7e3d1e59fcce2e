"""Words around a date that change what it is: a clause that opens with 至, a deadline's
own name, what an end is told by (至活动结束, 料至…重开), a day something is moved to, a result
made public from an hour. The grammar (grammar.py) asks these as it reads a period."""

from __future__ import annotations

import re

from notices.dates.point_reader import PointReader
from notices.dates.points import Point
from notices.dates.tokens import GAP, KW, NUM, PAREN
from notices.dates.vocabulary import (
    _DEADLINE_KW,
    _INCLUSIVE,
    _OPEN_END,
)

_MOVED = re.compile(r"(?:顺延|延后|推迟|推延|押后|延期|改期|改|移)$")
#: What shortens or changes a window to the one said after 至: 缩短至, 调整至, 更改至.
_NARROWED = re.compile(r"(?:缩短|缩减|调整|更改|变更)$")
#: What moves an end later by a length: 延长一个月至…, 顺延三天至….
_MOVED_LATER = ("延长", "顺延", "延期", "推迟", "展延", "延后")
#: What is held at a moment, named right before 时间 / 日期: 开标时间, 考试日期, 听证会时间.
_HELD_AT = re.compile(r"(?:开标|开考|考试|笔试|面试|开幕|听证会|会议|活动|比赛|开赛|仪式)$")
_SPAN_WORDS = re.compile(r"截止|截至|期限|有效期|时间|日期|(?<!改)期$")
#: Words before 延期至 that say a span's end moves, not a plan: 截止时间, 公示期.
_SPAN_END_MOVED = re.compile(r"截止|截至|期限|时间|日期|有效期|.期延期$")
_SENTENCE_END = re.compile(r"[。;；!?！？\n]")
#: (the road or section reopening may be named first: …至约下午1时道路重开)
_RESUMES_AFTER = re.compile(r"\s*(?:[^\s，。,；;:：\d]{1,4}?)?(?:重开|重新开放|恢复|解封|解除|开通|通车)")
#: A word that makes the end an estimate, between 至 and its hour: 直至约下午1时, 至预计晚上11时.
_ABOUT = frozenset(["约", "大约", "约于", "预计", "料"])
_ANNOUNCED = re.compile(r"[^,，。;；:：\d\n]{0,24}?(?:公告|公布|揭晓|放榜)(?!期|时间)")


class WordsAround(PointReader):
    """Questions about the words beside a date, asked by the grammar."""

    def _open_end(self, j: int) -> bool:
        """An end told by what happens, not a date: 至活动结束, 至整治完成, until the crowd has dispersed."""
        tok = self.at(j)
        if tok is None or tok.kind is not GAP or not self.text:
            return False
        return _OPEN_END.match(self.text, tok.start) is not None

    def _starts_clause(self, i: int) -> bool:
        before = self.at(i - 1)
        return (
            before is None
            or before.kind in (GAP, PAREN)
            or before.is_sep(",", ":", "、")
            or before.is_kw("时间", "日期")  # 延长集中供热时间至3月20日
            or self._moved_by(i)
        )

    def _moved_by(self, i: int) -> bool:
        """``延长一个月至九月三十日`` / ``顺延3天至…``: an end moved later by a length said before its
        new day, which the 至 opens as it would right after 延长."""
        j = i - 1
        if not (self.unit(j, "月", "日", "天", "周", "年") or self.kw(j, "天", "周", "星期")):
            return False
        j -= 1
        if self.kw(j, "个"):
            j -= 1
        count = self.at(j)
        before = self.at(j - 1)
        return (
            count is not None
            and count.kind is NUM
            and before is not None
            and before.kind is GAP
            and str(before.value).rstrip().endswith(_MOVED_LATER)
        )

    def _closing_deadline(self, j: int) -> bool:
        """``5月31日17时截止``: 截止 after the date, not opening the next labelled deadline."""
        if not self.kw(j, "截止", "截至"):
            return False
        nxt = self.at(j + 1)
        if nxt is None:
            return True
        if nxt.kind is NUM or nxt.is_sep(":") or nxt.is_kw("时间", "日期", "到", "至", "为", *_DEADLINE_KW):
            return False
        return not self._due_words(j + 1)

    def _inclusive(self, j: int) -> bool:
        """``（含）`` / ``(含当日)`` after a date: the day itself still counts."""
        tok = self.at(j)
        return tok is not None and tok.kind is PAREN and str(tok.value) in _INCLUSIVE

    def _moved_to(self, i: int) -> bool:
        """``顺延至下周一`` / ``改至5月20日举行``: what was planned now happens on that day, which is
        no deadline (``报名截止时间延至…`` and ``有效期延至…`` still end there)."""
        if not self.kw(i, "至", "到"):
            return False
        before = self.at(i - 1)
        if before is None or before.kind is not GAP:
            return False
        words = str(before.value).strip()
        if self.kw(i - 2, "时间", "日期") and self._held_time(i - 2):
            return _MOVED.search(words) is not None  # 开标时间推迟至…9:30: the opening is then
        if self.kw(i - 2, "截止", "截至", "时间", "日期"):
            return False  # 报名截止时间顺延至…: the deadline moves, still a deadline
        return _MOVED.search(words) is not None and _SPAN_WORDS.search(words) is None

    def _held_time(self, k: int) -> bool:
        """``开标时间`` / ``考试日期``: the time of something held at a moment, not a span's end."""
        named = self.at(k - 1)
        return (
            named is not None
            and named.kind is GAP
            and named.end == self.t[k].start
            and _HELD_AT.search(str(named.value)) is not None
        )

    def _plan_moved(self, i: int) -> bool:
        """``停水作业延期至…``: a plan (not a span's end: 公示期延期至, 截止时间延至) moved to what
        follows 至."""
        before = self.at(i - 1)
        if not self.kw(i, "至", "到") or before is None or before.kind is not GAP:
            return False
        words = str(before.value).strip()
        named = self.at(i - 2)
        if named is not None and named.kind is KW:
            return False  # 公示期延期至, 报名截止时间顺延至: the span named before it ends there
        return _MOVED.search(words) is not None and _SPAN_END_MOVED.search(words) is None

    def _narrowed_to(self, i: int) -> bool:
        """``停水时间可缩短至周六晚上11时至周日早上7时``: a window shortened or changed to the one after
        至, which is then the window (a range after it, not a deadline)."""
        before = self.at(i - 1)
        if not self.kw(i, "至", "到") or before is None or before.kind is not GAP:
            return False
        return _NARROWED.search(str(before.value).strip()) is not None

    def _due_words(self, j: int) -> bool:
        """A few Chinese words right after 截止 and before 时间/日期."""
        gap = self.at(j)
        if gap is None or gap.kind is not GAP or gap.start != self.t[j - 1].end:
            return False
        words = str(gap.value)
        return (
            len(words) <= 6
            and all("\u4e00" <= ch <= "\u9fff" for ch in words)
            and self.kw(j + 1, "日期", "时间")
        )

    def _deadline_label(self, i: int, j: int) -> str | None:
        """``报名截止时间`` / ``截止投标时间``: the words naming the deadline, as written."""
        if not self.text:
            return None
        begin = self.t[i].start
        lead = begin
        while lead > 0 and begin - lead < 4 and "\u4e00" <= self.text[lead - 1] <= "\u9fff":
            lead -= 1
        return self.text[lead : self.t[j].end]

    def _reopens(self, j: int, start: Point) -> tuple[Point, int] | None:
        """The end of a period opened with 起, told later in its sentence by what resumes then:
        ``下午五时起…封闭梳士巴利道等，料至晚上十一时半重开``."""
        for k in range(j, min(j + 40, len(self.t))):
            tok = self.t[k]
            if tok.kind is GAP and _SENTENCE_END.search(str(tok.value)):
                return None
            if tok.kind is NUM:
                return None  # another number first: it is not this period's end
            if not tok.is_kw("至", "到"):
                continue
            after_to = self.at(k + 1)
            if after_to is not None and after_to.kind is GAP and str(after_to.value).strip() in _ABOUT:
                k += 1  # 直至约下午1时: the estimate's word before the hour
            found = self.point(k + 1, start)
            if found is None:
                return None
            end, last = found
            after = self.at(last)
            if end.hour is None or after is None or after.kind is not GAP:
                return None
            return (end, last) if _RESUMES_AFTER.match(str(after.value)) else None
        return None

    def _announced(self, j: int) -> bool:
        """``…起`` followed in its clause by a result being made public (公告, 公布, 放榜): that
        is a moment, not a period left open."""
        tok = self.at(j)
        if tok is None or tok.kind is not GAP or not self.text:
            return False
        return _ANNOUNCED.match(self.text, tok.start) is not None
