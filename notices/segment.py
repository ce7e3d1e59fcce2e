"""Cut a PDF-extracted newspaper page into items: notices, news reports and loose text.

PDF text loses the layout: column lines break mid-phrase, blank lines fall anywhere, a
notice's title is often printed *after* its body and signature, titles are letter-spaced
and photo captions come out doubled. The segmenter therefore works on structure that
survives extraction, not on blank lines:

* lines are cleaned (captions de-doubled, letter-spacing collapsed) and rejoined into
  paragraphs unless a break falls at a sentence end or before a structural line;
* a *signature* (issuer line(s) directly above a bare date line) ends a notice's body;
* ``本报讯`` / ``新华社…电`` open a news report, credits (``（本稿件由…）``, ``（记者 …）``,
  ``… 摄``) close one;
* short unpunctuated lines are titles (with a notice word) or headlines (without one).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from enum import Enum

from notices.dates.vocabulary import ROC_OFFSET
from notices.normalize import normalize

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
_SPACE_AROUND_DIGIT = re.compile(
    rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \t\u3000\u00a0]+(?=[{_CJK}])"
)

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


def is_furniture(norm: str) -> bool:
    """Whether a line is page furniture rather than text (see ``_FURNITURE``).

    A bare date line is a signature's date, not furniture: it needs a paper's name, an
    unbracketed weekday, a page number or a column name beside it.
    """
    if len(norm) > 60 or _FURNITURE.match(norm) is None:
        return False
    if date_line_value(norm) is not None:
        return False
    return not (norm[0].isdigit() and not re.search(rf"{_WEEKDAY_BARE}|版|[A-D]\s?\d|公告|广告", norm))


_CLOSING = re.compile(r"^特此(?:公告|通告|通知|公示|告知|声明|說明|说明|函告)[。.!！]?$")

#: Words that name a notice's document type or subject; a title holds at least one.
NOTICE_WORDS = (
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


class Kind(Enum):
    """What a paragraph is, as far as its shape tells."""

    BODY = "body"
    TITLE = "title"
    HEADLINE = "headline"
    SIGN_ORG = "sign_org"
    SIGN_DATE = "sign_date"
    CLOSING = "closing"
    CAPTION = "caption"
    CREDIT = "credit"


@dataclass(slots=True)
class Para:
    """A rebuilt paragraph: ``text`` as printed (cleaned), ``norm`` for matching."""

    text: str
    kind: Kind
    norm: str = ""
    news_start: bool = False
    credit_end: bool = False
    closed: bool = False
    gap_before: bool = False


@dataclass(slots=True)
class Item:
    """One piece of a page: a notice, a news report or loose text."""

    title: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)
    news: bool = False
    title_after: bool = False

    @property
    def has_body(self) -> bool:
        return any(p.kind in (Kind.BODY, Kind.CLOSING) for p in self.body)


# ---------------------------------------------------------------- line cleaning


def _is_doubled(run: str) -> bool:
    half = len(run) // 2
    return len(run) % 2 == 0 and run[:half] == run[half:]


#: A line opening with some text twice over: the first sign of a doubled caption.
_DOUBLED_START = re.compile(r"(\S+?)\1")
_RUNS = re.compile(r"[。，、；：！？,.;:!?“”\"'‘’（）()]+|[^。，、；：！？,.;:!?“”\"'‘’（）()\s]+")


def dedouble(line: str) -> str:
    """Undo the doubled text PDF extraction gives photo captions ("摄摄" → "摄").

    A line qualifies only when *every* run (text and punctuation, between spaces) is
    an exact repeat and the repeats cover at least six characters, so ordinary text
    such as "谢谢" or "看看" is never touched.
    """
    # A doubled first run repeats the line's first character further on, and six
    # repeated characters need a line of six: nearly every line stops here, regex-free.
    if len(line) < 6 or line.find(line[0], 1) < 0 or _DOUBLED_START.match(line) is None:
        return line
    first = _RUNS.match(line)
    if first is None or not _is_doubled(first.group(0)):
        return line
    runs = _RUNS.findall(line)
    if len(runs) < 2 or not all(_is_doubled(r) for r in runs):
        return line
    if sum(len(r) for r in runs) < 6:
        return line
    return _RUNS.sub(lambda m: m.group(0)[: len(m.group(0)) // 2], line)


def despace(line: str) -> str:
    """Collapse letter-spacing ("出 租" → "出租") and the gaps PDF puts around numbers.

    A line counts as letter-spaced when most of its space-separated tokens are single
    characters; otherwise spaces between Chinese words stay (a two-part headline keeps
    its gap) and only spaces between Chinese and digits/Latin go.
    """
    return _despaced(_SPACES.sub(" ", line.strip()))


def _despaced(line: str) -> str:
    """despace for a stripped line whose space runs are single " " already."""
    tokens = line.count(" ") + 1
    if tokens >= 2 and len(_SINGLE_CJK_TOKEN.findall(line)) * 10 >= tokens * 6:
        return line.replace(" ", "")
    return _SPACE_AROUND_DIGIT.sub("", line)


def clean_line(line: str) -> str:
    stripped = line.strip()
    if _ANY_SPACE.search(stripped) is None:
        return dedouble(stripped)
    if "\t" in stripped:
        # a tab separates the columns of a table ("2022年6月14日\t7:00-19:00\t城关镇…"): cells
        # are cleaned one by one and stay apart
        return " ".join(cell for cell in (clean_line(c) for c in stripped.split("\t")) if cell)
    # undoubling halves text runs and keeps the single spaces between them
    return _despaced(dedouble(_SPACES.sub(" ", stripped)))


# ---------------------------------------------------------------- line shapes


def date_line_value(norm: str) -> tuple[int, int, int] | None:
    """(year, month, day) when the whole line is a date, as under a signature
    ("2022年5月10日", "二〇二二年五月十日", "16 May 2022", "May 16, 2022")."""
    m = _DATE_LINE.match(norm.replace(" ", ""))
    if m is None:
        return _en_date_line(norm)
    if m.group("y"):
        return int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if m.group("ry"):
        roc = int(m.group("ry"))
        if roc < 100 and "民国" not in norm:
            return None  # 22年5月10日: a two-digit year is read only after 民國
        return roc + ROC_OFFSET, int(m.group("rm")), int(m.group("rd"))
    year = int("".join(str(_cn_digit(c)) for c in m.group("cy")))
    return year, _cn_number(m.group("cm")), _cn_number(m.group("cd"))


_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_MONTH = r"(?P<{}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_EN_DATE_LINE = re.compile(
    rf"^(?:(?P<d1>\d{{1,2}})\s+{_EN_MONTH.format('m1')},?\s+(?P<y1>\d{{4}})"
    rf"|{_EN_MONTH.format('m2')}\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))"
    r"\s*(?:\(\s*[a-z]+\s*\))?$"
)


def _en_date_line(norm: str) -> tuple[int, int, int] | None:
    m = _EN_DATE_LINE.match(norm.lower())
    if m is None:
        return None
    day, month, year = (
        (m.group("d1"), m.group("m1"), m.group("y1"))
        if m.group("d1")
        else (
            m.group("d2"),
            m.group("m2"),
            m.group("y2"),
        )
    )
    return int(year), _EN_MONTHS.index(month[:3]) + 1, int(day)


def _cn_digit(ch: str) -> int:
    return 0 if ch in "〇零○" else "一二三四五六七八九".index(ch) + 1


def _cn_number(text: str) -> int:
    if "十" not in text:
        return int("".join(str(_cn_digit(c)) for c in text))
    tens, _, units = text.partition("十")
    return (_cn_digit(tens) if tens else 1) * 10 + (_cn_digit(units) if units else 0)


def is_title_line(norm: str) -> bool:
    """A short unpunctuated line naming a notice type: "封路公告", "出租", "关于…的通告"."""
    if not norm or len(norm) > 40 or norm[-1] in "：:":
        return False
    if not (
        norm.endswith(_TITLE_ENDS)
        or (norm[-1] in "）)" and _TITLE_END.search(norm) is not None)
        or (len(norm) <= 8 and _NOTICE_WORD.search(norm) is not None)
    ):
        return False
    return not (
        _PROSE_PUNCT.search(norm)
        or _CLOSING.match(norm)
        or _LABEL.match(norm)
        or _ENUM.match(norm)
        or norm.startswith(("特此", "现将", "现就"))
    )


#: An English heading naming a notice ("Public Notice: Water Supply Suspension").
_EN_TITLE = re.compile(
    r"\b(?:notice|announcement|notification|road closure|suspension|tender|auction|recruitment"
    r"|for (?:rent|lease)|to let|public consultation|public hearing)s?\b"
)
#: An English organisation name, as signed under a bilingual or English notice.
_EN_ORG = re.compile(
    r"^[A-Z][A-Za-z&'(). -]{2,70}\b(?:Department|Bureau|Office|Company|Limited|Ltd\.?|Council|Authority"
    r"|Commission|Board|Centre|Center|Services|Corporation|Government|Police|Force|Administration)$"
)


def _is_en_org(norm: str) -> bool:
    return bool(norm) and "A" <= norm[0] <= "Z" and _EN_ORG.match(norm) is not None


def _is_en_title(norm: str) -> bool:
    """A short English line without a closing full stop that names a notice."""
    return len(norm) <= 80 and not norm.endswith(".") and _EN_TITLE.search(norm.lower()) is not None


def is_org_line(norm: str) -> bool:
    """An issuer's name: short, unpunctuated, not a title, not a label."""
    if norm and "A" <= norm[0] <= "Z":
        return _EN_ORG.match(norm) is not None
    if not norm or len(norm) > 40 or _PROSE_PUNCT.search(norm) or _LABEL.match(norm) or _ENUM.match(norm):
        return False
    if _TITLE_END.search(norm) or re.search(r"[：:]", norm):
        return False
    return _CJK_RE.search(norm) is not None


