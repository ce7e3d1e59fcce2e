"""Hours an office keeps every working day (enquiries during office hours (between 9am and 5pm),
办公时间上午9时至下午5时): said with no day of their own, they are no period, and a day told just
before them (a cancelled auction's) must not take them."""

from __future__ import annotations

import re

#: Standing hours an office keeps, said right before hours with no day of their own.
_OFFICE_HOURS = re.compile(
    r"(?i:(?:office|opening|business|operating|service)\s+hours)|办公时间|上班时间|工作时间"
)
#: A day in a period's own text, in digits or numerals (its hours are then that day's, not standing ones).
_DATED_TEXT = re.compile(
    r"[\d〇零一二三四五六七八九十廿卅]\s*[月日号/-]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


def office_hours(norm: str, begin: int, end: int) -> bool:
    """Whether the hours at ``norm[begin:end]`` are an office's standing hours: named so just
    before, and with no day in their own words."""
    return (
        _OFFICE_HOURS.search(norm, max(0, begin - 40), begin) is not None
        and _DATED_TEXT.search(norm, begin, end) is None
    )
