"""Hours told a sentence or two after the day they fall on.

A press release names the day in one sentence and the hours of the closure in the next:
``traffic arrangements apply this Sunday (May 15) … Hill Road will be closed from 7.30am until
the event is over``. The day alone is only the heading of the arrangement; the
hours make it the period a subscriber must be told of; what is arranged may also be said in a
sentence between (5月12日，变电站检修。届时和平路一带停电。具体停电时间为8时至16时). A day whose
sentence names an event (a race is held) keeps its own period when a closure's hours follow, since
the event and the closure are two things; hours the event itself runs over (the fair is held on 14
March. Interviews run from 10am to 4pm) are its time, and replace its day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from notices.dates.clause_verb import closes_after, item_closes_after
from notices.dates.from_hour import from_hour
from notices.dates.grammar import Grammar
from notices.dates.hours import _attached_window, _bare_day, _until_over
from notices.dates.points import Draft
from notices.dates.resolve import _resolve
from notices.dates.tokens import WORD
from notices.dates.vocabulary import _FESTIVAL_NEAR, _FESTIVE
from notices.first_chars import gated
from notices.model import Period

#: How far after its day the hours may come, in characters.
_REACH = 240
#: How far hours that name the day again (当日, 当天, 同日) may stand from it, and past how many
#: sentence ends: no other day or hour may come between (``_DIGIT``).
_POINTED_REACH = 800
_POINTED_SENTENCES = 8
_THAT_DAY_BEFORE = re.compile(r"(?:当日|当天|同日)\s*$")
#: An hour as a Chinese text writes it, with the part of the day before it: 凌晨1时, 下午2时30分.
_HOUR_SAID = re.compile(
    r"(?:凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*\d{1,2}\s*(?:[:：]\d{2}|[时点](?:\d{1,2}分|半)?)"
)
#: Hours said as what is usual (多为, 一般为, 通常在): no day's hours.
_TYPICAL_BEFORE = re.compile(
    r"(?:多为|多在|大多|大都|一般为|一般在|通常为|通常在|通常|一般)\s*(?:是|为|在)?\s*"
    r"(?:每日|每天)?\s*(?:凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*$"
)
#: What the day's own sentence must arrange for its hours to be the arrangement's.
_ARRANGES = re.compile(
    gated(
        r"(?i:traffic\s+(?:arrangements?|measures?)|road\s+closures?|closed|closure|suspend|disrupt|interrupt|outage)"
        r"|交通安排|交通及运输安排|运输安排|交通管制|封闭|封路|停电|停水|停气|管制|暂停|禁止[^，。；\n]{0,6}通行"
    )
)
#: A day's sentence that names an event held on it: the day is the event's, not a closure's.
_EVENT = re.compile(
    gated(
        r"(?i:\b(?:held|holds?|hosted|staged|takes?\s+place|taking\s+place)\b)|举行|举办|开幕|开赛|开跑|鸣枪"
    )
)
#: Works are held too (resurfacing works will take place on 18 March), but are no event.
_WORKS = re.compile(gated(r"(?i:\bworks\b|\brepairs?\b|maintenance)|施工|检修|维修|工程|作业"))
#: A lead that says an event's own hours follow: interviews will run from, doors open from,
#: 招聘会时间为, 入场时间：.
_RUNS = re.compile(
    r"(?i:\b(?:runs?|open|opens|held|last|lasts|be\s+open|take\s+place|takes\s+place)\s*(?:from|between)?\s*$)"
    r"|(?:时间|时段)\s*(?:为|是|[:：])\s*$"
    r"|(?:将|均|都|会|每天|每日)?\s*从\s*$"  # 嘉年华从上午10时开始，下午5时结束
)
#: Hours said of something else on the event's day: signing up, asking, an office.
_NOT_THE_EVENTS = re.compile(r"报名|咨询|办公|受理|(?i:regist|enquir|office)")
#: What the hours' own clause must close or suspend (… will be closed from 10.15am).
_CLOSES_NEAR = re.compile(
    gated(
        r"(?i:closed|closure|suspen(?:ded|sion)|diverted|disrupt|interrupt|outage)"
        r"|封闭|封路|管制|停电|停水|停气|暂停|改道|禁止[^，。；\n]{0,6}通行"
    )
)
#: A lead that introduces the arrangement's hours as a list: 具体时间和路段为：, 管制时段如下：.
_SCHEDULE_LEAD = re.compile(r"(?:时间|时段)[^。；;:：\n]{0,8}(?:为|如下)\s*[:：]\s*$")
#: What a day's sentence names when the day is an event's, besides a closure on it.
_EVENT_NAMED = re.compile(
    _FESTIVE.pattern + r"|比赛|赛事|活动|开幕|演出|展览|(?i:held|race|run\b|marathon|parade|festival"
    r"|celebration|ceremony|event|show|concert|fireworks|match)"
)
#: Hours' clause that names the event whose day it means: 比赛当天, 灯会活动当日.
_EVENT_DAY = re.compile(r"(?:活动|比赛|赛事|灯会|庙会|演出|开幕式|文化节|马拉松)\s*(?:的)?\s*当[天日]")
#: Words that point back to the day just named: 当天, 届时, on that day.
_THAT_DAY = re.compile(r"当天|当日|届时|(?i:on\s+(?:that|the)\s+day)")
#: A bracket that restates the day right after it.
_GLOSS = re.compile(r"^\s*[(（][^)）]{0,30}[)）]")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?:\s|$)")
#: A number that dates or times something between the day and its hours (not the 60th of a name).
_DIGIT = re.compile(r"\d\s*(?:[年月日号时時点:：/]|(?i:[ap]\.?m\b))")
#: House numbers after a street (和平路1号至88号): an address, no day.
_HOUSE_NUMBERS = re.compile(r"(?<=[路街巷弄里道])\d+(?:-\d+)?号(?:\s*(?:至|到|—|-|~|、)\s*\d+(?:-\d+)?号)*")
#: An item's mark opening a line (1) / (一) / A. / - / •), and the blank lines between items: the
#: layout of a list of measures, no sentence or number of its own.
_ITEM_MARK = re.compile(
    r"(?:\n|(?<=\.)\s)\s*(?:[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-z])[)）.、]|[-–•·●*])?[ \t]*"
)


def announced_day(norm: str, period: Period) -> bool:
    """Whether a whole day's clause tells of the organisers announcing what is planned
    (5月8日，组委会召开新闻发布会 / 组委会于5月8日发布须知): the day of the announcement."""
    if period.span is None or day_of(period) is None:
        return False
    head = _CLAUSE_END.split(norm[max(0, period.span[0] - 16) : period.span[0]])[-1]
    # (far enough for a long issuer's name: 1月24日，某某旗住房和城乡建设局就某某公司…事宜发布公告)
    clauses = _CLAUSE_END.split(norm[period.span[1] : period.span[1] + 64])
    tail = clauses[0] if clauses[0].strip() else "".join(clauses[:2])  # 5月8日，组委会召开发布会
    return _ANNOUNCED.search(head + tail) is not None


#: What the organisers do on the day they announce: hold a press conference, publish a notice.
_ANNOUNCED = re.compile(r"新闻发布会|发布会|通气会|发布|通报|公布|(?i:press\s+conference|announced)")


def later_hours(
    grammar: Grammar, i: int, day: Draft, last: Period, norm: str, aside: Period | None = None
) -> tuple[Draft, bool] | None:
    """Hours at ``i`` that belong to the whole day ``last`` read a sentence or two before, and
    whether they replace it: they do when the day's sentence only announced the arrangement
    (…traffic arrangements this Sunday), not when it named an event (比赛将于11月15日举行。当天…).
    ``aside`` is a day the organisers announced on, told between: hours pointed back to the
    event's day (比赛当天) pass over it."""
    if last.span is None or not last.all_day or last.start != last.end:
        return None
    tok = grammar.t[i]
    lead = _SENTENCE_END.split(norm[max(0, tok.start - 64) : tok.start])[-1]  # the hours' sentence so far
    if _TYPICAL_BEFORE.search(lead):
        return None  # 停水时间多为上午11点至下午4点: the hours works usually keep, no day's
    text = norm[last.span[1] : tok.start]
    if aside is not None and aside.span is not None:
        if not _THAT_DAY.search(lead):
            return None
        head = [m.end() for m in _SENTENCE_END.finditer(norm, last.span[1], aside.span[0])]
        # the announcing sentence, or its clause when the hours' sentence tells of it
        tail = _SENTENCE_END.search(norm, aside.span[1], tok.start) or _CLAUSE_END.search(
            norm, aside.span[1], tok.start
        )
        if not head or tail is None:
            return None
        text = norm[last.span[1] : head[-1]] + norm[tail.end() : tok.start]
    # 当日凌晨1时起 points back to the day by name, and 灯会活动当天，…8:30至12:00…管制 to the
    # event's day: such hours may stand paragraphs after it, as long as no other date comes between
    pointed = _THAT_DAY_BEFORE.search(norm, max(0, tok.start - 6), tok.start) is not None
    named = _EVENT_DAY.search(lead) is not None
    reach = _POINTED_REACH if pointed or named else _REACH
    sentences = None if named else (_POINTED_SENTENCES if pointed else 2)
    if len(text) > reach + 32:
        return None  # further than any bracket after the day could make up
    between = _GLOSS.sub("", text, count=1)  # this Sunday (November 3)
    between = _ITEM_MARK.sub("\n", between)  # …Hong Kong Island. ⏎ (1) ⏎ The following roads…
    between = re.sub(r"\.?\n+", "\n", between)  # one sentence end per break, however laid out
    if pointed:
        # the same hours said first in a lead sentence (当日凌晨1时起，多处实施…) are no other hour
        said = _HOUR_SAID.match(norm, tok.start)
        if said is not None:
            between = between.replace(said.group(), "")
    if len(between) > reach or _DIGIT.search(_HOUSE_NUMBERS.sub("", between)):
        return None
    if sentences is not None and len(_SENTENCE_END.findall(between)) > sentences:
        return None
    hours = grammar.period(i, day.start)
    if hours is None and tok.kind is WORD and tok.value == "from":
        hours = from_hour(grammar, i, day)
    if hours is None:
        hours = _until_over(grammar, i, day)  # 6月23日举办…，6时30分起至活动结束，…管制
    due = _due_that_day(grammar, i, day, lead, norm) if hours is None else None
    if due is not None:
        return due, False  # 面试时间：4月20日。…面试当天8:15前报到: the day stays, the hour is due on it
    if hours is None or hours.start is None or not hours.start.time_only:
        return None
    if hours.end is not None and not hours.end.time_only:
        return None
    own = _sentence_of(norm, last.span[0], last.span[1])
    event = _EVENT.search(own) is not None and _WORKS.search(own) is None
    # 5月12日，变电站检修。届时和平路一带停电。具体停电时间为…: what is arranged may be said in a
    # sentence between, unless the day's own sentence holds an event (its day stays its own)
    arranged = _ARRANGES.search(own) is not None or (
        not event and _ARRANGES.search(norm, last.span[1], tok.start) is not None
    )
    trail = norm[grammar.t[hours.last - 1].end : grammar.t[hours.last - 1].end + 40]
    trail = _SENTENCE_END.split(trail)[0]
    if arranged and (
        _CLOSES_NEAR.search(lead)
        or _SCHEDULE_LEAD.search(lead)
        or _CLOSES_NEAR.match(trail.strip())
        or closes_after(norm, grammar, hours)
    ):
        return hours, True
    if item_closes_after(norm, grammar, hours) and _ARRANGES.search(norm, last.span[0], tok.start):
        # 4月14日举办马拉松。届时对以下路段实施交通管制：⏎ 一、6时50分起，对中山路实施封闭；
        # the first measure listed under the day; an event's day stays its own
        return hours, not event
    if hours.end is None and arranged and _CLOSES_NEAR.search(trail):
        # 举办龙舟赛，6时30分起至活动结束，某路将实施临时交通管制: the closure's hour on the day, to
        # the event's end; the event keeps its day
        return hours, not event
    if _THAT_DAY.search(lead) and _CLOSES_NEAR.search(lead + trail):
        # the event keeps its day; the closure on it has its own hours. A day whose sentence names
        # no event (元旦（星期三）当天，…9时至12时…管制) only says which day the hours fall on.
        return hours, not _EVENT_NAMED.search(_sentence_of(norm, last.span[0], last.span[1]))
    if (
        event
        and hours.end is not None
        and _RUNS.search(lead)
        and not _CLOSES_NEAR.search(lead + trail)
        and not _NOT_THE_EVENTS.search(lead)
    ):
        return hours, True  # the fair is held on 14 March … interviews run from 10am to 4pm: its hours
    return None