def is_org_name(norm: str) -> bool:
    if norm and "A" <= norm[0] <= "Z":
        return _EN_ORG.match(norm) is not None
    return is_org_line(norm) and _ORG_END.search(norm.replace(" ", "")) is not None


def _is_joint_issuer(norm: str) -> bool:
    """A second issuer line: a full organisation name, not the wrapped tail of the line
    above ("…福寿 / 社区", "…福镇大 / 路交汇处"), which opens with a name's last character."""
    return len(norm) >= 4 and norm[0] not in _NAME_ENDS and is_org_name(norm)


def _cut_label(norm: str) -> bool:
    """A "报名地址：人民大街与福镇" line: a label whose value stops mid-name, so the next
    line finishes it."""
    return _LABEL.match(norm) is not None and _CJK_RE.match(norm[-1]) is not None


#: Characters that end place and organisation names; no name starts with one.
_NAME_ENDS = frozenset("路街道巷号段处区村镇乡屯组室部局所院厂司")


def _is_heading_like(norm: str) -> bool:
    return bool(norm) and len(norm) <= 60 and not _PROSE_PUNCT.search(norm) and not _LABEL.match(norm)


# ---------------------------------------------------------------- paragraphs


@dataclass(slots=True)
class _Line:
    text: str
    norm: str
    date: bool = False
    sign_org: bool = False
    title: bool = False
    spaced: bool = False
    gap_before: bool = False
    news: bool = False
    label: bool = False
    enum: bool = False
    prose: bool = False
    marked: bool = False
    #: Starts a paragraph of its own whatever the line above was: any flag from
    #: ``date`` to ``marked`` but ``spaced``, ``gap_before`` and ``prose``.
    structural: bool = False
    #: Whether a paragraph ends with this line: ``_ends_by_mark``, then (for None)
    #: the line's width, settled in ``paragraphs`` once the column width is known.
    ends: bool | None = None


