"""A newspaper page in, notices out: the one entry point the rest of noticebot calls."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from notices.categories import Category
from notices.classify import CategoryGuess, categorize, news_evidence, notice_evidence
from notices.dates import find_periods
from notices.model import PageResult, ParsedNotice, Period, SkippedItem
from notices.normalize import normalize
from notices.places import find_places
from notices.segment import Item, Kind, Para, date_line_value, is_org_name, issuer_name, segment

EXCERPT_CHARS = 40
#: Notice evidence needed, and by how much it must beat news evidence.
_MIN_NOTICE = 3

_LABEL_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,8})\s*[：:]\s*[^：:\n]{0,30}$")
_CLAUSE_BREAK = re.compile(r"[。；;！？!?\n]")
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
)
_NOTE_AFTER = re.compile(r"\s*[（(]([^（）()]{1,20})[）)]")
_DAILY_HOURS = re.compile(
    r"(?:每日|每天|每晚|工作日)\s*\d{1,2}(?::\d{2}|时)?\s*[-~至到]\s*\d{1,2}(?::\d{2}|时)?"
)
_NOTE_WORDS = re.compile(
    r"节假日除外|节假日不休|工作日|周末除外|双休日除外|法定节假日除外|节假日照常|每日|每天"
)


def parse_page(text: str, *, published: date | None, tz: ZoneInfo) -> PageResult:
    """Notices on a page, and the items passed over with the reason.

    published: fallback publication date (CLI --published); a notice's own signature date wins.
    """
    result = PageResult()
    for item in segment(text):
        notice, skipped = _read_item(item, published=published, tz=tz)
        if notice is not None:
            result.notices.append(notice)
        elif skipped is not None:
            result.skipped.append(skipped)
    return result


def _text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)


_LATIN_EDGE = re.compile(r"[A-Za-z].|.[A-Za-z]")


def _title_text(paras: list[Para]) -> str:
    title = ""
    for p in paras:
        piece = p.text.strip()
        if title and (
            (title[-1:].isascii() and piece[:1].isascii()) or _LATIN_EDGE.match(title[-1] + piece[:1])
        ):
            title += " "  # words of a Latin script meet: "臨時封路通告 Temporary Road Closure"
        title += piece
    return title.strip(" ：:，,。")


def _excerpt(item: Item) -> str:
    text = re.sub(r"\s+", " ", _text(item.body) or _title_text(item.title) or _text(item.signature)).strip()
    return text[:EXCERPT_CHARS]


def _read_item(
    item: Item, *, published: date | None, tz: ZoneInfo
) -> tuple[ParsedNotice | None, SkippedItem | None]:
    title = _title_text(item.title)
    body_paras = list(item.body)
    signature = list(item.signature)
    # A notice signed without a date: its issuer is the last short organisation line.
    if not signature and body_paras and body_paras[-1].kind is not Kind.CLOSING and len(body_paras) > 1:
        last = body_paras[-1]
        if is_org_name(last.norm) and any(p.kind is Kind.CLOSING for p in body_paras[:-1]):
            signature = [body_paras.pop()]
    body = _text(body_paras)
    if not body.strip() and not signature:
        return None, (SkippedItem("heading without text", title[:EXCERPT_CHARS]) if title else None)
    if item.news and not (signature and title):
        # a report that no signed, titled notice could outweigh: no need to weigh it
        return None, SkippedItem("news report", _excerpt(item))
    # para.norm is normalize(para.text), so these equal normalising the joined text
    norm_title = normalize(title)
    norm_body = "\n".join(p.norm for p in body_paras)
    everything = f"{norm_title}\n{norm_body}\n" + "\n".join(p.norm for p in signature)

    news = news_evidence(everything, news_start=any(p.news_start for p in item.body))
    guess = categorize(norm_title, norm_body)
    notice = notice_evidence(norm_title, norm_body, signed=bool(signature), guess=guess)
    if item.news and notice < news:
        return None, SkippedItem("news report", _excerpt(item))
    if notice < _MIN_NOTICE or notice < news:
        reason = "news report" if news >= 2 else "no notice markers (not a notice)"
        return None, SkippedItem(reason, _excerpt(item))
    return _build(title, body, norm_body, signature, guess, published=published, tz=tz), None


def _build(
    title: str,
    body: str,
    norm_body: str,
    signature: list[Para],
    guess: CategoryGuess,
    *,
    published: date | None,
    tz: ZoneInfo,
) -> ParsedNotice:
    warnings: list[str] = []
    category = guess.category
    if guess.ambiguous and guess.runner_up is not None:
        warnings.append(f"category unsure: {category.value} or {guess.runner_up.value}")
    if category is Category.OTHER:
        warnings.append("category unknown: no category's keywords dominate")

    if not title:
        title = _derived_title(category, body)
        warnings.append("no title found; title derived from the category and the first words")

    issuer_lines = [issuer_name(p.text) for p in signature if p.kind is not Kind.SIGN_DATE]
    issuer = " ".join(issuer_lines) or None
    if issuer is None:
        warnings.append("no issuer: the notice carries no signature")

    signed_on = _signature_date(signature)
    when = signed_on or published
    if when is None:
        warnings.append("no publication date: no signature date and none given")

    periods = _periods(
        body, base=when or _first_full_date(norm_body), published=when, tz=tz, warnings=warnings
    )
    if not periods and (category.is_disruption or category.has_deadline):
        warnings.append(f"no period found for a {category.value} notice")

    full_body = body if not signature else f"{body}\n{_text(signature)}" if body else _text(signature)
    return ParsedNotice(
        title=title,
        category=category,
        body=full_body,
        published=when,
        issuer=issuer,
        periods=periods,
        places=find_places(f"{title}\n{body}"),
        warnings=warnings,
    )


def _derived_title(category: Category, body: str) -> str:
    first = re.split(r"[，。；：,.;:！？!?\n]", body.strip(), maxsplit=1)[0].strip()
    words = first[:16] + ("…" if len(first) > 16 else "")
    return f"{category.zh}：{words}" if words else category.zh


def _signature_date(signature: list[Para]) -> date | None:
    for p in signature:
        if p.kind is Kind.SIGN_DATE:
            ymd = date_line_value(p.norm)
            if ymd is not None:
                try:
                    return date(*ymd)
                except ValueError:
                    return None
    return None


_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _first_full_date(norm: str) -> date | None:
    for m in _FULL_DATE.finditer(norm):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def _as_date(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


def _periods(
    body: str, *, base: date | None, published: date | None, tz: ZoneInfo, warnings: list[str]
) -> list[Period]:
    """Periods in the body, labelled; spans wholly before publication are history, not plans."""
    if base is None or not body.strip():
        if base is None and body.strip():
            warnings.append("dates not resolved: no reference date for this notice")
        return []
    try:
        found = find_periods(body, base=base, tz=tz)
    except Exception as exc:  # a date-grammar bug must not cost the whole page
        warnings.append(f"dates could not be read: {type(exc).__name__}")
        return []
    out: list[Period] = []
    for period in found:
        if period.span is not None and _SUPERSEDED.search(body, max(0, period.span[0] - 6), period.span[0]):
            # "原定于4月16日举办…推迟": the date the notice withdraws is no plan
            warnings.append(f"superseded date left out: {period.text}")
            continue
        if published is not None and period.end is not None and _as_date(period.end, tz) < published:
            continue
        out.append(_reopening(body, period, tz) or _labelled(body, period))
    return _drop_shadowed(out, tz)


#: Words before a date that the notice itself replaces ("原定于", "原计划").
_SUPERSEDED = re.compile(r"原(?:定|计划|拟|为)(?:于|在)?\s*$")
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


def _drop_shadowed(periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """A bare duration ("公示期为30日") restated by explicit dates next to it is the same
    period: the explicit dates win. A span stated twice is kept once."""

    def explicit(p: Period) -> bool:
        return "月" in normalize(p.text)

    kept: list[Period] = []
    for p in periods:
        if not explicit(p) and any(explicit(q) and _overlap(p, q, tz) for q in periods):
            continue
        same = next(
            (i for i, q in enumerate(kept) if (q.start, q.end, q.all_day) == (p.start, p.end, p.all_day)),
            None,
        )
        if same is not None:
            # one span stated twice ("自6月5日至6月20日…封闭期限：6月5日—20日") is one period
            first = kept[same]
            kept[same] = replace(first, label=first.label or p.label, note=first.note or p.note)
            continue
        kept.append(p)
    return kept


def _overlap(a: Period, b: Period, tz: ZoneInfo) -> bool:
    """Whether two periods share a day; a timed and an all-day period compare by their days."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    if a.all_day == b.all_day:
        return not (a.end < b.start or b.end < a.start)  # type: ignore[operator]
    a_start, a_end = _as_date(a.start, tz), _as_date(a.end, tz)
    b_start, b_end = _as_date(b.start, tz), _as_date(b.end, tz)
    return not (a_end < b_start or b_end < a_start)


