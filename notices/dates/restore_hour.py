"""An outage said from an hour, and the hour supply comes back said right after it with no day:
``5月15日8:00起停水，预计当日18:00恢复供水`` is 8:00 to 18:00 that day (the next day when the hour
is earlier than the start: ``22时起停电，预计6时恢复`` runs overnight). The start may be the moment the
supply stopped (``于14:00停水，恢复供水时间预计为19:00``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from notices.lazy import LazyPattern
from notices.model import Period

#: The rest of the start's sentence, then the hour and the word for coming back.
_RESTORES_AT = LazyPattern(
    r"[^。；;！？!?\n\d]{0,24}?(?:当日|当天|同日)?\s*(?:[上下]午|早上|晚上|傍晚|中午)?\s*"
    r"(\d{1,2})\s*(?:[:：](\d{2})|[时点](?:(\d{1,2})分|半)?)\s*(?:左右|前|后|以前|之前)?\s*"
    # (a road reopening may be named first: 直至约下午1时道路重开)
    r"(?:[^\s，。,；;:：\d]{1,4}?)?(?:陆续|逐步|全面)?\s*"
    r"(?:恢复|复电|复水|复气|送电|送水|来电|来水|通水|供水|通车|重开|重新开放|解封)"
)
#: The same with the time named first: ``…停水，恢复供水时间预计为20:00左右``.
_RESTORE_TIME_IS = LazyPattern(
    r"[^。；;！？!?\n\d]{0,24}?(?:恢复|复电|复水|复气|送电|送水|来电|来水|通水|通车)"
    r"(?:供水|供电|供气|通水|通电|通车)?时间\s*(?:预计|约|大约|初步定)?\s*(?:为|是|在)?\s*"
    r"(?:当日|当天|同日)?\s*(?:[上下]午|早上|晚上|傍晚|中午)?\s*"
    r"(\d{1,2})\s*(?:[:：](\d{2})|[时点](?:(\d{1,2})分|半)?)"
)


def restore_hours(periods: list[Period], norm: str) -> list[Period]:
    """Open timed starts closed by the hour their supply is said to come back at."""
    if not any(word in norm for word in ("复", "送", "来", "通", "重开", "重新开放", "解封")):
        return periods
    out: list[Period] = []
    for period in periods:
        out.append(_closed(period, norm) or period)
    return out


def _closed(period: Period, norm: str) -> Period | None:
    start = period.start
    if period.end not in (None, start) or not isinstance(start, datetime) or period.span is None:
        return None  # an open start, or the moment an outage began (于16:00停水)
    found = _RESTORES_AT.compiled.match(norm, period.span[1]) or _RESTORE_TIME_IS.compiled.match(
        norm, period.span[1]
    )
    if found is None:
        return None
    hour = int(found.group(1))
    minute = int(found.group(2) or found.group(3) or (30 if "半" in found.group(0) else 0))
    before = norm[found.start() : found.start(1)]
    if any(word in before for word in ("下午", "晚上", "傍晚")) and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    end = start.replace(hour=hour % 24, minute=minute) + timedelta(days=1 if hour == 24 else 0)
    if end <= start:
        end += timedelta(days=1)
    if end - start > timedelta(days=1):
        return None
    return replace(period, end=end)
