"""What one line is: page furniture, a date alone (a signature's date half), a title, an
organisation's name, an issuer with its role."""

from __future__ import annotations

import re

from notices.dates.vocabulary import ROC_OFFSET
from notices.normalize import normalize
from notices.segment.patterns import (
    _CJK_RE,
    _CLOSING,
    _DATE_LINE,
    _EN_DATE_LINE,
    _EN_MONTHS,
    _EN_ORG,
    _EN_TITLE,
    _ENUM,
    _FURNITURE,
    _LABEL,
    _NAME_ENDS,
    _NOTICE_WORD,
    _ORG_END,
    _PROSE_PUNCT,
    _ROLE,
    _TITLE_END,
    _TITLE_ENDS,
    _WEEKDAY_BARE,
)

#: What a furniture line holds beside a date (compiled once: it is asked line by line).
_FURNITURE_BESIDE_DATE = re.compile(rf"{_WEEKDAY_BARE}|版|[A-D]\s?\d|公告|广告")


def is_furniture(norm: str) -> bool:
    """Whether a line is page furniture rather than text (see ``_FURNITURE``).

    A bare date line is a signature's date, not furniture: it needs a paper's name, an
    unbracketed weekday, a page number or a column name beside it.
    """
    if len(norm) > 60 or _FURNITURE.match(norm) is None:
        return False
    if date_line_value(norm) is not None:
        return False
    return not (norm[0].isdigit() and not _FURNITURE_BESIDE_DATE.search(norm))


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
    """A short unpunctuated line naming a notice type: "封路公告", "出租", "关于…的通告"; a table's
    cell (|临时封路时间) is none."""
    if not norm or len(norm) > 40 or norm[-1] in "：:" or norm[0] in "|｜":
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


def _is_en_org(norm: str) -> bool:
    return bool(norm) and "A" <= norm[0] <= "Z" and _EN_ORG.match(norm) is not None


def _is_en_title(norm: str) -> bool:
    """A short English line without a closing full stop that names a notice."""
    return (
        len(norm) <= 80
        and not norm.endswith(".")
        and _EN_ITEM.match(norm) is None
        and _EN_TITLE.search(norm.lower()) is not None
    )


#: An item's mark opening an English line (A. Road closure / II. Suspension / (b) Tenders): a
#: section of the release above, not a notice of its own.
_EN_ITEM = re.compile(r"(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]\s|\([A-Za-z\d]{1,3}\)\s")


def is_org_line(norm: str) -> bool:
    """An issuer's name: short, unpunctuated, not a title, not a label."""
    if norm and "A" <= norm[0] <= "Z":
        return _EN_ORG.match(norm) is not None
    if not norm or len(norm) > 40 or _PROSE_PUNCT.search(norm) or _LABEL.match(norm) or _ENUM.match(norm):
        return False
    if _TITLE_END.search(norm) or ":" in norm or "：" in norm:
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


def _is_heading_like(norm: str) -> bool:
    return bool(norm) and len(norm) <= 60 and not _PROSE_PUNCT.search(norm) and not _LABEL.match(norm)


def issuer_name(text: str) -> str:
    """An issuer line without its role prefix ("采购人：某医院" → "某医院")."""
    return text[len(_role_prefix(text)) :].strip()


def _role_prefix(text: str) -> str:
    m = _ROLE.match(normalize(text))
    return "" if m is None else text[: m.end()]


def _is_role_issuer(norm: str) -> bool:
    m = _ROLE.match(norm)
    return m is not None and is_org_name(norm[m.end() :])