#: A line ending in one of these is unfinished: a date on the next line completes it
#: ("封闭期限：2022年6月1日至" / "2022年6月20日") instead of starting a signature.
_OPEN_END = "至到起止-~：:，,、（(《“"


def _lines(text: str) -> list[_Line]:
    """Cleaned lines with their shape.

    A page has hundreds of lines and a Python call costs as much as a regex scan, so
    the loop calls out only where a character test says a rule can apply: the inner
    space that letter-spacing needs, the repeated first character a doubled caption
    needs, the first character of a news opening, a date or an enumeration.
    """
    out: list[_Line] = []
    gap = False
    raws = text.splitlines()
    norms = normalize(text).splitlines()
    if len(norms) != len(raws):
        norms = [normalize(r) for r in raws]
    after_open = False  # the line above ends unfinished ("封闭期限：2022年6月1日至")
    for raw, norm_raw in zip(raws, norms, strict=True):
        cleaned = raw.strip()
        if not cleaned:
            gap = True
            continue
        # normalising turns every space kind into " ", so one test finds spaced lines
        spaced = " " in norm_raw or "\t" in norm_raw
        if spaced or (
            len(cleaned) >= 6 and cleaned.find(cleaned[0], 1) > 0 and _DOUBLED_START.match(cleaned)
        ):
            cleaned, norm = _cleaned(raw, norm_raw)
            if not cleaned:
                gap = True
                continue
        else:
            norm = norm_raw.strip()  # whitespace maps to whitespace: the same slice as cleaned
        if (norm[-1] in _FURNITURE_LAST or _FURNITURE_MARK.search(norm) is not None) and is_furniture(norm):
            gap = True
            continue
        first, last = norm[0], norm[-1]
        news = (first in _NEWS_FIRST or norm.find("讯", 2, 20) > 0) and _NEWS_START.match(norm) is not None
        date = (
            not after_open
            and (first in _DATE_FIRST or first.isdigit() or first in _EN_MONTH_FIRST)
            and len(norm) <= 30
            and date_line_value(norm) is not None
        )
        prose = _PROSE_PUNCT.search(norm) is not None
        label = ":" in norm[:10] and _LABEL.match(norm) is not None
        enum = first in _ENUM_FIRST and _ENUM.match(norm) is not None
        marked = (
            (first == "特" and _CLOSING.match(norm) is not None)
            or (first == "(" and norm.startswith("(本稿件由"))
            or (last in "摄攝" and _STRONG_CAPTION.search(norm) is not None)
        )
        title = (
            not date
            and not prose
            and (
                ((last in _TITLE_LAST or len(norm) <= 8) and is_title_line(norm))  # its endings, cheaply
                or ("A" <= first <= "Z" and _is_en_title(norm))
            )
        )
        line = _Line(
            cleaned,
            norm,
            date,
            False,
            title,
            spaced and not news and _CJK_GAP.search(raw) is not None,
            gap,
            news,
            label,
            enum,
            prose,
            marked,
            date or title or news or enum or label or marked,
            # a table row (its cells apart by tabs) ends at its line
            True
            if spaced and "\t" in raw.strip()
            else _ends_by_mark(norm, last)
            if last in _TELLING_ENDS
            else None,
        )
        gap = False
        after_open = last in _OPEN_END
        out.append(line)
    for i, line in enumerate(out):
        if line.date:
            _mark_issuers(out, i)
    return out


