"""The year a notice with no full date states on its own: ``2016年度注册测绘师资格考试工作计划`` over
rows of ``6月27日至7月6日 网络报名``. With no publication date, signature date or full date, the
month-days under such a heading are of that year, not of whatever year the page is read in."""

from __future__ import annotations

import re
from datetime import date

from notices.dates.vocabulary import ROC_OFFSET

#: A year said alone, not the start of a full date (2016年度, 2024年公开招聘, not 2024年5月6日 or
#: 2015年以来 / 2016年底 which look back or name a season).
_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?(?!\s*\d|\s*[一二三四五六七八九十]+\s*月|以来|至今|底|末|初)"
)
#: A Taiwan year of the Republic said for the business of a year (109年度第3次拍卖会, 113年度招生):
#: in the body too, since a numbered 年度 names the year the notice is about.
_ROC_YEAR_OF = re.compile(r"(?<![\d.])(\d{2,3})\s*年度(?!\s*\d)")
#: The first month and day the text gives: the day the notice is read around.
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?!\d)")
#: How far into the body a year said as its heading may stand.
_HEAD_CHARS = 80


def stated_year(title: str, norm_body: str, *, page_head: str = "", warnings: list[str]) -> date | None:
    """The first month-day of the body in the year the title, the body's first line or the page's
    heading (``page_head``: rows under a page's title are read as items of their own) states."""
    heads = (title or norm_body[:_HEAD_CHARS].split("\n", 1)[0], page_head)
    said = next((m for m in map(_YEAR.search, heads) if m is not None), None)
    roc = None if said is not None else _ROC_YEAR_OF.search(norm_body)
    if said is not None:
        year = int(said.group(1))
    elif roc is not None and 1 <= int(roc.group(1)) <= 200:
        year = int(roc.group(1)) + ROC_OFFSET
    else:
        return None
    for found in _MONTH_DAY.finditer(norm_body):
        try:
            day = date(year, int(found.group(1)), int(found.group(2)))
        except ValueError:
            continue
        warnings.append(f"year taken from the heading: {year}")
        return day
    return None


def page_head(title: str, norm_body: str) -> str:
    """What an item tells later items on its page of the year: its title or first line, when it
    states a year alone."""
    head = title or norm_body[:_HEAD_CHARS].split("\n", 1)[0]
    return head if _YEAR.search(head) is not None else ""
