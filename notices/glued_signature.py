"""A signature run into the text before it: a run-on paragraph whose attachment name or last
sentence is followed, with no line break, by the issuer and the day it signed
(…附件：名单.xlsx区民政局2024年6月11日). The day is when the notice was signed, not a plan."""

from __future__ import annotations

import re

#: What an issuer's name ends with: 局, 办公室, 委员会, 公司, 社区, 学校, 中心...
_ISSUER_END = (
    r"(?:局|办公室|办|委员会|委|公司|集团|政府|中心|社区|居委会|村委会|学校|小学|中学|学院|大学|医院|"
    r"厅|处|科|部|院|站|所|队|会|组|署|街道|镇|乡|分局|支队|大队|管理处|供电所|有限公司|"
    r"辦公室|委員會|公司|學校|學院|醫院|廳|處|隊|會|組|鎮|鄉)"
)
#: The text just before a glued signature: the issuer's name (2-30 characters, no punctuation),
#: itself after an attachment's file name, a sentence's end or a space.
_GLUED_ISSUER = re.compile(
    r"(?:\.(?:docx?|xlsx?|pdf|wps|et|zip|rar)|[。；;！!）)\s])\s*"
    r"[^\s，,。；;：:、（）()“”\"\d]{2,30}?" + _ISSUER_END + r"\s*$",
    re.IGNORECASE,
)
#: A line that holds nothing before the date but an issuer's name (某某县公安局交通管理大队 2023年6月16日):
#: the signature's two lines run into one.
_ISSUER_LINE = re.compile(r"[^\S\n]*[^\s，,。；;：:、（）()“”\"\d]{2,30}?" + _ISSUER_END + r"[^\S\n]*")
#: What may follow the signed day: a full stop or a table's bar and the end of the line; or, on
#: a page whose lines were run together, a space and the next text, when that text does not go
#: on from the day (起, 至, 前: a range or a deadline the day begins), or the next date at once
#: (…中心2021年10月18日10月21日检测期间: the signature's day, then the next text's).
_ENDS_TEXT = re.compile(
    r"[^\S\n]*[。.|]?[^\S\n]*(?:\n|$)|[^\S\n]+(?![起至到止前后\-—~～]|\d{1,2}\s*[:：时点])"
    r"|[^\S\n]*(?=\d{1,2}\s*月\s*\d)"
)


#: After a date that opens its line: where it was signed, closing the line (二零二零年九月二十八日於海關 ⏎
#: 關長 某某某, as Macau's and Hong Kong's notices sign; the signer's line may have been run into it),
#: and no word of what is done there (于市体育馆举行 is a plan's place).
_SIGNED_AT = re.compile(
    r"[^\S\n]*于(?:(?!举|召开|开|进行|实施|停|封|施工|启|截|结束|办理|报名)[^\s，,。；;：:、（）()\d]){1,12}?"
    r"(?:[^\S\n]+[^\s，,。；;：:、（）()\d]{2,4}){0,2}[^\S\n]*(?:\n|$)"
)


#: A finished sentence and a space: where a page run into one line starts its next line.
_SENTENCE_DONE = re.compile(r"[。！!；;][^\S\n]+$")


def glued_signature(before: str, norm: str, end: int) -> bool:
    """Whether the date ending at ``end`` closes its line (or its part of a run-together line)
    right after an issuer's name that is itself glued after an attachment name or a finished
    sentence, or opens the line (``before`` is the line up to the date); or a date opening its line
    that is followed by where it was signed and nothing else."""
    if (not before.strip() or _SENTENCE_DONE.search(before)) and _SIGNED_AT.match(norm, end) is not None:
        return True
    if _ENDS_TEXT.match(norm, end) is None:
        return False
    return _ISSUER_LINE.fullmatch(before) is not None or _GLUED_ISSUER.search(before[-60:]) is not None