def _due_that_day(grammar: Grammar, i: int, day: Draft, lead: str, norm: str) -> Draft | None:
    """An hour to act by (8:15前) on the day named before, pointed back to in its own clause
    (面试当天, 考试当日): a deadline on that day."""
    if _THAT_DAY.search(lead[-16:]) is None:
        return None
    found = grammar.point(i, day.start)
    if found is None or not found[0].time_only or found[0].hour is None:
        return None
    due = _DUE_AFTER.match(norm, grammar.t[found[1] - 1].end)
    if due is None or not _DUE_ACTION.search(_CLAUSE_END.split(norm[due.end() : due.end() + 24])[0]):
        return None  # (当天7时前请做好准备: advice, nothing the reader must be at by then)
    return Draft(None, found[0], i, found[1])


def due_after_hours(grammar: Grammar, i: int, day: Draft, last: Period, norm: str) -> Draft | None:
    """An hour due that day (考生须于当天8:30前入场) a sentence or so after the hours the day
    was given (笔试时间：5月17日9:00-11:00): a deadline on that day."""
    begin = grammar.t[i].start
    if last.span is None or begin - last.span[1] > _DUE_REACH:
        return None
    lead = _SENTENCE_END.split(norm[max(0, begin - 64) : begin])[-1]
    return _due_that_day(grammar, i, day, lead, norm)


