"""What a period is for and what qualifies it: its label (报名时间, 停电时间) and its note
(每日9:00-16:00, 节假日除外), read from the words around its dates."""

from __future__ import annotations

import re
from dataclasses import replace

from notices.first_chars import gated
from notices.model import Period
from notices.normalize import normalize

_LABEL_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,8})\s*[：:]\s*[^：:\n]{0,30}$")
_CLAUSE_BREAK = re.compile(r"[。；;！？!?\n]")
_EXCEPTED_WORD = re.compile("除外|休息|不休|照常")
#: How far around a date its clause or line is looked for: text beyond this belongs to other
#: dates, and the bound keeps a page with many dates on one line linear.
REACH = 240


def clause_span(text: str, start: int, end: int, breaks: re.Pattern[str] = _CLAUSE_BREAK) -> tuple[int, int]:
    """Bounds of the clause holding ``text[start:end]``, at most REACH characters each way.
    ``breaks`` matches single characters, so the last one before ``start`` is the first one in
    the reversed run before it."""
    low = max(0, start - REACH)
    last = breaks.search(text[low:start][::-1])
    begin = start - last.start() if last is not None else low
    stop = breaks.search(text, end, end + REACH)
    return begin, stop.start() if stop else min(len(text), end + REACH)


def line_start(text: str, at: int) -> int:
    """Where the line holding ``at`` starts, looking back at most REACH characters."""
    low = max(0, at - REACH)
    return max(text.rfind("\n", low, at) + 1, low)


#: A "X：" before a date labels it only when X speaks of time ("报名时间：", "公示期："),
#: not a salutation or a lead-in ("各乡镇、县级各部门：", "将对以下线路停电：").
_LABEL_LIKE = re.compile(r"时|期|日|限|截止|截至|档")
#: Words near a period that name what it is for, when the notice gives no "X：" label.
_LABEL_WORDS: tuple[tuple[str, str], ...] = (
    ("停止供电", "停电时间"),
    ("停止供水", "停水时间"),
    ("停止供气", "停气时间"),
    ("暂停供电", "停电时间"),
    ("暂停供水", "停水时间"),
    ("暂停食水供应", "停水时间"),
    ("暂停供气", "停气时间"),
    ("停电", "停电时间"),
    ("停水", "停水时间"),
    ("停气", "停气时间"),
    ("供热", "供热时间"),
    ("供暖", "供暖时间"),
    ("封闭", "封闭期限"),
    ("管制", "管制时间"),
    ("施工", "施工时间"),
    ("报名", "报名时间"),
    ("公示", "公示期"),
    ("投标", "投标截止时间"),
    ("递交", "递交截止时间"),
    ("拍卖", "拍卖时间"),
    ("竞买", "竞买时间"),
    ("征求意见", "征求意见时间"),
    ("反馈", "意见反馈时间"),
    ("异议", "异议期"),
    ("举办", "活动时间"),
    ("活动", "活动时间"),
    ("听证", "听证会时间"),
    ("举行", "举行时间"),
    ("签约", "签约期限"),
    ("搬迁", "搬迁期限"),
    ("公布", "公布时间"),
    ("闭馆", "闭馆时间"),
    ("休馆", "休馆时间"),
    ("闭园", "闭园时间"),
    ("暂停开放", "暂停开放时间"),
    ("停止开放", "暂停开放时间"),
    ("暂停对外开放", "暂停开放时间"),
    ("关闭", "关闭时间"),
    ("停业", "停业时间"),
    ("考试", "考试时间"),
    ("笔试", "笔试时间"),
    ("面试", "面试时间"),
    ("开标", "开标时间"),
    ("截标", "截标时间"),
    ("开放", "开放时间"),
)
_NOTE_AFTER = re.compile(r"\s*[（(]([^（）()]{1,20})[）)]")
_DAILY_HOURS = re.compile(
    r"(?:每日|每天|每晚|工作日)\s*\d{1,2}(?::\d{2}|时)?\s*[-~至到]\s*\d{1,2}(?::\d{2}|时)?"
)
_NOTE_WORDS = re.compile(
    r"节假日除外|节假日不休|工作日|周末除外|双休日除外|法定节假日除外|节假日照常|每日|每天"
)


def labelled(body: str, period: Period) -> Period:
    if period.span is None:
        return period
    start, end = period.span
    label, note = period.label, period.note
    if label is None:
        label = _label_for(body, start, end)
    if note is None:
        note = _note_for(body, period, end)
    note = _more_notes(body, end, note, windowed=period.daily is not None)
    if label == period.label and note == period.note:
        return period
    return replace(period, label=label, note=note)


def _label_for(body: str, start: int, end: int) -> str | None:
    before = normalize(body[line_start(body, start) : start])
    m = _LABEL_BEFORE.search(before)
    if m is not None and _LABEL_LIKE.search(m.group(1)):
        return m.group(1)
    clause_start, clause_end = clause_span(body, start, end)
    clause = normalize(body[clause_start:clause_end])
    for word, label in _LABEL_WORDS:
        if word in clause:
            return label
    return None


_SECOND_WINDOW = re.compile(
    r"\s*[,，]\s*((?:上午|下午|中午|晚上)?\s*\d{1,2}:\d{2}\s*[-~至到]\s*\d{1,2}:\d{2})"
)
_EXCEPT_DAYS = re.compile(gated(r"(?:法定)?节假日(?:除外|休息|不休|照常)|(?:周末|双休日|周六日)除外"))


def _more_notes(body: str, end: int, note: str | None, *, windowed: bool = False) -> str | None:
    """What the rest of the period's sentence adds to its note: the afternoon window after
    the morning one ("每日上午9:00-12:00，下午14:30-17:30") and the days left out
    ("（法定节假日除外）")."""
    stop = _CLAUSE_BREAK.search(body, end, end + 60)
    sentence_end = stop.start() if stop else min(len(body), end + 60)
    sentence = normalize(body[end:sentence_end])
    if windowed:
        # the daily window holds the morning hours; the afternoon's are said in the note
        second = _SECOND_WINDOW.match(sentence)
        if second is not None:
            afternoon = body[end + second.start(1) : end + second.end(1)]
            note = f"{note}；{afternoon}" if note else afternoon
    elif note:
        at = sentence.find(normalize(note))
        if at >= 0:
            second = _SECOND_WINDOW.match(sentence, at + len(note))
            if second is not None:
                note = f"{note}，{body[end + second.start(1) : end + second.end(1)]}"
    excepted = _EXCEPT_DAYS.search(sentence)
    if excepted is not None and (note is None or _EXCEPTED_WORD.search(normalize(note)) is None):
        word = body[end + excepted.start() : end + excepted.end()]
        note = f"{note}；{word}" if note else word
    return note


def _note_for(body: str, period: Period, end: int) -> str | None:
    """A qualifier the period's dates do not hold: "（节假日除外）" right after it, or the
    daily hours ("每日9:00-16:00") stated later in the same sentence of a multi-day period."""
    m = _NOTE_AFTER.match(body, end)
    if m is not None and _NOTE_WORDS.search(normalize(m.group(1))):
        return m.group(1).strip()
    if period.all_day and period.start is not None and period.end is not None and period.start != period.end:
        sentence = normalize(body[end : clause_span(body, end, end)[1]])
        hours = _DAILY_HOURS.search(sentence)
        if hours is not None:
            return body[end + hours.start() : end + hours.end()]
    return None
