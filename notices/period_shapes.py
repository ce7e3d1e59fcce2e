"""What kind of period one candidate is, read from the words at its ends: a deadline (截止, 或之前,
截标), a day something opens (开始), an event moved to a day (延期至…举办), a reopening (起恢复通行)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.model import Period
from notices.normalize import normalize

#: Words that make a single day or moment the last one to act by: 截止时间, 截标, 申请限期, closing date.
_SENTENCE_MARK = re.compile(r"[。；;！？!?]")
_DEADLINE_WORDS = re.compile(r"截止|截至|截标|限期|deadline|closing|closes|close (?:of|at|on|by)")


#: An English label naming a closing, a little further before its date than 14 characters:
#: Closing date for application: 27 May 2022.
_EN_CLOSING_BEFORE = re.compile(
    r"(?i:\b(?:closing\s+(?:date|time)|deadline)\b[^.;\n]{0,36}?[:：]?\s*(?:is\s+|will\s+be\s+)?)$"
)


#: The same said after the date: 三月二十七日或之前, 5月20日前.
_DEADLINE_AFTER = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*正?\s*(?:或之前|或以前|之前|以前|前|截止|截标|or before)"
    r"|\s*[(（]\s*(?i:(?:further\s+)?extended\s+from)"  # a time that was extended is a deadline
)


#: What says a day opens something: 12月23日开始, 10月7日起.
_STARTS_AFTER = re.compile(r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:开始|起(?!止)|展开|推出|开放)")


#: An event moved to a day: 延期至5月20日举办 names the day it is held, not a deadline.
#: An end moved later, said right before the new end: 延至, 延长至, 展延至.
_EXTENDED_TO = re.compile(r"(?:延至|延长至|延长到|延到|展延至|展延到)\s*[「『“\"]?\s*$")
_EXTENDED_TO_EN = re.compile(r"(?i:\b(?:been|be|is|was)\s+extended\s+(?:to|until|till)\s+(?:the\s+)?)$")
_MOVED = re.compile(r"(?:延期|推迟|改期|顺延|改在|改于|延后|延)\s*$")  # 延至5月27日举行: held then


_HELD = re.compile(r"\s*(?:举办|举行|召开|进行|开展|开考|开标|开幕|开放)")


#: What starts on a day and goes on: 9月27日推出, 6月1日起正式施行, 新线7月1日开通.
_LAUNCHED_AFTER = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:正式)?(?:推出|启用|开通|上线|生效|施行|开始实施|正式实施|launch"
    r"|(?:开始|启动)?(?:试|集中)?(?:供热|供暖|采暖)|启动[^，,。；;\n]{0,12}试运行)"
)


#: An outage a moment set off, told after it: 晚间6点30分左右，因为电厂跳机，导致全区大停电.
_CAUSED_AFTER = re.compile(
    r"\s*(?:左右|许|前后)?[^。；;\n]{0,30}?(?:导致|造成|发生|出现)[^。；;，,\n]{0,12}?(?:停电|断电|停水|停气)"
)
#: Heating started on a day, said at the end of its clause: 于10月18日提前向…供热区域开栓供热.
_HEATING_STARTS = re.compile(r"[^，,。；;\n]{0,24}?(?:开栓供热|开始供热|开始供暖|正式供热|正式供暖|点火供热)")


#: What a moment starts when said right after it: 傍晚六时封路, 8时停电; or, once the hour says
#: it starts (起 / 开始), on a road or a place named in between (7时30分开始对全路段实施交通管制,
#: 8时起对解放路进行封闭): what is closed does not make the start a moment.
_CLOSES_AFTER = re.compile(
    r"\s*(?:起|开始)?\s*(?:封路|封闭|封锁|实施(?:交通)?管制|停电|停水|停气|断电|断水)"
    r"|\s*(?:起|开始)\s*(?:将|逐步|陆续|分段)?\s*(?:对|在)[^,，。；;:：\n\d]{1,30}?"
    r"(?:实施|实行|进行)\s*(?:临时)?(?:交通)?(?:管制|封闭|封路|限行|断交)"
)


def _launched(norm: str, period: Period) -> Period:
    """A single day something is launched on (社屋网上申请将于9月27日推出) starts what then goes
    on: an open period from that day, not a day that ends; so does the moment a closure or an
    outage begins (西九龙区傍晚六时封路)."""
    if period.start is None or period.start != period.end or period.span is None:
        return period
    after = period.span[1]
    if period.all_day and (_LAUNCHED_AFTER.match(norm, after) or _HEATING_STARTS.match(norm, after)):
        return replace(period, end=None)
    if not period.all_day and (
        _CLOSES_AFTER.match(norm, after)
        or _LAUNCHED_AFTER.match(norm, after)
        or _CAUSED_AFTER.match(norm, after)
    ):
        return replace(period, end=None)  # (11月1日零时开始试供暖: heating from that hour on)
    return period


#: A place or service kept open up to an hour: when it closes that day, not a deadline to act by.
_OPEN_UNTIL = re.compile(
    r"(?i:\b(?:open|opens|operate|operates|run|runs)\s+(?:until|till))|(?:开放|营业|办公)(?:时间)?(?:至|到)"
)
#: What is open until an hour and is a deadline after all: applications, registration, tenders.
_APPLY_WORDS = re.compile(
    r"(?i:application|registration|submission|tender|nomination|consultation|enrol)|报名|申请|投标|登记"
)


#: A place said to shut on a day (will close on, is to shut down on): the day it closes from, not
#: the last day to act; unless what closes is an application or a show (_APPLY_WORDS, _SHOW_WORDS),
#: whose close is its end. "Will be closed on" a day is that day's state: the day itself.
_SHUTS_ON = re.compile(
    r"(?i:\b(?:will|to|shall|would)\s+(?:temporarily\s+)?(?:close|shut)(?:\s+down)?\s+on\s+(?:the\s+)?)$"
)
_SHOW_WORDS = re.compile(r"(?i:exhibition|show|festival|fair|season|display|carnival|sale|event|market day)")


def _as_deadline(norm: str, period: Period) -> Period:
    """A single day or moment named as a closing (截标时间：4月9日中午12时, 3月27日或之前) is a
    deadline: nothing starts then, it is the last moment to act."""
    if period.start is None and period.end is not None and period.span is not None:
        begin, end = period.span
        if _MOVED.search(norm, max(0, begin - 4), begin) and _HELD.match(norm, end):
            return replace(period, start=period.end)
        if not period.all_day and _OPEN_UNTIL.search(norm, max(0, begin - 12), begin + 6):
            sentence = norm[max(0, begin - 80) : begin]
            if not _APPLY_WORDS.search(sentence.split(".")[-1].split("。")[-1]):
                return replace(period, start=period.end)  # open until 5pm on 9 Feb: it closes early then
        return period
    if period.start is None or period.start != period.end or period.span is None:
        return period
    begin, end = period.span
    if _STARTS_AFTER.match(norm, end):
        return period  # 招标将于12月23日开始: it opens then, whatever closes later
    if _EXTENDED_TO.search(norm, max(0, begin - 8), begin) or _EXTENDED_TO_EN.search(
        norm, max(0, begin - 24), begin
    ):
        return replace(period, start=None)  # 交管延至4/30, extended to 28 May: what goes on now ends then
    if _SHUTS_ON.search(norm, max(0, begin - 40), begin):
        sentence = _SENTENCE_MARK.split(norm[max(0, begin - 120) : begin].split(". ")[-1])[-1]
        if not _APPLY_WORDS.search(sentence) and not _SHOW_WORDS.search(sentence):
            return replace(period, end=None)  # Berseh Food Centre will close on 29 Sept: shut from then
    before = norm[max(0, begin - 14) : begin]
    lead = _SENTENCE_MARK.split(before)[-1]
    # the notice's own label (截标日期及时间：…), not one guessed from words further along its clause
    own_label = period.label is not None and period.label in norm[max(0, begin - 40) : begin]
    if (
        (own_label and _DEADLINE_WORDS.search(period.label or ""))
        or _DEADLINE_WORDS.search(lead.lower())
        or _DEADLINE_AFTER.match(norm, end)
        or _EN_CLOSING_BEFORE.search(norm, max(0, begin - 48), begin)
    ):
        return replace(period, start=None)
    if period.is_moment and isinstance(period.start, datetime) and period.start.time() == time(0):
        return replace(period, end=None)  # 10月15日0时开栓供热: a change from that midnight on
    return period


#: What ends a disruption from a moment on: "自6月1日零时起恢复通行", "起解除交通管制".
_REOPENS = re.compile(
    r"^\s*(?:起|开始)?\s*(?:正式|全面|全线)?(恢复(?:通行|通车|供电|供水|供气|供暖|正常)|解除[^\s，。；]{0,6})"
)


def _reopening(body: str, period: Period, tz: ZoneInfo) -> Period | None:
    """An open period that starts a reopening ("自6月1日零时起恢复通行") is the time the
    disruption lasts until: no start, ending where service comes back."""
    if period.span is None or period.start is None or period.end is not None:
        return None
    m = _REOPENS.match(normalize(body[period.span[1] : period.span[1] + 16]))
    if m is None:
        return None
    start = period.start
    end = start if isinstance(start, datetime) else start - timedelta(days=1)
    return replace(period, start=None, end=end, label=f"{m.group(1)}前")
