"""Chinese numerals as notices write them in dates and durations.

Two systems meet in dates: positional digit strings for years (``二〇二二``) and
counted numbers with 十/百/千 for everything else (``十一``, ``二十六``, ``廿六``,
``三十一``). Input is expected to be normalised (``○`` already turned into ``〇``,
``兩`` into ``两``).
"""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_TENS_PREFIX: dict[str, int] = {"廿": 20, "卅": 30}

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(_UNITS) + "".join(_TENS_PREFIX) + "万"


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral, or None when ``text`` is not one.

    A string of bare digits longer than one character is positional (``二〇二二`` is
    2022, as years are written); anything with 十/百/千/万/廿/卅 is counted.
    """
    if not text:
        return None
    if all(ch in DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = chinese_to_int(high) if high else 1
        low_value = chinese_to_int(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    total = 0
    pending: int | None = None
    last_unit = 10**9
    for ch in text:
        if ch in DIGITS:
            if pending is not None and DIGITS[ch] != 0:
                return None  # two digits in a row inside a counted number
            pending = DIGITS[ch] if DIGITS[ch] != 0 else pending
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 十十: not a number
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        elif ch in _TENS_PREFIX:
            if total or pending is not None:
                return None
            total = _TENS_PREFIX[ch]
            last_unit = 10
        else:
            return None
    return total + (pending or 0)


def to_int(text: str) -> int | None:
    """Arabic or Chinese numeral to int; None if it is neither."""
    if text.isascii() and text.isdigit():
        return int(text)
    return chinese_to_int(text)
