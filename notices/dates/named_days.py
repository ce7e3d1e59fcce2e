"""Days said by a word, not written as a date: 今天 / 明天 whose clause gives the hours or says
what stops, a festival whose clause says what happens on it (元旦举行升旗仪式), and a bracket dating
a festival's day (元旦日(一月一日), 圣诞节翌日(…)). Alone, such a word dates nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from notices.dates.openings import Openings
from notices.dates.points import Draft, Point
from notices.dates.tokens import GAP, KW, NUM, RELWEEK, UNIT, WEEKDAY, WORD, Token
from notices.dates.vocabulary import (
    _CLAUSE_END,
    _FESTIVAL_NEAR,
    _FESTIVALS,
    _FESTIVE,
    _REPORTING,
    _STOPPAGE,
    _WORKS_TOLD_TO_END,
    MONTHS,
    START_KEYWORDS,
    WEEKDAYS,
)

#: A restoration said right after a relative day: 明日(十一月四日)早上陆续恢复供水 ends the outage.
_RESTORED = re.compile(
    r"\s*(?:上午|早上|清晨|下午|晚上|中午)?\s*(?:陆续|逐步|逐渐|全面)?\s*(?:恢复|复电|复水|送电)"
)


#: Words naming a day by a festival (圣诞节当日, 圣诞节翌日, 元旦日) before the bracket that dates it.
_DAY_OF_FESTIVAL = frozenset(("当日", "当天", "翌日", "次日", "前一日", "前一天", "后一日", "后一天"))


def named_day(tokens: list[Token], i: int) -> int | None:
    """Where the festival stands whose day the bracket at ``i`` dates (冬至(十二月二十二日),
    元旦日(…), 圣诞节当日(…), 圣诞节翌日(…)), or None when the bracket follows no such name."""
    k = i - 1
    if k >= 0 and tokens[k].kind is UNIT and tokens[k].value == "日":
        k -= 1  # 元旦日, 当日
        if k >= 0 and tokens[k].kind is GAP and str(tokens[k].value).strip() in ("当", "翌", "次"):
            k -= 1
    elif k >= 0 and tokens[k].is_kw(*_DAY_OF_FESTIVAL):
        k -= 1
    return k if k >= 0 and tokens[k].is_kw(*_FESTIVALS) else None


class NamedDays(Openings):
    """The grammar's readings of a day named by a word: relative days, festivals, dated brackets."""

    def _bracketed_day(self, i: int) -> Draft | None:
        """A bracket holding only a date, after a name for the day that is no date itself:
        聖誕節前夕(十二月二十四日), 元旦日(二○○八年一月一日). A bracket after a date restates it
        and is read with that date, so it never reaches here."""
        said = self.gloss(i)
        if said is None or said.month is None or said.day is None:
            return None
        before = self.at(i - 1)
        if before is not None and before.kind is not GAP and named_day(self.t, i) is None:
            return None  # 5月10日（五月十日）, 今日（五月十日）: read with the day before it
        return Draft(said, said, i, i + 1)

    def _festive(self, j: int) -> bool:
        """A festival whose clause says what happens on it (年初二晚则有烟花汇演, 元旦举行升旗仪式):
        that day is the event's; said alone (春节将至) it dates nothing."""
        if not self.text or j == 0:
            return False
        after = self.t[j - 1].end
        clause_end = _CLAUSE_END.search(self.text, after)
        clause = self.text[after : clause_end.start() if clause_end else len(self.text)][:24]
        return bool(_FESTIVE.search(clause)) and not _FESTIVAL_NEAR.match(clause)

    def _relative_day(self, start: Point, i: int, j: int) -> Draft | None:
        """今天 / 明天 said alone are no period, unless their clause gives the hours (今天…从上午
        八时到下午五时卅分将进行停电), says what stops (明天又轮到酒厂停电) or starts works whose
        end day the sentence tells (今天晚上动工，预计6月29日结束)."""
        k = j
        for _ in range(12):
            tok = self.at(k)
            if tok is None or self.ends_clause(k):
                break
            if k > j and tok.kind is WORD and (tok.value in WEEKDAYS or tok.value in MONTHS):
                break  # "died on Monday, will be held on Tuesday from 1pm": the hours are Tuesday's
            if k > j and tok.kind in (WEEKDAY, RELWEEK):
                break  # 今日提醒市民，本周日(八月五日)凌晨…: the hours are that Sunday's
            if tok.kind is NUM or (tok.kind is KW and tok.value in START_KEYWORDS):
                found = self.window(k)
                if found is not None:
                    (h1, m1), (h2, m2), last = found
                    opening = replace(start, hour=h1, minute=m1, weak=False)
                    closing = Point(hour=h2, minute=m2, time_only=True, next_day=(h2, m2) <= (h1, m1))
                    return Draft(opening, closing, i, last)
                if tok.kind is NUM:
                    break
            k += 1
        if not self.text:
            return None
        clause_end = _CLAUSE_END.search(self.text, self.t[j - 1].end)
        clause = self.text[self.t[j - 1].end : clause_end.start() if clause_end else len(self.text)]
        stops = _STOPPAGE.search(clause[:40]) or _RESTORED.match(clause)
        stops = stops or _WORKS_TOLD_TO_END.match(self.text, self.t[j - 1].end)  # 今晚动工…6月29日结束
        if stops and not _REPORTING.search(clause[:40]):
            return Draft(replace(start, weak=False), replace(start, weak=False), i, j)
        return None