def _labelled(body: str, period: Period) -> Period:
    if period.span is None:
        return period
    start, end = period.span
    label, note = period.label, period.note
    if label is None:
        label = _label_for(body, start, end)
    if note is None:
        note = _note_for(body, period, end)
    note = _more_notes(body, end, note)
    if label == period.label and note == period.note:
        return period
    return replace(period, label=label, note=note)


def _label_for(body: str, start: int, end: int) -> str | None:
    line_start = body.rfind("\n", 0, start) + 1
    before = normalize(body[line_start:start])
    m = _LABEL_BEFORE.search(before)
    if m is not None and _LABEL_LIKE.search(m.group(1)):
        return m.group(1)
    clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(body, 0, start)), default=0)
    clause_end_m = _CLAUSE_BREAK.search(body, end)
    clause = normalize(body[clause_start : clause_end_m.start() if clause_end_m else len(body)])
    for word, label in _LABEL_WORDS:
        if word in clause:
            return label
    return None


_SECOND_WINDOW = re.compile(
    r"\s*[,，]\s*((?:上午|下午|中午|晚上)?\s*\d{1,2}:\d{2}\s*[-~至到]\s*\d{1,2}:\d{2})"
)
_EXCEPT_DAYS = re.compile(r"(?:法定)?节假日(?:除外|休息|不休|照常)|(?:周末|双休日|周六日)除外")


def _more_notes(body: str, end: int, note: str | None) -> str | None:
    """What the rest of the period's sentence adds to its note: the afternoon window after
    the morning one ("每日上午9:00-12:00，下午14:30-17:30") and the days left out
    ("（法定节假日除外）")."""
    stop = _CLAUSE_BREAK.search(body, end)
    sentence_end = min(stop.start() if stop else len(body), end + 60)
    sentence = normalize(body[end:sentence_end])
    if note:
        at = sentence.find(normalize(note))
        if at >= 0:
            second = _SECOND_WINDOW.match(sentence, at + len(note))
            if second is not None:
                note = f"{note}，{body[end + second.start(1) : end + second.end(1)]}"
    excepted = _EXCEPT_DAYS.search(sentence)
    if excepted is not None and (note is None or not re.search("除外|休息|不休|照常", normalize(note))):
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
        stop = _CLAUSE_BREAK.search(body, end)
        sentence = normalize(body[end : stop.start() if stop else len(body)])
        hours = _DAILY_HOURS.search(sentence)
        if hours is not None:
            return body[end + hours.start() : end + hours.end()]
    return None
