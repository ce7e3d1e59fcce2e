"""A closure told inside the span of the work that causes it (我馆将于4月10日至11日开展消防演练…4月11日
暂停开放): the public is kept out only on the closure's days, so those are the period and the work's
span is its reason. Left alone, the span would swallow the closure as a day it restates."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

from notices.labels import clause_span
from notices.model import Period
from notices.restated import _days

#: Work a place does behind its doors: drills, repairs, upkeep, exhibitions being set up.
_WORK = re.compile(r"演练|演习|检修|维修|维护|保养|施工|改造|布展|撤展|换展|盘点|消杀|消毒|升级|调试|整修")
#: The public kept out: 闭馆, 暂停开放, 停止接待, 不对外开放, 停业.
_CLOSED = re.compile(r"闭馆|闭园|休馆|停业|歇业|(?:暂停|停止|暂不|不)(?:对外)?(?:开放|接待|营业|服务|办理)")
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")


def closures_within_work(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """Periods without the span of work that encloses a closure said on fewer of its days."""
    closures = [p for p in periods if _says(norm, p, _CLOSED, _CLAUSE)]
    if not closures:
        return periods
    kept: list[Period] = []
    for period in periods:
        days = _days(period, tz)
        if (
            days is not None
            and days[0] < days[1]
            and period not in closures
            and _says(norm, period, _WORK, _CLAUSE)
            and not _says(norm, period, _CLOSED, _CLAUSE)
            and any(_inside(_days(c, tz), days) for c in closures)
        ):
            continue
        kept.append(period)
    return kept


def _says(norm: str, period: Period, words: re.Pattern[str], breaks: re.Pattern[str]) -> bool:
    """Whether the words stand in the period's clause, after its date."""
    if period.span is None:
        return False
    _, stop = clause_span(norm, *period.span, breaks)
    return words.search(norm, period.span[1], stop) is not None


def _inside(inner: tuple[date, date] | None, outer: tuple[date, date]) -> bool:
    """Whether ``inner``'s days lie within ``outer`` and are fewer."""
    return inner is not None and inner != outer and outer[0] <= inner[0] and inner[1] <= outer[1]
