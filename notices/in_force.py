"""Days that rules or a contract take hold, and the day a notice itself went up: dates a notice
states for the record, not periods a subscriber acts in.

- a regulation's effective date (本办法自2024年6月1日起施行, "These Regulations come into force
  on"): the date of a document, dropped;
- the notice's own effective date (本通告自…起施行, "This Order takes effect on"): in a closure
  notice it is the start of the closure when nothing else dates it, so it is dropped only where
  another period of the notice runs that day, or the notice has no measure to date;
- a contract's or lease's start (合同自…起执行, 租期自…起, "the tenancy commences on"): terms;
- the notice's own posting (本公告于5月6日在…网站发布, "This notice was posted on 3 May");
- what kind of day a date is (8月19日是中国医师节, 1月28日为双休日).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.cues import cues
from notices.eligibility import date_start
from notices.first_chars import gated
from notices.model import Period

#: A document of rules, named by the notice as 本X: its effective date is a document's date.
_RULES = (
    r"(?:办法|规定|细则|条例|规例|附例|法规|法令|制度|规则|标准|规范|意见|决定|准则|守则|公约|章程|规程|指引"
    r"|实施方案)"
)
#: The notice itself: 本通告, 本公告.
_SELF = r"(?:通告|公告|通知|令)"
_IN_FORCE_BEFORE = re.compile(
    rf"(?:本(?:[^，,。；;\n]{{0,6}}?(?P<rules>{_RULES})|[^，,。；;\n]{{0,4}}?(?P<self>{_SELF}))"
    r"[^，,。；;\n\d]{0,8}?(?:自|从|于|由)?\s*$"
    # 修正「某某自治条例」，自113年6月1日施行: rules the notice makes or amends
    # (修正发布之「某某一览表」将于…开始施行: a list or table of rules, named after 之)
    rf"|(?P<made>(?:修正|修订|订定|制定|废止|发布|公布)之?[「《“][^」》”\n]{{1,40}}(?:{_RULES}|一览表|名录|目录|清单)[」》”])"
    r"[^。；;\n\d]{0,6}?(?:自|从|于)\s*$)"
)
_IN_FORCE_AFTER = re.compile(r"\s*(?:起|开始)?\s*(?:正式)?(?:施行|实施|执行|生效|试行)")
#: 本办法…有效期至2029年5月31日: how long the rules hold.
_VALID_UNTIL_BEFORE = re.compile(
    rf"本[^，,。；;\n]{{0,6}}?{_RULES}[^。；;\n]{{0,30}}有效期(?:限)?(?:为|至|到|截至)?\s*$"
)

_IN_FORCE_BEFORE_EN = re.compile(
    gated(
        r"(?i:\b(?:this|the|these)\s+(?:[a-z-]+\s+){0,2}?(?:(?P<rules>regulations?|rules|by-?laws?|act|amendments?|policy|ordinance)"
        r"|(?P<self>order|notice|notification|direction|directive|scheme))\b[^.;\n]{0,40}?"
        r"\b(?:takes?\s+effect|(?:will|shall)\s+take\s+effect|comes?\s+into\s+(?:force|operation|effect)"
        r"|(?:will|shall)\s+come\s+into\s+(?:force|operation|effect)"
        r"|(?:is|are|will\s+be|shall\s+be)\s+(?:effective|in\s+force|operative))\s+(?:on|from|as\s+(?:of|from))?\s*"
        r"|\b(?P<label>coming|came)\s+into\s+(?:force|operation)\s*:?\s*(?:on)?\s*)$"
    )
)

#: What a closure, an outage or a restriction says: a notice whose own effective day may be its plan.
_MEASURE = re.compile(
    r"停电|停水|停气|停暖|停热|供暖|供热|封闭|封路|断交|断道|管制|限行|禁行|禁止|绕行|停运|停航|停驶|暂停|闭馆|关闭|中断|改道"
    r"|(?i:clos(?:e|ed|ure)|suspen|interrupt|prohibit|diver(?:t|sion)|restrict|\bban(?:ned)?\b)"
)

#: A contract's or lease's term, named before its start: 合同自, 租期自, 租赁期限为.
_TERM_BEFORE = re.compile(
    gated(
        r"(?<!签订)(?<!签署)(?<!签)"
        r"(?:合同|合约|协议|租约|租期|租赁期限?|承包期限?|经营期限?|承租期限?|托管期限?|委托期限?|聘用期限?)"
        r"(?P<gap>[^。；;\n]{0,16}?)(?:自|从|由|为|[:：])\s*$"
    )
)
_TERM_AFTER = re.compile(r"\s*(?:起)?\s*(?:起租|计租|开始计租|开始计算租金)")
#: What a gap between the term and its day may not hold: another act's own words.
_ACT = re.compile(
    r"报名|投标|提交|竞价|竞租|竞买|开标|报价|看房|看样|踏勘|咨询|缴纳|缴款|签订|签约|截止|公示|[，,].*[，,]"
)
_TERM_BEFORE_EN = re.compile(
    gated(
        r"(?i:\b(?:tenancy|lease|licen[cs]e|contract|agreement|concession)(?:\s+(?:period|term))?\s+"
        r"(?:will\s+|shall\s+|is\s+to\s+|is\s+expected\s+to\s+)?(?:commence|start|begin|run)s?\s+(?:on|from)\s*"
        r"|\b(?:tenancy|lease|licen[cs]e|contract)\s+(?:period|term|commencement(?:\s+date)?)\s*"
        r"(?:is|:|will\s+be|shall\s+be)?\s*(?:from|on)?\s*"
        # a four-year contract on the upkeep of the district's roads starting on 1 April
        r"|\b(?:tenancy|lease|(?<!-)term|contract)\b[^.;\n]{0,80}?\b(?:commencing|starting|beginning)\s+(?:on|from)?\s*)$"
    )
)

#: What a tender asks of the winner, named before its day (计划工期：, 交货期：): the contract's time.
_WORK_TERM_BEFORE = re.compile(
    r"(?:工期|交货期|交付期|供货期|交货时间|供货时间|交付时间|实施期限|实施周期|服务期限|服务时间|服务周期"
    r"|履约期限|工程期限|开工日期|竣工日期|完工日期|开工时间|竣工时间|完工时间)(?:限)?(?:要求)?\s*(?:为|是)?\s*[:：]?\s*$"
)
#: A tender notice: what bidders do (投标截止, 开标), not a works notice naming its contractor.
_TENDER = re.compile(r"投标截止|开标|截标|递交投标|响应文件|报价截止|招标文件|采购文件")

#: The notice's own posting: 本公告于2024年5月6日在…网站发布 (never 本次…公示将于, a later notice
#: the public waits for).
_POSTED_BEFORE = re.compile(
    r"本(?![次轮期届])[^，,。；;\n]{0,8}?(?:公告|通告|通知|公示|启事|简章)\s*(?:已|将)?\s*(?:于|在)\s*$"
)
#: The same given as a field of the notice: 本公告…发布，发布日期为…, 公告发布时间为 (never
#: 结果公告发布时间为, a later notice).
_POSTED_FIELD = re.compile(
    r"(?:本(?![次轮期届])[^，,。；;\n]{0,8}?(?:公告|通告|通知|公示|启事)[^。；;\n]{0,30}?|(?<![\u4e00-\u9fff])公告)"
    r"(?:的)?(?:发布|刊登|刊发)(?:时间|日期)"
    r"\s*(?:为|是)\s*$"
)
_POSTED_AFTER = re.compile(
    r"\s*(?:[(（][^)）\n]{0,10}[)）])?\s*(?:同时|同步)?\s*(?:(?:在|于|通过)[^，,。；;\n]{0,30}?)?"
    r"(?:同时|同步)?(?:发布|刊登|刊载|登载|公布|张贴|挂网|发出)"
)
_OBJECTION = re.compile(r"异议|意见|objection")
_POSTED_BEFORE_EN = re.compile(
    gated(
        r"(?i:\b(?:this|the)\s+(?:notice|advertisement|announcement|notification)\b[^.;\n]{0,30}?"
        r"\b(?:was|is|has\s+been|will\s+be|shall\s+be|first)\s+(?:posted|published|issued|gazetted|advertised|"
        r"displayed|uploaded)\b[^.;\n]{0,30}?\bon\s*)$"
    )
)


#: What kind of day it is, said right after it (是第六个中国医师节, 为双休日), ending the clause.
_DAY_IS = re.compile(
    r"[^\S\n]*(?:[(（][^)）\n]{0,12}[)）])?[^\S\n]*(?:是|为)[^，,。；;\n]{0,16}?"
    r"(?:节|纪念日|双休日|休息日|周末|工作日|节假日)(?=[，,。；;\n]|$)"
)


def standing_reason(norm: str, period: Period, held: frozenset[str] | None = None) -> str | None:
    """Why a date is one rules or a contract take hold on, or the notice's own posting day; None
    otherwise (and for the notice's own effective day, which ``drop_in_force`` weighs). ``held`` is
    ``cues(norm)``: the checks whose words the text lacks are skipped."""
    if held is None:
        held = cues(norm)
    if period.span is None:
        return None
    begin, end = period.span
    if period.all_day and period.start == period.end and _DAY_IS.match(norm, end):
        return "standing"  # 8月19日是第六个中国医师节 / 1月28日为双休日: what kind of day it is
    at = date_start(norm, begin, end)
    lo = max(0, at - 60)
    force = _in_force(norm, period)
    if force == "rules":
        return "effective"  # 本办法自2024年6月1日起施行: the date of a document
    if force == "self" and not _MEASURE.search(norm):
        return "effective"  # 本通知自…起执行 in a notice that closes or stops nothing
    if "valid" in held and _VALID_UNTIL_BEFORE.search(norm, lo, at):
        return "effective"  # 本办法…有效期至2029年5月31日
    term = _TERM_BEFORE.search(norm, max(0, at - 24), at) if "term" in held else None
    if (term is not None and not _ACT.search(term.group("gap"))) or (
        "term" in held and _TERM_AFTER.match(norm, end)
    ):
        return "terms"  # 合同自2024年7月1日起执行, 租期自…起: the contract's own time
    if _WORK_TERM_BEFORE.search(norm, max(0, at - 14), at) and _TENDER.search(norm):
        return "terms"  # 计划工期：2024年6月1日至8月31日 in a tender: the winner's time
    if "latin" in held and _TERM_BEFORE_EN.search(norm, max(0, at - 120), at):
        return "terms"  # the tenancy commences on 1 July 2024
    posted = _POSTED_BEFORE.search(norm, max(0, at - 16), at) and _POSTED_AFTER.match(norm, end)
    if posted and (period.start == period.end or not _OBJECTION.search(norm)):
        return "posting"  # 本公告于2024年5月6日在某某网站发布: the notice's own day
    if period.start == period.end and _POSTED_FIELD.search(norm, lo, at):
        return "posting"  # 公告发布时间为2024年5月6日
    if "latin" in held and _POSTED_BEFORE_EN.search(norm, lo, at):
        return "posting"  # This notice was posted on 3 May 2024
    return None


def _in_force(norm: str, period: Period) -> str | None:
    """Whose effective day this is: a document's of rules ("rules"), the notice's own ("self"), or
    None."""
    if period.span is None or period.end not in (None, period.start):
        return None
    begin, end = period.span
    at = date_start(norm, begin, end)
    found = _IN_FORCE_BEFORE.search(norm, max(0, at - 60), at)
    if found is not None and _IN_FORCE_AFTER.match(norm, end):
        return "rules" if found.group("rules") or found.group("made") else "self"
    found = _IN_FORCE_BEFORE_EN.search(norm, max(0, at - 80), at)
    if found is not None:
        return "rules" if found.group("rules") else "self"
    return None


def drop_in_force(norm: str, periods: list[Period], tz: ZoneInfo) -> list[Period]:
    """The notice's own effective day (本通告自5月12日起施行, "This Order takes effect on") where
    another period of the notice runs that day: that period says the plan. A ban in force from a
    day, with a festival's exception weeks later, keeps its day."""
    own = [p for p in periods if _in_force(norm, p) == "self"]
    if not own:
        return periods
    others = [q for q in periods if all(q is not p for p in own)]
    return [p for p in periods if all(p is not q for q in own) or not any(_runs_on(q, p, tz) for q in others)]


def _runs_on(period: Period, day: Period, tz: ZoneInfo) -> bool:
    """Whether ``period`` runs on the day ``day`` starts."""
    if period.start is None or day.start is None:
        return False
    when, first = _local(day.start, tz), _local(period.start, tz)
    if period.end is None:
        return first == when
    return first <= when <= _local(period.end, tz)


def _local(value: date | datetime, tz: ZoneInfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value
