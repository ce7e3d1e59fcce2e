"""The evidence around one candidate period that makes it no plan for the public: page metadata and
time stamps, datelines and reporting clauses, dates the notice replaces, what is done or looked
back on, terms of a contract, who may apply, spans named only by months."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.as_usual import as_usual
from notices.cues import cues
from notices.dated_paper import dated_paper
from notices.dates.later import announced_day
from notices.dates.month_window import month_window
from notices.eligibility import eligibility_bound
from notices.en_dateline import en_date_first_dateline, en_dateline, en_stamp_line
from notices.first_chars import gated
from notices.glued_signature import glued_signature
from notices.in_force import standing_reason
from notices.labels import REACH, clause_span, line_start
from notices.model import Period
from notices.narrated import narrated_moment
from notices.office_hours import office_hours
from notices.own_schedule import own_schedule
from notices.page_metadata import (
    BARE_TIME_FIELD,
    BYLINE_AFTER,
    BYLINE_BEFORE_EN,
    CLOCK_IN_BRACKETS,
    FIELD_OF_PLAN,
    METADATA_LABEL,
    METADATA_LABEL_EN,
    METADATA_LINE,
    OPEN_BRACKET,
    PAGE_STAMP,
    PAGE_WORDS,
    PLAN_FIELD,
    SENTENCE_DONE,
    SPLIT_DATE_LABEL,
    STAMP,
    STAMP_LINE,
    STAMP_SECONDS,
    TABLE_GAPS,
    UPDATE_IN_BRACKET,
    VIEWS_AFTER,
    WEEKDAY_TO_END,
    ZONE_STAMP_AFTER,
    ZONE_STAMP_END,
    posted_year_last,
)
from notices.page_tail import closing_dateline, under_related_heading
from notices.superseded import superseded
from notices.told_days import (
    _DATELINE_BEFORE,
    _DOCUMENT_AFTER,
    _OWN_DAY,
    _REPORTED_EN,
    _REPORTING_AFTER,
    _TOLD_AFTER,
    _TOLD_BEFORE_EN,
)
from notices.told_past import SENTENCE_BREAK, befell_since, done_that_day, restored_since
from notices.vague import vague


def _as_date(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


#: What ends the field a date stands in: a clause mark or a line break.
_FIELD_BREAK = re.compile(r"[，,。；;！？!?\n]")


#: Done already, said right after the day: 于7月15日已全数完成, 从8日中午便已起炉 (a part of the day
#: and a 便 / 就 may come between).
_PAST_AFTER = re.compile(
    r"\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:(?:凌晨|早上|清晨|上午|中午|下午|傍晚|晚上|晚间|当天|当日)\s*)?"
    r"(?:便|就|即|早|均|都)?\s*(?:已经|业已|已(?!于))"
)


#: A meeting told as already held: 已分别于1月5日、7日及10日举行 (never 已于5月1日起实施, still running).
_HELD_BEFORE = re.compile(r"已(?:经|分别|先后|相继)?(?:于|在)[^，,。；;！？!?\n]{0,40}$")
_HELD_AFTER = re.compile(r"[^，,。；;！？!?\n]{0,30}?(?:举行|举办|召开|完成|结束)(?!前|后|时)")


_REFERENCE_BEFORE = re.compile(r"(?:刊登|刊载|登载|刊於|刊于)(?:于|在)?\s*$")


#: A deed told as done: 发布了, 召开了, 举行了.
_DONE = re.compile(r"(?:发布|召开|举行|举办|开展|完成|启动|印发|下发|公布|出台|通过)了")
_ISO_DAY = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")


#: The notice's own posting window (公告时间：…); in a disclosure, where the public may object
#: while it hangs (公示, 异议), that window is the plan and stays.
_POSTING_BEFORE = re.compile(r"(?:公告|张贴|刊登)(?:时间|期间|日期|期)\s*(?:为|:)?\s*$")
#: The days a notice's own text is put out (招考信息…发布日期为2月10日至20日): a span, how long it
#: is up; a single 发布时间 is a page's stamp or a result's day, read elsewhere.
_POSTED_SPAN_BEFORE = re.compile(r"发布(?:时间|期间|日期|期)\s*(?:为|:)?\s*$")
#: (also a window the public acts in while the notice hangs: 公告期内报名)
_OBJECTION = re.compile(
    r"公示|异议|意见|objection|公告期限?内[^。；;\n]{0,12}(?:报名|申请|提交|递交|报价|登记)"
)


#: A count of what a span brought: …期间，共接待游客, …受理期内，累计收到.
_TALLY_AFTER = re.compile(
    r"[^，。,；;\n]{0,12}(?:内|期间|中)\s*[，,]?\s*(?:共|累计|总计|合计|一共)"
    r"(?:收到|受理|接待|完成|办理|有|计|发放|查处|处理)"
)


_LOOKBACK_AFTER = re.compile(r"\s*(?:起)?\s*(?:以来|至今|迄今|到现在|到目前|截至目前)")


#: A bracketed date right after a notice word: 闭馆公告(3月30日).
_ISSUE_DATE_BEFORE = re.compile(r"(?:公告|通告|通知|公示|启事|notice)\s*[(（]\s*$")
#: A numeric date in brackets closing its line: a title's stamp, …交通管制 (2025-03-20) ⏎.
_BRACKETED_ISO = re.compile(r"[^(（]?[(（]\s*\d{4}-\d{1,2}-\d{1,2}\s*[)）]?")
_CLOSES_LINE = re.compile(r"[^\S\n]*[)）]?[^\S\n]*(?:\n|$)")


def _metadata_label(before: str, period: Period, published: date | None, tz: ZoneInfo) -> bool:
    """A page's own date label right before the date. A bare 日期 is one only when nothing names
    what happens on it (停电日期：, 面试日期： are a plan's fields) and the date is not ahead of the
    page (日期：3月14日 ⏎ 时间：9:00-16:00 on a page of 3月1日 is when a fair is held)."""
    found = METADATA_LABEL.search(before)
    if found is None:
        return False
    named = found.start() > 0 and "\u4e00" <= before[found.start() - 1] <= "\u9fff"
    if not found.group().startswith("日期"):
        # 成绩发布时间：6月30日 names a result the public waits for; 信息发布时间 the page's stamp
        awaited = named and not PAGE_WORDS.search(before, 0, found.start())
        return not (awaited and not on_or_before_day(period, published, tz))
    listed = _LISTED_FIELD.search(before, 0, found.start()) is not None  # 二、日期：: the notice's own item
    return not named and not listed and (published is None or on_or_before_day(period, published, tz))


#: A list item's number right before a label: 二、 / (二) / 2. / 2、 (a page's stamp is never numbered).
_LISTED_FIELD = re.compile(
    r"(?<![\u4e00-\u9fff\d])(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．])\s*$"
)


def on_or_before_day(period: Period, published: date | None, tz: ZoneInfo) -> bool:
    """Whether the period starts on or before the publication day (known)."""
    return published is not None and period.start is not None and _as_date(period.start, tz) <= published


#: A date announced as a plan (将于, 定于): a page's stamp is never said so.
_TOLD_AS_PLAN = re.compile(r"(?:将|定|拟|计划)于\s*$")


def _drop_reason(
    norm: str, period: Period, published: date | None, tz: ZoneInfo, reference: date | None = None
) -> str | None:
    """Why a candidate period is no plan for the public, or None to keep it. ``reference``: the day
    a notice with no publication date is read around (its first full date), before which a day
    told as the act of issuing something is past."""
    if period.span is None:
        return None
    begin, end = period.span
    # (what the checks below ask of the period, worked out once)
    day = None if period.start is None else _as_date(period.start, tz)
    early = published is not None and day is not None and day <= published  # on_or_before_day
    single = period.start == period.end
    first = line_start(norm, begin)
    line_end = norm.find("\n", end, end + REACH)
    line = norm[first : line_end if line_end >= 0 else end + REACH]
    before = norm[first:begin]
    held = cues(norm)  # (a check whose words the text lacks cannot match: skipped)
    latin = "latin" in held
    if (latin or "superseded" in held) and superseded(norm, begin):
        return "superseded"
    # (the patterns read on ``before`` match no empty text: a date opening its line skips them)
    since_issue = norm.startswith("之日", begin)  # (网络公示)发布之日起10个工作日内: counted from it
    if (
        before
        and not since_issue
        and _metadata_label(TABLE_GAPS.sub("", before[-20:])[-12:], period, published, tz)
        and not FIELD_OF_PLAN.search(before[-16:])
    ):
        return "metadata"  # 发布时间：…, also in a flattened table: 日 | 期 : | 2025-04-25
    if before and SPLIT_DATE_LABEL.search(before[-12:]):
        return "metadata"  # 期 : 2025-04-23 opening its line: a 日期 field whose 日 the table lost
    if before and before[-1] in " :\t" and METADATA_LABEL_EN.search(before[-24:]):
        return "metadata"  # Last updated June 3, 2023: when the page was changed
    if under_related_heading(norm, begin):
        return "metadata"  # 相关报道： a linked headline's date belongs to that page
    if closing_dateline(norm, begin, end) and (published is None or on_or_before_day(period, published, tz)):
        return "metadata"  # …以策安全。2015/06/02: the report's dateline where it ends
    if before and len(before) < 120 and BYLINE_BEFORE_EN.search(before):
        return "metadata"  # Posted in Local News / By Jane Tan / October 6 2023 10:36 am
    not_after = published is None or on_or_before_day(period, published, tz)
    paper = dated_paper(before, norm, begin, end, not_after)
    if paper is not None:
        return paper  # date 2021-09-17 KUALA LUMPUR: … / 7月19日南市工养一字第123号公告
    clause_begin, clause_end = clause_span(norm, begin, end, _FIELD_BREAK)
    if (
        clause_end - clause_begin < 120
        and METADATA_LINE.search(norm, clause_begin, clause_end)
        and not _TOLD_AS_PLAN.search(before[-6:])  # 作者:未知 run into 高考将于6月7日至9日举行
    ):
        return "metadata"  # 发布时间：2023-05-10 16:33 浏览量：125
    if VIEWS_AFTER.match(norm, end):
        return "metadata"
    if (
        not before.strip(" \t【[(（") or (single and not_after and PAGE_STAMP.match(norm, begin))
    ) and BYLINE_AFTER.match(norm, end):
        return "metadata"  # (2024-06-05 联合报/记者 …: a page's stamp, also in a run-together line)
    if before.rstrip(" \t").endswith(OPEN_BRACKET) and UPDATE_IN_BRACKET.match(norm, end):
        return "metadata"  # 某某考试放榜【2008/9/18更新】: when the page was updated
    if ("past" in held and _PAST_AFTER.match(norm, end)) or (
        before and _REFERENCE_BEFORE.search(before[-8:])
    ):
        return "past"  # 于7月15日已全数完成迁移 / 刊登于5月22日的公报: done, or a document's date
    if before and _HELD_BEFORE.search(before[-44:]) and _HELD_AFTER.match(norm, end):
        return "past"  # 諮詢會已分別於1月5日、7日及10日舉行: meetings already held
    if single and early and _DONE.search(norm, end, clause_span(norm, begin, end)[1]):
        return "past"  # 10月12日，市建委…发布了一则通知: what was done that day, told after
    if period.all_day and single and early and done_that_day(norm, begin, end):
        return "past"  # "the Government had received 12,000 responses today": a report, no plan
    before_page = period.end is None and day is not None and published is not None and day < published
    if before_page and (befell_since(norm, begin, end) or restored_since(norm, end)):
        return "past"  # "the water supply was cut off from 1pm on Nov 12" / 昨晚八时起停电…已全面恢复
    opens_line = not line[: begin - first].strip(" \t•·*-")
    if (
        single
        and (opens_line or before.rstrip(" \t").endswith(("•", "·")))
        and _ISO_DAY.fullmatch(norm[begin:end])
    ):
        return "metadata"  # 2013-03-18 opening a line: a web page's date, not how notices write a plan
    if (
        single
        and early
        and _ISO_DAY.fullmatch(norm[begin:end])
        and BARE_TIME_FIELD.search(before)
        and not TABLE_GAPS.sub("", line[end - first :])
    ):
        return "metadata"  # | 时间: | 2026-03-16 |: a page's row giving when it was posted
    if period.all_day and single and (published is None or early) and glued_signature(before, norm, end):
        return "metadata"  # …附件：名单.xlsx区民政局2024年6月11日: a signature run into the text
    if before and not single and _POSTED_SPAN_BEFORE.search(before[-8:]):
        return "posting"  # 招考信息…发布日期为2月10日至20日: how long the notice is put out
    if before and _POSTING_BEFORE.search(before[-12:]) and not _OBJECTION.search(norm):
        return "posting"  # 公告时间：8月12日至8月25日: how long the notice itself hangs, no plan
    if (
        period.all_day
        and single
        and published is not None
        and period.start is not None
        and day == published
        and _POSTED_AFTER.match(norm, end)
    ):
        return "posting"  # 结果将于（出版当日）张贴于…: the page's own day of posting, no plan
    if "tally" in held and _TALLY_AFTER.match(norm, end):
        return "past"  # 在4月14日至6月15日的受理期内，共收到申报243件: a tally of what came in
    if "lookback" in held and _LOOKBACK_AFTER.match(norm, end):
        return "lookback"  # 5月5日以来, 2018年至今: what has happened since, no plan
    if single and (
        (before and _ISSUE_DATE_BEFORE.search(before[-8:]))
        or (
            _BRACKETED_ISO.fullmatch(before.rstrip()[-1:] + norm[begin:end])
            and _CLOSES_LINE.match(norm, end)
            and (published is None or early)
        )
    ):
        return "metadata"  # 闭馆公告(3月30日), a title ending (2025-03-20): the day it was issued
    if (
        before and _DATELINE_BEFORE.search(before[-24:]) and not _DAY_THEN_HOURS.match(norm, begin, end)
    ) or _REPORTING_AFTER.match(norm, end):
        return (
            "dateline"  # (本报讯 今晚…举办晚会，19时30分至22时…: the day opens a plan's hours, no dateline)
        )
    if before and en_dateline(before[-40:], norm, end):
        return "dateline"  # KUALA LUMPUR, Oct 8 — …: where and when a wire report was filed
    if single and (published is None or early) and en_date_first_dateline(norm, begin, end):
        return "dateline"  # 19th September 2023 – (Hong Kong) …: the same, the date written first
    if single and early:
        above = norm[line_start(norm, max(first - 1, 0)) : max(first - 1, 0)]
        if en_stamp_line(before, norm[begin:end], norm[end : end + REACH], above, timed=not period.all_day):
            return "metadata"  # Jane Tan | May 10, 2023, 3:41 PM: when the page was posted
    if period.all_day and norm[begin:end].lower() in ("today", "yesterday") and early:
        low, high = clause_span(norm, begin, end, SENTENCE_BREAK)
        if _REPORTED_EN.search(norm, low, high):
            return "dateline"  # "…, the statement read on its Facebook page today": when it was said
    if _DOCUMENT_AFTER.match(norm, end) and early:
        return "dateline"  # announced … in a Dec. 15 press release: the day a paper was put out
    if narrated_moment(norm, end, single=single, timed=not period.all_day, early=early):
        return "past"  # 居民清晨5点左右起床时发现停水: when someone noticed, told after the fact
    if not period.all_day and office_hours(norm, begin, end):
        return "office hours"  # enquiries during office hours (between 9am and 5pm): every working day's
    if as_usual(norm, end):
        return "as usual"  # 办公室11月29及30日照常办公: open as every day, no period to plan around
    told = (latin or "told" in held) and _TOLD_AFTER.match(norm, end)
    told = told or (latin and _TOLD_BEFORE_EN.search(norm, max(0, begin - 24), begin))
    # (today is the notice's own day even when no publication date is given: The Government
    # gazetted today (January 21) …)
    issued_before = published is None and reference is not None and day is not None and day < reference
    if told and single and (early or issued_before or _OWN_DAY.match(period.text)):
        return "dateline"  # 12月4日，某公司发布停电通知称 / today (September 28) reminded the public
    if period.all_day and early and announced_day(norm, period):
        return "dateline"  # 5月8日，组委会召开新闻发布会: the day the plan was announced, not its day
    on_or_before = early
    if on_or_before and single and STAMP_LINE.fullmatch(before) and STAMP_LINE.fullmatch(line[end - first :]):
        # a date (with its time) alone on its line, on or before the publication date:
        # the page's time stamp or a signature, not a plan
        return "metadata"
    text = norm[begin:end]
    if on_or_before and single and CLOCK_IN_BRACKETS.match(norm, end):
        return "metadata"  # 2010-09-16 (19:24): when a news page was posted
    if (
        on_or_before
        and single
        and (
            ZONE_STAMP_AFTER.match(norm, end)
            or ZONE_STAMP_END.search(text)
            or (SENTENCE_DONE.search(before) and WEEKDAY_TO_END.match(norm, end))
        )
    ):
        return "metadata"  # …职员。2016年5月30日(星期一) ⏎ 香港时间15时01分: a release's issue stamp
    if (period.is_moment and not PLAN_FIELD.search(before[-16:])) and (
        STAMP_SECONDS.search(text)
        or (STAMP.search(text) and on_or_before)
        or posted_year_last(text, published)
    ):
        return "metadata"  # 2026-03-16 16:06:58 beside a headline: when the page was posted
    standing = standing_reason(norm, period, held)
    if standing is not None:
        return standing  # 本办法自…起施行, 租期自…起, 本公告于…发布: for the record, no plan
    if eligibility_bound(norm, period) or (before and _TERMS_BEFORE.search(before[-50:])):
        return "terms"  # 合约期：2026年6月1日至…, 2018年12月31日前年满18周岁: conditions, no plan
    if (
        period.end is None
        and "之日" in text
        and not any(ch.isdigit() for ch in text)
        and not _INVITED.search(norm, begin, clause_span(norm, begin, end)[1])
    ):
        return "effective"  # 自发布之日起执行: when the rules apply, no date to plan around
    if (vague(text) and not month_window(norm, end)) or (
        period.all_day and single and _MONTH_END_DAY.fullmatch(text.strip())
    ):
        return "vague"  # 2月中旬, 2026年1月, 5月底进行面试: no day to plan around
    sentence_begin, sentence_end = clause_span(norm, begin, end, _SENTENCE_END)
    if _MONTH_END.search(text) and _VAGUE_START.search(norm, sentence_begin, begin):
        return "vague"  # 2月中旬开始…3月底结束: a process between parts of months, no day to plan
    if _FORECAST_BEFORE.search(norm, sentence_begin, begin) and _WEATHER.search(norm, end, sentence_end):
        return "forecast"  # 据气象部门预报，3月17日前后气温陡降: the reason for a notice, not its plan
    if period.all_day and _TEMPERATURE.match(norm, end):
        return "forecast"  # 3月15日，最高气温从25℃左右降至14℃ / 16日至19日最低气温…: the weather behind it
    if before and _EVERY_YEAR.search(before[-24:]):
        return "standing"  # 采暖季一般是每年的11月15日到次年的3月15日: the rule of every year
    if period.start is None and own_schedule(norm, begin, end):
        return "own schedule"  # (水箱预计于1月10日中午前完成放置): the issuer's own target, no one acts
    english = list(_EN_SENTENCE.finditer(norm, sentence_begin, begin)) if latin else []
    condition = _CONDITION.match(norm, english[-1].end() if english else sentence_begin, begin)
    turn = _CONSEQUENCE_EN if condition is not None and condition.group(0).strip().isascii() else _CONSEQUENCE
    if condition is not None and not turn.search(norm, condition.end(), begin):
        return "condition"  # "If a black rainstorm warning is in effect between 9 am and noon on …"
    return None


_EN_SENTENCE = re.compile(gated(r"(?<=[a-z)][.!?])\s+(?=[A-Z])"))
#: Putting a text up for the public to read, said right after the day it happens.
_POSTED_AFTER = re.compile(r"\s*(?:起)?\s*(?:张贴|刊登|刊载|登载|刊宪)")
#: A sentence that opens with a condition, and the turn to what follows from it.
_CONDITION = re.compile(r"\s*(?i:if|should|in the event|in case|unless)\b|\s*(?:如遇|若遇|倘遇|如果|倘若)")
_CONSEQUENCE_EN = re.compile(r"(?i:,\s*(?:the|it|then|this|all|we|they)\b)")
_CONSEQUENCE = re.compile(r"[，,；;]")


#: A day that opens its sentence, the hours it holds a clause later (今晚…，19时30分至22时).
_DAY_THEN_HOURS = re.compile(
    r"(?:今天|今日|今晚|今夜|明天|明日|明晚)[^，,。；;\n]*[，,][^。；;\n]*\d\s*[时点:：]"
)
#: A month's end closing what began in a part of a month (中旬开始…月底结束).
_MONTH_END = re.compile(r"月底|月末")
#: A month's end said alone as the day something happens (5月底进行面试, 本月底登场): a target, not a day.
_MONTH_END_DAY = re.compile(
    r"(?:(?:\d{4}\s*年\s*)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})|本|这个?|下个?|当)?\s*月\s*(?:底|末)"
)
_VAGUE_START = re.compile(r"[上中下]旬[^。；;]{0,6}开始")


#: A weather forecast cited as the reason for a notice: 据气象部门预报，本月14日起将大幅降温.
_FORECAST_BEFORE = re.compile(r"预报|预测|forecast")
#: What the public is asked to do from a day (请在启事公布之日起…提出建议和意见): a window opens.
_INVITED = re.compile(r"提出|提交|报名|申请(?!人)|反馈|投递|寄送|登录|参加|报送")
#: A temperature read off for the day (最高气温…14℃左右): the weather, told in the day's clause.
_TEMPERATURE = re.compile(r"[^。；;\n]{0,30}?(?:气温|最高温|最低温)[^。；;\n]{0,20}?\d\s*(?:℃|度)")
#: A day of every year (每年的11月15日): what holds each year, no plan of this notice.
_EVERY_YEAR = re.compile(
    r"每年的?\s*$|每年的?[^。；;\n，,]{2,12}(?:到|至)次年的?\s*$|(?i:every year on|annually on)\s*$"
)
_WEATHER = re.compile(r"气温|降温|升温|寒潮|冷空气|降雨|降雪|暴雨|大风|台风|天气|temperature|rain|typhoon")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


#: A contract's or service's term (a post's 聘期, a lease's 租期), not a time the public acts in.
_TERMS_BEFORE = re.compile(
    r"(?:合约期|合同期|服务期|履约期|履行期限|合同履行|聘期|聘用期|聘任期|任期|租期|租赁期|承包期|承租期|经营期"
    r"|委托期|托管期)(?:[^，,。；;\n]{0,8}|[^。；;\n]{0,8}[，,]\s*即)$"  # (承包期为3年，即2018年1月1日…)
    r"|(?i:\b(?:fixed\s+term|tenancy|lease\s+term|contract\s+(?:term|period))\b[^.;\n]{0,30}?(?:\bfrom)?\s*)$"
)
