"""Tokeniser for the date grammar: normalised text → numbers, units, keywords, separators.

Only what can take part in a date becomes a token; any other non-space text between
two tokens becomes one GAP token, which no grammar rule crosses. Whitespace (line
breaks included) is transparent, because PDF text breaks lines mid-date
(``2022年5月10日—\\n5月 31日``). Chinese numerals are tokens only when a date or
duration unit follows, so the thousands of 一 in running prose cost nothing.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from notices.calendars import FESTIVAL_NAMES, LUNAR_MONTH_NAMES
from notices.dates.foreign_words import PHRASE_HEADS, WORDS, as_english
from notices.numerals import to_int
from notices.word_trie import trie_pattern


class Kind(Enum):
    NUM = "num"  # value: int
    UNIT = "unit"  # value: 年 月 日 号 时 点 分 秒
    KW = "kw"  # value: the keyword, canonicalised
    WEEKDAY = "weekday"  # value: 0 (Monday) .. 6
    RELWEEK = "relweek"  # 本周三 / 下周一: value (weeks ahead, weekday)
    PAREN = "paren"  # value: the text inside the brackets
    WORD = "word"  # value: an ASCII word, lower-cased
    SEP = "sep"  # value: - ~ / . : , 、
    GAP = "gap"  # any other text


# Each kind as a module name: on Python 3.11 reading ``Kind.X`` calls EnumType.__getattr__'s
# hook, several times slower than a global, and kinds are read per token and per line.
NUM, UNIT, KW, WEEKDAY, RELWEEK, PAREN, WORD, SEP, GAP = (
    Kind.NUM,
    Kind.UNIT,
    Kind.KW,
    Kind.WEEKDAY,
    Kind.RELWEEK,
    Kind.PAREN,
    Kind.WORD,
    Kind.SEP,
    Kind.GAP,
)


class Token(NamedTuple):
    """One token; a tuple because pages make thousands of them and tuples are cheap."""

    kind: Kind
    value: object
    start: int
    end: int
    digits: int = 0  # for NUM: how many arabic digits (0 for Chinese numerals)

    def is_kw(self, *words: str) -> bool:
        return self.kind is KW and self.value in words

    def is_word(self, *words: str) -> bool:
        return self.kind is WORD and self.value in words

    def is_sep(self, *chars: str) -> bool:
        return self.kind is SEP and self.value in chars


_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_CHARS.update({str(i + 1): i for i in range(7)})

_RELWEEK_HEAD = re.compile(r"(?:本|这|下|下个)(?:周|星期|礼拜)[一二三四五六日天1-7]")
_CN_NUM = "〇零一二两三四五六七八九十廿卅百千"

#: Days named by their distance from the notice's own day (今日, 明晚, 后天): each can begin a period.
RELATIVE_DAYS = (
    "今日",
    "今天",
    "同日",
    "同一天",
    "是日",
    "明日",
    "明天",
    "今晚",
    "今早",
    "今晨",
    "明晚",
    "明早",
    "明晨",
    "后天",
    # (the day before the notice's: told of what already happened, and left out as past)
    "昨日",
    "昨天",
    "昨晚",
)

KEYWORDS = (
    *FESTIVAL_NAMES,
    "农历",
    *LUNAR_MONTH_NAMES,
    # longer spellings first: the alternation takes the first that matches
    "即日起",
    "即日",
    "今起",
    "明起",
    "昨起",
    "之日起",
    # from when the notice itself is out: 通告时间起, 自本公告发布之时起
    *(f"{what}{when}起" for what in ("通告", "公告", "通知", "发布") for when in ("时间", "之时", "时")),
    "截止到",
    "截止至",
    "截至到",
    "截至",
    "截止",
    "本月底",
    "本月末",
    "月底",
    "月末",
    "月初",
    "月中",
    "月份",
    "年底",
    "上旬",
    "中旬",
    "下旬",
    "上午",
    "下午",
    "中午",
    "晚上",
    "夜间",
    "凌晨",
    "早上",
    "早晨",
    "傍晚",
    *RELATIVE_DAYS,
    "次日",
    "翌日",
    "隔日",
    "隔天",
    "次晨",
    "翌晨",
    "工作日",
    "每日",
    "每天",
    "日期",
    "时间",
    "小时",
    "周岁",
    "公示期限",
    "公示期",
    "公告期",
    "异议期",
    "起至",
    "起到",
    "为止",
    "或之前",
    "或以前",
    "之前",
    "以前",
    "日内",
    "天内",
    "起",
    "止",
    "至",
    "到",
    "前",
    "内",
    "个",
    "半",
    "天",
    "为",
)

# Every character that can begin a token; a run of anything else is one GAP match,
# so the scanner moves through prose in long strides.
_STARTS = (
    re.escape(
        "".join(
            sorted({w[0] for w in KEYWORDS} | set(_CN_NUM) | set("()本这下星礼周年月日号时点分秒-~/.:,、"))
        )
    )
    + r"0-9A-Za-z\u00c0-\u00ff\s"
)


_KW_FIRST = re.escape("".join(sorted({w[0] for w in KEYWORDS})))

_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
#: An English range of days inside a bracket (22 Sept to 24 Nov, May 22 - June 4): the bracket is
#: the dates, not an aside; one day in brackets (Thursday (May 12)) is a weekday's gloss.
_EN_RANGE = (
    r"(?i:(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _EN_MONTH
    + r"|\b"
    + _EN_MONTH
    + r"\.?\s+\d{1,2}(?!\d))"
    r"[^()]*?(?:\b(?:to|until|till)\b|[-–—~])[^()]*?\d)"
)

# Each alternative opens with the character class its tokens start with and names its kind with an
# empty group at its end (``m.lastgroup``; the token is the whole match): the engine then skips an
# alternative after one test of the character, where an alternative opening with its group (or a
# lookaround) is entered and left again at every token.
_TOKEN_RE = re.compile(
    # a lunar day after its month or a range's 至 (正月十七, 至初五), a token of its own so the words
    # after it (正月十七每晚18时) are not run into it
    r"[初二三廿十](?:(?<=正月.|腊月.|冬月.)|(?<=[至到].))"
    r"(?:(?<=初)[一二三四五六七八九十]|(?<=[二三])十[一二三四五六七八九]?|(?<=[廿十])[一二三四五六七八九]?)"
    r"(?![〇零一二两三四五六七八九十廿卅百千年月日号时点分个天周])(?P<lunarday>)"
    r"|[^" + _STARTS + r"][^" + _STARTS + r"]*(?P<gap>)"
    r"|\s\s*(?P<space>)"
    r"|[0-9][0-9]*(?P<num>)"
    r"|[-~/.:,、](?P<sep>)"
    # a bracketed aside is noise ("（星期三）") unless it holds a month and day ("（有效期至6月30日）")
    # or an English hour ("(from 3am to 10.30am on May 27)")
    # 今（13）日 / 明（10）日: a day of the month written inside a relative word, as Taiwan's press does
    # 今(12)日至8月16日: the relative day opening a run, read as 今日 (its month is the notice's)
    r"|[今明]\s*\(\s*\d{1,2}\s*\)\s*日(?=\s*(?:起|至|到))(?P<relrun>)"
    r"|[今明昨]\s*\(\s*\d{1,2}\s*\)(?=\s*日)(?P<relday>)"
    # 今(周三)晚上八时 / 明(星期四): 今日 / 明日 with their weekday in brackets, as Macau's press writes
    r"|[今明](?=\s*\(\s*(?:周|星期|礼拜)?[一二三四五六日天]\s*\))(?P<relweekday>)"
    # or an English range of days ("(22 Sept to 24 Nov)", "(May 22 - June 4)")
    r"|\((?![^()]*\d\s*(?:月\s*\d|[aApP]\.?[mM]\b))(?![^()]*" + _EN_RANGE + r")[^()]{1,40}\)(?P<paren>)"
    # 本周 / 这星期 / 下礼拜 / 下个周…
    r"|[本这下](?:|(?<=下)个)(?:周|星期|礼拜)[一二三四五六日天1-7]"
    r"(?:[、及和至到][一二三四五六日天](?![一二三四五六七八九十\d月日号时点]))*(?P<relweek>)"
    # 星期 / 礼拜 / 周
    r"|[星礼周](?:(?<=星)期|(?<=礼)拜|(?<=周))[一二三四五六日天1-7](?P<weekday>)"
    # one test of the keywords' first characters before the trie's branches are tried one by one
    r"|(?=[" + _KW_FIRST + r"])" + trie_pattern(KEYWORDS) + r"(?P<kw>)"
    r"|[" + _CN_NUM + r"][" + _CN_NUM + r"]*(?=\s*(?:[年月日号时点分个天周]|工作日|小时"
    r"|[至到~-]\s*[" + _CN_NUM + r"]+\s*[年月日号时点]))(?P<cn>)"
    # a.m. / p.m., or a word
    r"|[A-Za-z\u00c0-\u00ff](?:(?<=[AaPp])\.[Mm]\.?|[A-Za-z\u00c0-\u00ff]*)(?P<word>)"
    r"|[年月日号时点分秒](?P<unit>)"
    r"|.(?P<other>)",
    re.DOTALL,
)

#: 明起, 今起, 昨起: 明日起, 今日起, 昨日起 said short; after these characters 明 ends a word (说明起草,
#: 证明起见).
_SHORT_FROM = {"明起": "明日", "今起": "今日", "昨起": "昨日"}
_WORD_BEFORE_MING = frozenset("说证声表发透聪光文英简分阐注标查讲指申如至")
#: The same before 今 (至今, 如今, 现今) and 明, where a bracket after them is a list's number.
_WORD_BEFORE = {"明": _WORD_BEFORE_MING, "今": frozenset("至如现迄古而当")}

#: 至民国114年5月19日: the era's name before a year is read as the year's (``_roc_year`` looks back
#: for it), not as a word that parts the range's two ends.
_ERA_NAMES = frozenset(["民国", "中华民国", "民國", "中華民國"])
_AFTER_ERA = frozenset(["num", "cn"])
_ERA_LONGEST = 8  # 中华民国 with a space or two around it

#: Range connectors a page may print twice in a row by a slip of the keyboard (至至).
_DOUBLED = frozenset(["至", "到"])

_new_token = tuple.__new__  # skips NamedTuple's Python-level __new__: pages make thousands
_PLAIN = {"sep": SEP, "unit": UNIT, "kw": KW, "lunarday": GAP}


def _sharp(last: Token, tokens: list[Token]) -> bool:
    """Whether 整 right after ``last`` closes an hour: 7时整, 8点整, 9:00整."""
    if last.kind is UNIT:
        return last.value in ("时", "点")
    return last.kind is NUM and len(tokens) >= 2 and tokens[-2].kind is SEP and tokens[-2].value == ":"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of normalised ``text[start:end]`` with offsets into ``text`` (and so the original)."""
    tokens: list[Token] = []
    append = tokens.append
    new = _new_token
    gap_start = -1
    gap_end = -1
    foreign = False  # a Malay or Portuguese date word was seen: read them as English at the end
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        group = m.lastgroup
        if group == "space":
            continue
        if group == "num":  # (the commonest token, read here past the checks for the others)
            start, end = m.span()
            if gap_start >= 0:
                if gap_end - gap_start > _ERA_LONGEST or text[gap_start:gap_end].strip() not in _ERA_NAMES:
                    append(new(Token, (GAP, text[gap_start:gap_end], gap_start, gap_end, 0)))
                gap_start = -1
            raw = m.group()
            append(new(Token, (NUM, int(raw), start, end, len(raw))))
            continue
        if group == "sep" or group == "unit":  # (the next commonest: a mark or a unit, nothing to check)
            start, end = m.span()
            if gap_start >= 0:
                append(new(Token, (GAP, text[gap_start:gap_end], gap_start, gap_end, 0)))
                gap_start = -1
            append(new(Token, (SEP if group == "sep" else UNIT, m.group(), start, end, 0)))
            continue
        start, end = m.span()
        if group == "gap" or group == "other":
            if gap_start < 0:
                if text[start] == "整" and tokens and _sharp(tokens[-1], tokens):
                    # 早7时整 / 9:00整: "sharp" after an hour is part of it, not text between
                    start += 1
                    if start == end:
                        continue
                gap_start = start
            gap_end = end
            continue
        if gap_start >= 0:
            if (
                group not in _AFTER_ERA
                or gap_end - gap_start > _ERA_LONGEST
                or text[gap_start:gap_end].strip() not in _ERA_NAMES
            ):
                append(new(Token, (GAP, text[gap_start:gap_end], gap_start, gap_end, 0)))
            gap_start = -1
        raw = m.group()
        plain = _PLAIN.get(group)  # type: ignore[arg-type]
        if plain is KW and raw in _SHORT_FROM:
            if start > 0 and text[start - 1] in _WORD_BEFORE_MING:
                gap_start, gap_end = start, end  # 说明起草: a word, no date
                continue
            # 明起 / 今起: 明日起 / 今日起 said short
            append(new(Token, (KW, _SHORT_FROM[raw], start, start + 1, 0)))
            append(new(Token, (KW, "起", start + 1, end, 0)))
            continue
        if plain is KW and raw in _DOUBLED and tokens and tokens[-1].value == raw and tokens[-1].end == start:
            # 即日起至至8月31日: a connector typed twice is one connector
            tokens[-1] = new(Token, (KW, raw, tokens[-1].start, end, 0))
            continue
        if plain is not None:
            append(new(Token, (plain, raw, start, end, 0)))
        elif group == "num":
            append(new(Token, (NUM, int(raw), start, end, len(raw))))
        elif group == "relweekday" and start > 0 and text[start - 1] in _WORD_BEFORE[raw]:
            gap_start, gap_end = start, end  # 说明(四), 至今(一): a word, then a list's number
            continue
        elif group == "relrun" or group == "relweekday":
            append(new(Token, (KW, "今日" if raw[0] == "今" else "明日", start, end, 0)))
        elif group == "relday":
            digits = raw[raw.index("(") + 1 : raw.index(")")].strip()
            append(new(Token, (NUM, int(digits), start, end, len(digits))))
        elif group == "cn":
            value = to_int(raw)
            if value is None:
                append(Token(GAP, raw, start, end))
            else:
                append(Token(NUM, value, start, end, 0))
        elif group == "word":
            word = raw.lower().replace(".", "")
            if raw == "may":
                word = "may-verb"  # lower-case "may" is the verb, never the month
            elif word in WORDS or word in PHRASE_HEADS:
                foreign = True
            append(Token(WORD, word, start, end))
        elif group == "weekday":
            append(Token(WEEKDAY, _WEEKDAY_CHARS[raw[-1]], start, end))
        elif group == "relweek":
            ahead = 0 if raw[0] in "本这" else 1
            head = _RELWEEK_HEAD.match(raw)
            first = head.end() if head is not None else len(raw)
            append(Token(RELWEEK, (ahead, _WEEKDAY_CHARS[raw[first - 1]]), start, start + first))
            # 下周一、二 / 下周一至三: the days after the first are of the same week
            for at in range(first, len(raw), 2):
                joiner, day = raw[at], raw[at + 1]
                where = start + at
                if joiner in "至到":
                    append(Token(KW, joiner, where, where + 1))
                elif joiner == "、":
                    append(Token(SEP, joiner, where, where + 1))
                else:
                    append(Token(GAP, joiner, where, where + 1))
                append(Token(RELWEEK, (ahead, _WEEKDAY_CHARS[day]), where + 1, where + 2))
        else:  # paren
            inner = raw[1:-1].strip()
            if inner.lower() in WORDS:
                foreign = True  # 26 Mei 2024 (Ahad): a weekday in brackets, read as English
            append(Token(PAREN, inner, start, end))
    if gap_start >= 0:
        append(Token(GAP, text[gap_start:gap_end], gap_start, gap_end))
    return as_english(tokens) if foreign else tokens
