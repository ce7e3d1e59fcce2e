"""Counts and amounts said between a day's hours and the next place's hours (限电量300万瓩，影响
200万户；第二轮…): numbers that measure something, not a date or a time, so they do not end what the
sentence dated."""

from __future__ import annotations

import re

#: A number with the unit it counts: households, people, vehicles, power, lengths, weights, items.
_QUANTITY = re.compile(
    r"\d[\d,，.]*\s*(?:[万千百亿]\s*)?"
    r"(?:户|戶|人次|人|名|辆|輛|台|座|家|所|条|條|处|處|个|個|盏|盞|"
    r"千瓦时|千瓦|瓩|兆瓦|kW|MW|度|吨|噸|公斤|公里|千米|米|公尺|km|m\b|平方米|立方米|元)"
)


def without_quantities(text: str) -> str:
    """``text`` with every counted amount taken out, so only numbers that could date or time
    something are left."""
    return _QUANTITY.sub("", text)
