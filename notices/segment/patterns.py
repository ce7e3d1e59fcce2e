"""The shapes of newspaper lines as patterns: dates alone, news openings and credits, captions,
enumerations, labels, page furniture, notice words, title and organisation endings."""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


_CJK_RE = re.compile(f"[{_CJK}]")


#: Marks that end a sentence: a line ending with one does not continue on the next line.
_SENTENCE_END = "。！？!?；;"


_CLOSERS = "”’」』）)】"


_CLOSED_SENTENCE = re.compile(r"[。！？!?；;][”’」』）)】]+$|[。！？!?]\s*[（(][^（）()]{1,20}[）)]$")


#: Punctuation inside running text; a line holding any is prose, not a title or an issuer.
_PROSE_PUNCT = re.compile(r"[，,。；;！!？?]")


_ANY_SPACE = re.compile(r"[ \t\u3000\u00a0]")


_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


#: A space between Chinese and a digit or Latin letter, in a line whose spaces are single " "
#: (cleaning collapses them first): opening on the space lets the scan jump from space to space
#: instead of trying a lookbehind at every character.
_SPACE_AROUND_DIGIT = re.compile(rf" (?:(?<=[{_CJK}] )(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%] )(?=[{_CJK}]))")


#: A Chinese character standing alone between spaces: one letter of a spaced title.
_SINGLE_CJK_TOKEN = re.compile(rf"(?<![^ ])[{_CJK}](?![^ ])")


_CJK_GAP = re.compile(rf"[{_CJK}][ \t\u3000\u00a0]+[{_CJK}]")


_CN_DIGIT = "〇零一二三四五六七八九十"


#: A line that holds nothing but a date: the date half of a signature.
_DATE_LINE = re.compile(
    rf"^(?:(?:中华民国|民国)?(?P<ry>\d{{2,3}})\s*年\s*(?P<rm>\d{{1,2}})\s*月\s*(?P<rd>\d{{1,2}})\s*日"
    rf"|(?P<y>\d{{4}})\s*[年./\-]\s*(?P<m>\d{{1,2}})\s*[月./\-]\s*(?P<d>\d{{1,2}})\s*日?"
    rf"|(?P<cy>[{_CN_DIGIT}○]{{4}})\s*年\s*(?P<cm>[{_CN_DIGIT}]{{1,3}})\s*月\s*(?P<cd>[{_CN_DIGIT}]{{1,3}})\s*日)"
    r"\s*(?:[（(]\s*(?:星期|周)[一二三四五六日天]\s*[）)])?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$"  # a web page's time stamp: 2026-02-06 15:49
)


_NEWS_START = re.compile(
    r"^(?:本报讯|本報訊|本报[^\s，。]{0,14}讯|本報[^\s，。]{0,14}訊|新华社[^\s，。]{0,16}电|新華社[^\s，。]{0,16}電"
    r"|【[^】]{0,12}(?:讯|訊|报道|報導)】|据[^\s，。]{0,10}(?:报道|消息)"
    r"|[^\s，。]{2,12}(?:融媒体中心|融媒|新闻中心|电视台|日报|晚报|新闻网|客户端)(?:讯|訊))"
)


_CREDIT = re.compile(
    r"(?:[（(]本稿件由[^）)]*[）)]?|[（(](?:本报)?(?:记者|通讯员|記者|通訊員)[^）)]{0,20}[）)]|[（(](?!星期|周[一二三四五六日天]|礼拜)[\u4e00-\u9fff]{2,3}[）)])$"
)


_CREDIT_START = re.compile(r"^[（(]本稿件由")


_CAPTION = re.compile(r"(?:记者|通讯员|記者|通訊員|摄影|攝影)[^。，]{0,20}(?:摄|攝)$|(?:摄|攝)\s*$")


_CAPTION_SOURCE = re.compile(r"记者|通讯员|記者|通訊員|摄影|攝影|本报")


_NEWS_MARK = re.compile(r"记者|通讯员|記者|通訊員")


_STRONG_CAPTION = re.compile(r"(?:记者|通讯员|記者|通訊員|摄影|攝影)[^。，,]{0,20}(?:摄|攝)$")


_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．)）](?!\d))"
)


_LABEL = re.compile(rf"^[{_CJK}]{{2,8}}\s*[：:]")


