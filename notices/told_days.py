"""How a report tells the day it was written or put out, not a day to plan around: its dateline
(本报讯…6月12日, 新华社北京5月8日电), the day a reporter learned something (记者5月8日获悉), the day a
notice was issued or a reminder given (12月4日，某公司发布停电通知; today (September 28) reminded
the public; The Government gazetted today (January 21)), and the paper it was put out in."""

from __future__ import annotations

import re

from notices.first_chars import gated

#: The date a report is filed under: 本报讯（记者 王丽）6月12日, 新华社北京5月8日电.
_DATELINE_BEFORE = re.compile(
    gated(
        r"(?i:ends\s*/\s*|issued\s+(?:at|on)\s+[^\n]{0,12}|\b(?:said|announced|stated|told reporters)\s+)$"
        r"|(?:讯|电|訊|電)\s*(?:[（(][^）)]{0,30}[）)])?\s*$|记者[^，。,\n]{0,12}$|(?:^|[，,。])\s*据[^，。,]{0,10}$"
    )
)


#: A date the reporter learned something on: 记者5月8日获悉 / 从…了解到, also when the date opens the
#: sentence (11月16日，某某网记者从市水务集团获悉).
_REPORTING_AFTER = re.compile(
    r"\s*(?:电(?![话力费网线])|消息|讯|报导|报道|[^，。,\n]{0,20}(?:获悉|了解到)|(?:宣布|表示|宣称|指出|透露|介绍|称)[,，:：]"
    r"|(?:获报|接报|接获报案|报案|报警)"
    r"|[,，]\s*[^，。,\n]{0,16}记者[^，。,\n]{0,24}(?:获悉|了解到|获知|得知))"
)


#: The day a notice was issued or a reminder given, told right after that day (发布…通知, 发布《…》).
_TOLD_AFTER = re.compile(
    r"[)）]?\s*(?:[(（][^)）]{0,20}[)）])?\s*[,，]?\s*(?:[^，。,\n]{0,24}(?:发布|发出|下发|送达|印发)"
    r"(?:[^，。,\n]{0,12}(?:通知|公告|通告|消息|新闻稿|新闻|文告|声明|招标|采购)|\s*《[^》\n]{0,80}》)"
    r"|(?<=[)）\d日天])[)）]?\s*(?:[,，]\s*[^，。,\n\d]{0,16}?)?(?:再次|再度)?(?:提醒|呼吁|吁请|促请)"
    r"|(?i:(?:reminded|announced|said|stated|warned|urged|advised)\b))"
)


#: A date naming the paper it was put out in: in a Dec. 15 press release, 在12月15日的新闻稿中.
_DOCUMENT_AFTER = re.compile(
    r"(?i:\s*(?:press|media|news)\s+(?:release|statement|briefing|conference)|\s*(?:statement|circular|advisory)\b)"
    r"|\s*(?:发布|发出|发表|刊发)?的\s*(?:新闻稿|新闻公报|文告|声明|通告|公告|通知)"
)


#: An English sentence telling what someone said or put out, or that people were given notice.
_REPORTED_EN = re.compile(
    r"(?i)\b(?:said|stated|announced|read|posted|reported|told|added|noted|notified|informed|alerted)\b"
    r"|\b(?:given|served|issued|sent)\s+(?:[a-z]+\s+){0,2}(?:notice|warning|reminder)s?\b"
)


#: An English act of putting the notice out, right before its day: gazetted today, announced on.
_TOLD_BEFORE_EN = re.compile(
    r"(?i:\b(?:gazetted|announced|reminded|published|issued|released|said|stated)\s+(?:on\s+)?)$"
)


#: A period said as the notice's own day: today, 今日, 今天.
_OWN_DAY = re.compile(r"\s*(?i:today\b)|\s*今[日天]")
