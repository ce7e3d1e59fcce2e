"""Dates a news page prints around its article that are no plan of the notice.

* A bare numeric date closing a paragraph right after its last full stop (…以策安全。2015/06/02):
  the report's own dateline, printed where the article ends. Only a date on or before the day of
  publication is read so; a later one would be a plan said tersely.
* The list under a "related articles" heading (相关报道：, 延伸阅读, Related articles): each line is
  another page's headline, and its dates belong to that page. The links may run into the
  heading's own line; below it only short lines count, so a heading in the page's chrome above a
  notice leaves the notice alone.

Both read normalised text (simplified script).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The article's last sentence done, then the date alone to the line's end.
_SENTENCE_DONE = re.compile(r"[。！!]\s*$")
_NUMERIC_DAY = re.compile(r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}")

#: A heading over links to other pages.
_RELATED_HEADING = re.compile(
    r"^[^\S\n]*[【\[]?(?:相关(?:报道|报导|新闻|阅读|文章|链接)|延伸阅读|推荐阅读|热门新闻"
    r"|(?i:related (?:articles|stories|news|posts)|read more|see also))[】\]]?[^\S\n]*(?:[:：]|$)",
    re.MULTILINE,
)

#: The heading without its closing colon or line end: any text searched only up to some
#: position that holds a heading holds this too (only the closing ``$`` can match at the cut).
_RELATED_WORDS = re.compile(_RELATED_HEADING.pattern.removesuffix(r"(?:[:：]|$)"), re.MULTILINE)

#: A line as long as a linked headline is, at most.
LINK_LINE = 60


def closing_dateline(norm: str, begin: int, end: int) -> bool:
    """Whether ``norm[begin:end]`` is a numeric date that closes its paragraph after a full stop."""
    if not _NUMERIC_DAY.fullmatch(norm, begin, end):
        return False
    first = norm.rfind("\n", 0, begin) + 1
    if not _SENTENCE_DONE.search(norm, first, begin):
        return False
    line_end = norm.find("\n", end)
    return not norm[end : line_end if line_end >= 0 else len(norm)].strip()


def under_related_heading(norm: str, begin: int) -> bool:
    """Whether the line at ``begin`` is in the list of links under a related-articles heading."""
    if not _has_related_words(norm):
        return False  # (the usual page: no scan of everything before each date)
    heading = None
    for found in _RELATED_HEADING.finditer(norm, 0, begin):
        heading = found
    if heading is None:
        return False
    line_end = norm.find("\n", begin)
    # the links may be run into the heading's own line (相关报道：- 标题一- 标题二); below it, each
    # line is one headline
    lines = norm[heading.end() : line_end if line_end >= 0 else len(norm)].split("\n")[1:]
    return all(len(line.strip()) <= LINK_LINE for line in lines)


@lru_cache(maxsize=4)
def _has_related_words(norm: str) -> bool:
    """Whether ``norm`` has a related-articles heading anywhere, asked once per text."""
    return _RELATED_WORDS.search(norm) is not None
