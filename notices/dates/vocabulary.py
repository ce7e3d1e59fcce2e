"""The words and shapes the date readers share: month and weekday names, connectors,
deadline, duration and daily-window words, the halves of the day, and the small number
checks (``_is_year``, ``_num``). Kept in one place so that a rule module holds only its
logic, and a new spelling goes where its kind is listed."""

from __future__ import annotations

import re

from notices.calendars import FESTIVAL_NAMES, LUNAR_MONTH_NAMES
from notices.dates.tokens import NUM, RELATIVE_DAYS, Token

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_ORDINALS = ("st", "nd", "rd", "th")
_AM = ("上午", "早上", "早晨", "凌晨")
_PM = ("下午", "晚上", "夜间", "傍晚")
_CONNECTORS = ("至", "到", "起至", "起到")
#: The day after the range's start: 晚上11时至翌日6时.
_NEXT_DAY = ("次日", "翌日", "隔日", "隔天", "次晨", "翌晨")
#: One-character halves of the day that PDF and web text leave as plain prose: 晚23:00, 早8:00.
_GAP_AM = frozenset(("早", "晨", "清晨", "早间", "凌晨", "每早"))
_GAP_PM = frozenset(("晚", "夜", "晚间", "夜晚", "深夜", "当晚", "每晚", "每夜", "每晚间", "每日晚间"))

#: A relative day said with its part: 今晚10时 is ten at night today, 明早6时 six tomorrow morning.
_DAY_PARTS = {
    "今晚": (0, "pm"),
    "今早": (0, "am"),
    "今晨": (0, "am"),
    "明晚": (1, "pm"),
    "明早": (1, "am"),
    "明晨": (1, "am"),
    "昨晚": (-1, "pm"),
}
_GAP_MIDNIGHT = frozenset(("午夜", "半夜", "子夜"))
#: What an end told by an event looks like (after 至 / until).
_OPEN_END = re.compile(
    r"[^,，。;；:：\d\n]{0,20}(?:结束|完成|竣工|完工|为止|解除|散去|散场|离场|离校|另行通知|恢复)"
    r"|(?i:the\s+(?:crowd|event|works?|traffic)[^,.;\n]{0,30}(?:dispersed|ends?|over|completed|finished|done|resumes))"
)
_FESTIVALS = frozenset(FESTIVAL_NAMES)
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
#: After 农历: 正月初一, 五月初五, 8月15日.
_LUNAR_DATE = re.compile(
    r"\s*(正|冬|腊|[一二三四五六七八九十]{1,2}|\d{1,2})\s*月\s*"
    r"(初[一二三四五六七八九十]|[二三]十[一二三四五六七八九]?|[十廿卅][一二三四五六七八九]?|\d{1,2})\s*[日号]?"
)
#: The end of a lunar range after its start: 至初五, 至正月十五, -农历二月初二.
_LUNAR_END = re.compile(
    r"\s*(?:至|到|-|—|~|～)\s*(?:农历)?\s*(?:(正|冬|腊|[一二三四五六七八九十]{1,2}|\d{1,2})\s*月\s*)?"
    r"(初[一二三四五六七八九十]|[二三]十[一二三四五六七八九]?|[十廿卅][一二三四五六七八九]?|\d{1,2})\s*[日号]?"
)
#: A lunar date given beside a Gregorian one: （腊月廿九）, （农历正月初六）, （除夕）.
_LUNAR_GLOSS = re.compile(
    r"(?:农历|夏历)?(?:(?:正|腊|冬|闰?[一二三四五六七八九十]{1,2})月)?"
    r"(?:初[一二三四五六七八九十]|[十廿][一二三四五六七八九]?|二十[一二三四五六七八九]?|三十)"
    r"|除夕|年三十|大年初[一二三四五六七]"
)
_WINDOW_LEADS = frozenset(("止", "为止", "每日", "每天"))
#: Words between a span of days and its daily window: 5月9日至28日期间，每日1时至5时.
_WINDOW_GAPS = frozenset(("间", "期间", "内", "每日", "每天", "均为", "为", "时段", "的"))
_EN_CONNECTORS = ("to", "through", "thru", "till", "until")
_DEADLINE_KW = ("截至", "截止", "截止到", "截止至", "截至到")
_DEADLINE_EN = ("until", "till", "by", "before")
_END_MARKS = ("止", "为止")
#: What makes a date a deadline after it: 3月15日前, 3月15日或之前 (on or before: the day counts).
_BEFORE_MARKS = ("前", "之前", "以前", "或之前", "或以前")
#: Words for the notice's own day as a start: 即日起, (自公告发布)之日起, 通告时间起.
_BASE_KW = (
    "即日起",
    "即日",
    "之日起",
    *(f"{what}{when}起" for what in ("通告", "公告", "通知", "发布") for when in ("时间", "之时", "时")),
)
_DURATION_LABELS = ("公示期", "公示期限", "公告期", "异议期")
_ADDRESS_AFTER_HAO = frozenset("楼院线门栋室房铺库位台车口馆厅地场")
_INCLUSIVE = frozenset(("含", "包含", "含当日", "含当天", "含本日", "含当日在内"))
# Keywords a period can begin with; any other keyword is skipped without parsing.
START_KEYWORDS = frozenset(
    _DEADLINE_KW + _BASE_KW + _DURATION_LABELS + _AM + _PM + FESTIVAL_NAMES + LUNAR_MONTH_NAMES
) | {
    "农历",
    "至",
    "到",
    "中午",
    *RELATIVE_DAYS,
    "本月底",
    "本月末",
    "月底",
    "月末",
}
#: 星期四 and, as Taiwan's forms print it, 星期4 (7 is Sunday).
_WEEKDAY_NAMES = "一二三四五六日天1234567"
_WEEKDAY_PAREN = frozenset(
    ["星期" + c for c in _WEEKDAY_NAMES]
    + ["周" + c for c in _WEEKDAY_NAMES]
    + ["礼拜" + c for c in _WEEKDAY_NAMES]
    + [
        f"{this}{week}{c}"
        for this in ("本", "下", "这")
        for week in ("周", "星期")
        for c in "一二三四五六日天"
    ]
    + list("一二三四五六日天")
    + list(WEEKDAYS)
)

