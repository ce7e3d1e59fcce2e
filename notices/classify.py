"""Tell notices from news, and pick a notice's category from weighted keyword evidence.

Both decisions read normalised text (simplified script, ASCII digits), so a notice
printed in traditional characters scores exactly like its simplified twin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from notices.categories import ROAD_KINDS, Category
from notices.closure_extent import (
    FULL_CLOSURE,
    KEPT_MOVING,
    PART_CLOSED,
    PARTLY_SHUT,
    WHOLE_ROAD_SHUT,
    several_measures,
)
from notices.first_chars import gated
from notices.keywords import DOCUMENT_NAMES, KEYWORDS, OTHER_SENSES
from notices.word_trie import trie_pattern, two_character_gate

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
#: Every branch opens with a character, so the engine skips to candidates (a branch opening with
#: a lookbehind, as ``(?<![一-龥])摄$`` did, made it try every branch at every position).
_NEWS_MARKERS = re.compile(r"本报讯|本报记者|记者|通讯员|本稿件由|新华社|摄(?<![一-龥]摄)$|摄影")


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
    for name in DOCUMENT_NAMES + OTHER_SENSES:  # matched, so the keywords they begin with are not
        entries.setdefault(name, [])
    longest_first = sorted(entries, key=len, reverse=True)
    # the keywords as a trie: each character tried once, not each keyword in turn (the longest
    # keyword starting at a position, as the keywords' alternation longest first would give).
    # Every branch opens with a character, so the engine scans for the keywords' first characters
    # and tries the trie only there; a match takes the keyword in, and the next search starts one
    # character on (``_keyword_hits``), as keywords may overlap.
    pattern = re.compile(two_character_gate(longest_first) + "(" + trie_pattern(longest_first) + ")")
    # (a document's name counts nothing, nor do the keywords it begins with: 承租 in 承租证, 出租 in 出租车)
    prefixes = {w: tuple(p for p in longest_first if w.startswith(p)) if entries[w] else () for w in entries}
    return pattern, prefixes, {w: tuple(e) for w, e in entries.items()}


# No keyword overlaps itself ("AA" in "AAA"), so counting every position a keyword
# starts at gives what str.count gives: one scan of the text replaces ~120 counts.
_KEYWORD_AT, _PREFIXES, _ENTRIES = _build_index()
_ORDER = tuple(KEYWORDS)


def _keyword_hits(text: str) -> dict[str, list[int]]:
    """Each keyword in the text with the positions it starts at."""
    hits: dict[str, list[int]] = {}
    search = _KEYWORD_AT.search
    m = search(text)
    while m is not None:
        start = m.start()
        for word in _PREFIXES[m.group(1)]:
            hits.setdefault(word, []).append(start)
        m = search(text, start + 1)
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
    category = guess if guess is not None else categorize(title, body)
    return notice_shape(title, body, signed=signed) + category_point(category)


#: The most a category's keywords add to ``notice_shape``: callers that can decide without
#: it (an item that is news even with it) skip the keyword scan.
CATEGORY_POINT = 1


def notice_shape(title: str, body: str, *, signed: bool) -> int:
    """A notice's shape alone: a document word in the title, a signature, a closing formula."""
    score = 0
    if any(m in title for m in NOTICE_MARKERS) or _EN_MARKERS.search(_lowered(title)):
        score += 3
    if signed:
        score += 2
    if _CLOSING_FORMULA.search(body):
        score += 2
    if _ANNOUNCING.search(body):
        score += 2
    return score


_CLOSING_FORMULA = re.compile(r"特此(?:公告|通告|通知|公示|声明)")
#: Every branch opens with a character, so a body is scanned for those alone.
_ANNOUNCING = re.compile(r"公告如下|通告如下|通知如下|公示如下|现将.{0,20}(?:公告|通告|公示|通知)")