_DUE_REACH = 120
#: What the reader must do by the hour: be somewhere, sign in, hand something in.
_DUE_ACTION = re.compile(r"报到|签到|入场|进场|到场|到达|抵达|候考|集合|入座|提交|递交|交回|领取")
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
#: What makes an hour the last one to act by: 8:15前, 8时以前, 8点之前.
_DUE_AFTER = re.compile(r"\s*(?:前|以前|之前)")


def _sentence_of(norm: str, begin: int, end: int) -> str:
    """The sentence around ``norm[begin:end]``."""
    head = [m.end() for m in _SENTENCE_END.finditer(norm, max(0, begin - 200), begin)]
    tail = _SENTENCE_END.search(norm, end)
    return norm[head[-1] if head else max(0, begin - 200) : tail.start() if tail else len(norm)]


def day_of(period: Period) -> date | None:
    """The one whole day a period names, or None."""
    start = period.start
    if period.all_day and start == period.end and isinstance(start, date):
        return start
    return None


def shared_hour(moment: Period, day: Period, text: str) -> Period | None:
    """``open until 9pm on February 12 and 13``: an hour said once for days listed in a row is
    their daily hour, and the conventions write days with a daily hour as one span of days."""
    first, second = moment.end, day.start  # an hour a place is open until reads as an end
    if (
        not isinstance(first, datetime)
        or moment.start not in (None, first)
        or moment.span is None
        or day.span is None
        or day_of(day) is None
        or not isinstance(second, date)
        or (second - first.date()).days != 1
    ):
        return None
    begin, finish = moment.span[0], day.span[1]
    return Period(
        first.date(),
        day.end,
        label=moment.label,
        note=moment.note,
        text=text[begin:finish],
        span=(begin, finish),
    )


