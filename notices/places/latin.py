"""Streets and places written in the Latin script: English, Portuguese and romanised names
(Hong Kong, Macau, Singapore) and Malay ones (Malaysia, Singapore).

English names its street type last ("Hennessy Road", "Ang Mo Kio Avenue 3"), Portuguese and Malay
first ("Avenida de Almeida Ribeiro", "Jalan Ampang", "Lorong 4 Toa Payoh", "Taman Sri Muda"). A
name is its capitalised words (and, in Malay, numbers and codes such as 4, SS2/24, PJU 7/3); a
sentence's small words and dates end it.
"""

from __future__ import annotations

import re

from notices.first_chars import gated

_LATIN_CAPITAL = re.compile(r"[A-Z]")

_EN_WORD = r"[A-Z][a-z'’]+"

#: Capitalised words that begin a sentence or a direction, never a street's name.
_EN_NOT_FIRST = (
    r"(?!(?:Eastbound|Westbound|Northbound|Southbound|The|Along|Via|From|Use|Near|Between|Both|All"
    r"|Affected|Including|Temporary|Closure|Section|Part|Parts|Sections|Lanes?|Slip|Junction)\b)"
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
_WEEKDAY = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b"
#: A street's number ("Avenue 3", "Lorong 4", "Jalan 1/3A"), never a clock time or a day's date.
_STREET_NUMBER = rf"[1-9][0-9]{{0,2}}[A-Z]?(?:/[0-9]{{1,3}}[A-Z]?)*\b(?![:.][0-9]| ?[ap]\.?m\b| {_MONTH})"
#: Capitalised words that continue a sentence, not a Malay name ("Jalan Ampang From 3 May").
_MS_NOT_NAME = (
    r"(?!(?:And|Or|To|From|On|In|At|For|Of|By|With|Via|Near|Between|Until|Till|Will|Is|Are|Was|Be"
    r"|The|This|That|Daily|Closed|Closure|Eastbound|Westbound|Northbound|Southbound)\b"
    rf"|{_MONTH}|{_WEEKDAY})"
)
_MS_NAME_WORD = rf"(?:{_MS_NOT_NAME}{_EN_WORD}|[A-Z]{{1,4}} ?{_STREET_NUMBER}|{_STREET_NUMBER})"
#: The Malay words that open a street's or a place's name: road, lane, avenue, highway, estate,
#: village, hill (and their short forms Jln, Lrg, Tmn, Kg).
_MS_FIRST = (
    r"(?:Jalan|Jln\.?|Lorong|Lrg\.?|Persiaran|Lebuhraya|Lebuh|Lengkok|Lingkaran|Taman|Tmn\.?"
    r"|Kampung|Kampong|Kg\.?|Bukit)"
)

#: A name word in capitals, as headings and some papers print a street ("ORCHARD ROAD", "JALAN
#: AMPANG"): never a sentence's small word, a month, a weekday or a heading's own word.
_CAPS_WORD = (
    r"(?!(?:A|AN|AND|OR|OF|ON|IN|AT|TO|BY|FOR|FROM|WITH|VIA|NEAR|ALONG|BETWEEN|UNTIL|THE|THIS|THAT|WILL"
    r"|BE|IS|ARE|WAS|USE|ALL|BOTH|PART|PARTS|SECTION|SECTIONS|LANE|LANES|SLIP|JUNCTION|DAILY|CLOSED"
    r"|CLOSURE|TEMPORARY|NOTICE|PUBLIC|TRAFFIC|ARRANGEMENTS?|DIVERSION|WORKS|EASTBOUND|WESTBOUND"
    r"|NORTHBOUND|SOUTHBOUND|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?"
    r"|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?"
    r"|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY)\b)"
    r"[A-Z][A-Z'’]+\b"
)
#: The Malay words that open a name, in capitals.
_MS_FIRST_CAPS = (
    r"(?:JALAN|JLN\.?|LORONG|LRG\.?|PERSIARAN|LEBUHRAYA|LEBUH|LENGKOK|TAMAN|TMN\.?|KAMPUNG|KAMPONG|BUKIT)"
)
_STREET_TYPES = (
    "Road|Street|Avenue|Lane|Highway|Drive|Crescent|Boulevard|Terrace|Square|Bridge|Tunnel"
    "|Path|Market|Estate|Village|Flyover|Interchange"
)
#: A compass word or "Central" after the type, as part of the name (Queen's Road Central).
_QUARTER = "North|South|East|West|Central"

#: A street as English, Portuguese, Malay or romanised names write it: "Hennessy Road",
#: "Kwong Fuk Road", "Tai Po Market", "Ang Mo Kio Avenue 3", "Avenida de Almeida Ribeiro",
#: "Jalan Ampang", "Kg. Baru".
_EN_PLACE = re.compile(
    gated(
        rf"\b{_EN_NOT_FIRST}(?:{_EN_WORD} ){{1,3}}"
        rf"(?:{_STREET_TYPES})\b(?: {_STREET_NUMBER})?"
        rf"(?: (?:{_QUARTER})\b)?"
        r"(?! [A-Z])"  # not "Temporary Road Closure"
        rf"|\b(?:{_CAPS_WORD} ){{1,3}}(?:{_STREET_TYPES.upper()})\b(?: {_STREET_NUMBER})?"
        rf"(?: (?:{_QUARTER.upper()})\b)?(?! [A-Z])"
        rf"|\b{_MS_FIRST_CAPS}(?: {_CAPS_WORD}| {_STREET_NUMBER}){{1,4}}"
        r"|\b(?:Avenida|Rua|Estrada|Travessa|Largo|Calçada|Praça) "
        rf"(?:(?:de|da|do|dos|das) )?(?:{_EN_WORD} ?){{1,3}}(?<! )"
        rf"|\b{_MS_FIRST}(?: {_MS_NAME_WORD}){{1,4}}"
    )
)
