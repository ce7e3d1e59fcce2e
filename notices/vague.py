"""Spans too loose to plan around: named only by months or parts of months, or by a week or month
said relatively (next week). A subscriber cannot be reminded of a day the notice never gives."""

from __future__ import annotations

import re

#: A lunar day after its month (正月十五, 腊月二十六, 八月初八) names a day though no 日 is written;
#: 月初 / 月中 alone are parts of a month.
_PRECISE = re.compile(
    r"[\d〇零一二两三四五六七八九十廿卅]\s*[日号]|月底|月末|[:：时]|[A-Za-z]"
    r"|月\s*(?:初[一二三四五六七八九十]|[十廿][一二三四五六七八九]?|二十[一二三四五六七八九]?|三十)"
)


#: An English month with no day (by June 2024, in early March): a target, no day to plan around.
_MONTH_ONLY_EN = re.compile(
    r"(?i)(?:(?:by|in|from|until|till|before|after|during|around|the|end|of|early|mid|late|end-|mid-)\s*)*"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s*,?\s*(?:19|20)\d\d)?"
)


#: A week or month said by where it stands (next week, this month, the coming week): no day given.
_RELATIVE_SPAN_EN = re.compile(
    r"(?i)(?:(?:in|during|over|within|by|from|until|the)\s+)*(?:next|this|coming)\s+(?:week|month)"
)


def vague(text: str) -> bool:
    """A span named only by months or parts of months (2月中旬, 2026年1月至2028年1月, by June 2024),
    or by a week or month said relatively (next week): no day to plan around."""
    compact = "".join(text.split())
    precise = _PRECISE.search(compact)
    stripped = text.strip()
    pair = _BETWEEN_EN.fullmatch(stripped)  # between October and December: months at both ends
    return (
        ("月" in compact and precise is None)
        or _MONTH_ONLY_EN.fullmatch(stripped) is not None
        or _RELATIVE_SPAN_EN.fullmatch(stripped) is not None
        or (
            pair is not None
            and _MONTH_ONLY_EN.fullmatch(pair.group(1)) is not None
            and _MONTH_ONLY_EN.fullmatch(pair.group(2)) is not None
        )
    )


_BETWEEN_EN = re.compile(r"(?i)(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)")
