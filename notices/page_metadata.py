"""How a web page or a gazette stamps its own text: publication and update labels, view counts,
bylines, posting times. A date in one of these is when the page was made, never a plan."""

from __future__ import annotations

import re
from datetime import date

from notices.first_chars import gated

#: A label that names when the page or document was made, not a plan: 发布时间, 更新日期.
METADATA_LABEL = re.compile(
    r"(?:发布|更新|成文|印发|发文|修改|修订|录入|上传|上载|归档|编辑|信息|发稿|刊发|生成|日期|发表于|发表|发帖|报章)"
    r"(?:时间|日期)?\s*[:：]?\s*"
    r"(?:中华民国|民国)?\s*"  # 发文日期：中华民国110年12月1日
    r"(?:\d{1,2}[:：]\d{2}\s*(?i:[ap]\.?m\.?)?\s*)?$"  # 发布: 4:05pm 01/12/2022, the clock first
)


#: What a page says it put out when 发布时间 follows a word: the page itself, not a result awaited.
PAGE_WORDS = re.compile(
    r"(?:信息|文章|新闻|公告|通知|通告|本文|本页|页面|网页|稿件|内容|消息|资讯|正文|原文)$"
)


#: A plan's own date field: 报名日期, 开标日期 (日期 right after a word, no gap between).
FIELD_OF_PLAN = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<!发布|更新|成文|印发|发文|修改|修订|录入|上传|上载|归档|编辑|信息|发稿|刊发|生成)"
    r"日期[^\S\n]*[:：]?[^\S\n]*$"
)


#: A date field's label left as its last character alone (日 | 期 : flattened, its 日 lost).
#: (期 after no word: 编号 : 1013/2025期 : 2025-04-23, a line joined to the one before; never 公示期：)
SPLIT_DATE_LABEL = re.compile(r"(?:^|[0-9A-Za-z\s|/])期[\s|]*[:：][\s|]*$")


#: An English page's metadata label opening the line of its date: Last updated, Posted on.
#: (capitalised, as labels are: "will be published on" in a sentence is a plan)
METADATA_LABEL_EN = re.compile(
    r"\b(?:Last\s+(?i:updated|modified|reviewed|revised|revision\s+date|review\s+date)|Updated"
    r"|Date\s+(?i:posted|published|of\s+(?:[a-z]+\s+)?(?:order|issue|publication))"  # Date of Tender Issue
    r"|(?:Release|Issue|Publication)\s+(?i:date)|Posted|Published|Dated|Issued)"
    r"(?:\s+on)?\s*:?\s*$"
)


#: What a flattened table puts between a label and its value.
TABLE_GAPS = re.compile(r"[\s|｜]+")


#: A count of views right after a page's date (· 2223次阅读, 阅读：56): the page's metadata.
VIEWS_AFTER = re.compile(
    r"[^\S\n]*(?:[(（][^)）\n]{1,6}[)）])?[\s·•|｜/]*"
    r"(?:\d+\s*[次人]?\s*(?:阅读|浏览|点击|views?\b)|(?:阅读|浏览|点击)(?:量|数|次数)?\s*[:：]?\s*\d)"
)


#: What else a metadata line holds: 浏览量, 来源, 点击数, 字号.
METADATA_LINE = re.compile(
    r"浏览|阅读(?:量|数|次数)|点击|来源\s*[:：]|字号|访问(?:量|次数)|发布人|发布单位|发文单位|责任编辑|作者\s*[:：]"
)


#: A date that opens its line and is followed by a byline: "2025/10/31 08:59 记者林嘉东／新北报导";
#: written as a page writes it (digits and dashes), also where the lines ran together.
BYLINE_AFTER = re.compile(
    r"\s*(?:[(（]?[^\s，。]{0,6}[)）]?\s*)?(?:记者|编辑|来源|作者|报导|报道|通讯员|最后更新|更新)"
)


