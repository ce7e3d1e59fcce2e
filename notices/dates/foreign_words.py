"""Malay and Portuguese date words, read as the English words they stand for.

Malaysia's utilities write their notices in Malay (``bermula jam 8 pagi 14 Mac 2012 sehingga
8 malam hari berikutnya``) and Macau's government in Portuguese (``Entre 29 de Março e 14 de
Setembro``). Their dates have the English shapes — day, month word, year; ``from … until …``;
an hour with its half of the day — so each word is handed to the English grammar as the English
word it means, while the token keeps its own place in the text.
"""

from __future__ import annotations

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
