"""When supply or traffic is told only by when it comes back.

``预计于今日晚上八时恢复正常供水`` during a cut already under way is what a subscriber needs: the
outage lasts until then, so the hour is an end with no start (the conventions' deadline shape),
not a moment. An English report says the cut and the restoration as two moments
(``began at 9 am today … to be fully restored at 9 am tomorrow``): together they are one period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from notices.model import Period
from notices.superseded import superseded

#: What comes right before an hour supply comes back at, in English.
_RESTORED_EN = re.compile(
    r"(?i:\b(?:restored|resumed?|recover(?:ed)?)\s+(?:\w+\s+){0,2}?(?:at|by|from|on)\s*(?:the\s+)?)$"
)
#: What comes right before the hour a cut began or begins at, in English.
_CUT_EN = re.compile(
    r"(?i:\b(?:began|begins?|start(?:s|ed)?|starting|cut|disrupted|suspended)\s+(?:\w+\s+){0,2}?(?:at|from)\s*)$"
)
#: What carries a cut on to its end, in English: is expected to last until, continues until.
_UNTIL_EN = re.compile(r"(?i:\b(?:last|lasts|continue|continues|remain|remains)\s+(?:\w+\s+){0,2}?until\b)")
#: What comes right before the hour works inside a cut end at: work is expected to end at 6 am.
_WORKS_END_EN = re.compile(
    r"(?i:\b(?:end|ends|ended|complete[sd]?|finish(?:es|ed)?)\s+(?:\w+\s+){0,2}?(?:at|by)\s*(?:the\s+)?)$"
)
#: How far before the hour those words may stand.
_LEAD = 48


def restoration_ends(
    periods: list[Period], norm: str, restores: Callable[[Period, str], bool]
) -> list[Period]:
    """A lone moment supply comes back at becomes an end with no start; an English cut and its
    restoration become one period. A restoration at the end of a period already read is dropped."""
    ends = {p.end for p in periods if p.start is not None and p.start != p.end}
    out: list[Period] = []
    for period in periods:
        if period.end is None and isinstance(period.start, datetime) and _en_restored(period, norm):
            period = replace(period, end=period.start)  # supply will resume from 9am on May 14: back then
        if not _moment(period):
            out.append(period)
            continue
        if _en_restored(period, norm) and superseded(norm, period.span[0] if period.span else 0):
            out.append(period)  # originally expected to resume at 6am: an end since moved, left to evidence
            continue
        if _en_restored(period, norm):
            at = _last_timed(out, norm)
            cut = None if at is None else out[at]
            if cut is not None and not (_opened(cut) or (_moment(cut) and _en_cut(cut, norm))):
                cut = None
            cut_at = None if cut is None else cut.start if cut.end is None else cut.end
            if (
                at is not None
                and cut is not None
                and cut_at is not None
                and period.end is not None
                and cut_at < period.end
            ):
                out[at] = replace(cut, end=period.end)  # told at the cut, which names what is cut
                out[at + 1 :] = [p for p in out[at + 1 :] if not (_moment(p) and _works_end(p, norm))]
                continue
            opened = _last_opened(out, period)
            if opened is not None:
                out[opened] = _closed_at(out[opened], period)  # (a cut) starting May 12 … resume on May 14
                continue
        elif not restores(period, norm):
            out.append(period)
            continue
        if period.end in ends:
            continue  # 停水时间8时至18时 … 18时恢复供水: the period read already ends there
        if any(p.start is not None and p.end is None for p in out):
            out.append(period)  # 从今晚10点起停电…12日晚上8点后恢复供电: it closes what opened
            continue
        out.append(replace(period, start=None))
    return out


def _last_opened(out: list[Period], back: Period) -> int | None:
    """The open start read last before a return, when it starts before the return: what it ends."""
    for at in range(len(out) - 1, -1, -1):
        opened = out[at]
        if opened.start is not None and opened.end is None:
            start = opened.start
            if not isinstance(start, datetime) and isinstance(back.end, datetime):
                return at if start < back.end.date() else None
            return at if isinstance(start, datetime) and back.end is not None and start < back.end else None
    return None


def _closed_at(opened: Period, back: Period) -> Period:
    start = opened.start
    end = back.end
    assert isinstance(end, datetime)
    if not isinstance(start, datetime):
        assert start is not None
        start = datetime(start.year, start.month, start.day, tzinfo=end.tzinfo)
    return replace(opened, start=start, end=end, all_day=False)


def _moment(period: Period) -> bool:
    return not period.all_day and isinstance(period.start, datetime) and period.start == period.end


def cut_until(periods: list[Period], norm: str) -> list[Period]:
    """An English cut said from a moment and then until an hour (will begin at 10 pm tomorrow and is
    expected to last until 6 am on Saturday): one period from the one to the other."""
    out: list[Period] = []
    for period in periods:
        cut = out[-1] if out else None
        if (
            cut is not None
            and _moment(cut)
            and period.start is None
            and isinstance(period.end, datetime)
            and cut.end is not None
            and cut.end < period.end
            and period.span is not None
            and cut.span is not None
            and _en_cut(cut, norm)
            and _UNTIL_EN.search(norm[cut.span[1] : period.span[0] + 6]) is not None
            and "." not in norm[cut.span[1] : period.span[0]].replace("a.m.", "").replace("p.m.", "")
        ):
            out[-1] = replace(cut, end=period.end)
            continue
        out.append(period)
    return out


def _last_timed(out: list[Period], norm: str) -> int | None:
    """The last period read with an hour: a day said between the cut and its restoration
    (…, the company announced today) is not what is cut, nor the hour the works inside the cut
    end at (from 9 pm tonight … work is to end at 6 am on Wednesday … fully restored at 6 am on
    Thursday), which go with the cut once it is closed."""
    for at in range(len(out) - 1, max(-1, len(out) - 3), -1):
        if out[at].all_day:
            continue
        if _moment(out[at]) and _works_end(out[at], norm) and at > 0:
            continue
        return at
    return None


def _works_end(period: Period, norm: str) -> bool:
    assert period.span is not None
    begin = period.span[0]
    return _WORKS_END_EN.search(norm[max(0, begin - _LEAD) : begin]) is not None


def _opened(period: Period) -> bool:
    """A cut said from an hour with no end (disruptions on October 10 beginning from 9am)."""
    return period.end is None and isinstance(period.start, datetime)


def _en_restored(period: Period, norm: str) -> bool:
    assert period.span is not None
    begin = period.span[0]
    lead = norm[max(0, begin - _LEAD) : begin]
    if norm[begin : begin + 5].lower() == "from ":
        lead += "from "  # the opening's own word: resume from 9am on May 14
    return _RESTORED_EN.search(lead) is not None


def _en_cut(period: Period, norm: str) -> bool:
    assert period.span is not None
    begin = period.span[0]
    return _CUT_EN.search(norm[max(0, begin - _LEAD) : begin]) is not None