#: A date bracketed with the word that it was when the page changed: 【2008/9/18更新】, (5月3日修订),
#: [Updated 3 May], 【8/15 21:55更新：what changed】: wherever it stands (a headline may run on
#: into it), the page's stamp.
UPDATE_IN_BRACKET = re.compile(
    r"[^\S\n]*(?:\d{1,2}:\d{2}[^\S\n]*)?(?:更新|修订|修改|发布|(?i:updated?))"
    r"(?:[^\S\n]*[:：][^】\]）)\n]{0,120})?[^\S\n]*[】\]）)]"
)
OPEN_BRACKET = ("【", "[", "（", "(")


#: Time stamps as web pages print them: 2026-03-16 16:06:58, 2017-07-26 10:25.
#: A cell (or line) that says only "time" or "date", no event, right before the value: the page's
#: own field.
BARE_TIME_FIELD = re.compile(r"(?:^|[|｜])[^\S\n]*(?:时间|日期)[:：]?[\s|｜]*$")


STAMP_SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")


#: A release's issue time after its date, on the line under it or, on a page whose lines ran
#: together, on the same: (星期一) ⏎ 香港时间15时01分.
ZONE_STAMP_AFTER = re.compile(r"\s*(?:[(（][^)）\n]{1,6}[)）])?\s*(?:香港|澳门|台北|北京)时间\s*\d")
#: The same issue time read as the date's own hours: the date's text ends with it.
ZONE_STAMP_END = re.compile(r"(?:香港|澳门|台北|北京)时间\s*\d{1,2}\s*时\s*\d{1,2}\s*分\s*$")
#: A sentence just ended before a date, and nothing but its weekday after it to the end: the
#: date the text was signed, run onto its last line.
SENTENCE_DONE = re.compile(r"[。！!]\s*$")
WEEKDAY_TO_END = re.compile(r"\s*(?:[(（][^)）\n]{1,6}[)）])?\s*$")


#: A posting time in brackets right after a page's date: 2010-09-16 (19:24).
CLOCK_IN_BRACKETS = re.compile(r"\s*[(（]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[)）]")


#: A page's numeric date with its clock time: how a web page stamps a post, not how a notice
#: writes a plan; the clock's zone may stand between them (2024-11-04 HKT 10:12, 2024-11-04 GMT+8 10:12).
STAMP = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*(?:(?:[A-Z]{2,4}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d\d)?)\s+)?"
    r"\d{1,2}:\d{2}"
)
#: The same with the year last (02.03.2016 09:53), whose day and month may come in either order.
STAMP_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*\d{1,2}:\d{2}")


def posted_year_last(text: str, published: date | None) -> bool:
    """A year-last stamp that, read either way round, falls on or before the publication day: the
    page's time of posting (the date grammar may have picked the other order)."""
    found = STAMP_YEAR_LAST.search(text)
    if found is None or published is None:
        return False
    first, second, year = (int(g) for g in found.groups())
    for month, day in ((second, first), (first, second)):
        try:
            if date(year, month, day) <= published:
                return True
        except ValueError:
            continue
    return False


#: What may stand beside a date stamp on its line: brackets, a weekday, punctuation.
STAMP_LINE = re.compile(r"[\s()（）\[\]【】|:：,，。.星期周一二三四五六日天]*")


#: An English page's byline before a date on its line ("Posted in Local News / By Jane Tan /
#: October 6 2023 10:36 am"): the date is when the page was written, not a plan. The name after
#: By is capitalised and closed by a separator, as a byline is; "closed by order" in a sentence is not.
BYLINE_BEFORE_EN = re.compile(
    gated(
        r"\b(?:Posted|Filed)\s+(?:in|under)\b"
        r"|(?:^|[/|·•]\s*)By\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*[/|·•]"
    )
)


#: A date as a page stamps it: in digits and dashes, or with its year and clock (2023年01月19日 23:59).
PAGE_STAMP = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}")


#: A field whose label names what is done at the time it holds (递交截止时间 | 2024-08-29 14:30:00,
#: 开标时间：…): a table's plan, even written to the second as a page stamps its posts.
PLAN_FIELD = re.compile(
    r"(?:截止|截标|开标|开启|开始|结束|报名|递交|提交|投标|竞价|竞买|拍卖|获取|领取|开幕|举行|考试|面试|笔试|公示)"
    r"[^\n|｜]{0,4}(?:时间|日期)?[\s|｜:：]*$"
)
