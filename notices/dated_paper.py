"""Days that date a paper rather than a plan: an exported page's own ``date`` field, and the day
of a document cited by its number (依据：某市工务局110年7月19日南市工养一字第1100866744号公告 /
经市政府2023年5月10日某政发〔2023〕12号文批准). Neither is a period a reader acts on."""

from __future__ import annotations

import re

#: A page's own "date" field opening a line, its value an ISO date (`` date 2021-09-17 KUALA
#: LUMPUR: …``): what an exported news page carries as its stamp, not a day in the story.
_DATE_FIELD = re.compile(r"[^\S\n]*(?i:date)[^\S\n]*:?[^\S\n]*")
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

#: An exported page's date field opening the text, and the place a wire report then names in
#: capitals (`` date 2021-09-17 KUALA LUMPUR: ``): neither is what the notice is about.
EXPORTED_LEAD = re.compile(r"\s*(?i:date)\s*:?\s*\d{4}-\d{1,2}-\d{1,2}\s+(?:[A-Z][A-Z .'-]{2,30}:\s+)?")

#: A document's number right after its day: an issuer's code then 字第…号 (台湾 / 旧式文号), or a
#: mainland 文号 with its year in brackets (某政发〔2023〕12号), with only the issuer's short name
#: between the day and the number.
_NUMBER_AFTER = re.compile(
    r"[^\S\n]*[\u4e00-\u9fff]{0,10}?(?:字\s*第\s*[0-9A-Za-z\-]{1,16}\s*[号號]"
    r"|[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*(?:第\s*)?\d{1,5}\s*[号號])"
)


def dated_paper(before: str, norm: str, begin: int, end: int, not_after_issue: bool) -> str | None:
    """Why the day at ``norm[begin:end]`` dates a paper ("metadata" or "document"), or None.

    ``before`` is its line up to it; ``not_after_issue`` whether it falls on or before the
    publication day (or that day is unknown): a page's stamp cannot be later than the page."""
    if not_after_issue and _DATE_FIELD.fullmatch(before) and _ISO_DAY.fullmatch(norm[begin:end]):
        return "metadata"
    if _NUMBER_AFTER.match(norm, end):
        return "document"
    return None