def category_point(guess: CategoryGuess) -> int:
    """What the keywords add to a notice's shape: a known category, clearly said."""
    return CATEGORY_POINT if guess.category is not Category.OTHER and guess.score >= 6 else 0


def news_evidence(text: str, *, news_start: bool) -> int:
    """How strongly an item reads as a news report: 本报讯, bylines, credits, photo captions."""
    score = 4 if news_start else 0
    score += min(len(_NEWS_MARKERS.findall(text)), 3)
    return score


#: Words that make an exam or a sign-up a post to apply for: a recruitment exam (招聘考试,
#: a civil-service competition, 公务员 or as Taiwan says 公务人员) stays recruitment; a hearing's or a
#: licence exam's 报名 does not.
_RECRUITING = re.compile(
    r"招聘|招录|招考|聘用|聘请|聘任|选聘|应聘|录用|人才引进|引进人才|岗位|职位|公务员|公务人员|公职|选调|招警|招工"
    r"|需用名额|用人机关|分发机关|考选部|铨叙|国家考试|甄选|甄试|征兵|应征|兵役"
    r"|recruit|vacanc|the post of|civil service|job|hire|hiring|employ"
)

#: The same without 聘请: a hearing's expert members are invited (专家代表由…聘请), not hired.
_RECRUITING_PAST_HEARING = re.compile(_RECRUITING.pattern.replace("|聘请|", "|"))


class _Finder(Protocol):
    """What names a subject: a pattern, or a test written as code (``_Measures``)."""

    def search(self, string: str, /) -> object: ...


@dataclass(frozen=True, slots=True)
class _Subject:
    """A notice whose arrangements serve a subject belongs to the subject: when the keywords
    pick one of ``arrangements`` and ``words`` name the subject (and ``also`` is said too, and
    ``unless`` is not)."""

    arrangements: frozenset[Category]
    subject: Category
    words: _Finder
    unless: re.Pattern[str] | None = None
    also: re.Pattern[str] | None = None


#: Closures held off (no lane closures for maintenance over the holiday, 节日期间暂停占道施工): a rule
#: for traffic, which keeps every lane open, not a closure.
_CLOSURES_HELD_OFF = re.compile(
    gated(
        r"(?:prohibit\w*|suspend\w*|halt\w*|ban\w*|no)\s+(?:\w+\s+){0,2}?(?:lane|road) closures?"
        r"|(?:lane|road) closures?\s+(?:will\s+be\s+|are\s+|is\s+|to\s+be\s+)?"
        r"(?:suspended|halted|prohibited|banned)"
        r"|(?:involv|requir)\w*\s+(?:\w+\s+)?(?:lane|road) closures?[^.\n]{0,60}?\b(?:halted|suspended|stop)"
        r"|(?:暂停|禁止|停止)(?:一切|所有)?(?:占道|涉路)(?:施工|作业)|(?:占道|涉路)(?:施工|作业)[^，。；\n]{0,8}暂停"
    )
)


class _Measures:
    """``several_measures`` in the shape of a pattern's ``search``, for a ``_Subject``."""

    @staticmethod
    def search(text: str) -> bool:
        return several_measures(text)


_MEASURES_SET = _Measures()