def _cleaned(raw: str, norm_raw: str) -> tuple[str, str]:
    """The cleaned line (see ``clean_line``) and its normalised twin."""
    cleaned = clean_line(raw)
    lead = len(raw) - len(raw.lstrip())
    if raw[lead : lead + len(cleaned)] == cleaned:
        return cleaned, norm_raw[lead : lead + len(cleaned)]  # cleaning only stripped the ends
    return cleaned, normalize(cleaned)


#: "采购人：某医院" above a signature date: the issuer, named with its role in the matter.
_ROLE = re.compile(
    r"^(?:采购人|采购单位|招标人|招标单位|(?:采购|招标)?代理机构|代理单位|发布单位|发布机关|出租方|出租人"
    r"|拍卖人|委托人|委托方|建设单位|发包人|出让人|公示单位|主办单位|承办单位)\s*[:：]\s*"
)


def issuer_name(text: str) -> str:
    """An issuer line without its role prefix ("采购人：某医院" → "某医院")."""
    return text[len(_role_prefix(text)) :].strip()


def _role_prefix(text: str) -> str:
    m = _ROLE.match(normalize(text))
    return "" if m is None else text[: m.end()]


def _is_role_issuer(norm: str) -> bool:
    m = _ROLE.match(norm)
    return m is not None and is_org_name(norm[m.end() :])


def _mark_issuers(out: list[_Line], i: int) -> None:
    """Issuer lines sit right above a date line: the nearest one may be any short
    unpunctuated line, further ones (joint issuers) must end like an organisation;
    "采购人：…" / "代理机构：…" lines name issuers with their roles."""
    j = i - 1
    if j >= 0 and not out[j].date and (is_org_line(out[j].norm) or _is_role_issuer(out[j].norm)):
        out[j].sign_org = out[j].structural = True
        j -= 1
        while (
            j >= 0
            and i - j <= 3
            and not out[j].date
            and (
                _is_joint_issuer(out[j].norm)
                or _is_role_issuer(out[j].norm)
                or (_is_en_org(out[j + 1].norm) and is_org_name(out[j].norm))  # 運輸署 / Transport Department
            )
            and not (j >= 1 and _cut_label(out[j - 1].norm))
        ):
            out[j].sign_org = out[j].structural = True
            j -= 1


