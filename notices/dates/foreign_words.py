"""Malay and Portuguese date words, read as the English words they stand for.

Malaysia's utilities write their notices in Malay (``bermula jam 8 pagi 14 Mac 2012 sehingga
8 malam hari berikutnya``) and Macau's government in Portuguese (``Entre 29 de Março e 14 de
Setembro``). Their dates have the English shapes — day, month word, year; ``from … until …``;
an hour with its half of the day — so each word is handed to the English grammar as the English
word it means, while the token keeps its own place in the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices.dates.tokens import Token

#: One word and the English word the grammar reads in its place ("" drops the word: ``jam 8 pagi``
#: is "8 am", ``pukul 9`` is "9"). Only words that can sit inside a date are here.
WORDS: dict[str, str] = {
    # Malay months (those spelt as in English are English already)
    "januari": "january",
    "februari": "february",
    "mac": "march",
    "mei": "may",
    "julai": "july",
    "ogos": "august",
    "okt": "oct",
    "oktober": "october",
    "dis": "dec",
    "disember": "december",
    # Malay weekdays
    "isnin": "monday",
    "selasa": "tuesday",
    "rabu": "wednesday",
    "khamis": "thursday",
    "jumaat": "friday",
    "sabtu": "saturday",
    "ahad": "sunday",
    # Malay halves of the day and joining words
    "pagi": "am",
    "petang": "pm",
    "malam": "pm",
    "jam": "",
    "pukul": "",
    "bermula": "from",
    "mulai": "from",
    "sehingga": "until",
    "hingga": "until",
    "sampai": "until",
    "antara": "between",
    "dan": "and",
    "pada": "on",
    "esok": "tomorrow",
    # Portuguese months
    "janeiro": "january",
    "fevereiro": "february",
    "março": "march",
    "marco": "march",
    "abril": "april",
    "maio": "may",
    "junho": "june",
    "julho": "july",
    "agosto": "august",
    "setembro": "september",
    "outubro": "october",
    "novembro": "november",
    "dezembro": "december",
    # Portuguese joining words: 29 de Março (of), entre … e … (between … and …), até (until)
    "de": "of",
    "entre": "between",
    "e": "and",
    "até": "until",
    "desde": "from",
}

#: Two or three words that mean one English phrase; each becomes the English words in order
#: (the last English word takes the rest of the phrase's words' place).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("hari", "berikutnya"): ("the", "following", "day"),
    ("keesokan", "harinya"): ("the", "following", "day"),
    ("hari", "ini"): ("today",),
    ("tengah", "hari"): ("pm",),
    ("tengah", "malam"): ("midnight",),
    ("do", "dia", "seguinte"): ("the", "following", "day"),
    ("a", "partir", "de"): ("from",),
    ("a", "partir", "do"): ("from",),
    ("a", "partir", "da"): ("from",),
}

#: The first word of each phrase, so a plain English word costs one set lookup.
PHRASE_HEADS = frozenset(words[0] for words in PHRASES)
LONGEST_PHRASE = max(len(words) for words in PHRASES)


def as_english(tokens: list[Token]) -> list[Token]:
    """Malay and Portuguese date words given the English words they mean, in their own places:
    ``8 malam hari berikutnya`` is read as "8 pm the following day"."""
    from notices.dates.tokens import PAREN, WORD, Token  # (tokens calls this: imported when it runs)

    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind is PAREN and str(tok.value).lower() in WORDS:
            out.append(Token(PAREN, WORDS[str(tok.value).lower()], tok.start, tok.end))
            i += 1
            continue
        if tok.kind is not WORD:
            out.append(tok)
            i += 1
            continue
        phrase = _phrase_at(tokens, i)
        if phrase is not None:
            english, size = phrase
            last = tokens[i + size - 1]
            for n, word in enumerate(english):
                at = tokens[min(i + n, i + size - 1)]
                out.append(Token(WORD, word, at.start, last.end if n == len(english) - 1 else at.end))
            i += size
            continue
        english_word = WORDS.get(str(tok.value))
        if english_word is None:
            out.append(tok)
        elif english_word:
            out.append(Token(WORD, english_word, tok.start, tok.end))
        i += 1
    return out


def _phrase_at(tokens: list[Token], i: int) -> tuple[tuple[str, ...], int] | None:
    """The English of the longest foreign phrase of words starting at ``tokens[i]``, and its size."""
    from notices.dates.tokens import WORD

    if tokens[i].value not in PHRASE_HEADS:
        return None
    for size in range(LONGEST_PHRASE, 1, -1):
        words = tokens[i : i + size]
        if len(words) == size and all(t.kind is WORD for t in words):
            english = PHRASES.get(tuple(str(t.value) for t in words))
            if english is not None:
                return english, size
    return None
