"""The day a notice is read around when it gives no publication date: its first date written with
a year (a birth date that bounds who may apply dates nothing), the season it names, the year an event
is named by, or the day an earlier notice on the same page is dated by."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.dates import find_periods
from notices.eligibility import eligibility_bound
from notices.model import ParsedNotice, Period
from notices.normalize import normalize


def dated_by(notice: ParsedNotice, tz: ZoneInfo) -> date | None:
    """The day a notice is read around: its own date, else its first period's."""
    if notice.published is not None:
        return notice.published
    for period in notice.periods:
        moment = period.start if period.start is not None else period.end
        if moment is not None:
            return moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
    return None


def first_full_date(body: str, tz: ZoneInfo) -> date | None:
    """A notice with no date of its own is read around the first date it writes with its year
    (2023年6月5日, 二零二四年十二月五日, 民國114年7月23日)."""
    if len(body) > 2 * _HEAD:
        # most notices write it early: read the head first, not a long body twice
        head = body[:_HEAD]
        found = _year_date(
            find_periods(head, base=ANY_DAY, tz=tz), tz, before=_HEAD - _MARGIN, norm=normalize(head)
        )
        if found is not None:
            return found
    found = _year_date(find_periods(body, base=ANY_DAY, tz=tz), tz, before=len(body), norm=normalize(body))
    if found is not None:
        return found
    bracketed = _BRACKETED_DATE.search(body, 0, _HEAD)
    if bracketed is not None:
        # a page's stamp in brackets (http://www.example.cn (2017-04-14 14:56:41)), read as no
        # period: still the day the text came out
        try:
            return date(*(int(part) for part in bracketed.groups()))
        except ValueError:
            pass
    # only a year or a season of two (2022-2023年采暖季): the middle of what it names
    season = _SEASON.search(normalize(body))
    if season is None:
        # an event named by its year (2024某某马拉松, 2025湖畔音乐节): the middle of that year
        edition = _EDITION.search(normalize(body[:_EDITION_HEAD]))
        return None if edition is None else date(int(edition.group(1)), 7, 1)
    first, second = int(season.group(1)), int(season.group(2) or 0)
    if second == first + 1:
        return date(second, 1, 1)
    return date(first, 7, 1) if 1900 <= first <= 2100 else None


def _year_date(periods: list[Period], tz: ZoneInfo, *, before: int, norm: str) -> date | None:
    """The day of the first period written with its year, if it ends before ``before``; a birth
    date that bounds who may take part (出生日期在1950年12月31日之前) dates nothing."""
    for period in periods:
        if period.span is not None and period.span[1] > before:
            return None
        if eligibility_bound(norm, period):
            continue
        if _YEAR_SAID.search(period.text) or _YEAR.search(period.text) or _ROC_SLASHED.search(period.text):
            # (not 次年, 明年: no year)
            moment = period.start if period.start is not None else period.end
            if moment is not None:
                return moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
    return None


ANY_DAY = date(2000, 1, 1)
#: A full date in brackets, as a page stamps its posts: (2017-04-14 14:56:41), （2017年4月14日）.
_BRACKETED_DATE = re.compile(
    r"[(（]\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]"
)
#: How much of a long body is read first for its first dated year, and how far from the head's
#: end a period must close to be read the same as in the whole body.
_HEAD = 4000
_MARGIN = 400
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: A Minguo year written with slashes, as Taiwan's offices date (111/10/05: 2022).
_ROC_SLASHED = re.compile(r"(?<![\d/])1[01]\d/\d{1,2}/\d{1,2}(?![\d/])")
#: A year written out before 年: 2023年, 二〇二三年, 114年 (民國); 次年 and 明年 name none.
_YEAR_SAID = re.compile(r"(?:\d|[〇零○一二三四五六七八九]{2})\s*年")
#: A year that opens a name (2024孝感马拉松), not a count (2024元, 2024人) nor a document's number.
_EDITION = re.compile(
    r"(?<![\d〔\[(（第-])((?:19|20)\d\d)(?=[\u4e00-\u9fff]{2})(?![年月日号元万亿人名个次件户份米吨平千])"
)
#: How far into the body such a name is looked for: its title and opening lines.
_EDITION_HEAD = 300
_SEASON = re.compile(r"((?:19|20)\d\d)(?:\s*[-—–~至到]\s*((?:19|20)\d\d))?\s*年")
