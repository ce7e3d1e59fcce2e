"""What a web page prints under an article is no notice: its tag list and the article's date."""

from __future__ import annotations

import time
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.page_tail import _RELATED_HEADING, LINK_LINE, under_related_heading
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "tail",
    ["停電\n- 2023-05-10", "停水\n• 2023/05/10", "封路\n2023-05-10 16:33"],
)
def test_a_tag_and_the_article_date_under_a_notice_are_no_notice_of_their_own(tail: str) -> None:
    page = (
        "【本報訊】東山里一帶預定五月十二日上午八時至下午五時實施工作停電,請用戶預作準備。\n"
        "營業處表示,因線路改善工程需要,停電範圍包括東山里、西山里,如工程提早完成,則提前送電。\n" + tail
    )
    result = parse_page(page, published=date(2023, 5, 10), tz=TZ)
    assert len(result.notices) == 1
    assert result.notices[0].periods


@pytest.mark.parametrize("numeral", ["7", "三"])
def test_a_long_run_of_numerals_is_read_in_linear_time(numeral: str) -> None:
    # a meter reading, an account number or a garbled table cell can print thousands of digits in a row
    timings = []
    for count in (2_000, 32_000):
        text = "停电通知\n编号" + numeral * count + "\n东村5月12日8时至17时停电。"
        runs = []
        for _ in range(3):  # the quickest of three: a busy machine slows a run, never speeds one up
            began = time.perf_counter()
            result = parse_page(text, published=date(2023, 5, 10), tz=TZ)
            runs.append(time.perf_counter() - began)
        timings.append(min(runs))
        assert [len(n.periods) for n in result.notices] == [1]
    # sixteen times the text: linear is about 16 times the time, quadratic about 256
    assert timings[1] < timings[0] * 60 + 0.05


def _related_by_scan(norm: str, begin: int) -> bool:
    """The related-heading rule read the plain way: the last heading in the text up to ``begin``."""
    heading = None
    for found in _RELATED_HEADING.finditer(norm, 0, begin):
        heading = found
    if heading is None:
        return False
    line_end = norm.find("\n", begin)
    lines = norm[heading.end() : line_end if line_end >= 0 else len(norm)].split("\n")[1:]
    return all(len(line.strip()) <= LINK_LINE for line in lines)


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
