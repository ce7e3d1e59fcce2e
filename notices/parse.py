"""A newspaper page in, notices out: the one entry point the rest of noticebot calls."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from datetime import date
from zoneinfo import ZoneInfo

from notices.categories import Category
from notices.classify import (
    CATEGORY_POINT,
    CategoryGuess,
    categorize,
    category_point,
    news_evidence,
    notice_shape,
)
from notices.dates.seeds import windows
from notices.dates.undated import day_of_title
from notices.derived_title import derived_title
from notices.headlines import headline_of, printed_again
from notices.labels import clause_span
from notices.masthead import masthead_date
from notices.model import PageResult, ParsedNotice, Period, SkippedItem
from notices.normalize import normalize
from notices.periods import IMPOSSIBLE, UNRESOLVED, kept_periods
from notices.reading_day import ANY_DAY, dated_by, first_full_date
from notices.roles import with_place_roles
from notices.segment import Item, Para, date_line_value, is_org_name, issuer_name, segment
from notices.segment.pieces import CAPTION, CLOSING, SIGN_DATE
from notices.stated_year import page_head, stated_year
from notices.told_twice import header_restated, told_again
from notices.weekday_year import year_of_weekdays

EXCERPT_CHARS = 40
#: Notice evidence needed, and by how much it must beat news evidence.
_MIN_NOTICE = 3


def parse_page(text: str, *, published: date | None, tz: ZoneInfo, read_on: date | None = None) -> PageResult:
    """Notices on a page, and the items passed over with the reason.

    published: fallback publication date (CLI --published); a notice's own signature date wins.
    read_on: the day the page is read; a notice with no date of its own then takes the year its
    weekdays fit (notices.weekday_year). Without it such a notice's dates stay unresolved.

    The cyclic garbage collector is off while the page is read: a long page makes millions of
    small objects that all live until the page is done and hold no cycles, and the collector's
    passes over them (the oldest generation's growing with the page) cost about a tenth of the
    time. It is turned back on, if it was on, before the result is returned.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_page(text, published=published, tz=tz, read_on=read_on)
    finally:
        if collecting:
            gc.enable()


def _parse_page(text: str, *, published: date | None, tz: ZoneInfo, read_on: date | None) -> PageResult:
    """``parse_page`` with the collector as the caller left it."""
    result = PageResult()
    # a page printed under its masthead's date came out that day (when no date is given)
    published = published or masthead_date(text)
    page_day: date | None = None  # the first day a notice on the page is dated by
    head = ""  # the first heading on the page that states a year alone (2016年度…工作计划)
    for item in segment(text):
        notice, skipped = _read_item(
            item, published=published, tz=tz, page_day=page_day, read_on=read_on, page_head=head
        )
        head = head or page_head(normalize(_title_text(item.title)), item.body[0].norm if item.body else "")
        if notice is not None:
            page_day = page_day or dated_by(notice, tz)
            if result.notices and printed_again(result.notices[-1], notice):
                continue  # a web page doubling its text: the notice again right under itself
            if result.notices and (
                headline_of(result.notices[-1], notice, tz) or header_restated(result.notices[-1], notice)
            ):
                result.notices.pop()  # the web page's headline, restated by the article under it
            elif result.notices and headline_of(notice, result.notices[-1], tz, trailer=True):
                continue  # a closing line that says the notice above again ("转告身边朋友")
            elif result.notices and told_again(result.notices[-1], notice):
                if result.notices[-1].category is Category.OTHER and notice.category is not Category.OTHER:
                    result.notices[-1] = notice  # the notice's own text names what the report did not
                continue  # a report of a notice, then the notice's own text: the same periods
            result.notices.append(notice)
        elif skipped is not None:
            result.skipped.append(skipped)
    return result


#: A body that is one date and its weekday, nothing else: what a heading is dated, no notice.
_DATE_LINE = re.compile(
    r"[-–—•·*]?\s*"  # - 2008-04-16: an article's tag list and its date, a bullet before it
    r"(?:(?:\d{4}|[零〇○一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
    r"\s*[,，、]?\s*(?:[(（]?\s*(?:星期|周|週)[一二三四五六日天]\s*[)）]?)?"
)


def _text(paras: list[Para]) -> str:
    return "\n".join([p.text for p in paras])


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
    text = _text(item.body) or _title_text(item.title) or _text(item.signature)
    # the excerpt's characters come from the text's head: spaces are collapsed there alone when
    # that gives enough (a skipped report can run to thousands of characters)
    head = _SPACES.sub(" ", text[: EXCERPT_CHARS * 4]).strip()
    if len(head) < EXCERPT_CHARS:
        head = _SPACES.sub(" ", text).strip()
    return head[:EXCERPT_CHARS]


_SPACES = re.compile(r"\s+")


def _read_item(
    item: Item,
    *,
    published: date | None,
    tz: ZoneInfo,
    page_day: date | None = None,
    read_on: date | None = None,
    page_head: str = "",
) -> tuple[ParsedNotice | None, SkippedItem | None]:
    title = _title_text(item.title)
    # a photo's caption and credit printed beside a notice is page furniture, not its text
    body_paras = [p for p in item.body if p.kind is not CAPTION]
    signature = list(item.signature)
    # A notice signed without a date: its issuer is the last short organisation line.
    if not signature and body_paras and body_paras[-1].kind is not CLOSING and len(body_paras) > 1:
        last = body_paras[-1]
        if is_org_name(last.norm) and any(p.kind is CLOSING for p in body_paras[:-1]):
            signature = [body_paras.pop()]
    body = _text(body_paras)
    if not signature and (not body.strip() or _DATE_LINE.fullmatch(body.strip())):
        # (a gazette's masthead: 第41期 政府机关通告及公告 ⏎ 二零二零年十月七日，星期三)
        return None, (SkippedItem("heading without text", title[:EXCERPT_CHARS]) if title else None)
    # para.norm is normalize(para.text), so these equal normalising the joined text
    norm_title = normalize(title)
    norm_body = "\n".join([p.norm for p in body_paras])
    everything = f"{norm_title}\n{norm_body}\n" + "\n".join([p.norm for p in signature])

    news = news_evidence(everything, news_start=any([p.news_start for p in item.body]))
    reported = item.news or news >= 2
    shape = notice_shape(norm_title, norm_body, signed=bool(signature))
    # Most items on a page are news: one with no plan word near any date cannot pass the
    # test below, so neither its keywords (when it is news whatever they add) nor its dates
    # are read at all.
    may: bool | None = None
    if item.news and _shapeless(shape + CATEGORY_POINT, news, item.news):
        may = _may_announce(norm_body)
        if not may:
            return None, SkippedItem("news report", _excerpt(item))
    guess = categorize(norm_title, norm_body)
    shapeless = _shapeless(shape + category_point(guess), news, item.news)
    if shapeless and reported and (item.news or guess.score <= 0):
        if may is None:
            may = _may_announce(norm_body)
        if not may:
            return None, SkippedItem("news report", _excerpt(item))
    built = _build(
        title,
        body,
        norm_body,
        signature,
        guess,
        published=published,
        tz=tz,
        page_day=page_day,
        read_on=read_on,
        page_head=page_head,
        dateline=item.dateline,
    )
    if shapeless:
        # no notice's shape: still one when it announces a dated plan the public must act on
        known = guess.category is not Category.OTHER
        slip = guess.score > 0 and not item.news and any(w.startswith(IMPOSSIBLE) for w in built.warnings)
        # (a slip in its date: kept, so an administrator sees the warning)
        dated = built.periods or _unresolved(body, built, tz)
        if not slip and not _announces(built, dated, reported=reported, known=known):
            reason = "news report" if reported else "no notice markers (not a notice)"
            return None, SkippedItem(reason, _excerpt(item))
    # places, detours and each period's places, read only for what is kept (most items are news)
    return with_place_roles(built, title=built.title, body=body), None


def _shapeless(notice: int, news: int, is_news: bool) -> bool:
    """No notice's shape: too little notice evidence, or less than the news evidence."""
    return (is_news and notice < news) or notice < _MIN_NOTICE or notice < news


def _unresolved(body: str, notice: ParsedNotice, tz: ZoneInfo) -> list[Period]:
    """Where a notice with no reference date writes its dates (下周一(10日)至2月21日): they
    cannot be resolved, but they still tell whether it announces a plan."""
    if not any(w.startswith(UNRESOLVED) for w in notice.warnings):
        return []
    # the same evidence as resolved dates: a month alone (明年2月) is no day to plan around
    return kept_periods(body, base=ANY_DAY, published=None, tz=tz, warnings=[])


def _announces(notice: ParsedNotice, periods: list[Period], *, reported: bool, known: bool) -> bool:
    """Whether an item without a notice's title or signature still carries a notice's facts:
    a period named by what happens in it (停电时间, 封闭期限, 报名时间) or in an item whose
    words name a category (known), or one told as a plan (将于, 定于, 届时); in a news report,
    only one told as a plan, not as what took place."""
    norm = normalize(notice.body)
    for p in periods:
        text = normalize(p.text)
        if _VAGUE.search(text) or p.span is None:
            continue
        begin, end = clause_span(norm, p.span[0], p.span[1], _SENTENCE_END)
        if begin > 0 and _HOURS_ONLY.fullmatch(text.strip()):
            # hours told a sentence after their day (将于本周六举办…。嘉年华从上午10时至下午5时):
            # the day's sentence tells their plan
            begin = clause_span(norm, begin - 1, begin - 1, _SENTENCE_END)[0]
        planned = _PLANNED.search(norm, begin, end) is not None or _row_under_plan(norm, begin)
        # 10月10日零时起，全市开始集中供暖: a start told to the hour, from then on, is announced
        planned = planned or (p.end is None and not p.all_day and _FROM_HOUR.search(text) is not None)
        if planned or (not reported and (p.label is not None or known)):
            return True
    return False


def _row_under_plan(norm: str, begin: int) -> bool:
    """A dated row opening its line (2022.8.26 ⏎ 06:30—15:30 某村) right under a line that tells
    the plan (计划检修时间和区域, 停电安排如下): the row is that plan's."""
    if begin > 0 and norm[begin - 1] != "\n":
        return False
    # the line above, trailing spaces left out, found in place: copying all the text before each
    # dated row would make a notice of many rows quadratic
    end = begin
    while end > 0 and norm[end - 1].isspace():
        end -= 1
    line = norm[norm.rfind("\n", 0, end) + 1 : end]
    return bool(line) and _PLANNED.search(line) is not None


def _may_announce(norm: str) -> bool:
    """Whether a plan word (``_PLANNED``) stands in a sentence with a date in reach or in a
    sentence beside one: a necessary condition for ``_announces`` on a report, cheap to test.

    A period's clause is the sentence(s) its text spans, and its text is within a date window
    (``windows``, which reach past their dates); a period built over two sentences (hours a
    sentence after their day) has dates at both ends. So a plan word two sentences or more from
    every date window is in no period's clause."""
    if _PLANNED.search(norm) is None:
        return False  # no plan word anywhere (one quick scan; _PLANNED is literals alone)
    spans = windows(norm)
    if not spans:
        return False
    bounds = [0]
    bounds += map(_END, _SENTENCE_END.finditer(norm))
    bounds.append(len(norm))
    last = len(bounds) - 2  # sentence k is norm[bounds[k] : bounds[k + 1]]
    near: set[int] = set()
    for start, end in spans:  # the sentences a window overlaps, and those beside them
        near.update(
            range(max(bisect_right(bounds, start) - 2, 0), min(bisect_left(bounds, end) + 1, last + 1))
        )
    return any(_PLANNED.search(norm, bounds[k], bounds[k + 1]) is not None for k in sorted(near))


_SENTENCE_END = re.compile(r"[。！？!?\n]")
#: A period's text that is hours alone (上午10时至下午5时, 9:00-17:00, 10am to 5pm): its day is elsewhere.
_HOURS_ONLY = re.compile(
    r"(?i:[\d\s:：.时点分半至到—\-~～]|从|自|由|上午|下午|晚上|早上|凌晨|中午|夜间|am|pm|a\.m|p\.m|to|from|until|noon)+"
)
_END = re.Match.end
#: A start said to the hour and then "from": 零时起, 8时30分起, 20:00起.
_FROM_HOUR = re.compile(r"(?:[时点]|\d[:：]\d{2})\s*(?:\d{1,2}\s*分)?\s*(?:起|开始)$")
#: Words that tell a plan rather than an event reported: 将于, 定于, 拟, 届时, 即日起, 截至, 将统一组织,
#: and what the public may do then (市民可于, 可持…到): an invitation to act on those days.
_PLANNED = re.compile(
    r"将(?:统一|集中|正式|全面|陆续|分别|同时|继续|再次|一直|提前|推迟)?(?:于|在|从|自|对|会|要|进行|实施|暂停|停止|封闭|举行|举办|开展|启动|开始|分|由|组织|持续|延续)|即将|定于|订于|拟|计划|预计|届时|即日起|起至|期间|以前|之前|截止|截至|截标|开标|报名|停电|停水|停气|停暖|无水|水压下降|封路|断交|限行|暂停|停止|封闭|管制|请|须|需|"
    r"提前至|提前到|推迟至|推迟到|延期至|改期|顺延|可于|可在|可到|可持|可前往|可登录|可通过|"
    r"will|from|until|closed|closes|close on|closing date|Closing date|deadline|Deadline|must|Must|MUST|"
    r"no later than|not later than|"
    r"brought forward|postponed|rescheduled|on or before|are invited to|may submit|may apply|can apply|"
    # Macau's Portuguese (será, estará fechada, a partir de, até) and Malaysia's Malay (akan, bermula)
    r"será|serão|estará|estarão|vão |a partir d|até |fechad|encerrad|akan |bermula|mulai|sehingga|ditutup"
)


#: Dates too loose to plan around: 6月下旬, 年底. A report that gives no more is no notice. A lunar
#: day (正月初一, 八月初八) is a day: its 月初 is followed by the day's numeral.
_VAGUE = re.compile(
    r"[上中下]旬|月[底末]|月初(?![一二三四五六七八九十])|年[底末]|年初(?![一二三四五六七八九十])|[上下]半年"
)


def _build(
    title: str,
    body: str,
    norm_body: str,
    signature: list[Para],
    guess: CategoryGuess,
    *,
    published: date | None,
    tz: ZoneInfo,
    page_day: date | None = None,
    read_on: date | None = None,
    page_head: str = "",
    dateline: Para | None = None,
) -> ParsedNotice:
    """``dateline``: a date alone on its line above the body, the day the text came out;
    ``page_day``: the day an earlier notice on the page is dated by, for a notice that gives
    no year of its own (a report's second section under its own heading); ``read_on``: the day
    the page is read, bounding the year its weekdays give a notice dated by nothing else."""
    warnings: list[str] = []
    category = guess.category
    if guess.ambiguous and guess.runner_up is not None:
        warnings.append(f"category unsure: {category.value} or {guess.runner_up.value}")
    if category is Category.OTHER:
        warnings.append("category unknown: no category's keywords dominate")

    if not title:
        title = derived_title(category, body)
        warnings.append("no title found; title derived from the category and the first words")

    issuer_lines = [issuer_name(p.text) for p in signature if p.kind is not SIGN_DATE]
    issuer = " ".join(issuer_lines) or None
    if issuer is None:
        warnings.append("no issuer: the notice carries no signature")

    signed_on = _signature_date(signature)
    dated = _signature_date([dateline]) if dateline is not None else None
    when = signed_on or published or dated
    if when is None:
        warnings.append("no publication date: no signature date and none given")

    # 即日起 starts the day the public reads it; what ended before the notice's own date is history
    base = published or when or first_full_date(body, tz) or page_day
    if base is None:
        base = stated_year(normalize(title), norm_body, page_head=page_head, warnings=warnings)
    if base is None and read_on is not None:
        base = year_of_weekdays(f"{normalize(title)}\n{norm_body}", read_on=read_on, warnings=warnings)

    # hours with no day fall on the day the title names, or, in a notice with no date of its own,
    # on the day it is published (conventions, rule 9)
    def undated_day() -> date | None:
        titled = day_of_title(title, base=base, tz=tz) if base is not None and title else None
        return titled or (published if signed_on is None else None)

    periods = kept_periods(body, base=base, published=when, tz=tz, warnings=warnings, undated_day=undated_day)
    if not periods and (category.is_disruption or category.has_deadline):
        warnings.append(f"no period found for a {category.value} notice")

    full_body = body if not signature else f"{body}\n{_text(signature)}" if body else _text(signature)
    notice = ParsedNotice(
        title=title,
        category=category,
        body=full_body,
        published=when,
        issuer=issuer,
        periods=periods,
        warnings=warnings,
    )
    return notice


def _signature_date(signature: list[Para]) -> date | None:
    for p in signature:
        if p.kind is SIGN_DATE:
            ymd = date_line_value(p.norm)
            if ymd is not None:
                try:
                    return date(*ymd)
                except ValueError:
                    return None
    return None
