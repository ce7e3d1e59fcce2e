"""Starts that open with a verb rather than 起: 从1月4日凌晨开始停水, 1月4日14时停水至5日12时,
从凌晨1点持续到早上7点."""

from __future__ import annotations

import re

from notices.dates.dotted import DottedDates
from notices.dates.points import Draft, Point
from notices.dates.tokens import GAP
from notices.dates.vocabulary import _AM, _STOPPAGE

#: Words that say a time lasts, between a start and the 至/到 of its end.
#: 开始 alone reads the same way: 4月22日7时30分开始至比赛结束 runs from the start to the end.
_LASTING = re.compile(r"(?:将|会)?(?:一直)?(?:持续|延续)|一直|(?:正式)?开始")

#: An adverb a start may put before its 开始 (自5月8日8时即开始封闭, 从6月1日起将正式开始施工).
_BEGINS = re.compile(r"\s*(?:起)?(?:即|将|便|就|会)?(?:正式)?开始")

#: 以后 / 之后 / 后 right after a day: from that day on (6月10日以后办理登记); a bare 后 must not
#: begin a word of its own (后期, 后续, 后天).
_AFTER = re.compile(r"\s*(?:以后|之后|以後|之後|后(?![期续者面来半天年])|後(?![期續者面來半天年]))")
#: What the rest of the clause may not say for 以后 to open a period: a restoration or reopening
#: ends a disruption rather than starting anything (6月10日以后恢复供水), an arrival on one day
#: is that day's event (以后到校报到), and a birth date is a condition, not a period.
_NOT_OPENING = re.compile(
    r"恢复|恢復|重开|重開|开放|開放|通车|通車|复电|復電|复水|復水|报到|報到|出生|生于|生於"
)
#: Where the clause after 以后 stops.
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")


class Openings(DottedDates):
    """The grammar's readings of a start followed by what begins at it."""

    def _stoppage_bridge(self, j: int) -> int | None:
        """Index after ``停水至`` / ``封闭到`` at ``j``: a stoppage verb alone between a start and
        the connector to its end says what runs from one to the other, else None."""
        tok = self.at(j)
        if tok is None or tok.kind is not GAP:
            return None
        verb = str(tok.value).strip()
        if not verb or len(verb) > 4 or _STOPPAGE.fullmatch(verb) is None:
            return None
        return j + 2 if self.kw(j + 1, "至", "到") else None

    def _lasting_bridge(self, j: int) -> int | None:
        """Index after ``持续到`` / ``一直延续至`` at ``j``: lasting said between a start and the
        connector to its end (从凌晨1点持续到早上7点), else None."""
        tok = self.at(j)
        if tok is None or tok.kind is not GAP or _LASTING.fullmatch(str(tok.value).strip()) is None:
            return None
        return j + 2 if self.kw(j + 1, "至", "到") else None

    def _open_after(self, i: int, j: int, start: Point) -> Draft | None:
        """A day then 以后 / 之后 / 后 and what starts or applies from it (6月10日以后家长到学校办理
        登记, 9月1日之後適用新標準): an open start (end null), as 起 says; rule 5 of the
        conventions writes any period from a day on with no end that way."""
        if not start.has_date or start.weak or start.time_only:
            return None
        gap = self.at(j)
        if gap is None or gap.kind is not GAP:
            return None
        words = str(gap.value)
        after = _AFTER.match(words)
        if after is None:
            return None
        tail = self.text[gap.start + after.end() :].lstrip("，, ")  # 5月22日后，各单位可…
        stop = _CLAUSE_END.search(tail)
        clause = tail[: stop.start() if stop is not None else 40][:40]
        if not clause.strip() or _NOT_OPENING.search(clause) is not None:
            return None
        return Draft(start, None, i, j + 1)

    def _opening_from(self, i: int, j: int, start: Point) -> Draft | None:
        """从 a date (and a part of the day with no hour) then 开始 and what begins (从1月4日凌晨开始
        停水): an open start, as 起 says."""
        if not start.has_date or start.weak:
            return None
        before = self.at(i - 1)
        if before is None or before.kind is not GAP or not str(before.value).rstrip().endswith(("自", "从")):
            return None
        k = j + 1 if start.hour is None and self.kw(j, *_AM) else j
        gap = self.at(k)
        words = str(gap.value) if gap is not None and gap.kind is GAP else ""
        begins = _BEGINS.match(words)
        if begins is None:
            return None
        if len(words.strip()) - len(begins.group().strip()) <= 4 and self.kw(k + 1, "至", "到"):
            found = self.point(k + 2, start)
            if found is not None:
                return Draft(start, found[0], i, found[1])  # 从8时开始停水至18时
        return Draft(start, None, i, k)