#: An English field line: a capitalised name of one to three words, a colon, then its value
#: (Date: … / Time: … / Venue: … / Affected areas: …). It starts a paragraph and titles nothing,
#: whatever notice word its value holds.
_EN_LABEL = re.compile(r"[A-Z][A-Za-z/&()-]*(?: [a-z][A-Za-z/&()-]*| of| and| [A-Z][a-z]+){0,5}\s*:\s*\S")


#: A row of a flattened table, its cells apart by bars (| Area | Period |): it ends at its line.
_TABLE_ROW = re.compile(r"[^|\n]*\|[^|\n]*\|")


#: An English page's tags and links printed around an article (Back to top, Share | Print, a
#: breadcrumb Home > News): no text of any notice.
_EN_PAGE_TAG = re.compile(
    r"(?i:(?:(?:back\s+to\s+(?:the\s+)?(?:top|previous\s+page|list|index|home|search\s+results|notices|news"
    r"|(?:press|media)\s+releases|announcements)|top\s+of\s+(?:the\s+)?page"
    r"|share(?:\s+this(?:\s+(?:page|article|story|notice|post))?)?"
    r"|print(?:\s+this\s+page)?|e-?mail|facebook|twitter|whatsapp|telegram|linkedin|copy\s+link"
    r"|bookmark|font\s+size|text\s+size|a-|a\+|top)\s*[|/·•]?\s*)+"
    r"|home\s*(?:[>›»]\s*[^>›»|]{1,40}?\s*)+)"
)


#: Page furniture: mastheads, page numbers, column headers, editor credits, breadcrumbs,
#: press-release footers. Never part of a notice, and glued to the title below it they
#: spoil it ("第3版公告栏停电公告"), so such lines are dropped like blank lines.
_PAPER = r"[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|商报|都市报|早报|晨报|新闻|公报)"


_WEEKDAY_BARE = r"(?:星期|礼拜|周)[一二三四五六日天]"


_PAGE_NO = r"(?:第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[A-D]\s?\d{1,2}(?:版)?)"


_FURNITURE = re.compile(
    rf"^(?:{_PAPER}|{_PAGE_NO}|公告栏|公告专栏|分类广告|广告|分类信息|便民信息|完"
    rf"|(?:责任编辑|编辑|美编|校对|组版|版式|审核|值班编辑|版面设计)(?:\s*[:：]|\s)\s*[^\s:：]{{1,12}}"
    rf"(?:\s+(?:责任编辑|编辑|美编|校对|组版|版式|审核)(?:\s*[:：]|\s)\s*[^\s:：]{{1,12}})*"
    rf"|香港时间\s*\d{{1,2}}时\d{{1,2}}分"
    rf"|[\u4e00-\u9fff]{{2,4}}(?:\s*[·•]\s*[\u4e00-\u9fff]{{2,4}})+"
    rf"|.{{0,30}}第\s*\d+\s*卷\s*第\s*\d+\s*期)$"
    rf"|^(?:{_PAPER})?\s*\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:{_WEEKDAY_BARE})?"
    rf"(?:\s*{_PAGE_NO})?(?:\s*(?:公告栏|公告|广告|分类广告|公示公告|专版|[\u4e00-\u9fff]{{2,4}}版))?$"
    rf"|^[^。，；！？]{{0,40}}\s*>\s*[^。，；！？]{{1,40}}\s*>\s*[^。，；！？]{{1,40}}$"
)


#: How furniture lines end (or what they hold: >, ·, 编, 版, 校对, 审核): pages have hundreds of
#: lines, and most need no look at the full pattern.
_FURNITURE_LAST = frozenset("报版栏告息完分期核0123456789一二三四五六日天")


_FURNITURE_MARK = re.compile(r"[>·•编版]|校对|审核")


#: The characters ``_FURNITURE_MARK`` needs one of: a single class scans several times faster
#: than the alternation, so it rules out nearly every line first.
_FURNITURE_MARK_CHAR = re.compile(r"[>·•编版校审]")


_CLOSING = re.compile(r"^特此(?:公告|通告|通知|公示|告知|声明|說明|说明|函告)[。.!！]?$")


#: What a notice calls itself (公告, 通知, 启事, 招聘): the head of both lists below.
_DOCUMENT_TYPES = (
    "公告",
    "通告",
    "通知",
    "公示",
    "启事",
    "启示",
    "声明",
    "预告",
    "告知书",
    "公开信",
    "须知",
    "招租",
    "出租",
    "招聘",
)