_NEWS_FIRST = frozenset("本新【据")
#: Last characters of a title line: its document-type endings' and a closing bracket.
_TITLE_LAST = frozenset(w[-1] for w in _TITLE_ENDS) | frozenset("）)")
_CN_DATE_FIRST = frozenset(_CN_DIGIT + "○")
_DATE_FIRST = frozenset("0123456789") | _CN_DATE_FIRST | frozenset("中民")  # 中華民國111年…
_EN_MONTH_FIRST = frozenset("JFMASOND")
_ENUM_FIRST = frozenset("一二三四五六七八九十(（0123456789")


def _typical_width(lines: list[_Line]) -> int:
    widths = [len(x.norm) for x in lines if len(x.norm) >= 6]
    return int(statistics.median(widths)) if widths else 20


def _label_mid_sentence(line: _Line, above: _Line, short: int) -> bool:
    """ "报名 / 时间：…" — a label that is the second half of a word the prose line above
    broke off: that line is long, holds sentence punctuation and stops mid-word."""
    if line.date or line.sign_org or line.title or not line.label:
        return False
    a = above.norm
    return (
        len(a) >= short
        and above.prose
        and _CJK_RE.match(a[-1]) is not None
        and not above.label
        and not above.enum
    )


def paragraphs(text: str) -> list[Para]:
    """Rejoin column lines into paragraphs and tag each with its shape."""
    lines = _lines(text)
    short = max(4, int(_typical_width(lines) * 0.6))
    for line in lines:
        if line.ends is None:
            # no telling mark at its end: a short unpunctuated line ends its paragraph
            line.ends = len(line.norm) < short and not line.prose
    paras: list[Para] = []
    open_para: Para | None = None
    in_news = False
    for i, line in enumerate(lines):
        n = line.norm
        if line.date or line.title or line.sign_org:
            in_news = False
        elif line.news:
            in_news = True
        if open_para is not None and (not line.structural or _label_mid_sentence(line, lines[i - 1], short)):
            gap = " " if line.text[0].isascii() and not _joins_tight(open_para.text, line.text) else ""
            open_para.text += gap + line.text
            open_para.norm += gap + n
            if line.ends:
                open_para = None
            continue
        if open_para is None and paras and paras[-1].kind is Kind.BODY and _continues(n):
            # a column break before a comma or closing bracket: the line finishes the last paragraph
            last = paras[-1]
            last.text += line.text
            last.norm += n
            open_para = None if line.ends else last
            continue
        para = Para(line.text, _line_kind(line), norm=n, gap_before=line.gap_before)
        para.news_start = line.news
        paras.append(para)
        open_para = para if para.kind is Kind.BODY and not line.ends else None
        if para.kind is Kind.BODY and line.enum and len(n) < short and not line.prose:
            open_para = None  # an enumerated heading such as "三、报名办法"
        if open_para is not None and _standalone(line, lines[i + 1] if i + 1 < len(lines) else None, in_news):
            open_para = None
    for para in paras:
        _finish(para)
    return _merge_titles(paras)


#: Marks a line cannot start with: it is the tail of the line above.
_CONTINUING = "，,。.、；;：:！!？?）)」』”’》】"


_RANGE_TAIL = re.compile(r"[至到~-]\s*[\d〇零一二三四五六七八九十]|\d{1,2}\s*日")
#: A date cut after its year or month ("报名时间：2022年6月" / "29日…"): the line goes on.
_OPEN_DATE = re.compile(r"[\d〇零一二三四五六七八九十]\s*[年月]$|[至到]$")


def _continues(norm: str) -> bool:
    """A line that can only finish the line above: it opens with a comma or closing
    bracket, or with the second half of a range ("至2022年6月20日")."""
    return norm[0] in _CONTINUING or _RANGE_TAIL.match(norm) is not None


