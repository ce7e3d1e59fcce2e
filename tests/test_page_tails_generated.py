"""The once-per-text guard of the related-heading check agrees with a scan of all text before a date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notices.page_tail import _RELATED_HEADING, LINK_LINE, under_related_heading

#: Pieces a page's line is made of: heading words (with and without their colon or bracket),
#: dates, hours, connectors, roads and filler, so headings fall before, after and into dates.
_PIECES = st.sampled_from(
    [
        "相关报道",
        "相关新闻：",
        "【延伸阅读】",
        "推荐阅读:",
        "热门新闻",
        "Related articles",
        "read more",
        "See also:",
        "5月9日",
        "2023年6月3日",
        "2023-06-05",
        "7:00",
        "至",
        "和平路",
        "停电",
        "。",
        "，",
        " ",
        "长" * 30,
    ]
)
_LINES = st.lists(st.lists(_PIECES, max_size=5), max_size=6)


def _page(lines: list[list[str]]) -> tuple[str, list[int]]:
    """The page the lines make, and where each of its pieces begins (a date is read from there)."""
    text = ""
    starts = [0]
    for number, line in enumerate(lines):
        if number:
            text += "\n"
        for piece in line:
            starts.append(len(text))
            text += piece
    return text, [*starts, len(text)]


def _related_by_scan(norm: str, begin: int) -> bool:
    """The rule read the plain way: the last heading in the text up to ``begin``, then short lines."""
    heading = None
    for found in _RELATED_HEADING.finditer(norm, 0, begin):
        heading = found
    if heading is None:
        return False
    line_end = norm.find("\n", begin)
    lines = norm[heading.end() : line_end if line_end >= 0 else len(norm)].split("\n")[1:]
    return all(len(line.strip()) <= LINK_LINE for line in lines)


@settings(max_examples=300, deadline=None)
@given(_LINES, st.data())
def test_a_generated_page_reads_the_same_with_the_guard_as_with_the_scan(
    lines: list[list[str]], data: st.DataObject
) -> None:
    text, starts = _page(lines)
    begin = data.draw(st.sampled_from(starts))
    assert under_related_heading(text, begin) == _related_by_scan(text, begin)


@pytest.mark.parametrize(
    "text",
    [
        "相关报道：\n- 和平路6月3日封闭施工\n- 新华街6月5日停水",
        "相关报道6月3日和平路封闭施工",  # the heading's words cut right before the date
        "延伸阅读 6月3日和平路封闭施工",
        "【推荐阅读】\n" + "长" * 70 + "\n6月3日停水",
        "Related articles\nRoad closed on June 3\nWater cut on June 5",
        "和平路6月3日封闭施工，新华街6月5日停水。",
        "",
    ],
)
def test_a_date_is_under_a_related_heading_exactly_when_a_scan_of_the_text_up_to_it_finds_one(
    text: str,
) -> None:
    for begin in range(len(text) + 1):
        assert under_related_heading(text, begin) == _related_by_scan(text, begin), begin