#: Words that name a notice's document type or subject; a title holds at least one.
NOTICE_WORDS = (
    *_DOCUMENT_TYPES,
    "人才引进",
    "引进",
    "招录",
    "招考",
    "招标",
    "采购",
    "拍卖",
    "出让",
    "征求意见",
    "意见征集",
    "简章",
    "封路",
    "停电",
    "停水",
    "停气",
    "暂停供",
    "停止供",
    "停暖",
    "供热",
    "供暖",
    "交通管制",
    "公众咨询",
    "公告栏",
    "转让",
    "招生",
    "征兵",
    "听证",
)


_NOTICE_WORD = re.compile("|".join(NOTICE_WORDS))


#: Endings of a title line (the document type), optionally numbered: 公告（第3号）.
_TITLE_ENDS = (
    *_DOCUMENT_TYPES,
    "招标",
    "拍卖",
    "公示表",
    "提示",
    "函",
    "简章",
    "公报",
    "公众咨询",
    "征求意见",
    "转让",
)


_TITLE_END = re.compile(
    rf"(?:{'|'.join(map(re.escape, _TITLE_ENDS))})(?:[（(]第?[\d一二三四五六七八九十〇]+号?[）)])?$"
)


#: Endings of an organisation's name, for issuer lines above a signature date.
_ORG_END = re.compile(
    r"(?:公司|集团|局|署|委员会|委|政府|办公室|办|中心|银行|支行|分行|所|院|校|学校|大学|医院|站|队|支队|大队|"
    r"办事处|社区|村委会|居委会|协会|学会|商会|厂|处|部|科|馆|会|室|组|指挥部|合作社|中学|小学|幼儿园|"
    r"党委|党组|法院|检察院|公安局|供电公司|分公司|中心站|管理所|服务中心|场|台|社|行|店)"
    r"(?:[（(](?:盖章|章|印)[）)])?$"
)


#: A line opening with some text twice over: the first sign of a doubled caption.
_DOUBLED_START = re.compile(r"(\S+?)\1")


_RUNS = re.compile(r"[。，、；：！？,.;:!?“”\"'‘’（）()]+|[^。，、；：！？,.;:!?“”\"'‘’（）()\s]+")


_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


_EN_MONTH = r"(?P<{}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"


_EN_DATE_LINE = re.compile(
    rf"^(?:(?P<d1>\d{{1,2}})\s+{_EN_MONTH.format('m1')},?\s+(?P<y1>\d{{4}})"
    rf"|{_EN_MONTH.format('m2')}\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))"
    r"\s*(?:\(\s*[a-z]+\s*\))?$"
)


#: An English heading naming a notice ("Public Notice: Water Supply Suspension").
_EN_TITLE = re.compile(
    r"\b(?:notice|announcement|notification|road closure|suspension|tender|auction|recruitment"
    r"|for (?:rent|lease)|to let|public consultation|public hearing|traffic arrangement"
    r"|(?:water|power|electricity|gas) (?:supply )?(?:interruption|outage|cut))s?\b"
)


#: An English organisation name, as signed under a bilingual or English notice.
_EN_ORG = re.compile(
    r"^[A-Z][A-Za-z&'(). -]{2,70}\b(?:Department|Bureau|Office|Company|Limited|Ltd\.?|Council|Authority"
    r"|Commission|Board|Centre|Center|Services|Corporation|Government|Police|Force|Administration)$"
)


#: Characters that end place and organisation names; no name starts with one.
_NAME_ENDS = frozenset("路街道巷号段处区村镇乡屯组室部局所院厂司")


#: A line ending in one of these is unfinished: a date on the next line completes it
#: ("封闭期限：2022年6月1日至" / "2022年6月20日") instead of starting a signature.
_OPEN_END = "至到起止-~：:，,、（(《“"
#: An English line that ends unfinished ("12 p.m. on", "from"), and the letters such a line ends
#: on, the cheap test before the pattern.
_EN_OPEN_END = re.compile(r"(?i:\b(?:on|at|from|to|until|till|by|of)$)")
_EN_OPEN_LAST = frozenset("ntmolyf")


#: "采购人：某医院" above a signature date: the issuer, named with its role in the matter.
_ROLE = re.compile(
    r"^(?:采购人|采购单位|招标人|招标单位|(?:采购|招标)?代理机构|代理单位|发布单位|发布机关|出租方|出租人"
    r"|拍卖人|委托人|委托方|建设单位|发包人|出让人|公示单位|主办单位|承办单位)\s*[:：]\s*"
)


