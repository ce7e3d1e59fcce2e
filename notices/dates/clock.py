"""Times of day: 8时, 上午9时30分, 22:00时, 下午五时半, 中午前, 午夜12时, 9:30 a.m., 12:00 noon.

A mixin the point reader stands on: a time is read after a date, alone in a window, or before
an English date.
"""

from __future__ import annotations

from notices.dates.english import EnglishReader
from notices.dates.tokens import GAP, KW, NUM, SEP, UNIT, WORD, Token
from notices.dates.vocabulary import (
    _AM,
    _BEFORE_MARKS,
    _GAP_AM,
    _GAP_MIDNIGHT,
    _GAP_PM,
    _PM,
    _num,
)

#: The kinds of token a time of day can start with: its hour, a part of the day said as a keyword
#: or in words (上午, 晚上), or an English word (about, noon).
_TIME_FIRST = (NUM, KW, GAP, WORD)
#: Words that make an hour approximate without changing it: 下午约二时, 晚上大约十时.
_ABOUT = frozenset(("约", "大约", "約", "大約", "约为"))
#: Words that open a window between the part of the day and its hour: 每晚由11时.
_FROM = frozenset(("由", "从", "自"))
#: The English words for it: to about 8.00 p.m., from around 7 pm.
_ABOUT_EN = frozenset(("about", "around", "approximately", "approx"))
#: What ``_plain_time`` returns when the time is not of its plain shapes: the full reading decides.
_FULL = object()


def _part(gap: Token) -> str:
    """The part of the day a gap names, past the word that opens a window after it (每晚由) and
    the 期间 that closes the span of days before it (春节期间每晚)."""
    value = str(gap.value).strip().removeprefix("期间").lstrip(",， ")
    return value[:-1] if len(value) > 1 and value[-1] in _FROM else value


#: Parts of the day whose 12 o'clock is midnight: 晚上12时, 夜间12点, 深夜12时.
_NIGHT = frozenset(
    ("晚上", "夜间", "今晚", "明晚", "昨晚", "晚", "夜", "晚间", "夜晚", "深夜", "当晚", "每晚", "每夜")
)


