"""A title for a notice that prints none: its category and its first words, in the body's language.

An English notice reads "Event: The annual book fair will…", a Chinese one "活动：市图书馆将举办…";
a Chinese prefix before English words would read as neither.
"""

from __future__ import annotations

import re

from notices.categories import Category
from notices.dated_paper import EXPORTED_LEAD
from notices.en_dateline import EN_DATELINE_LEAD

#: What a news report opens with before its facts: 本报讯（记者 张明）记者昨日从市供电公司获悉，
REPORT_LEAD = re.compile(
    r"(?:[【\[(（]?[^，。,\n]{0,14}(?:讯|訊|日电|日電)[】\])）]?\s*(?:[(（][^)）]{0,20}[)）])?\s*)?"
    r"(?:记者[^，。,\n]{0,20}(?:获悉|了解到|获知)[，,:：]?\s*)?"
)
_ZH_CLAUSE_END = re.compile(r"[，。；：,.;:！？!?\n]")
#: An English clause ends at a comma, a colon, a semicolon or a sentence's stop; the dot of
#: "9.00 am" or "No.3" ends nothing.
_EN_CLAUSE_END = re.compile(r"[,;:!?\n]|\.(?=\s|$)")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
#: Runs, not single characters: counting their lengths makes a match per word, not per letter.
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ZH_CHARS = 16
_EN_WORDS = 5
_EN_CHARS = 36


def derived_title(category: Category, body: str) -> str:
    """The category and the body's first words, past a news opening and its credit
    (本报讯（记者 张明）, 【本报讯】) and a reporting lead-in (记者昨日从…获悉，)."""
    if _mostly_latin(body):
        return _english_title(category, body)
    lead = REPORT_LEAD.match(body.strip())
    text = body.strip()[lead.end() :] if lead is not None else body.strip()
    first = _ZH_CLAUSE_END.split(text, maxsplit=1)[0].strip()
    words = first[:_ZH_CHARS] + ("…" if len(first) > _ZH_CHARS else "")
    return f"{category.zh}：{words}" if words else category.zh


def _mostly_latin(text: str) -> bool:
    """More letters of the Latin script than CJK ideographs: an English notice, even one that
    glosses a name in Chinese."""
    if _LATIN_LETTER.search(text) is None:
        return False  # (most notices: no Latin letter to count)
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    cjk = 0
    for run in _CJK_RUN.finditer(text):  # as far as it takes to count as many ideographs
        cjk += run.end() - run.start()
        if cjk >= latin:
            return False
    return True


def _english_title(category: Category, body: str) -> str:
    """ "Event: The annual book fair will…": the category's English name and the first words of
    the first clause written in English (a bilingual notice may open in Chinese)."""
    lead = EN_DATELINE_LEAD.match(body) or EXPORTED_LEAD.match(body)
    if lead is not None:
        body = body[lead.end() :]  # KUALA LUMPUR, 3 March: where and when it was filed, not what
    for clause in _EN_CLAUSE_END.split(body):
        if _mostly_latin(clause):
            words = clause.split()
            break
    else:
        return category.en
    kept: list[str] = []
    for word in words:
        if len(kept) == _EN_WORDS or len(" ".join([*kept, word])) > _EN_CHARS:
            break
        kept.append(word)
    if not kept:  # one word longer than the budget
        return f"{category.en}: {words[0][:_EN_CHARS]}…"
    cut = "…" if len(kept) < len(words) else ""
    return f"{category.en}: {' '.join(kept)}{cut}"
