"""Starts that open with a verb rather than 起: 从1月4日凌晨开始停水, 1月4日14时停水至5日12时,
从凌晨1点持续到早上7点."""

from __future__ import annotations

import re

from notices.dates.dotted import DottedDates
from notices.dates.points import Draft, Point
from notices.dates.tokens import GAP
from notices.dates.vocabulary import _AM, _STOPPAGE

#: Words that say a time lasts, between a start and the 至/到 of its end.
_LASTING = re.compile(r"(?:将|会)?(?:一直)?(?:持续|延续)|一直")

#: An adverb a start may put before its 开始 (自5月8日8时即开始封闭, 从6月1日起将正式开始施工).
_BEGINS = re.compile(r"\s*(?:起)?(?:即|将|便|就|会)?(?:正式)?开始")


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
