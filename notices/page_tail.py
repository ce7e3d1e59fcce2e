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
from bisect import bisect_right
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
_LINE = re.compile(r"(?<=\n)[^\n]*")


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
    """Whether the line at ``begin`` is in the list of links under a related-articles heading:
    the last heading in the text up to ``begin`` with only short lines from it down to ``begin``'s
    line. Looked up in what is found once per text, so a page of many dates stays linear."""
    headings = _headings(norm)
    if headings is None:
        return False  # (the usual page: no heading words at all)
    starts, ends, long_lines = headings
    heading_end = -1
    last = bisect_right(ends, begin) - 1  # the last whole heading before ``begin``
    if last >= 0:
        heading_end = ends[last]
    line_start = norm.rfind("\n", 0, begin) + 1
    if line_start > (starts[last] if last >= 0 else -1):
        # a heading's words cut right at ``begin`` (相关报道6月3日…): the closing ``$`` matches there
        cut = _RELATED_HEADING.match(norm, line_start, begin)
        if cut is not None:
            heading_end = cut.end()
    if heading_end < 0:
        return False
    line_end = norm.find("\n", begin)
    line_end = line_end if line_end >= 0 else len(norm)
    # the links may be run into the heading's own line (相关报道：- 标题一- 标题二); below it, each
    # line is one headline: none of the lines starting after the heading's end may be long
    first_below = norm.find("\n", heading_end, line_end)
    if first_below < 0:
        return True
    i = bisect_right(long_lines, first_below)
    return i >= len(long_lines) or long_lines[i] > line_end


@lru_cache(maxsize=4)
def _headings(norm: str) -> tuple[list[int], list[int], list[int]] | None:
    """Where the related-articles headings of ``norm`` start and end, and where each line longer
    than a linked headline starts; None when the heading's words are nowhere (asked once per text)."""
    if _RELATED_WORDS.search(norm) is None:
        return None
    found = list(_RELATED_HEADING.finditer(norm))
    long_lines = [m.start() for m in _LINE.finditer(norm) if len(m.group().strip()) > LINK_LINE]
    return [m.start() for m in found], [m.end() for m in found], long_lines
