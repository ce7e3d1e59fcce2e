"""The date a newspaper page prints in its masthead (辽源日报 2022年5月10日 星期二 第3版).

The segmenter drops such lines as page furniture, and rightly: they are no notice's text. But
the date they carry is the day the page came out, which is what a report on it ("今日", a day
with no year, what already ended) is read against when no publication date is given.
"""

from __future__ import annotations

import re
from datetime import date

from notices.normalize import normalize
from notices.segment.shapes import is_furniture

#: Mastheads stand at the top of a page: the lines read are those in its first characters.
_HEAD_CHARS = 2000

_YMD = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def masthead_date(text: str) -> date | None:
    """The first masthead date in the page's head, or None."""
    for line in text[:_HEAD_CHARS].splitlines():
        norm = normalize(line).strip()
        if not norm or "年" not in norm or not is_furniture(norm):
            continue
        found = _YMD.search(norm)
        if found is None:
            continue
        try:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            return None  # a masthead misprinted: no day to read the page by
    return None