def _standalone(line: _Line, after: _Line | None, in_news: bool) -> bool:
    """A headline line that starts after a finished paragraph: never continued by the next line.

    Letter-spaced or gapped lines ("城市党建作先锋 文明创建我先行") are headlines; after a news
    report, so is an unpunctuated line clearly narrower than the column line below it.
    """
    n = line.norm
    if line.prose or n[0] in "（(" or _NEWS_MARK.search(n):
        return False
    if line.spaced:
        return True
    return in_news and after is not None and len(n) + 3 <= len(after.norm)


def _joins_tight(left: str, right: str) -> bool:
    return not (left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum())


def _ends_by_mark(norm: str, last: str) -> bool | None:
    """Whether a paragraph ends with this line, as far as its last character tells:
    a sentence end does, an open mark or a date cut after its month does not, anything
    else (None) leaves it to the line's width.

    A closing quote or bracket ends a sentence only after a full stop ("…。”") or as a
    trailing credit ("…。 （防轩）"); "（星期五）" and "“小广告”" end nothing by themselves.
    """
    if last not in _TELLING_ENDS:
        return None
    if last in _SENTENCE_END:
        return True
    if last in _CLOSERS:
        return True if _CLOSED_SENTENCE.search(norm) is not None else None
    if last in _OPEN_MARKS or _OPEN_DATE.search(norm) is not None:
        return False
    return None


_OPEN_MARKS = "：:、，,（(“‘《—-"
#: Last characters that say something about a paragraph end; _OPEN_DATE ends in 年月至到.
_TELLING_ENDS = frozenset(_SENTENCE_END + _CLOSERS + _OPEN_MARKS + "年月至到")


def _line_kind(line: _Line) -> Kind:
    n = line.norm
    if line.date:
        return Kind.SIGN_DATE
    if line.sign_org:
        return Kind.SIGN_ORG
    if line.title:
        return Kind.TITLE
    if _CLOSING.match(n):
        return Kind.CLOSING
    return Kind.BODY


def _finish(para: Para) -> None:
    """Decide a body paragraph's final shape once all its lines are in.

    Credits end with a bracket (or hold 本稿件由) and captions with 摄: the last
    character rules most paragraphs out before any pattern scans them.
    """
    n = para.norm
    if para.kind is not Kind.BODY:
        return
    last = n[-1]
    if (
        (last in "）)" or "本稿件由" in n)
        and _CREDIT.search(n)
        and (_CREDIT_START.match(n) or len(n) > 12 or n.startswith(("（", "(")))
    ):
        para.credit_end = True
        if _CREDIT_START.match(n):
            para.kind = Kind.CREDIT
        return
    if (last in "摄攝" or last.isspace()) and (
        _STRONG_CAPTION.search(n)
        or (_CAPTION.search(n) and _is_heading_like(n) and _CAPTION_SOURCE.search(n) is not None)
    ):
        para.kind = Kind.CAPTION
        return
    if len(n) <= 40 and _is_heading_like(n) and not _ENUM.match(n) and not para.news_start:
        para.kind = Kind.TITLE if is_title_line(n) else Kind.HEADLINE


