"""Dates written with a dot and no year (``5.11-5.26``, ``5.11日至26日``): a range only where the
text says it is one, since the same shape is a pair of decimals (``1.5-2.5米``)."""

from __future__ import annotations

from notices.dates.points import Draft, Point
from notices.dates.vocabulary import _BEFORE_MARKS, _DATE_LABEL, _END_MARKS, _UNIT_CHARS, _num
from notices.dates.windows import WindowReader


class DottedDates(WindowReader):
    """The ``dotted`` rule of the grammar (see ``grammar``)."""

    def _month_dot_day(self, i: int) -> tuple[int, int, int] | None:
        """``5.11`` (or ``5.11日``) at ``i``: (month, day, next index)."""
        month = _num(self.at(i), 1, 12)
        day = _num(self.at(i + 2), 1, 31)
        if month is None or day is None or not self.sep(i + 1, "."):
            return None
        if self.t[i + 1].start != self.t[i].end or self.t[i + 2].start != self.t[i + 1].end:
            return None
        k = i + 3
        return month, day, k + 1 if self.unit(k, "日", "号") else k

    def _dotted_range(self, i: int) -> Draft | None:
        """``5.11-5.26`` with no year: a date range only where the text says it is one.

        Without a year the shape is also a pair of decimals (``1.5-2.5米``, ``3.5-4.5万元``),
        so it needs a date label just before it (``时间：``, ``期限为``) or 日 written in it,
        and no unit, letter or further digit right after it.
        """
        head = self._month_dot_day(i)
        if head is None:
            return None
        month, day, j = head
        conn = self.connector(j)
        if conn is None:
            return None
        tail = self._month_dot_day(conn)
        if tail is not None:
            end = Point(None, tail[0], tail[1], style="num")
            k = tail[2]
        else:
            end_day = _num(self.at(conn), 1, 31)
            if end_day is None:
                return None
            end = Point(None, None, end_day, style="num")
            k = conn + 2 if self.unit(conn + 1, "日", "号") else conn + 1
        start_at, end_at = self.t[i].start, self.t[k - 1].end
        text = self.text
        before = text[start_at - 1] if start_at > 0 else " "
        if (before.isascii() and before.isalnum()) or before in "./-~":
            return None  # v1.5-1.6, 2.1.5-2.6
        after = text[end_at : end_at + 4].lstrip()[:1]
        measured = after in _UNIT_CHARS or after in "%.‰" or (after.isascii() and after.isalnum())
        if after and measured and not (after.isdigit() and self.time(k) is not None):
            return None  # 1.5-2.5米, 3.5-4.5万元; a time after it (5.11-5.26 8:00) is fine
        written_day = any(self.unit(x, "日", "号") for x in range(i, k))
        if not written_day:
            label = _DATE_LABEL.search(text, max(0, start_at - 12), start_at)
            if label is None:
                return None
            if (
                label.group(1) in ("时间", "时段")
                and tail is not None
                and self._clock_like(i, conn, month, tail[0])
            ):
                return None  # 时间：8.30-11.30 is half past eight to half past eleven
        if self.kw(k, *_END_MARKS, *_BEFORE_MARKS):
            k += 1
        return self._daily(Draft(Point(None, month, day, style="num"), end, i, k))

    def _clock_like(self, i: int, conn: int, month: int, end_month: int) -> bool:
        """Both sides read as clock times (H.MM with round minutes) across different "months"."""
        minutes = (self.t[i + 2], self.t[conn + 2])
        return month != end_month and all(tok.digits == 2 and int(tok.value) % 5 == 0 for tok in minutes)  # type: ignore[call-overload]
