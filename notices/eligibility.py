"""Dates that bound who may take part (born before a day, of an age on it), not when anything
happens: 2018年12月31日前年满18周岁, 出生日期在1950年12月31日之前, the day ages and years of work
are counted to (年龄计算截至2024年6月30日, 工作经历计算至…), "born on or after 1 January 2000",
"aged 18 to 35 as at 31 December 2024"."""

from __future__ import annotations

import re

from notices.cues import cues
from notices.first_chars import gated
from notices.model import Period

#: A date that bounds who may apply (出生, 年满18周岁, 毕业; 1980年4月18日至1998年4月18日期间出生), not when.
_CRITERIA_AFTER = re.compile(
    r"\s*(?:[(（]含[^)）\n]{0,4}[)）]|及|或)?\s*(?:前|以前|之前|后|以后|之后|期间|之间|间)?\s*[,，]?\s*"
    r"(?:年满|出生|周岁|毕业|取得|(?:能够|能|须|需)?获得[^，,。；;\n]{0,8}(?:证|学位|学历|资格))"
)
#: The same said before the date: 出生日期在1950年12月31日之前, 生于2010年9月1日以后 (not 考生于,
#: 学生于: the candidates act on that day).
_CRITERIA_BEFORE = re.compile(
    r"(?:出生|(?<![\u4e00-\u9fff])生于)(?:日期|时间)?\s*(?:应|须|需|必须)?\s*(?:在|于|为|是)?\s*[:：]?\s*$"
)

#: The day a condition is reckoned on, said before it: 年龄计算截至, 工作经历计算至, 年龄条件计算截止日期为,
#: 参加工作时间计算时间截止到.
_RECKONED_BEFORE = re.compile(
    r"(?:年龄|周岁|学历|学位|经历|年限|资历|工龄|教龄|党龄|资格条件|等条件|工作时间)(?P<gap>[^，,。；;\n]{0,8}?)"
    r"(?:计算|计至|算至|截止|截至|核算|认定)(?:到|至)?(?:的)?(?:日期|时间|日)?\s*(?:统一)?(?:为|是|到|至)?\s*[:：]?\s*$"
)
#: The same said after it: 年龄以報名截止日（5月20日）為計算基準, 年龄计算以2024年5月20日为准.
_RECKONED_AFTER = re.compile(
    r"\s*[)）]?\s*(?:(?:为|作为)\s*(?:准|计算基准|基准|计算日|计算截止日)|计(?:算)?\s*[)）])"
)
_RECKONED_SUBJECT = re.compile(r"(?:年龄|岁|工作经历|工作年限|资历)[^，,。；;\n]{0,20}$")
#: What a plan's own clause names between the condition and its day: 年龄18至35周岁报名截止时间为,
#: 学历学位证书验证截止时间为 (a deadline applicants act by).
_ACTION = re.compile(
    r"报名|申报|投标|提交|缴费|考试|面试|笔试|领取|打印|报到|公示|认证|验证|审核|审查|确认|上传|复审|复核|查询"
)

#: English: born on or after a day; an age or a degree as at a day.
_CRITERIA_BEFORE_EN = re.compile(
    gated(
        r"(?i:\bborn\s+(?:on\s+or\s+(?:after|before)|after|before|between|from|in|on)\s*"
        r"|\bgraduat(?:e|ed|ing)\s+(?:on\s+or\s+(?:after|before)|by|before|after|between)\s*"
        r"|\b(?:aged?|age\s+(?:limit|requirement)s?)\b[^.;\n]{0,30}?\bas\s+(?:at|of|on)\s*"
        r"|\bages?\b[^.;\n]{0,20}?\b(?:counted|computed|calculated|reckoned|determined)\s+(?:as\s+(?:at|of|on)|on|at|by)\s*"
        r"|\byears?\s+(?:old|of\s+age)\s+(?:as\s+(?:at|of|on)|on|by)\s*"
        r"|\bturn(?:s|ing)?\s+\d{1,2}\s+(?:on\s+or\s+before|on|by|before)\s*)$"
    )
)


_CUES = frozenset(["eligibility", "latin"])


def eligibility_bound(norm: str, period: Period) -> bool:
    """Whether a date bounds who may take part (born before it, of an age on it), not when."""
    if period.span is None or not cues(norm) & _CUES:
        return False  # (each check below needs a word of the family "eligibility", or a letter)
    begin, end = period.span
    if _CRITERIA_AFTER.match(norm, end) is not None:
        return True
    if _CRITERIA_BEFORE.search(norm, max(0, begin - 10), begin) is not None:
        return True
    begin = date_start(norm, begin, end)  # past 截止日期为 or "before" the date's own text opens with
    reckoned = _RECKONED_BEFORE.search(norm, max(0, begin - 28), begin)
    if reckoned is not None and not _ACTION.search(reckoned.group("gap")):
        return True  # 年龄计算截至2024年6月30日: the day ages are counted to
    if _RECKONED_AFTER.match(norm, end) and _RECKONED_SUBJECT.search(norm, max(0, begin - 24), begin):
        return True  # 年龄以报名截止日（5月20日）为计算基准
    return _CRITERIA_BEFORE_EN.search(norm, max(0, begin - 60), begin) is not None


#: Where the date itself starts: a digit, a numeral, an English month.
_DATE_START = re.compile(
    r"[\d〇零一二两三四五六七八九十]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


def date_start(norm: str, begin: int, end: int) -> int:
    """Where the date in ``norm[begin:end]`` starts, past the words its text opens with."""
    found = _DATE_START.search(norm, begin, end)
    return begin if found is None else found.start()
