"""What a web page prints under an article is no notice: its tag list and the article's date."""

from __future__ import annotations

import time
from datetime import date
from zoneinfo import ZoneInfo

import pytest

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