def _lone_day(draft: Draft) -> bool:
    """A day said alone, by date or by festival (元旦(星期一)), that hours said after it may fall on."""
    if _bare_day(draft):
        return True
    pt = draft.start
    # (the point's fields first: comparing two points builds a tuple of every field of each)
    return pt is not None and pt.part == "festival" and pt.hour is None and not pt.weak and pt == draft.end


def _festival_hours(
    grammar: Grammar, i: int, text: str, norm: str, base: date, tz: ZoneInfo
) -> tuple[Draft, Period, int] | None:
    """A festival said alone is no period (春节将至), but with hours later in its clause it names
    the day they fall on: 年初二，西九龙区傍晚六时封路 closes the roads that evening."""
    if _FESTIVAL_NEAR.match(norm, grammar.t[i].end):
        return None
    found = grammar.point(i, None)
    if found is None or found[0].fixed is None or found[0].hour is not None:
        return None
    day = replace(found[0], weak=False, part="day")
    draft = Draft(day, day, i, found[1])
    period = _resolve(draft, text, norm, grammar.t, base, tz, None)
    if period is None:
        return None
    attached = _attached_window(grammar, draft, period, text, norm, base, tz)
    if attached is None:
        return None
    return draft, attached[0], attached[1]


def _day_of_hours(draft: Draft, period: Period) -> tuple[Draft, date] | None:
    """The day a period gives hours on, which later hours in its sentence share."""
    start = period.start
    if period.all_day or not isinstance(start, datetime) or draft.start is None or not draft.start.has_date:
        return None
    if (
        isinstance(period.end, datetime)
        and period.end.date() != start.date()
        and period.end.time() != time(0)
    ):
        return None
    day = Draft(draft.start, draft.start, draft.first, draft.last)
    return day, start.date()
