"""A month said by word before a day of the month: 本月30日, 当月, 下月5日, 下个月3日.

Consultations and registrations written as 由10月22日至本月30日 give the end's month by word;
the day reads it back from the text before it (the connector skips the word, ``vocabulary.MONTH_WORDS``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices.dates.points import Point


def said_month(text: str, at: int, base: date, ctx: Point | None) -> tuple[int | None, int] | None:
    """(year, month) a month word right before ``text[at]`` names: 本月 the notice's own month,
    下月 the next; 当月 / 该月 at a range's end is the month of its start (11月25日至当月30日)."""
    before = text[max(0, at - 3) : at].rstrip()
    if before.endswith(("当月", "该月")) and ctx is not None and ctx.month is not None:
        return ctx.year, ctx.month
    if before.endswith(("本月", "当月", "该月")):
        return base.year, base.month
    if before.endswith(("下月", "下个月")):
        return (base.year + 1, 1) if base.month == 12 else (base.year, base.month + 1)
    return None
