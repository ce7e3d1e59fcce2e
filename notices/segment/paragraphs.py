"""Column lines rejoined into paragraphs: where a paragraph ends, where a line only finishes the
one above, and titles broken over lines put back together."""

from __future__ import annotations

import re

from notices.normalize import normalize
from notices.segment.lines import _Line, _lines
from notices.segment.patterns import (
    _CAPTION,
    _CAPTION_SOURCE,
    _CJK_RE,
    _CLOSING,
    _CONTINUING,
    _CREDIT,
    _CREDIT_START,
    _EN_LABEL,
    _ENUM,
    _LABEL,
    _NEWS_MARK,
    _PROSE_PUNCT,
    _RANGE_TAIL,
    _STRONG_CAPTION,
    _TITLE_END,
)
from notices.segment.pieces import (
    BODY,
    CAPTION,
    CLOSING,
    CREDIT,
    HEADLINE,
    SIGN_DATE,
    SIGN_ORG,
    TITLE,
    Kind,
    Para,
)
from notices.segment.shapes import _is_heading_like, is_title_line

_new = object.__new__


def _typical_width(lines: list[_Line]) -> int:
    widths = sorted([width for width in [len(x.norm) for x in lines] if width >= 6])
    if not widths:
        return 20
    half = len(widths) // 2  # the median, as statistics.median gives it, without its overhead
    return widths[half] if len(widths) % 2 else int((widths[half - 1] + widths[half]) / 2)


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


def _title_mid_sentence(line: _Line, above: _Line, para: str, width: int) -> bool:
    """A line that reads as a title (购买招标 holds a notice word) but runs the full width of the
    column under a full line that stops mid-word or mid-number, in a paragraph of prose: the
    sentence going on, not a title."""
    if not line.title or line.date or line.sign_org or len(line.norm) < width:
        return False
    a = above.norm
    return (
        len(a) >= width - 1
        and (_CJK_RE.match(a[-1]) is not None or a[-1].isalnum())
        and not above.enum
        and _PROSE_PUNCT.search(para) is not None
    )


def paragraphs(text: str) -> list[Para]:
    """Rejoin column lines into paragraphs and tag each with its shape."""
    lines = _lines(text)
    count = len(lines)
    width = _typical_width(lines)
    short = max(4, int(width * 0.6))
    paras: list[Para] = []
    open_para: Para | None = None
    in_news = False
    for i, line in enumerate(lines):
        n = line.norm
        if line.structural:
            if line.date or line.title or line.sign_org:
                in_news = False
            elif line.news:
                in_news = True
        ends = line.ends
        if ends is None:
            # no telling mark at its end: a short unpunctuated line ends its paragraph
            ends = len(n) < short and not line.prose
            if (
                not ends
                and len(n) <= _FIELD_CHARS
                and i + 1 < count
                and lines[i + 1].gap_before  # (tested here first: most lines have none below)
                and _field_over_gap(n, lines, i)
            ):
                ends = True  # 发布单位：某某处 ⏎⏎ 因应…: a page's field, then a blank line
        cell = _CELL_START.get(n[0])
        if cell is None:
            cell = _cell_start(n[0])
        if i > 0 and cell and _is_cell(n, lines[i - 1].norm):
            # a table's date or hours cell (2月14日 ⏎ 司打口): its row, not the line above
            ends = not n.rstrip().endswith(_OPEN_TAIL)
            open_para = None
        if open_para is not None and (
            not line.structural
            or _label_mid_sentence(line, lines[i - 1], short)
            or _title_mid_sentence(line, lines[i - 1], open_para.norm, width)
        ):
            text = line.text
            if text[0] < "\x80" and not _joins_tight(open_para.text, text):  # (isascii, without a call)
                open_para.text += " " + text
                open_para.norm += " " + n
            else:
                open_para.text += text
                open_para.norm += n
            if ends:
                open_para = None
            continue
        if open_para is None and paras and paras[-1].kind is BODY and _continues(n):
            # a column break before a comma or closing bracket: the line finishes the last paragraph
            last = paras[-1]
            last.text += line.text
            last.norm += n
            open_para = None if ends else last
            continue
        # set field by field, as lines are: the dataclass's __init__ is a call of its own
        para = _new(Para)
        para.text = line.text
        para.kind = _line_kind(line)
        para.norm = n
        para.news_start = line.news
        para.credit_end = False
        para.closed = False
        para.gap_before = line.gap_before
        paras.append(para)
        open_para = para if para.kind is BODY and not ends else None
        if para.kind is BODY and line.enum and len(n) < short and not line.prose:
            open_para = None  # an enumerated heading such as "三、报名办法"
        if open_para is not None and _standalone(line, lines[i + 1] if i + 1 < len(lines) else None, in_news):
            open_para = None
    for para in paras:
        _finish(para)
    return _merge_titles(paras)