# Characters that, right after ``5.11-5.26``, make it a pair of measurements, not dates.
_UNIT_CHARS = frozenset("米万元亿吨克斤亩倍人次台辆公千厘毫平立方度小岁周年月个件户份座栋层间级分秒")
_DATE_LABEL = re.compile(
    r"(时间|期限|日期|期间|时段|有效期|工期|档期)\s*(?:为|是|定于)?\s*:?\s*(?:自|从|于|在)?\s*$"
)
_CLAUSE_BREAK = re.compile(r"[。;；!?！？]")


def _is_year(tok: Token) -> bool:
    if tok.kind is not NUM or not 1900 <= int(tok.value) <= 2100:  # type: ignore[call-overload]
        return False
    return tok.digits in (0, 4)


#: The gap token before 月 that names a range end's month by word (本月, 当月, 该月, 下月 / 下个月).
MONTH_WORDS = frozenset(("本", "当", "该", "下"))

#: The Republic of China calendar (Taiwan): year 1 is 1912.
ROC_OFFSET = 1911
_ROC_MARK = ("民国", "民國")


def _num(tok: Token | None, low: int, high: int) -> int | None:
    if tok is None or tok.kind is not NUM:
        return None
    value: int = tok.value  # type: ignore[assignment]
    if tok.digits > 2 or not low <= value <= high:
        return None
    return value


#: Where a clause ends, for looking along it from a date.
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
#: What stops or closes: said of 今天 / 明天 it makes the day a period (明天又轮到酒厂停电).
#: Works said to start on a relative day whose end day the sentence then tells (今晚动工，预计6月29日结束).
_WORKS_TOLD_TO_END = re.compile(
    r"[^。；;！？\n]{0,8}?(?:开工|动工|开始施工|进场施工)[^。；;！？\n]{0,60}?\d{1,2}\s*[月日号][^。；;！？\n]{0,12}?(?:结束|完工|竣工)"
)
_STOPPAGE = re.compile(
    r"停电|停水|停气|停暖|停止供|暂停供|封闭|封路|管制|暂停开放|闭馆|休馆|关闭|改道|停驶|停运|停航|暂停服务|停止服务"
)
#: A festival told as near or past (春节将至, 中秋前后, 国庆后): no day of its own.
_FESTIVAL_NEAR = re.compile(r"\s*(?:将|临|前|后|快|即|过|来临|到来|假期)")
#: What a festival's clause may say takes place on it: a parade, fireworks, a show, a ceremony.
_FESTIVE = re.compile(r"巡游|汇演|烟花|表演|游行|庆典|晚会|灯会|庙会|花车|舞龙|舞狮|音乐会|仪式|举行|举办")
#: What a festival's name runs into when it names an event (元宵灯会, 春节联欢晚会, 国庆灯光秀):
#: part of the event's name, not the holiday's date, when the text dates the event itself.
_FESTIVAL_NAMES_EVENT = re.compile(
    r"节?(?:灯会|灯展|灯光秀|花灯|联欢|晚会|庙会|游园|花会|文艺|演出|音乐会|嘉年华|文化节|美食节|购物节|庆典"
    r"|主题|系列|专场|市集|大集|灯谜|烟花|焰火|汇演|巡游|展销|展览|长跑|马拉松|歌会|舞会|特别节目|活动)"
)
#: A day the text names on its own calendar: 2月8日, 二月八日, 2025-02-08, 正月十三.
_OWN_DATE = re.compile(
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|农历|正月|腊月|冬月"
)
#: A clause that reports rather than announces: 今天下午发布停气通知.
_REPORTING = re.compile(r"发布|宣布|表示|获悉|了解到|通报|消息")
