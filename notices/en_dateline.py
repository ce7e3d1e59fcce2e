"""The dateline an English wire report opens with: where and when it was filed, no plan."""

from __future__ import annotations

import re

#: A wire report's dateline: the place in capitals, a comma, then the date and a dash. It opens a
#: line, or follows a photo caption the page ran into it ("… — Picture by A. Lee KUALA LUMPUR, Oct 8 —").
_EN_DATELINE_BEFORE = re.compile(r"(?:^|\n|\s)[A-Z][A-Z .'-]{2,30},\s*$")
_EN_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,12}\)\s*)?(?:[—–-]|(?P<colon>:\s))")
#: Capitals that head a notice's line rather than name a place (ROAD CLOSURE, 3 March: …).
_EN_HEADING_CAPS = re.compile(
    r"NOTICE|NOTE|CLOSURE|CLOSED|UPDATE|ALERT|ADVISORY|INTERRUPTION|OUTAGE|WARNING|REMINDER"
)
#: The place written in capitals and small letters, opening its line (Singapore, 3 March —); never
#: a weekday (Monday, 3 March — closed all day is a plan).
_EN_DATELINE_PLACE = re.compile(
    r"(?:^|\n)(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s*$"
)
_EN_DATELINE_DASH = re.compile(r"\s*(?:\([^)\n]{1,12}\)\s*)?[—–-]")


def en_dateline(before: str, norm: str, end: int) -> bool:
    """A wire report's dateline: KUALA LUMPUR, Oct 8 — / KUALA LUMPUR, 3 March: / Singapore, 3 March —."""
    place = _EN_DATELINE_BEFORE.search(before)
    after = None if place is None else _EN_DATELINE_AFTER.match(norm, end)
    if place is not None and after is not None:
        return after.group("colon") is None or _EN_HEADING_CAPS.search(place.group()) is None
    return _EN_DATELINE_PLACE.search(before) is not None and _EN_DATELINE_DASH.match(norm, end) is not None


_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A whole dateline opening a report, up to where its facts begin: "KUALA LUMPUR, 3 March: ",
#: "Singapore, Oct 8 (Reuters) — ", "PENANG, March 3, 2024 - ".
EN_DATELINE_LEAD = re.compile(
    r"\s*(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)"
    r"(?:[A-Z][A-Z .'-]{2,30}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    rf"(?:\d{{1,2}}\s+{_MONTH_WORD}|{_MONTH_WORD}\s+\d{{1,2}})(?:,?\s+\d{{4}})?"
    r"\s*(?:\([^)\n]{1,20}\)\s*)?(?:[—–-]+|:)\s*"
)