#: A line holding only days of a month (2月14日, 2月13日及14日, 2月24日至26日): a table cell.
_N = r"[\d〇零○一二三四五六七八九十]"
_DAY = rf"(?:{_N}{{2,4}}\s*年\s*)?{_N}{{1,2}}\s*月\s*{_N}{{1,3}}\s*[日号]"
_DATE_CELL = re.compile(
    rf"\s*{_DAY}(?:\s*[及和与、至到~-]\s*(?:{_DAY}|\d{{1,2}}\s*[日号]))*"
    r"(?:\s*[(（][^()（）]{1,6}[)）]|[\s,，]*(?:星期|周|礼拜)[一二三四五六日天])?\s*$"
)


#: A schedule row: a day, a colon, then its hours (6月3日：上午8:00—11:30 下午14:00—17:00).
_DAY_ROW = re.compile(
    rf"\s*{_DAY}\s*[:：]\s*(?:凌晨|清晨|早上|上午|中午|下午|晚上|傍晚|夜间)?\s*\d{{1,2}}\s*(?:[时点]|:\d{{2}})"
)


#: A line holding only hours (凌晨0时30分至清晨6时, 8:00-17:00), or the first half of them.
_TIME_CELL = re.compile(
    r"\s*(?:(?:凌晨|清晨|早上|上午|中午|下午|晚上|傍晚|夜间)?\s*\d{1,2}\s*(?:[时点](?:\s*\d{1,2}\s*分|半)?|:\d{2})"
    r"\s*(?:[至到~-]\s*|$))+\s*$"
)
_OPEN_TAIL = ("至", "到", "-", "~", "—")
#: What a cell can start with besides a digit or a space: a Chinese numeral or a time of day.
_CELL_FIRST = frozenset("〇零○一二三四五六七八九十凌清早上中下晚傍夜")
#: Whether a character can open a cell, per character met (asked of every line of a page).
_CELL_START: dict[str, bool] = {}


def _cell_start(first: str) -> bool:
    can = first in _CELL_FIRST or first.isdecimal() or first.isspace()
    _CELL_START[first] = can
    return can


#: A page's field line: a short label, a colon and a short value with no clause marks.
_FIELD_CHARS = 40
_FIELD_LINE = re.compile(r"\s*[^\s:：，,。；;]{2,6}\s*[:：]\s*[^，,。；;:：]{1,30}\s*$")


def _field_over_gap(norm: str, lines: list[_Line], i: int) -> bool:
    """Whether line ``i`` is a page's field line with a blank line under it."""
    return i + 1 < len(lines) and lines[i + 1].gap_before and _FIELD_LINE.match(norm) is not None


def _is_cell(norm: str, above: str) -> bool:
    """Whether a line is a table cell of days or hours that starts its own paragraph: not the
    value after a label (停电时间：⏎5月12日), nor the second half of hours broken across lines."""
    if above.endswith((":", "：")) or above.rstrip().endswith(_OPEN_TAIL):
        return False
    return (
        _DATE_CELL.match(norm) is not None
        or _TIME_CELL.match(norm) is not None
        or _DAY_ROW.match(norm) is not None
    )


def _continues(norm: str) -> bool:
    """A line that can only finish the line above: it opens with a comma or closing
    bracket, or with the second half of a range ("至2022年6月20日")."""
    first = norm[0]
    # _RANGE_TAIL opens with a range mark or a digit (\\d: what isdecimal() tells)
    return first in _CONTINUING or (
        (first in "至到~-" or first.isdecimal()) and _RANGE_TAIL.match(norm) is not None
    )


