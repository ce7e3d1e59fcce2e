"""Hours in a notice that names no day at all.

``9时至17时对胜利路实施交通管制`` or ``Elm Street will be closed from 9am to 5pm`` printed with no
date anywhere: the conventions give a notice with no date of its own the day it is published, so
the closure is on that day; when the title names the day (关于3月21日和平路停电的通知), on that
day. Only hours that close, cut or suspend something are read so: office
hours and a hotline's hours (工作时间9:00-17:00) are no period, and a daily window (每日8时至18时)
has no span of days to repeat over. The hour a supply was cut is read too when the same sentence
says the hour it comes back (``于16:00停产，…恢复供水时间预计为20:00左右``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.dates import find_periods
from notices.dates.grammar import Grammar
from notices.dates.points import Point
from notices.dates.resolve import _resolve
from notices.dates.restore_hour import restore_hours
from notices.dates.seeds import windows
from notices.dates.tokens import GAP, KW, NUM, PAREN, WORD, Token, tokenize
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
#: Supply said to come back, which makes the hour before it a cut.
_RESTORES = re.compile(r"恢复(?:正常)?(?:供水|供电|供气|通水|通电|通气)")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")


def hours_on(
    text: str, norm: str, *, day: date | None, tz: ZoneInfo, cut_day: date | None = None
) -> list[Period]:
    """Each window of hours in ``text`` that disrupts something, as a timed period on ``day``; the
    hour a supply was cut and the hour it is back, on ``cut_day`` (a signed report of a cut under
    way is about the day it is signed, a window planned with no day is about no day)."""
    base = day or cut_day
    if base is None or not (_DISRUPTS.search(norm) or (cut_day is not None and _RESTORES.search(norm))):
        return []  # (most items on a page are news with no date: nothing here to read them for)
    tokens = _tokens(norm)
    if not tokens:
        return []
    grammar = Grammar(tokens, base, norm)
    that_day = Point(fixed=base)
    out: list[Period] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not (tok.kind is NUM or tok.kind is KW or (tok.kind is WORD and tok.value in ("from", "between"))):
            i += 1
            continue
        draft = grammar.period(i, that_day)
        if draft is None and tok.kind is NUM and cut_day is not None:
            cut = _cut_closed(grammar, i, norm, cut_day, tz)
            if cut is not None:
                out.append(cut)
                i += 1
                continue
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
        if day is None:
            i = max(draft.last, i + 1)
            continue
        if _DISRUPTS.search(sentence) and not _SERVICE.search(sentence) and not _DAILY.search(sentence):
            period = _resolve(draft, text, norm, tokens, day, tz, day)
            if period is not None and not period.all_day:
                out.append(period)
        i = max(draft.last, i + 1)
    return out


def _cut_closed(grammar: Grammar, i: int, norm: str, day: date, tz: ZoneInfo) -> Period | None:
    """The hour a supply was cut (于16:00停产) closed by the hour its sentence says it comes back
    (恢复供水时间预计为20:00左右), on ``day``."""
    timed = grammar.time(i)
    if timed is None or timed[0] >= 24:
        return None
    begin, finish = grammar.t[i].start, grammar.t[timed[2] - 1].end
    sentence = _sentence(norm, begin, finish)
    if not _RESTORES.search(sentence) or _SERVICE.search(sentence) or _DAILY.search(sentence):
        return None
    at = datetime(day.year, day.month, day.day, timed[0], timed[1], tzinfo=tz)
    cut = Period(at, at, all_day=False, text=norm[begin:finish], span=(begin, finish))
    closed = restore_hours([cut], norm)[0]
    return closed if closed.end != closed.start else None


def hours_of_today(text: str, norm: str, found: list[Period], *, tz: ZoneInfo) -> list[Period] | None:
    """Hours with no day in a body whose only day is today said by word (今天是元宵节。17时至22时期间
    …禁止通行; 今晚…具体管制时间和路段为：某路（18时至23时）): the hours fall on that day and say its
    plan, in place of the whole day. None when the body names another day or no such hours."""
    day = found[0].start if found else None
    if isinstance(day, datetime) or not isinstance(day, date):
        return None
    for p in found:
        if not p.all_day or p.start != day or p.end != day or not _TODAY.fullmatch(p.text.strip()):
            return None  # (the cheap tests first: most bodies name other days, or nothing disrupted)
    if not _DISRUPTS.search(norm):
        return None
    label = found[0].label  # what the day was named by (管制时间) names its hours too
    return [replace(h, label=h.label or label) for h in hours_on(text, norm, day=day, tz=tz)] or None


#: Today said by word, alone: the day hours with no day of their own fall on.
_TODAY = re.compile(
    r"(?i:今天|今日|今晚|今夜|今早|今晨|今天晚上|今天上午|今天下午|today|tonight|this evening)"
)


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
    """The date windows' tokens; hours in brackets after a road or a village (人民路（18时至23时）)
    are that place's hours, read as the hours they hold."""
    tokens: list[Token] = []
    for start, end in windows(norm):
        if tokens:
            tokens.append(Token(GAP, "", start, start))
        for tok in tokenize(norm, start, end):
            if tok.kind is PAREN and _BRACKETED_HOURS.fullmatch(norm, tok.start, tok.end):
                tokens.append(Token(GAP, "", tok.start, tok.start + 1))
                tokens.extend(tokenize(norm, tok.start + 1, tok.end - 1))
                tokens.append(Token(GAP, "", tok.end - 1, tok.end))
            else:
                tokens.append(tok)
    return tokens


#: A bracket holding hours alone: (18时至23时), (19:00-22:30).
_BRACKETED_HOURS = re.compile(r"[(（]\s*\d{1,2}\s*[时点:：][^()（）年月日号]{0,20}[)）]")


def _sentence(norm: str, begin: int, end: int) -> str:
    """The sentence holding ``norm[begin:end]``."""
    head = [m.end() for m in _SENTENCE_END.finditer(norm, max(0, begin - 160), begin)]
    tail = _SENTENCE_END.search(norm, end)
    return norm[head[-1] if head else max(0, begin - 160) : tail.start() if tail else len(norm)]
