"""A whole month with a weekly or daily window told just after it (4月份开展体检。⏎ 体检时间：
每周一至周四上午8:00-11:00): the window repeats over the month's days, so the month is a span to
plan around (conventions rule 7), not a vague one."""

from __future__ import annotations

import re

#: How far after the month its window may be told, in characters (a heading line or two between).
_REACH = 120
_DAY = r"[一二三四五六日天1-7]"
#: A weekly or daily window with its hours: 每周二至周五下午13:00-15:00, 每周六9时至12时, 每天8:30-11:30.
_DAYS = _DAY + r"(?:\s*(?:至|到|-|—|~|、|和|及)\s*(?:周|星期)?" + _DAY + r")*"
_WINDOW = re.compile(
    r"(?:(?:每周|每星期|每个星期|逢(?:星期|周))" + _DAYS + r"|每日|每天)"
    r"[^。\n\d]{0,8}\d{1,2}\s*[:：时時点點]"
)
#: What ends the reach early: another date, which would be the window's own.
_DATED = re.compile(r"\d\s*[年月日号]")


def month_window(text: str, end: int) -> bool:
    """Whether a weekly or daily window with hours is told within reach after ``text[:end]`` (a
    month), before any other date."""
    ahead = text[end : end + _REACH]
    found = _WINDOW.search(ahead)
    if found is None:
        return False
    dated = _DATED.search(ahead, 0, found.start())
    return dated is None
