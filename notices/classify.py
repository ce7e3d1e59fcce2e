"""Tell notices from news, and pick a notice's category from weighted keyword evidence.

Both decisions read normalised text (simplified script, ASCII digits), so a notice
printed in traditional characters scores exactly like its simplified twin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notices.categories import Category

#: Evidence per category: (keyword, weight). Weights favour words that name the
#: subject outright (停电) over words that merely go with it (检修).
KEYWORDS: dict[Category, tuple[tuple[str, int], ...]] = {
    Category.ROAD_CLOSURE: (
        ("封路", 6),
        ("封闭施工", 5),
        ("封闭交通", 5),
        ("道路封闭", 5),
        ("封闭道路", 5),
        ("全封闭", 4),
        ("半封闭", 4),
        ("断交", 4),
        ("断路施工", 4),
        ("封闭期限", 4),
        ("封闭", 2),
        ("禁止通行", 2),
        ("禁止车辆通行", 2),
        ("绕行", 1),
        ("路段", 1),
        ("road closure", 6),
        ("closed to traffic", 5),
        ("temporarily closed", 4),
        ("lane closure", 5),
    ),
    Category.TRAFFIC_CONTROL: (
        ("交通管制", 6),
        ("临时管制", 4),
        ("管制措施", 3),
        ("交维", 4),
        ("交通安排", 4),
        ("临时交通安排", 5),
        ("限行", 4),
        ("限号", 4),
        ("禁行", 3),
        ("单向通行", 3),
        ("管制时间", 4),
        ("交通组织", 2),
        ("分流", 1),
        ("绕行", 1),
        ("traffic control", 6),
        ("traffic arrangement", 5),
        ("roads will be closed", 5),
        ("will be suspended", 2),
        ("traffic on", 2),
        ("diversion", 3),
    ),
    Category.POWER_OUTAGE: (
        ("停电", 6),
        ("停止供电", 5),
        ("暂停供电", 5),
        ("停电范围", 4),
        ("停电时间", 4),
        ("送电", 2),
        ("供电", 2),
        ("检修", 1),
        ("电力", 1),
        ("线路", 1),
        ("power outage", 6),
        ("power cut", 6),
        ("power suspension", 6),
        ("electricity supply", 4),
        ("power supply", 4),
    ),
    Category.WATER_OUTAGE: (
        ("停水", 6),
        ("停止供水", 5),
        ("暂停供水", 5),
        ("食水", 2),
        ("降压供水", 5),
        ("冲厕水", 4),
        ("供水暂停", 5),
        ("水供应暂停", 5),
        ("停水时间", 4),
        ("供水", 2),
        ("自来水", 2),
        ("蓄水", 2),
        ("管网", 1),
        ("water supply", 5),
        ("water suspension", 6),
        ("store sufficient water", 2),
    ),
    Category.GAS_OUTAGE: (
        ("停气", 6),
        ("停止供气", 5),
        ("暂停供气", 5),
        ("停气时间", 4),
        ("燃气", 2),
        ("天然气", 2),
        ("供气", 2),
        ("煤气", 2),
        ("gas supply", 5),
    ),
    Category.HEATING: (
        ("供热", 5),
        ("供暖", 5),
        ("采暖", 4),
        ("停热", 5),
        ("停暖", 5),
        ("供热期", 4),
        ("采暖期", 4),
        ("取暖费", 3),
        ("热费", 3),
        ("试运行", 1),
        ("注水", 1),
    ),
    Category.RECRUITMENT: (
        ("招聘", 6),
        ("人才引进", 6),
        ("引进人才", 5),
        ("引进", 2),
        ("招录", 5),
        ("招考", 5),
        ("开考", 5),
        ("投考", 4),
        ("准考", 3),
        ("应聘", 3),
        ("录用", 2),
        ("岗位", 2),
        ("报名", 2),
        ("简历", 2),
        ("学历", 1),
        ("周岁", 1),
        ("recruitment", 6),
        ("vacancy", 5),
        ("vacancies", 5),
    ),
    Category.RENTAL: (
        ("出租", 6),
        ("招租", 6),
        ("社会房屋", 4),
        ("租赁", 4),
        ("承租", 4),
        ("租金", 3),
        ("门市", 1),
        ("招商", 1),
        ("转让", 3),
        ("for rent", 6),
        ("for lease", 6),
        ("to let", 5),
    ),
    Category.TENDER: (
        ("招标", 6),
        ("投标", 4),
        ("采购", 4),
        ("竞争性磋商", 5),
        ("竞争性谈判", 5),
        ("询价", 4),
        ("比选", 4),
        ("中标", 3),
        ("标段", 2),
        ("投标人", 2),
        ("开标", 4),
        ("供应商", 2),
        ("tender", 6),
        ("procurement", 4),
    ),
    Category.AUCTION: (
        ("拍卖", 6),
        ("竞买", 5),
        ("起拍价", 4),
        ("挂牌出让", 5),
        ("地上权", 5),
        ("土地招标", 5),
        ("出让", 3),
        ("竞拍", 4),
        ("竞价", 2),
        ("保证金", 1),
        ("auction", 6),
    ),
    Category.PUBLIC_CONSULTATION: (
        ("征求意见", 6),
        ("意见征集", 6),
        ("征集意见", 6),
        ("公开征求", 5),
        ("征求意见稿", 5),
        ("公众咨询", 6),
        ("公开征集", 5),
        ("征集", 2),
        ("咨询期", 5),
        ("意见征询", 5),
        ("征询意见", 5),
        ("说明会", 4),
        ("听证", 4),
        ("意见建议", 2),
        ("反馈", 1),
        ("public consultation", 6),
        ("public hearing", 5),
        ("consultation", 4),
    ),
    Category.PUBLIC_DISCLOSURE: (
        ("公示", 6),
        ("公示期", 4),
        ("异议", 3),
        ("拟", 1),
        ("公示对象", 3),
        ("名单", 1),
    ),
    Category.EVENT: (
        ("活动", 3),
        ("举办", 3),
        ("开幕", 4),
        ("展览", 4),
        ("比赛", 4),
        ("大赛", 4),
        ("讲座", 4),
        ("演出", 4),
        ("庙会", 4),
        ("马拉松", 4),
        ("招募", 2),
        ("邀请", 2),
        ("marathon", 4),
        ("parade", 4),
        ("fireworks", 4),
        ("countdown", 3),
        ("sporting", 2),
    ),
}

TITLE_WEIGHT = 3
#: The document type is the title's last word: "招聘拟录用人员公示" is a disclosure.
HEAD_BONUS = 4
#: Below this total the text says too little to name a category.
MIN_SCORE = 5

NOTICE_MARKERS = (
    "公告",
    "通告",
    "通知",
    "公示",
    "启事",
    "声明",
    "招租",
    "出租",
    "招聘",
    "人才引进",
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
    "封闭施工",
    "公众咨询",
    "征询",
    "招标",
    "拍卖",
    "征求意见",
    "特此",
    "告知书",
    "预告",
    "转让",
    "招生",
    "征兵",
    "听证",
)
#: The same in English titles, matched on the lower-cased title.
_EN_MARKERS = re.compile(
    r"\b(?:notice|announcement|notification|road closure|suspension|tender|auction|recruitment"
    r"|for (?:rent|lease)|to let|public consultation|public hearing)\b"
)
_NEWS_MARKERS = re.compile(r"本报讯|本报记者|记者|通讯员|本稿件由|新华社|(?<![一-龥])摄$|摄影")


@dataclass(frozen=True, slots=True)
class CategoryGuess:
    """The winning category, the runner-up and whether the two are too close to call."""

    category: Category
    score: int
    runner_up: Category | None
    ambiguous: bool


_Entries = tuple[tuple[Category, int], ...]


def _build_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], dict[str, _Entries]]:
    """One pattern that finds, at every position, the longest keyword starting there;
    the shorter keywords starting at the same place are its prefixes ("停电" in
    "停电时间"), listed per keyword; and each keyword's (category, weight) entries."""
    entries: dict[str, list[tuple[Category, int]]] = {}
    for category, words in KEYWORDS.items():
        for word, value in words:
            entries.setdefault(word, []).append((category, value))
    longest_first = sorted(entries, key=len, reverse=True)
    pattern = re.compile("(?=(" + "|".join(re.escape(w) for w in longest_first) + "))")
    prefixes = {w: tuple(p for p in longest_first if w.startswith(p)) for w in entries}
    return pattern, prefixes, {w: tuple(e) for w, e in entries.items()}