_SUBJECTS: tuple[_Subject, ...] = (
    _Subject(frozenset({Category.ROAD_CLOSURE}), Category.TRAFFIC_CONTROL, _CLOSURES_HELD_OFF),
    _Subject(
        ROAD_KINDS,
        Category.EVENT,
        re.compile(
            gated(
                r"马拉松|半程|赛事|比赛期间|龙舟|大赛|烟花|烟火|巡游|花车|灯会|观灯|年宵|花市|花墟|庙会|演唱会|音乐节"
                r"|文化节|嘉年华|跨年|倒数|庆典|运动会|自行车赛|越野赛|marathon|fireworks|parade|countdown"
                r"|carnival|festival|\brace\b|\brun\b|celebration|sporting|民俗活动|(?:举办|举行)[^，。,\n]{0,24}活动"
                r"|盛会|宴会|峰会|banquet|summit|配合[^，。,\n]{0,30}活动"
            )
        ),
    ),
    # closures among other measures (parking bans, bus stops, limited access): a set of traffic measures
    _Subject(ROAD_KINDS, Category.TRAFFIC_CONTROL, _MEASURES_SET),
    # a road shut outright is closed, whatever the title calls the measures (see closure_extent)
    _Subject(frozenset({Category.TRAFFIC_CONTROL}), Category.ROAD_CLOSURE, FULL_CLOSURE, PART_CLOSED),
    # half of it or a lane shut while traffic passes on the rest: the road stays open under limits
    _Subject(frozenset({Category.ROAD_CLOSURE}), Category.TRAFFIC_CONTROL, PART_CLOSED, also=KEPT_MOVING),
    # only some lanes shut, said outright (封闭部分车道, a partial road closure)
    _Subject(frozenset({Category.ROAD_CLOSURE}), Category.TRAFFIC_CONTROL, PARTLY_SHUT, WHOLE_ROAD_SHUT),
    _Subject(
        frozenset({Category.TENDER, Category.AUCTION}),
        Category.RENTAL,
        re.compile(r"出租|招租|租赁|租用|租约|摊位|铺位|for rent|for lease|to let|tenancy|letting"),
    ),
    _Subject(
        # 报名 for a school place (小学一年级新生报名, 幼儿园招生) is no post to apply for
        frozenset({Category.RECRUITMENT}),
        Category.OTHER,
        re.compile(
            r"新生(?:入学|报名|登记)|入学报名|招生(?:报名|工作|简章|计划)|一年级新生|幼儿园招生|入园报名"
        ),
    ),
    _Subject(
        # one registers (报名) to speak at a hearing: the hearing is the subject
        frozenset({Category.RECRUITMENT}),
        Category.PUBLIC_CONSULTATION,
        re.compile(r"听证|公听会|public hearing"),
        _RECRUITING_PAST_HEARING,
    ),
    _Subject(
        # children registered for a school's places (入学登记, 新生, Primary One registration): the
        # "vacancies" and the documents (租赁合同) are the school's and the family's, no post or letting
        frozenset({Category.RECRUITMENT, Category.RENTAL}),
        Category.OTHER,
        re.compile(
            r"入学登记|入学申请|入学报名|新生入学|新生报到|新生登记|新生招收|招生|小一|学位申请"
            r"|primary\s*(?:one|1)\b|\bp1\b|school admission|admission to primary"
        ),
        re.compile(r"教师|教职员招聘|招聘教|征兵|应征|兵役|teacher|recruitment of"),
    ),
    _Subject(
        # candidates (考生, 准考证) of a school or licence exam apply for no post
        frozenset({Category.RECRUITMENT}),
        Category.OTHER,
        re.compile(r"考试|考生|准考证|笔试|examination|\bexams?\b"),
        _RECRUITING,
    ),
    _Subject(
        # a vote on the public's own proposals for the budget: the 活动 is the public's say in a plan
        frozenset({Category.EVENT}),
        Category.PUBLIC_CONSULTATION,
        re.compile(r"参与式预算|i-voting|participatory budget"),
    ),
    _Subject(
        frozenset({Category.TENDER, Category.RENTAL}),
        Category.AUCTION,
        re.compile(r"拍卖|竞买|卖地|土地出让|挂牌出让|land sale|auction"),
    ),
)


def _subject(best: Category, text: str) -> Category | None:
    """The subject category when ``best`` only names the arrangements made for it."""
    for rule in _SUBJECTS:
        named = best in rule.arrangements and rule.words.search(text)
        if rule.also is not None and named:
            named = rule.also.search(text)
        if named and (rule.unless is None or not rule.unless.search(text)):
            return rule.subject
    return None
