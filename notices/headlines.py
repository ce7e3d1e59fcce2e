"""Notices a page prints twice: the same article again right under itself, or a headline (or a
closing line) that only restates the notice beside it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.categories import ROAD_KINDS, Category
from notices.model import ParsedNotice, Period


def printed_again(last: ParsedNotice, notice: ParsedNotice) -> bool:
    """The same notice twice in a row, word for word (a page that repeats its article); the
    same notice further down a page is left to storage, which knows it is a repeat."""
    return notice.title == last.title and notice.body == last.body and notice.issuer == last.issuer


#: A headline is a line: longer than this, an item is an article of its own.
_HEADLINE_CHARS = 80


def headline_of(short: ParsedNotice, full: ParsedNotice, tz: ZoneInfo, *, trailer: bool = False) -> bool:
    """Whether ``short`` only restates ``full`` (长春发布"提前开栓供热"通知！10月15日0时… over the
    article saying the same, or a line after the signature repeating the day): unsigned, short,
    of the same kind, naming no place ``full`` does not, and every period of it said in ``full``
    too, if only to the day. A block up to a short lead's length restates only with every
    period said exactly. A ``trailer`` follows ``full``'s signature: the signed notice said it
    all, whatever the trailer's loose wording makes of places."""
    if trailer and full.issuer is None:
        return False
    if short.issuer is not None or not short.periods or not _same_kind(short.category, full.category):
        return False
    if len(short.body) > _LEAD_CHARS or not (trailer or set(short.places) <= set(full.places)):
        return False
    spans = {(p.start, p.end) for p in full.periods}
    if all((p.start, p.end) in spans for p in short.periods):
        return True
    if len(short.body) > _HEADLINE_CHARS:
        return False
    days = [d for d in (_days(p, tz) for p in full.periods) if d is not None]
    for p in short.periods:
        mine = _days(p, tz)
        if not p.all_day or mine is None or not any(a <= mine[0] and mine[1] <= b for a, b in days):
            return False
    return True


#: Kinds of traffic notice whose boundary a short line's loose wording blurs: a trailer saying
#: "青石桥将交通管制" repeats a notice read as a full closure, and a headline calls a race's
#: closures 交通管制.
_TRAFFIC_KINDS = ROAD_KINDS | {Category.EVENT}


def _same_kind(a: Category, b: Category) -> bool:
    return a == b or (a in _TRAFFIC_KINDS and b in _TRAFFIC_KINDS)


#: A headline with its lead paragraph (a web page's date line, 原文如下) is no longer than this.
_LEAD_CHARS = 240


def _days(period: Period, tz: ZoneInfo) -> tuple[date, date] | None:
    """The first and last day a period touches; a deadline's is its day, and a deadline at
    midnight (延长至3月22日零时) also stands for the day it closes (3月22日)."""
    if period.end is None:
        return None
    end = period.end.astimezone(tz) if isinstance(period.end, datetime) else period.end
    if period.start is None:
        last = end.date() if isinstance(end, datetime) else end
        return last, last
    start = period.start.astimezone(tz).date() if isinstance(period.start, datetime) else period.start
    return start, end.date() if isinstance(end, datetime) else end