# No keyword overlaps itself ("AA" in "AAA"), so counting every position a keyword
# starts at gives what str.count gives: one scan of the text replaces ~120 counts.
_KEYWORD_AT, _PREFIXES, _ENTRIES = _build_index()
_ORDER = tuple(KEYWORDS)


def _keyword_hits(text: str) -> dict[str, list[int]]:
    """Each keyword in the text with the positions it starts at."""
    hits: dict[str, list[int]] = {}
    for m in _KEYWORD_AT.finditer(text):
        start = m.start()
        for word in _PREFIXES[m.group(1)]:
            hits.setdefault(word, []).append(start)
    return hits


def _score(hits: dict[str, list[int]], weight: int, scores: dict[Category, int]) -> None:
    """Add each category's keyword evidence (three occurrences at most per keyword),
    new categories entering ``scores`` in KEYWORDS order, so ties rank as they always did."""
    gained: dict[Category, int] = {}
    for word, starts in hits.items():
        for category, value in _ENTRIES[word]:
            gained[category] = gained.get(category, 0) + value * weight * min(len(starts), 3)
    for category in _ORDER:
        if category in gained:
            scores[category] = scores.get(category, 0) + gained[category]


def _head_category(hits: dict[str, list[int]]) -> Category | None:
    """The category of the keyword that ends last in the title (its document type)."""
    best: tuple[int, int] | None = None
    head: Category | None = None
    for word, starts in hits.items():
        key = (starts[-1] + len(word), len(word))
        if best is not None and key <= best:
            continue
        category = next((c for c, value in _ENTRIES[word] if value >= 4), None)
        if category is not None:
            best, head = key, category
    return head


