"""A daily window said right after an open start is that start's window, not a day of its own.

``2020年10月28日起每日凌晨0:00—5:00`` starts a period with no end whose hours repeat each day. When
the hours are read apart from the start (as when some other date earlier in the body, a page stamp
say, lends them its day), they would stand as a window on that other day: a cut the notice never
announced. Hours opened by a word of repetition (每日, 每天, 每晚, 每夜) and touching the open start
they follow are folded into it as its daily window.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from notices.model import Period

#: Hours said to repeat each day or night.
_DAILY = re.compile(r"(?:每日|每天|每晚|每夜|逐日)")

#: What may stand between the open start and its hours (起, a comma, a space).
_BETWEEN = re.compile(r"[\s,，起始]*")


def fold_open_daily(norm: str, found: list[Period]) -> list[Period]:
    """``found`` with each daily window that follows an open start folded into that start."""
    out: list[Period] = []
    for period in found:
        last = out[-1] if out else None
        if (
            last is not None
            and _window_of(norm, last, period)
            and isinstance(period.start, datetime)
            and isinstance(period.end, datetime)
        ):
            daily = (period.start.timetz().replace(tzinfo=None), period.end.timetz().replace(tzinfo=None))
            out[-1] = replace(last, note=last.note or period.text, daily=last.daily or daily)
            continue
        out.append(period)
    return out


def _window_of(norm: str, start: Period, hours: Period) -> bool:
    """Whether ``hours`` is a daily window said right after the open start ``start``."""
    if start.end is not None or start.span is None or hours.span is None:
        return False
    if not isinstance(hours.start, datetime) or not isinstance(hours.end, datetime):
        return False
    text = norm[hours.span[0] : hours.span[1]]
    return (
        _DAILY.match(text) is not None and _BETWEEN.fullmatch(norm, start.span[1], hours.span[0]) is not None
    )
