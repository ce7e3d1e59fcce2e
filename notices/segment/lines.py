"""A page's lines, each cleaned and tagged with its shape, issuers marked above their dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from notices.normalize import normalize
from notices.segment.cleaning import clean_line
from notices.segment.patterns import (
    _CJK_GAP,
    _CLOSED_SENTENCE,
    _CLOSERS,
    _CLOSING,
    _DATE_FIRST,
    _DOUBLED_START,
    _EN_LABEL,
    _EN_MONTH_FIRST,
    _EN_OPEN_END,
    _EN_OPEN_LAST,
    _EN_PAGE_TAG,
    _EN_TITLE,
    _ENUM,
    _ENUM_FIRST,
    _FIELD_NAME,
    _FURNITURE_LAST,
    _FURNITURE_MARK,
    _FURNITURE_MARK_CHAR,
    _LABEL,
    _META_LINE,
    _NEWS_FIRST,
    _NEWS_START,
    _OPEN_DATE,
    _OPEN_END,
    _OPEN_MARKS,
    _ORG_END,
    _PROSE_LAST,
    _PROSE_PUNCT,
    _RULE_CHAR,
    _RULE_FIRST,
    _RULE_LAST,
    _SENTENCE_END,
    _STRONG_CAPTION,
    _TABLE_ROW,
    _TELLING_ENDS,
    _TITLE_LAST,
)
from notices.segment.shapes import (
    _cut_label,
    _is_en_org,
    _is_en_title,
    _is_joint_issuer,
    _is_role_issuer,
    date_line_value,
    is_furniture,
    is_org_line,
    is_org_name,
    is_title_line,
)


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
    #: the line's width, weighed in ``paragraphs`` once the column width is known.
    ends: bool | None = None


#: A field's value that is a date or a time: what follows the colon of Date of Tender Issue: 10 July.
_DATE_VALUE = re.compile(
    r"\s*(?:\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|noon|midnight|mon|tue|wed|thu|fri|sat|sun))"
)


def _lines(text: str) -> list[_Line]:
    """Cleaned lines with their shape.

    A page has hundreds of lines and a Python call costs as much as a regex scan, so
    the loop calls out only where a character test says a rule can apply: the inner
    space that letter-spacing needs, the repeated first character a doubled caption
    needs, the first character of a news opening, a date or an enumeration. Most lines
    are running text that no rule applies to at all (``_RULE_FIRST``, ``_RULE_LAST``,
    ``_RULE_CHAR`` tell them), and they skip the tests altogether.
    """
    out: list[_Line] = []
    gap = False
    if "(" in text:
        text = _PINYIN_GLOSS.sub("", text)
    if "年" in text:
        text = _signatures_apart(text)
    raws = text.splitlines()
    norms = normalize(text).splitlines()
    if len(norms) != len(raws):
        norms = [normalize(r) for r in raws]
    # the lines any rule character stands in, from one scan of the page (a page has a few
    # dozen such characters and hundreds of lines); cleaning a line only drops spaces and
    # doubled halves, so its cleaned form holds the same rule characters
    ruled = _rows_with(_RULE_CHAR, norms)
    after_open = False  # the line above ends unfinished ("封闭期限：2022年6月1日至")
    dates: list[int] = []  # where the date lines are, for their issuers above
    for number, (raw, cleaned, norm_raw) in enumerate(zip(raws, map(str.strip, raws), norms, strict=True)):
        if not cleaned:
            gap = True
            continue
        # normalising turns every space kind into " ", so one test finds spaced lines
        spaced = " " in norm_raw or "\t" in norm_raw
        # a doubled start (XX…) repeats the first character within the line's first half
        if spaced or (
            len(cleaned) >= 6
            and cleaned[0] in cleaned[1 : len(cleaned) // 2 + 1]  # (cheaper than find with bounds)
            and _DOUBLED_START.match(cleaned)
        ):
            cleaned, norm = _cleaned(raw, norm_raw)
            if not cleaned:
                gap = True
                continue
        else:
            norm = norm_raw.strip()  # whitespace maps to whitespace: the same slice as cleaned
        first, last = norm[0], norm[-1]
        if (
            first not in _RULE_FIRST
            and last not in _RULE_LAST
            and not first.isdigit()
            and number not in ruled
        ):
            # running text, most of a page: of the rules below only the punctuation test and
            # (for a short line without punctuation) the title and field-name tests can apply
            prose = last in _PROSE_LAST or _PROSE_PUNCT.search(norm) is not None
            if prose or len(norm) > 8:
                ends = _ends_by_mark(norm, last) if last in _TELLING_ENDS else None
                gapped = False
                if spaced:
                    gapped = _CJK_GAP.search(raw) is not None
                    if "\t" in raw.strip():
                        ends = True  # a table row
                if "|" in norm and _TABLE_ROW.match(norm) is not None:
                    ends = True  # a table row, its cells apart by bars
                # set field by field: calling the dataclass's __init__ costs more than the stores
                line = _new(_Line)
                line.text = cleaned
                line.norm = norm
                line.date = False
                line.sign_org = False
                line.title = False
                line.spaced = gapped
                line.gap_before = gap
                line.news = False
                line.label = False
                line.enum = False
                line.prose = prose
                line.marked = False
                line.structural = False
                line.ends = ends
                out.append(line)
                gap = False
                after_open = last in _OPEN_END_CHARS
                continue
        if (
            norm[-1] in _FURNITURE_LAST
            or (_FURNITURE_MARK_CHAR.search(norm) is not None and _FURNITURE_MARK.search(norm) is not None)
        ) and is_furniture(norm):
            gap = True
            continue
        if "A" <= first <= "Z" and len(norm) <= 60 and _EN_PAGE_TAG.fullmatch(norm) is not None:
            gap = True  # Back to top / Share | Print / Home > News: the page's links, no text
            continue
        row = "|" in norm and _TABLE_ROW.match(norm) is not None
        en_field = False
        news = (first in _NEWS_FIRST or norm.find("讯", 2, 20) > 0) and _NEWS_START.match(norm) is not None
        date = (
            not after_open
            and (first in _DATE_FIRST or first.isdigit() or first in _EN_MONTH_FIRST)
            and len(norm) <= 30
            and date_line_value(norm) is not None
        )
        prose = _PROSE_PUNCT.search(norm) is not None
        label = ":" in norm[:10] and _LABEL.match(norm) is not None
        if not label and ":" in norm[:40] and "A" <= first <= "Z":
            field = _EN_LABEL.match(norm)  # Date: … / Venue: … / Affected areas: …
            # (Public Notice: Water Supply Suspension is a title whose name holds the notice word)
            # (Tender Closing Date and Time: 12:00 noon on 31 July: a field, its value a date)
            colon = norm.find(":")
            label = field is not None and (
                _EN_TITLE.search(norm[:colon].lower()) is None
                or _DATE_VALUE.match(norm, colon + 1) is not None
            )
            en_field = label
        enum = first in _ENUM_FIRST and _ENUM.match(norm) is not None
        if not label and not enum and not prose and len(norm) <= 8 and _FIELD_NAME.search(norm):
            # a field name on a line of its own, often letter-spaced ("封 闭 时 间", "温馨提示"):
            # it labels the line below, which it is joined to, and titles nothing
            cleaned, norm, last, label, spaced = cleaned + "：", norm + ":", ":", True, False
        # 发布时间：… 来源：…: metadata, a line of its own (normalising made every colon ":")
        meta = ":" in norm and _META_LINE.search(norm) is not None
        caption = last in "摄攝" and _STRONG_CAPTION.search(norm) is not None  # … 本报记者 陈晓 摄
        marked = (
            meta
            or caption
            or (first == "特" and _CLOSING.match(norm) is not None)
            or (first == "(" and norm.startswith("(本稿件由"))
        )
        title = (
            not date
            and not label
            and not row
            and not prose
            and (
                ((last in _TITLE_LAST or len(norm) <= 8) and is_title_line(norm))  # its endings, cheaply
                or ("A" <= first <= "Z" and _is_en_title(norm))
            )
        )
        line = _new(_Line)
        line.text = cleaned
        line.norm = norm
        line.date = date
        line.sign_org = False
        line.title = title
        line.spaced = spaced and not news and _CJK_GAP.search(raw) is not None
        line.gap_before = gap
        line.news = news
        line.label = label
        line.enum = enum
        line.prose = prose
        line.marked = marked
        line.structural = date or title or news or enum or label or marked
        # a table row (its cells apart by tabs) ends at its line
        line.ends = (
            True
            if meta
            or caption
            or row
            or (spaced and "\t" in raw.strip())
            or (en_field and last not in _OPEN_MARKS and _EN_OPEN_END.search(norm) is None)
            else _ends_by_mark(norm, last)
            if last in _TELLING_ENDS
            else None
        )
        gap = False
        # "12 p.m. on" ⏎ "19 April 2017": the date finishes the line above, it signs nothing
        after_open = last in _OPEN_END or (last in _EN_OPEN_LAST and _EN_OPEN_END.search(norm) is not None)
        if date:
            dates.append(len(out))
        out.append(line)
    for i in dates:
        _mark_issuers(out, i)
    return out


_new = object.__new__

#: ``_OPEN_END`` as a set, for the test of a line's last character.
_OPEN_END_CHARS = frozenset(_OPEN_END)


#: The pinyin a converting web page writes after each character it changed (恢復(fù)供水, 區(qū)): noise
#: inside the words every rule reads.
#: (The bracket opens the pattern, its lookbehind after it: a scan then jumps from bracket to bracket.)
_PINYIN_GLOSS = re.compile(
    r"\((?<=[\u3400-\u9fff]\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}\)"
)
#: A run-on notice's last sentence, then its issuer and date on the same line (…敬请谅解！ 某某水务有限公司
#: 2022年4月5日), as a page that lost its line breaks prints them.
_TRAILING_SIGNATURE = re.compile(
    r"(?m)^(?P<body>[^\n]*[。！!])[ \t\u3000]+(?P<org>[^\s。，,！!：:]{2,30}?)[ \t\u3000]*"
    r"(?P<day>(?:19|20)\d\d[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日)[ \t\u3000]*$"
)


#: The date a trailing signature ends its line with: the scan finds these few, and the full pattern
#: is tried only on their lines (tried at every line start it costs a backtracking pass per line).
_DAY_AT_LINE_END = re.compile(
    r"(?m)(?:19|20)\d\d[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日[ \t\u3000]*$"
)


def _signatures_apart(text: str) -> str:
    """``_TRAILING_SIGNATURE.sub(_signed_apart, text)``, trying the pattern only on the lines that end
    with a date: a match lies within one line ("\\n"-delimited) and ends with such a date."""
    pieces: list[str] = []
    done = 0
    for day in _DAY_AT_LINE_END.finditer(text):
        start = text.rfind("\n", 0, day.start()) + 1
        if start < done:
            continue  # (a line holds one match at most: its last date)
        found = _TRAILING_SIGNATURE.match(text, start)
        if found is not None:
            pieces.append(text[done:start])
            pieces.append(_signed_apart(found))
            done = found.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _rows_with(pattern: re.Pattern[str], rows: list[str]) -> set[int]:
    """The indexes of the rows that hold a match of ``pattern`` (which matches no line break):
    one scan of the rows joined rather than a call per row."""
    joined = "\n".join(rows)
    found: set[int] = set()
    at = row = 0
    for m in pattern.finditer(joined):
        pos = m.start()
        row += joined.count("\n", at, pos)
        at = pos
        found.add(row)
    return found


def _signed_apart(found: re.Match[str]) -> str:
    """The issuer and the date on lines of their own, when the text before them names an organisation."""
    if _ORG_END.search(normalize(found.group("org"))) is None:
        return found.group(0)
    return f"{found.group('body')}\n{found.group('org')}\n{found.group('day')}"


def _cleaned(raw: str, norm_raw: str) -> tuple[str, str]:
    """The cleaned line (see ``clean_line``) and its normalised twin."""
    cleaned = clean_line(raw)
    lead = len(raw) - len(raw.lstrip())
    if raw[lead : lead + len(cleaned)] == cleaned:
        return cleaned, norm_raw[lead : lead + len(cleaned)]  # cleaning only stripped the ends
    stripped = raw[lead : len(raw.rstrip())]
    if cleaned == stripped.replace(" ", ""):
        # cleaning took out every space and nothing else (letter-spacing, the gaps around numbers):
        # the normalised line loses the same characters, as long as normalising made no other
        # character a space and left no "?" (a "?" after a space normalises to a space; see
        # normalize's _LOST), so normalising is one character to one character here
        norm = norm_raw[lead : lead + len(stripped)]
        if "?" not in norm and norm.count(" ") == stripped.count(" "):
            return cleaned, norm.replace(" ", "")
    return cleaned, normalize(cleaned)


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
