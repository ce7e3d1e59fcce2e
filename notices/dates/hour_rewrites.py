"""Hours written so the grammar misses them, rewritten (same length) into the way it reads them.

- A clock time in brackets right after a date is that date's time: ``10月7日(下午5时)止``.
  Application windows and deadlines often put the closing hour in brackets after the last day
  (``自10月1日至10月7日(下午5时)止``, ``August 4 to August 17 (5pm)``, ``3月18日(星期二)(17:00)前``);
  read as a note, the hour is lost and the window ends a day late for a subscriber. Only a single
  clock time is taken: a window in brackets (``(9:00-17:00)``) or anything else stays a note.
- Hours said as a start and an end in two clauses (``从下午4时开始，晚上9时结束``, ``上午10时开始，
  至下午5时结束``, ``starts at 10am and ends at 5pm``): the grammar reads a window only from a
  connector between two hours, so the start alone was read as a moment and the end lost. The words
  between become that connector (``下午4时 至 晚上9时结束``, ``runs from 10am to 5pm``).

Every rewrite keeps the text's length, so every offset still points into the original text.
"""

from __future__ import annotations

import re

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: what a date ends with: 日/号 (a weekday bracket may follow), or an English day and month
_DATE_END = (
    r"(?:[日号](?:\s?\([^()]{1,8}\))?"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+\d{{4}})?)"
)
#: an hour's number in digits or Chinese numerals (下午五时, 十一时三十分)
_NUM = r"(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_CN_HOUR = (
    rf"(?:上午|下午|中午|晚上|早上|凌晨|傍晚|晚)?\s?{_NUM}"
    rf"(?:\s?[:：]\s?\d{{2}}|\s?[时点](?:\s?{_NUM}\s?分|\s?[整正半])?)(?:\s?[整正])?"
)
_EN_HOUR = r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|noon)|noon"
_HOUR_IN_BRACKETS = rf"\(\s?(?:{_CN_HOUR}|{_EN_HOUR})\s?\)"
_BRACKETED = re.compile(rf"({_DATE_END})\s?({_HOUR_IN_BRACKETS})", re.IGNORECASE)
#: The bracketed hour alone, which every match of ``_BRACKETED`` holds: found by a scan from bracket
#: to bracket, where the full pattern (opening with the date's alternatives) is tried at every character.
_ANY_BRACKETED = re.compile(_HOUR_IN_BRACKETS, re.IGNORECASE)


def _unbracket_hours(norm: str) -> str:
    """``norm`` with the brackets around a clock time that follows a date turned into spaces."""
    if "(" not in norm or _ANY_BRACKETED.search(norm) is None:
        return norm
    chars: list[str] | None = None
    for match in _BRACKETED.finditer(norm):
        if chars is None:
            chars = list(norm)
        opening, closing = match.start(2), match.end(2) - 1
        chars[opening] = " "
        chars[closing] = " "
    return norm if chars is None else "".join(chars)


#: 开始，(至) between two hours, the second followed by 结束/止.
_CN = re.compile(
    rf"({_CN_HOUR})(\s?(?:正式)?开始\s?[,，]\s?(?:并\s?)?(?:于|至|到)?\s?)(?={_CN_HOUR}\s?(?:结束|止))"
)
#: starts at 10am and ends at 5pm, begins at 9.30am, ending at noon, will open at 9am and close at 5pm.
_EN = re.compile(
    rf"(?i:\b(?:starts?|starting|begins?|beginning|commences?|commencing|opens?|opening)\s+at\s+)({_EN_HOUR})"
    rf"(?i:(\s*,?\s*(?:and\s+)?(?:ends?|ending|finishes|finishing|closes|closing)\s+at\s+))(?={_EN_HOUR})"
)


#: "at" and a word that starts a window, in any case: what lower-casing the text and finding them
#: there tells (no other character lower-cases to these letters), without lower-casing a whole page.
_AT = re.compile(r"[Aa][Tt]")
_START_WORD = re.compile(
    r"[Ss][Tt][Aa][Rr][Tt]|[Bb][Ee][Gg][Ii][Nn]|[Cc][Oo][Mm][Mm][Ee][Nn][Cc]|[Oo][Pp][Ee][Nn]"
)


def _blank(chars: list[str], begin: int, end: int, word: str) -> None:
    """Write ``word`` in chars[begin:end] (centred when it is a connector), spaces around it."""
    width = end - begin
    lead = 0 if " " in word else max(0, (width - len(word)) // 2)
    for k in range(begin, end):
        chars[k] = " "
    for k, ch in enumerate(word[:width]):
        chars[begin + lead + k] = ch


def _join_start_end_hours(norm: str) -> str:
    """``norm`` with each start hour and end hour said apart joined by the grammar's connector."""
    has_cn = "开始" in norm and ("结束" in norm or "止" in norm)
    has_en = _AT.search(norm) is not None and _START_WORD.search(norm) is not None
    if not has_cn and not has_en:
        return norm
    chars: list[str] | None = None
    for pattern, word, gated in ((_CN, "至", has_cn), (_EN, "to", has_en)):
        if not gated:
            continue
        for match in pattern.finditer(norm):
            if chars is None:
                chars = list(norm)
            if pattern is _EN:
                # "starts at 10am" → "runs from 10am": the grammar reads from … to, and an
                # event's hours read a sentence after its day are introduced the same way
                _blank(chars, match.start(), match.start(1), "runs from")
            _blank(chars, match.start(2), match.end(2), word)
    return norm if chars is None else "".join(chars)


def readable_hours(norm: str) -> str:
    """``norm`` with bracketed hours after a date and start/end hours said apart rewritten."""
    return _join_start_end_hours(_unbracket_hours(norm))