_NEWS_FIRST = frozenset("本新【据")


#: Last characters of a title line: its document-type endings' and a closing bracket.
_TITLE_LAST = frozenset(w[-1] for w in _TITLE_ENDS) | frozenset("）)")


_CN_DATE_FIRST = frozenset(_CN_DIGIT + "○")


_DATE_FIRST = frozenset("0123456789") | _CN_DATE_FIRST | frozenset("中民")  # 中華民國111年…


_EN_MONTH_FIRST = frozenset("JFMASOND")


_ENUM_FIRST = frozenset("一二三四五六七八九十(（0123456789")


#: Marks a line cannot start with: it is the tail of the line above.
_CONTINUING = "，,。.、；;：:！!？?）)」』”’》】"


_RANGE_TAIL = re.compile(r"[至到~-]\s*[\d〇零一二三四五六七八九十]|\d{1,2}\s*日")


#: A date cut after its year or month ("报名时间：2022年6月" / "29日…"): the line goes on.
_OPEN_DATE = re.compile(r"[\d〇零一二三四五六七八九十]\s*[年月]$|[至到]$")


_OPEN_MARKS = "：:、，,（(“‘《—-"


#: Last characters that say something about a paragraph end; _OPEN_DATE ends in 年月至到.
_TELLING_ENDS = frozenset(_SENTENCE_END + _CLOSERS + _OPEN_MARKS + "年月至到")


#: The register of notices: requests and instructions to the public, set formulae.
_NOTICE_CUES = re.compile(
    r"请(?:广大|过往|各位|有关|相关|沿线|周边|用户|居民|市民|提前|于|在|及时|自行|按时|携带|有意|符合|注意|绕行)"
    r"|敬请|特此|予以公示|现予|现将|现就|现面向|现对|兹|定于|届时|如有异议|周知|不便|谅解|禁止|严禁|不得"
    r"|报名|咨询电话|联系电话|联系人"
)


#: The register of news reports: bylines, attributions, reporting phrases.
_NEWS_CUES = re.compile(
    r"记者|通讯员|記者|通訊員|本报|新华社|据了解|据介绍|据悉|表示|介绍说|说:|近日|日前|截至目前|以来|累计"
    r"|下一步|活动中|会上|会议要求|会议指出|强调"
)

#: The words a field's name ends with: 封闭时间, 施工路段, 温馨提示, 报名方式; and a flattened
#: outage table's column heads (停电线路, 停电设备, 检修内容).
_FIELD_NAME = re.compile(
    r"^[\u4e00-\u9fff]{0,6}(?:时间|日期|期限|时段|期间|地点|范围|路段|区域|提示|须知|方式|对象|事项|措施|说明"
    r"|线路|设备|台区|内容)$"
)

#: How a press release or a report of one opens: 记者从…了解到, 运输署宣布, 据…消息.
_RELEASE_LEAD = re.compile(
    r"记者(?:从|昨|今|近日)|据[^，。]{1,12}(?:消息|通报|介绍)|[^，。,]{2,12}(?:宣布|公布|发布消息)[，,:：]"
)

#: A page's metadata: when it was posted, where from, how often read. (Each alternative opens with
#: its own character, so the engine scans for those.)
_META_LINE = re.compile(
    r"发布(?:时间|日期)[:：]|更新(?:时间|日期)[:：]|来源[:：]|浏览(?:量|次数)?[:：]|阅读(?:量|数)[:：]"
    r"|点击(?:量|数)?[:：]"
)


#: What a cleaned line's first character, last character or any character must be for a line
#: rule other than the paragraph-end marks to apply (besides a digit first, and a short line
#: without punctuation): news openings, dates, enumerations, 特此, credits and English titles
#: start with the first; furniture, captions and titles end with the second; labels, metadata,
#: news marks and furniture marks hold one of the third. ``_lines`` lets every other line skip
#: those rules, so a new rule in it must add what sets it off here.
_RULE_FIRST = (
    _NEWS_FIRST | _DATE_FIRST | _EN_MONTH_FIRST | _ENUM_FIRST | frozenset("特(ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
_RULE_LAST = _FURNITURE_LAST | frozenset("摄攝") | _TITLE_LAST
_RULE_CHAR = re.compile(r"[:：讯>·•编版校审]")


#: The ``_PROSE_PUNCT`` marks a normalised line can end with: it is prose without a scan.
_PROSE_LAST = frozenset(",。;!?")
