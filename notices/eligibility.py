"""Dates that bound who may take part (born before a day, of an age on it), not when anything
happens: 2018年12月31日前年满18周岁, 出生日期在1950年12月31日之前."""

from __future__ import annotations

import re

from notices.model import Period

#: A date that bounds who may apply (出生, 年满18周岁, 毕业), not when.
_CRITERIA_AFTER = re.compile(r"\s*(?:前|以前|之前|后|以后|之后)?\s*[,，]?\s*(?:年满|出生|周岁|毕业|取得)")
#: The same said before the date: 出生日期在1950年12月31日之前, 生于2010年9月1日以后.
_CRITERIA_BEFORE = re.compile(r"(?:出生|生于)(?:日期|时间)?\s*(?:在|于|为|是)?\s*[:：]?\s*$")


def eligibility_bound(norm: str, period: Period) -> bool:
    """Whether a date bounds who may take part (born before it, of an age on it), not when."""
    if period.span is None:
        return False
    begin, end = period.span
    return (
        _CRITERIA_AFTER.match(norm, end) is not None
        or _CRITERIA_BEFORE.search(norm, max(0, begin - 10), begin) is not None
    )
