"""Hours in a notice that names no day at all.

``9时至17时对胜利路实施交通管制`` or ``Elm Street will be closed from 9am to 5pm`` printed with no
date anywhere: the conventions give a notice with no date of its own the day it is published, so
the closure is on that day; when the title names the day (关于3月21日和平路停电的通知), on that
day. Only hours that close, cut or suspend something are read so: office
hours and a hotline's hours (工作时间9:00-17:00) are no period, and a daily window (每日8时至18时)
has no span of days to repeat over.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.dates import find_periods
from notices.dates.grammar import Grammar
from notices.dates.points import Point
from notices.dates.resolve import _resolve
from notices.dates.tokens import GAP, KW, NUM, WORD, Token, tokenize, windows
from notices.first_chars import gated
from notices.model import Period

#: What the hours' own sentence must close, cut or suspend.
_DISRUPTS = re.compile(
    gated(
        r"(?i:\bclosed\b|\bclosures?\b|suspended|interrupted|disrupted|diverted|\bshut\b)"
        r"|封闭|封路|管制|停电|停水|停气|停暖|断电|断水|暂停|禁止(?:机动车|车辆|一切)?通行|限行"
    )
)
#: Hours of an office or a line (办公时间, 咨询时间, office hours), not of what is disrupted.
_SERVICE = re.compile(
    gated(r"(?i:office\s+hours|opening\s+hours|enquir|hotline)|办公|工作时间|咨询|受理|营业|值班|服务时间")
)
#: A window repeated each day or night: no day-span given, no period (conventions 2, 7).
_DAILY = re.compile(
    gated(
        r"(?i:\bdaily\b|\bnightly\b|\bevery\b|\beach\s+(?:day|night)\b|\bweek(?:end|day)s\b"
        r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b)|每日|每天|每晚|每周|逢|周末|双休日|节假日|工作日"
    )
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")


def hours_on(text: str, norm: str, *, day: date, tz: ZoneInfo) -> list[Period]:
    """Each window of hours in ``text`` that disrupts something, as a timed period on ``day``."""
    tokens = _tokens(norm)
    if not tokens:
        return []
    grammar = Grammar(tokens, day, norm)
    that_day = Point(fixed=day)
    out: list[Period] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not (tok.kind is NUM or tok.kind is KW or (tok.kind is WORD and tok.value in ("from", "between"))):
            i += 1
            continue
        draft = grammar.period(i, that_day)
        if (
            draft is None
            or draft.start is None
            or draft.end is None
            or not draft.start.time_only
            or not draft.end.time_only
        ):
            i += 1
            continue
        begin, finish = tokens[draft.first].start, tokens[draft.last - 1].end
        sentence = _sentence(norm, begin, finish)
        if _DISRUPTS.search(sentence) and not _SERVICE.search(sentence) and not _DAILY.search(sentence):
            period = _resolve(draft, text, norm, tokens, day, tz, day)
            if period is not None and not period.all_day:
                out.append(period)
        i = max(draft.last, i + 1)
    return out


def day_of_title(title: str, *, base: date, tz: ZoneInfo) -> date | None:
    """The one day a title names (关于3月21日和平路停电的通知, Water Interruption Notice – March 21):
    the day hours in a body that names none fall on."""
    found = find_periods(title, base=base, tz=tz)
    if len(found) != 1:
        return None
    day = found[0].start
    if not found[0].all_day or found[0].end != day or not isinstance(day, date) or isinstance(day, datetime):
        return None
    return day


def _tokens(norm: str) -> list[Token]:
    tokens: list[Token] = []
    for start, end in windows(norm):
        if tokens:
            tokens.append(Token(GAP, "", start, start))
        tokens.extend(tokenize(norm, start, end))
    return tokens


def _sentence(norm: str, begin: int, end: int) -> str:
    """The sentence holding ``norm[begin:end]``."""
    head = [m.end() for m in _SENTENCE_END.finditer(norm, max(0, begin - 160), begin)]
    tail = _SENTENCE_END.search(norm, end)
    return norm[head[-1] if head else max(0, begin - 160) : tail.start() if tail else len(norm)]