_CAPITAL = re.compile(r"[A-Z]")


def _lowered(text: str) -> str:
    return text.lower() if _CAPITAL.search(text) else text


def categorize(title: str, body: str) -> CategoryGuess:
    """Category from normalised title and body: the keyword evidence, then the subject the
    arrangements serve (a marathon's road closures are the marathon's notice)."""
    guess = keyword_guess(title, body)
    subject = _subject(guess.category, _lowered(f"{title}\n{body}"))
    if subject is None:
        return guess
    return CategoryGuess(subject, guess.score, guess.category, False)


def keyword_guess(title: str, body: str) -> CategoryGuess:
    """Category by keyword evidence alone; the title weighs three times the body.
    English keywords are lower case: the text is lowered when it holds ASCII capitals."""
    title, body = _lowered(title), _lowered(body)
    scores: dict[Category, int] = {}
    title_hits = _keyword_hits(title)
    _score(title_hits, TITLE_WEIGHT, scores)
    head = _head_category(title_hits)
    if head is not None:
        scores[head] = scores.get(head, 0) + HEAD_BONUS * TITLE_WEIGHT
    _score(_keyword_hits(body), 1, scores)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return CategoryGuess(Category.OTHER, ranked[0][1] if ranked else 0, None, False)
    (best, top), runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    ambiguous = runner is not None and runner[1] * 5 >= top * 4
    return CategoryGuess(best, top, runner[0] if runner else None, ambiguous)


def notice_evidence(title: str, body: str, *, signed: bool, guess: CategoryGuess | None = None) -> int:
    """How strongly an item reads as a notice: title words, signature, closing formula.

    guess: ``categorize(title, body)`` when the caller has it already.
    """
    score = 0
    if any(m in title for m in NOTICE_MARKERS) or _EN_MARKERS.search(_lowered(title)):
        score += 3
    if signed:
        score += 2
    if re.search(r"特此(?:公告|通告|通知|公示|声明)", body):
        score += 2
    if re.search(r"(?:公告|通告|通知|公示)如下|现将.{0,20}(?:公告|通告|公示|通知)", body):
        score += 2
    category = guess if guess is not None else categorize(title, body)
    if category.category is not Category.OTHER and category.score >= 6:
        score += 1
    return score


def news_evidence(text: str, *, news_start: bool) -> int:
    """How strongly an item reads as a news report: 本报讯, bylines, credits, photo captions."""
    score = 4 if news_start else 0
    score += min(len(_NEWS_MARKERS.findall(text)), 3)
    return score


#: A notice whose arrangements serve a subject belongs to the subject: (arrangement
#: categories, subject, words that name the subject).
_SUBJECTS: tuple[tuple[frozenset[Category], Category, re.Pattern[str]], ...] = (
    (
        frozenset({Category.TRAFFIC_CONTROL, Category.ROAD_CLOSURE}),
        Category.EVENT,
        re.compile(
            r"马拉松|半程|赛事|比赛期间|大赛|烟花|烟火|巡游|花车|灯会|观灯|年宵|花市|花墟|庙会|演唱会|音乐节"
            r"|文化节|嘉年华|跨年|倒数|庆典|运动会|自行车赛|越野赛|marathon|fireworks|parade|countdown"
            r"|carnival|festival|race\b|run\b"
        ),
    ),
    (
        frozenset({Category.TENDER, Category.AUCTION}),
        Category.RENTAL,
        re.compile(r"出租|招租|租赁|租用|租约|摊位|铺位|for rent|for lease|to let|tenancy|letting"),
    ),
    (
        frozenset({Category.TENDER, Category.RENTAL}),
        Category.AUCTION,
        re.compile(r"拍卖|竞买|卖地|土地出让|挂牌出让|land sale|auction"),
    ),
)


def _subject(best: Category, text: str) -> Category | None:
    """The subject category when ``best`` only names the arrangements made for it."""
    for arrangements, subject, words in _SUBJECTS:
        if best in arrangements and words.search(text):
            return subject
    return None
