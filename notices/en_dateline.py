"""The dateline an English wire report opens with: where and when it was filed, no plan."""

from __future__ import annotations

import re

#: A wire report's dateline: the place in capitals, a comma, then the date and a dash. It opens a
#: line, or follows a photo caption the page ran into it ("… — Picture by A. Lee KUALA LUMPUR, Oct 8 —").
_EN_DATELINE_BEFORE = re.compile(r"(?:^|\n|\s)[A-Z][A-Z .'-]{2,30},\s*$")
_EN_DATELINE_AFTER = re.compile(
    r"(?:,?\s*\d{4})?\s*(?:\([^)\n]{1,12}\)\s*|/[A-Za-z][\w .-]{1,24}/\s*)?(?:[—–-]|(?P<colon>:\s))"
)
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


#: The dateline written date first: "19th September 2023 – (Hong Kong) On 1st October …",
#: "19 Sept 2023 — HONG KONG — …", "19 September 2023 (Singapore) - …": a dash and the place, in
#: brackets or capitals, between the date and the report's first word.
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_EN_DATE_FIRST_AFTER = re.compile(
    rf"[^\S\n]*(?P<lead>[—–-]+[^\S\n]*)?\((?!{_WEEKDAY})[A-Z][A-Za-z .'-]{{1,30}}\)"
    r"[^\S\n]*(?P<trail>[—–:-]+)?[^\S\n]*(?=[A-Z0-9])"
    rf"|[^\S\n]*[—–-]+[^\S\n]*(?!{_WEEKDAY.upper()})[A-Z][A-Z .']{{2,30}}?"
    r"[^\S\n]*[—–:-]+[^\S\n]*(?=[A-Z0-9])"
)
_EN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def en_date_first_dateline(norm: str, begin: int, end: int) -> bool:
    """A dateline written date first (19th September 2023 – (Hong Kong) On 1st October …, 19 Sept
    2023 — HONG KONG — …): the date with its year, then the place in brackets or capitals set off by
    a dash, then the report; a weekday in brackets is the date's own, no place."""
    if _EN_YEAR.search(norm, begin, end) is None:
        return False
    found = _EN_DATE_FIRST_AFTER.match(norm, end)
    if found is None:
        return False
    bracketed = "(" in found.group()
    return not bracketed or found.group("lead") is not None or found.group("trail") is not None


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


#: What may stand before an English page's posting stamp on its line: a bullet, a byline ended by a
#: bar (Jane Tan | May 10, 2023, 3:41 PM) and the weekday (Tuesday, 08 May 2018).
_EN_STAMP_BEFORE = re.compile(
    r"[\s•·*-]*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[|｜]\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
)
#: And after it: the posting's clock time and its zone (| 08:17 AM UTC), then the line's end or the
#: next line run onto it, which opens with a capital (… 3:41 PM Residents of Harbour Town will …).
_EN_STAMP_AFTER = re.compile(
    r"\s*(?:[|｜,]?\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*(?:\(?(?:UTC|GMT|SGT|HKT|MYT)(?:[+-]\d{1,2})?\)?)?"
    r"\s*(?:$|(?=[A-Z]))"
)
#: A word a sentence broken across lines ends on when its date is on the next line (closed on ⏎ 8 May).
_EN_OPEN_END = re.compile(
    r"(?i)\b(?:on|from|to|until|till|by|at|between|and|of|since|before|after|during|for)\s*$"
)
#: A date in words with its year, as a posting stamp always has it (May 10, 2023 / 08 May 2018).
_EN_DATED = re.compile(r"[A-Za-z]{3}.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*[A-Za-z]{3}")


#: Where a line opens inside text whose lines were run together: after a bullet, or after a sentence
#: that ended (… "a pump tripped". Jane Lim | May 10, 2023).
_EN_LINE_OPENS = re.compile(r"(?:[•·]|[.!?][\"”’)]?\s)\s*")
#: A posting time's zone right after it (08:17 AM UTC).
_EN_ZONE_AFTER = re.compile(r"\s*\(?(?:UTC|GMT|SGT|HKT|MYT)\b")


def en_stamp_line(line_before: str, date_text: str, after: str, previous_line: str, *, timed: bool) -> bool:
    """An English page's posting stamp: a date in words with its year, opening its line with at most a
    byline, a weekday, a clock time and a zone around it, or a clock time set off by a bar or a zone
    (Jane Lim | May 10, 2023, 3:41 PM / 26 Jan 2022 | 08:17 AM UTC) wherever the line begins; never a
    sentence's date broken onto a line."""
    if _EN_DATED.search(date_text) is None:
        return False
    barred = "|" in date_text or "｜" in date_text or line_before.rstrip().endswith(("|", "｜"))
    if timed and (barred or _EN_ZONE_AFTER.match(after)):
        return True
    opens = max(_EN_LINE_OPENS.finditer(line_before), key=lambda m: m.start(), default=None)
    if opens is not None:
        previous_line, line_before = line_before[: opens.start() + 1], line_before[opens.end() :]
    return (
        _EN_STAMP_BEFORE.fullmatch(line_before) is not None
        and _EN_STAMP_AFTER.match(after) is not None
        and _EN_OPEN_END.search(previous_line) is None
    )
