"""Period labels: what a period is for (报名时间, 停电时间, 公示期).

Read from the words before it (``报名时间：``), from a deadline's lead (``竞买申请截至``),
from the list or table row it belongs to, or from a known word in its clause; a date alone
on its line (a signature) gets none.
"""

from __future__ import annotations

import re
from itertools import accumulate

from notices.dates.resolve import _replace
from notices.dates.vocabulary import _CLAUSE_BREAK
from notices.model import Period

_CJK = r"\u4e00-\u9fff"
_ROC = r"(?:中华民国|民国)?"  # 施工期間：民國111年…: the era name sits between label and date
#: A label before a colon: not opening on a particle (的区域…), not ending on 分别 (时间分别为：).
_LABEL_COLON = re.compile(
    rf"((?![的及和与])[{_CJK}]{{2,8}}(?<!分别)(?<!依次))\s*(?:分别|依次)?(?:为|是)?"
    rf"\s*:\s*(?:自|从|于|在)?\s*{_ROC}\s*$"
)
_LABEL_WORDS = r"(?:时间|期限|日期|期间|时段|有效期|公示期|公告期|咨询期|征询期|异议期|展示期)"
_LABEL_SUFFIX = re.compile(
    rf"([{_CJK}]{{0,14}}{_LABEL_WORDS})\s*(?:为|是|:|[|｜])?\s*(?:自|从|于|在|由)?\s*{_ROC}\s*$"
)
#: (a table's cell bar stands where the colon would: 递交截止时间 | 2024-08-29 14:30)
#: How each of those two ends, from its label word or colon to the end of the text. Either pattern
#: tried at every character backtracks through its run of up to 14 characters there; the ending,
#: which opens with a word or the colon, is found by a scan from candidate to candidate, and tells
#: whether there is a match at all and, for a label word, that it starts at most 14 characters
#: before the word (only spaces, 为/是, a colon and an era name may follow the word, none of which
#: a label word is made of, so one word at most can end the text that way).
_SUFFIX_END = re.compile(rf"{_LABEL_WORDS}\s*(?:为|是|:|[|｜])?\s*(?:自|从|于|在|由)?\s*{_ROC}\s*$")
_COLON_END = re.compile(rf":\s*(?:自|从|于|在)?\s*{_ROC}\s*$")
_MAX_BEFORE_WORD = 14
#: What may stand right before a label that opens its phrase: a line or list start.
_LABEL_OPENERS = frozenset("、,，:：.． \t")
_ENUM_BEFORE = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]$")
#: A label's last two words: the thing and the kind of time ("施工期限", "展示时间").
_LABEL_HEAD = re.compile(
    rf"[{_CJK}]{{2}}(?:时间|期限|日期|期间|时段|有效期|公示期|公告期|咨询期|征询期|异议期|展示期)$"
)
#: A numbered section heading on a line of its own ("五、考试", "（二）体检时间").
_HEADING = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]{{1,3}}[、.．]|[(（][一二三四五六七八九十\d]{{1,3}}[)）]|\d{{1,2}}[、.．])\s*[{_CJK}]{{2,12}}\s*$"
)
#: A list item's number right before its name ("一、", "（二）", "3.").
_SECTION_MARK = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])\s*$"
)
_LIST_JOINER = re.compile(r"\s*(?:及|和|与|以及|、|,)\s*")
_DEADLINE_LEAD = re.compile(rf"(?:^|(?<=[、,:;\s]))([{_CJK}]{{2,6}})\s*(?:截至|截止)")
#: A "X：" lead-in names a period only when it speaks of time.
_LABEL_LIKE = re.compile(r"时|期|日|限|截止|截至|档")
_KNOWN_LABELS = (
    ("报名", "报名时间"),
    ("停电", "停电时间"),
    ("停水", "停水时间"),
    ("停气", "停气时间"),
    ("暂停供电", "停电时间"),
    ("暂停供水", "停水时间"),
    ("暂停食水供应", "停水时间"),
    ("暂停供气", "停气时间"),
    ("停暖", "停暖时间"),
    ("封闭", "封闭期限"),
    ("封路", "封闭期限"),
    ("断交", "封闭期限"),
    ("交通管制", "管制时间"),
    ("管制", "管制时间"),
    ("征求意见", "征求意见时间"),
    ("意见反馈", "征求意见时间"),
    ("公示", "公示期"),
    ("开标", "开标时间"),
    ("投标", "投标时间"),
    ("拍卖", "拍卖时间"),
    ("竞买", "竞买时间"),
    ("面试", "面试时间"),
    ("笔试", "笔试时间"),
    ("考试", "考试时间"),
    ("施工", "施工时间"),
    ("招租", "招租时间"),
)