def _merge_titles(paras: list[Para]) -> list[Para]:
    """Glue a heading line onto the title line below it: a two-line title.

    "辽源农村商业银行股份有限公司 / 2022年专业人才引进公告" and "关于…路段实施封闭施工 / 的通告"
    are one title each.
    """
    out: list[Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if (
            para.kind is Kind.TITLE
            and prev is not None
            and prev.kind in (Kind.HEADLINE, Kind.BODY)
            and not prev.news_start
            and not prev.credit_end
            and len(prev.norm) <= 40
            and not _PROSE_PUNCT.search(prev.norm)
            and not _ENUM.match(prev.norm)
            and not _LABEL.match(prev.norm)
        ):
            prev.text = _join_title(prev.text, para.text)
            prev.norm = normalize(prev.text)
            prev.kind = Kind.TITLE
            continue
        if (
            para.kind is Kind.TITLE
            and prev is not None
            and prev.kind is Kind.TITLE
            and len(para.norm) <= 12
            and not _TITLE_END.search(prev.norm)
        ):
            # "关于…的" / "通告": a short tail line continues the title above.
            prev.text = _join_title(prev.text, para.text)
            prev.norm = normalize(prev.text)
            continue
        out.append(para)
    return out


def _join_title(a: str, b: str) -> str:
    """Two title lines as one; a space only where words of a Latin script meet
    ("臨時封路通告" + "Temporary Road Closure", "Road" + "Closure")."""
    both = a[-1:].isascii() and b[:1].isascii()
    latin = (a[-1:].isascii() and a[-1:].isalpha()) or (b[:1].isascii() and b[:1].isalpha())
    return a + (" " if both or latin else "") + b


# ---------------------------------------------------------------- items


def segment(text: str) -> list[Item]:
    """Split a page into items in reading order."""
    paras = paragraphs(text)
    items: list[Item] = []
    cur = Item()
    tail = False  # inside the headline/caption block that follows a news report's body

    def close() -> None:
        nonlocal cur, tail
        if cur.title or cur.body or cur.signature:
            items.append(cur)
        cur = Item()
        tail = False

    i = 0
    while i < len(paras):
        p = paras[i]
        if p.news_start:
            if cur.signature or cur.has_body:
                close()
            cur.news = True
            cur.body.append(p)
        elif p.kind is Kind.SIGN_ORG or p.kind is Kind.SIGN_DATE:
            while i < len(paras) and paras[i].kind in (Kind.SIGN_ORG, Kind.SIGN_DATE):
                cur.signature.append(paras[i])
                i += 1
            if not cur.body and all(s.kind is Kind.SIGN_DATE for s in cur.signature):
                # a date with nothing above it is the page's date; under a headline it is the
                # report's dateline (2017-04-29 03:30) and the body follows: neither signs anything
                if cur.title:
                    cur.signature = []
                else:
                    cur = Item()
                continue
            if cur.news:
                # News reports carry no issuer-and-date signature: a signed "report" is a
                # report with a notice printed right under it.
                split = split_signed_news(cur)
                if split is not None:
                    items.append(split[0])
                    cur = split[1]
            # A title right after the signature belongs to this notice when the notice
            # had none above its body (title-after layout); otherwise it opens the next.
            # One title only: a second one below it heads the next notice.
            if not cur.title and not cur.news and cur.body and i < len(paras) and paras[i].kind is Kind.TITLE:
                cur.title.append(paras[i])
                cur.title_after = True
                i += 1
            close()
            continue
        elif p.kind is Kind.TITLE:
            if cur.has_body or cur.signature:
                close()
            if cur.body and not cur.title:
                # headline lines gathered before a title: leave them as their own item
                close()
            cur.title.append(p)
        elif p.kind in (Kind.HEADLINE, Kind.CAPTION, Kind.CREDIT):
            if cur.news and cur.has_body:
                tail = True
            cur.body.append(p)
            if p.kind is Kind.CREDIT or p.credit_end:
                cur.news = True
                tail = True
        else:  # BODY, CLOSING
            if tail:
                close()
            cur.body.append(p)
            if p.credit_end:
                cur.news = True
                tail = True
        i += 1
    close()
    return items


# ---------------------------------------------------------------- news followed by a notice

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


def _register(para: Para) -> int:
    """Notice register minus news register of one paragraph, a few points each way."""
    n = para.norm
    score = min(len(_NOTICE_CUES.findall(n)), 3) * 2
    if para.kind is Kind.CLOSING:
        score += 3
    elif _LABEL.match(n) or _ENUM.match(n):
        score += 2
    if para.news_start:
        score -= 4
    score -= min(len(_NEWS_CUES.findall(n)), 3) * 2
    return score


def split_signed_news(item: Item) -> tuple[Item, Item] | None:
    """Cut a signed news item into the report and the notice below it, or None.

    The cut falls where the paragraphs before it read most like a report and those
    after it most like a notice; among equal cuts, one at a blank line, then the
    latest (a report's neutral middle paragraphs stay with the report).
    """
    body = item.body
    scores = [_register(p) for p in body]
    total = sum(scores)
    best: tuple[tuple[int, bool, int], int] | None = None
    prefix = 0
    for k in range(1, len(body)):
        prefix += scores[k - 1]
        if total - prefix <= 0 or body[k].news_start:
            continue
        key = (-prefix, body[k].gap_before, k)
        if best is None or key > best[0]:
            best = (key, k)
    if best is None:
        return None
    k = best[1]
    report = Item(title=item.title, body=body[:k], news=True)
    notice = Item(body=body[k:], signature=item.signature)
    return report, notice
