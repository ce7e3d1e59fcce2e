"""Daily windows: hours that repeat on every day of a span (每日8时至18时, 逢星期一至五
9:00-17:00, 每晚22时至翌日6时), read after a range of days."""

from __future__ import annotations

from dataclasses import replace

from notices.dates.around import WordsAround
from notices.dates.points import Draft
from notices.dates.tokens import GAP, KW, PAREN, SEP, UNIT, WEEKDAY, tokenize
from notices.dates.vocabulary import (
    _NEXT_DAY,
    _WINDOW_GAPS,
    _WINDOW_LEADS,
)


class WindowReader(WordsAround):
    """A span's daily window, and the bare time windows other rules look for."""

    def _daily(self, draft: Draft) -> Draft:
        """A multi-day date range followed by a time window: the window repeats daily."""
        start, end = draft.start, draft.end
        if start is None or end is None or start.hour is not None:
            return draft
        k = draft.last
        if end.hour is not None and end.time_span is not None and not end.time_only:
            # 5月11日至13日 8:00-17:00: the time belongs to a daily window
            conn = self.connector(k)
            if conn is not None:
                shut = self._closing(conn)
                if shut is not None:
                    window = (end.time_span[0], self.t[shut[2] - 1].end)
                    plain_end = replace(end, hour=None, minute=0, time_span=None)
                    hours = ((end.hour, end.minute), (shut[0], shut[1]))
                    return replace(draft, end=plain_end, last=shut[2], daily=window, hours=hours)
            return draft
        if start is end:
            return draft  # one day's hours make it timed
        notes: list[tuple[int, int]] = []
        found = self.window(k)
        aside = self.at(k)
        if found is None and aside is not None and aside.kind is PAREN:
            # 6月16日至21日（节假日除外），每日9:00-16:00: the bracket is a note, the window follows
            found = self.window(k + 1)
            if found is not None:
                notes.append((aside.start + 1, aside.end - 1))
                k += 1
        if found is None:
            return draft
        opening, closing, last = found
        daily = (self.t[k].start, self.t[last - 1].end)
        if self.sep(last, ",", "、"):
            second = self.window(last + 1)  # 上午9:00-12:00，下午14:30-17:30
            if second is not None:
                notes.append((self.t[last + 1].start, self.t[second[2] - 1].end))
                last = second[2]
        return replace(draft, last=last, daily=daily, hours=(opening, closing), notes=tuple(notes))

    def window(self, k: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        """A daily window at ``k``: (opening, closing, next index). Short leads are passed
        over (止，每日 / 期间, / 每晚), and a bracket may hold it (（每天8:00-17:00）)."""
        first = self.at(k)
        if first is None or first.kind is UNIT or (first.kind is SEP and first.value != ","):
            return None  # (no weekday, lead, bracket nor time starts with a unit or a mark but ",")
        j = self._past_weekdays(k)
        for _ in range(4):
            tok = self.at(j)
            if tok is None:
                return None
            if tok.kind is PAREN:
                return self._bracketed_window(j)
            if (
                (tok.kind is KW and tok.value in _WINDOW_LEADS)
                or tok.is_sep(",")
                or (tok.kind is GAP and str(tok.value).strip(" ,") in _WINDOW_GAPS)
            ):
                j += 1
                continue
            break
        opening = self.time(j)
        if opening is None:
            return None
        conn = self.connector(opening[2])
        closing = self._closing(conn) if conn is not None else None
        if closing is None:
            return None
        return (opening[0], opening[1]), (closing[0], closing[1]), closing[2]

    def _past_weekdays(self, k: int) -> int:
        """Past the weekdays a window keeps to (逢星期一至星期五, 逢周六、日): each of those days
        has the window, and the span of days stays the period."""
        j = k
        tok = self.at(j)
        if tok is not None and tok.kind is GAP and str(tok.value).strip() in ("逢", "每逢"):
            j += 1
        start = j
        while (tok := self.at(j)) is not None and (
            tok.kind is WEEKDAY or (j > start and (self.kw(j, "至", "到") or self.sep(j, "、", ",")))
        ):
            j += 1
        return j if j > start else k

    def _closing(self, conn: int) -> tuple[int, int, int] | None:
        """The closing time of a window after its connector, past 次日/翌日 (it runs overnight)."""
        return self.time(conn + 1 if self.kw(conn, *_NEXT_DAY) else conn)

    def _bracketed_window(self, j: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
        inner = str(self.t[j].value)
        tokens = tokenize(inner)
        found = type(self)(tokens, self.base, inner).window(0)
        if found is None or found[2] != len(tokens):
            return None
        return found[0], found[1], j + 1