def _with_labels(periods: list[Period], norm: str) -> list[Period]:
    out: list[Period] = []
    for index, period in enumerate(periods):
        if period.label is not None or period.span is None:
            out.append(period)
            continue
        begin, finish = period.span
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.label
            and previous.span is not None
            and _LIST_JOINER.fullmatch(norm[previous.span[1] : begin])
        ):
            # 展示时间：3月29日及30日…: an item of a list shares the list's label
            out.append(_replace(period, label=previous.label))
            continue
        if (
            previous is not None
            and previous.label
            and previous.span is not None
            and _next_row(norm, previous.span[0], begin)
        ):
            # a table flattened into lines ("6月18日 6:00-18:00 10kV城东线 …"): a row under a
            # labelled row is the same kind of period
            out.append(_replace(period, label=previous.label))
            continue
        following = periods[index + 1].span if index + 1 < len(periods) else None
        limit = following[0] if following is not None else len(norm)
        label = (_deadline_label(norm, begin) if period.start is None else None) or _label(
            norm, begin, finish, limit
        )
        out.append(_replace(period, label=label) if label else period)
    return out


def _opens_line(norm: str, at: int) -> bool:
    """Whether only spaces stand between the line's start and ``at`` (looking back no further)."""
    while at > 0 and norm[at - 1] in " \t":
        at -= 1
    return at == 0 or norm[at - 1] == "\n"


def _next_row(norm: str, above: int, begin: int) -> bool:
    """Whether ``begin`` opens the line right below the line that ``above`` opens."""
    return (
        begin > 0
        and begin - above <= _ROW_REACH  # rows of a table are short; keeps a long page linear
        and _opens_line(norm, begin)
        and norm.count("\n", above, begin) == 1
        and _opens_line(norm, above)
    )


_ROW_REACH = 400


def _deadline_label(norm: str, begin: int) -> str | None:
    """ "竞买申请截至5月29日": the words before 截至 name what closes."""
    match = _DEADLINE_LEAD.search(norm, max(0, begin - 12), begin + 3)
    return None if match is None else f"{match.group(1)}截止时间"


def _label(norm: str, begin: int, finish: int, limit: int) -> str | None:
    before = norm[max(0, begin - 40) : begin]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    # Line breaks go (PDF breaks labels mid-word: "报名\n时间："), but where a line began is kept: a
    # label that starts its line opens its phrase ("项目编号：…\n获取招标文件时间：").
    pieces = before.split("\n")
    if len(pieces) > 1 and _HEADING.match(pieces[-2]) and _label_suffix(pieces[-1]):
        pieces = pieces[-1:]  # "五、考试\n笔试时间：": the section heading is not part of the label
    line_starts = set(accumulate(len(piece) for piece in pieces[:-1]))
    before = "".join(pieces)
    match = _label_suffix(before)
    if match is not None:
        return _trimmed_label(before, match.start(1), match.group(1), match.start(1) in line_starts)
    match = _LABEL_COLON.search(before) if _COLON_END.search(before) is not None else None
    if match is not None and (
        _LABEL_LIKE.search(match.group(1)) or _SECTION_MARK.search(before, 0, match.start(1)) is not None
    ):
        return match.group(1)  # "报名时间：" / "一、资格复审：": a numbered item named by what happens
    if match is not None:
        before = match.group(1)  # "各乡镇、县级各部门：" / "将对以下线路停电：": a lead-in, not a label
    own = norm[begin:finish]  # 5月11日停电，时间为8时至18时 names itself
    if _alone_on_line(norm, begin, finish) and not any(word in own for word, _ in _KNOWN_LABELS):
        return None  # a signature or dateline, not part of a sentence
    after = norm[finish : min(limit, finish + 160)]
    cut = _CLAUSE_BREAK.search(after)
    if cut is not None:
        after = after[: cut.start()]
    clause = before + own + after
    for word, label in _KNOWN_LABELS:
        if word in clause:
            return label
    return None


def _label_suffix(before: str) -> re.Match[str] | None:
    """``_LABEL_SUFFIX.search(before)``, tried only where its label word can start it."""
    end = _SUFFIX_END.search(before)
    if end is None:
        return None
    return _LABEL_SUFFIX.search(before, max(0, end.start() - _MAX_BEFORE_WORD))


def _trimmed_label(before: str, start: int, label: str, starts_line: bool = False) -> str:
    """The label as written where it opens its phrase ("二、获取招标文件时间："); only the
    last words when it ends a longer run of prose ("…路段）东侧辅道施工期限：" → 施工期限)."""
    opens = (
        starts_line
        or start == 0
        or before[start - 1] in _LABEL_OPENERS
        or _ENUM_BEFORE.search(before, 0, start) is not None
    )
    head = _LABEL_HEAD.search(label)
    name = label if head is None else label[: head.start() + 2]
    if opens and (len(name) <= 8 or "时间" in name or "截止" in name):
        return label  # a long opening run is a label only when it is a compound of labels
    return label if head is None else label[head.start() :]


def _alone_on_line(norm: str, begin: int, finish: int) -> bool:
    """Nothing but spaces before and after the period on its line (looked at nearby only)."""
    head = norm[max(0, begin - 200) : begin]
    tail = norm[finish : finish + 200]
    cut = head.rfind("\n")
    stop = tail.find("\n")
    return not head[cut + 1 :].strip() and not tail[: stop if stop >= 0 else len(tail)].strip()
