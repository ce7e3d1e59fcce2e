"""An open start at night whose end comes in a later clause as the next morning's hour:
``5月10日晚上11时起实施封路，直至翌日上午5时30分`` / ``于1月10日22时起停水，至次日6时止``.
The grammar reads the start (…起) as open and the hour after 翌日 alone is no date; they are one
night window, from the start to that hour of the day after."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from notices.model import Period

#: The rest of the sentence up to the next day's hour: 直至翌日上午5时30分 / 至次日凌晨6:00止.
_UNTIL_NEXT_DAY = re.compile(
    r"[^。；;！？!?\n]{0,40}?(?:直至|直到|一直到|至|到)\s*(?:翌日|次日|隔日|隔天|第二天|翌晨|次晨)\s*"
    r"(?:凌晨|清晨|早上|早晨|上午|晨)?\s*(\d{1,2})\s*(?:[时時点點]\s*(?:(\d{1,2})\s*分|(半))?|[:：]\s*(\d{2}))"
)


def next_day_ends(periods: list[Period], norm: str) -> list[Period]:
    """Each open timed start joined to the next day's hour its sentence goes on to give."""
    return [_joined(p, norm) or p for p in periods]


def _joined(period: Period, norm: str) -> Period | None:
    start = period.start
    if period.end is not None or period.all_day or not isinstance(start, datetime) or period.span is None:
        return None
    match = _UNTIL_NEXT_DAY.match(norm, period.span[1])
    if match is None:
        return None
    hour = int(match.group(1))
    minute = 30 if match.group(3) else int(match.group(2) or match.group(4) or 0)
    if hour > 12 or minute > 59:
        return None  # the morning after: a later hour is another day's plan
    end = (start + timedelta(days=1)).replace(hour=hour, minute=minute)
    if end - start > timedelta(hours=24):
        return None
    return replace(period, end=end, span=(period.span[0], match.end()))