class ClockReader(EnglishReader):
    """A time of day at a token, as (hour 0..24, minute, next index)."""

    def time(self, i: int) -> tuple[int, int, int] | None:
        """(hour 0..24, minute, next index) of a time of day at ``i``, read once per index."""
        times = self.times
        if i in times:
            return times[i]
        if not 0 <= i < self.n or self.t[i].kind not in _TIME_FIRST:
            return None  # (a unit, a mark, a bracket or a weekday opens no time: most tokens)
        found = times[i] = self._time(i)
        return found

    def _time(self, i: int) -> tuple[int, int, int] | None:
        first = self.t[i]
        if first.kind is NUM:
            plain = self._plain_time(i, first)
            if plain is not _FULL:
                return plain  # type: ignore[return-value]
        return self._any_time(i)

    def _plain_time(self, i: int, first: Token) -> object:
        """An hour written first with no English word after it (8时, 9时30分, 7:00, 22:00时): most
        times on a page, read here without the look-ups for parts of the day that ``_any_time``
        makes; ``_FULL`` for any other shape. Gives what ``_any_time`` gives."""
        hour: int = first.value  # type: ignore[assignment]
        if first.digits > 2 or not 0 <= hour <= 24:
            return None
        t, n = self.t, self.n
        k = i + 1
        if k >= n:
            return _FULL
        mark = t[k]
        minute = 0
        if mark.kind is UNIT and mark.value in ("时", "点"):
            k += 1
            said = t[k] if k < n else None
            if (
                said is not None
                and said.kind is NUM
                and said.digits <= 2
                and 0 <= said.value <= 59  # type: ignore[operator]
                and k + 1 < n
                and t[k + 1].kind is UNIT
                and t[k + 1].value == "分"
            ):
                minute, k = said.value, k + 2  # type: ignore[assignment]
            elif said is not None and said.kind is KW and said.value == "半":
                minute, k = 30, k + 1
        elif mark.kind is SEP and mark.value == ":":
            said = t[k + 1] if k + 1 < n else None
            if said is None or said.kind is not NUM or said.digits != 2 or not 0 <= said.value <= 59:  # type: ignore[operator]
                return None
            minute, k = said.value, k + 2  # type: ignore[assignment]
            if k + 1 < n and t[k].kind is SEP and t[k].value == ":" and t[k + 1].digits == 2:
                k += 2  # seconds
            if k < n and t[k].kind is UNIT and t[k].value in ("时", "点"):
                k += 1  # 22:00时
        else:
            return _FULL
        if k < n and t[k].kind is WORD:
            return _FULL
        if hour == 24 and minute:
            return None
        return hour, minute, k

    def _any_time(self, i: int) -> tuple[int, int, int] | None:
        j = i
        half: str | None = None
        gap = self.at(j)
        if gap is not None and gap.kind is WORD and gap.value in _ABOUT_EN:
            return self._about_en(i)
        kind = gap.kind if gap is not None else None
        # the token's kind is read once: a word of the day is a keyword or a gap, never both
        if kind is NUM:
            pass  # the common case: no part of the day said before the hour
        elif kind is KW:
            said = gap.value  # type: ignore[union-attr]
            if said in _AM:
                half, j = "am", j + 1
            elif said in _PM or said in ("今晚", "明晚", "昨晚"):
                half, j = ("night" if said in _NIGHT else "pm"), j + 1
            elif said in ("今早", "今晨", "明早", "明晨"):
                half, j = "am", j + 1
            elif said == "中午":
                half, j = "noon", j + 1
        elif kind is GAP and (part := _part(gap)) in _GAP_AM:  # type: ignore[arg-type]
            half, j = "am", j + 1
        elif kind is GAP and part in _GAP_PM:
            half, j = ("night" if part in _NIGHT else "pm"), j + 1
        elif kind is GAP and part in _GAP_MIDNIGHT:
            half, j = "midnight", j + 1
        elif (
            kind is GAP
            and str(gap.value).strip() == "当"  # type: ignore[union-attr]
            and (self.kw(j + 1, "天") or self.unit(j + 1, "日"))
            and self.at(j + 2) is not None
        ):
            return self.time(j + 2)  # 国庆节当天8时至18时: the day said again before its hours
        if j > i and (opener := self.at(j)) is not None and opener.kind is GAP and opener.value in _FROM:
            j += 1  # 每晚由11时, 晚上由十时: the part of the day said before the word that opens the window
        if j > i and self._about(j):
            j += 1  # 下午约二时: an approximate hour is still the hour the notice gives
        hour = _num(self.at(j), 0, 24)
        if hour is None:
            if j > i and (self.kw(j, *_BEFORE_MARKS, "止", "为止", "起") or self.connector(j) is not None):
                # 中午前, 至中午止, 午夜起: the part of the day is the moment itself
                if half == "noon":
                    return 12, 0, j
                if half == "midnight":
                    return 24, 0, j
            if self.word(i, "noon"):
                return 12, 0, i + 1
            if self.word(i, "midnight"):
                return 24, 0, i + 1
            return None
        minute = 0
        k = j + 1
        if self.unit(k, "时", "点"):
            k += 1
            m = _num(self.at(k), 0, 59)
            if m is not None and self.unit(k + 1, "分"):
                minute, k = m, k + 2
            elif self.kw(k, "半"):
                minute, k = 30, k + 1
        elif self.sep(k, ":"):
            tok = self.at(k + 1)
            m = _num(tok, 0, 59)
            if m is None or tok is None or tok.digits != 2:
                return None
            minute, k = m, k + 2
            if self.sep(k, ":") and self.at(k + 1) is not None and self.t[k + 1].digits == 2:
                k += 2  # seconds
            if self.unit(k, "时", "点"):
                k += 1  # 22:00时
        elif (self.word(k, "am", "pm") and half is None) or (hour == 12 and self.word(k, "noon")):
            pass  # 9 am, 12 noon
        elif self.sep(k, ".") and self.word(k + 2, "am", "pm") and (tok := self.at(k + 1)) is not None:
            # 8.00pm, 11.59pm: English notices dot their minutes
            m = _num(tok, 0, 59)
            if m is None or tok.digits != 2:
                return None
            minute, k = m, k + 2
        else:
            return None
        after = self.t[k] if k < self.n else None
        if after is None or after.kind is not WORD:
            pass  # (most hours: no English word after them)
        elif after.value in ("am", "pm"):
            half = str(after.value)
            k += 1
        elif after.value == "noon" and hour == 12 and minute == 0:
            k += 1  # 12:00 noon
        elif after.value == "midnight" and hour in (0, 12, 24) and minute == 0:
            hour, k = 24, k + 1  # 12:00 midnight closes the day
        if half == "night" and hour == 12 and minute == 0:
            hour = 24  # 晚上12时: midnight, the end of that day (下午12时 is noon)
        elif half in ("pm", "night") and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        elif half == "noon" and hour < 6:
            hour += 12
        elif half == "midnight" and hour == 12:
            hour = 24  # 午夜12时: the end of that day
        if hour == 24 and minute:
            return None
        return hour, minute, k

    def _about_en(self, i: int) -> tuple[int, int, int] | None:
        """``to about 8.00 p.m.``: an English hour said to be approximate is still the hour, when it
        is a clock time (about 5 km is none)."""
        timed = self.time(i + 1) if _num(self.at(i + 1), 0, 24) is not None else None
        if timed is None or not (
            self.word(timed[2] - 1, "am", "pm", "noon", "midnight") or self.sep(i + 2, ":")
        ):
            return None
        return timed

    def _about(self, j: int) -> bool:
        """``约`` / ``大约`` between the part of the day and its hour."""
        tok = self.at(j)
        return (
            tok is not None
            and tok.kind is GAP
            and str(tok.value).strip() in _ABOUT
            and _num(self.at(j + 1), 0, 24) is not None
        )

    # ----------------------------------------------------------------- points