def _standalone(line: _Line, after: _Line | None, in_news: bool) -> bool:
    """A headline line that starts after a finished paragraph: never continued by the next line.

    Letter-spaced or gapped lines ("城市党建作先锋 文明创建我先行") are headlines; after a news
    report, so is an unpunctuated line clearly narrower than the column line below it.
    """
    n = line.norm
    if line.prose or n[0] in "（(" or (("记" in n or "通" in n or "記" in n) and _NEWS_MARK.search(n)):
        return False
    if line.spaced:
        return True
    return in_news and after is not None and len(n) + 3 <= len(after.norm)


def _joins_tight(left: str, right: str) -> bool:
    """Whether two lines meet without a space: Chinese text does, English words do not; a number
    broken across lines inside Chinese text ("至1⏎1:00") is one number again."""
    if _BROKEN_NUMBER.search(left) and right[:1].isdigit() and not _WHOLE_CLOCK.search(left):
        return True  # (9:00-17:00 ⏎ 5月2日: a clock time with its minutes is whole)
    last = left[-1:]
    ends_word = last.isascii() and (last.isalnum() or last in ".,;:!?)")  # "accepted." ⏎ "If a …"
    return not (ends_word and right[:1].isascii() and right[:1].isalnum())


#: A clock time with both digits of its minutes ending a line: no number goes on into the next.
_WHOLE_CLOCK = re.compile(r"\d:\d{2}$")
#: The last digits of a line that follow Chinese text or a range sign, not an English word.
_BROKEN_NUMBER = re.compile(r"(?:^|[^\x00-\x7f]|[-~:/.])\d{1,3}$")


def _line_kind(line: _Line) -> Kind:
    n = line.norm
    if line.date:
        return SIGN_DATE
    if line.sign_org:
        return SIGN_ORG
    if line.title:
        return TITLE
    if n[0] == "特" and _CLOSING.match(n):
        return CLOSING
    return BODY


def _finish(para: Para) -> None:
    """Decide a body paragraph's final shape once all its lines are in.

    Credits end with a bracket (or hold 本稿件由) and captions with 摄: the last
    character rules most paragraphs out before any pattern scans them.
    """
    n = para.norm
    if para.kind is not BODY:
        return
    last = n[-1]
    if (
        (last in "）)" or "本稿件由" in n)
        and _CREDIT.search(n)
        and (_CREDIT_START.match(n) or len(n) > 12 or n.startswith(("（", "(")))
    ):
        para.credit_end = True
        if _CREDIT_START.match(n):
            para.kind = CREDIT
        return
    if (last in "摄攝" or last.isspace()) and (
        _STRONG_CAPTION.search(n)
        or (_CAPTION.search(n) and _is_heading_like(n) and _CAPTION_SOURCE.search(n) is not None)
    ):
        para.kind = CAPTION
        return
    if (
        len(n) <= 40
        and _is_heading_like(n)
        and not _ENUM.match(n)
        and not para.news_start
        and not (n[0] <= "Z" and _EN_LABEL.match(n))  # Date: 18 May 2024: a field of the body
    ):
        para.kind = TITLE if is_title_line(n) else HEADLINE


def _merge_titles(paras: list[Para]) -> list[Para]:
    """Glue a heading line onto the title line below it: a two-line title.

    "辽源农村商业银行股份有限公司 / 2022年专业人才引进公告" and "关于…路段实施封闭施工 / 的通告"
    are one title each.
    """
    out: list[Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if (
            para.kind is TITLE
            and prev is not None
            and prev.kind in (HEADLINE, BODY)
            and not prev.news_start
            and not prev.credit_end
            and len(prev.norm) <= 40
            and not _PROSE_PUNCT.search(prev.norm)
            and not _ENUM.match(prev.norm)
            and not _LABEL.match(prev.norm)
        ):
            prev.text = _join_title(prev.text, para.text)
            prev.norm = normalize(prev.text)
            prev.kind = TITLE
            continue
        if (
            para.kind is TITLE
            and prev is not None
            and prev.kind is TITLE
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
