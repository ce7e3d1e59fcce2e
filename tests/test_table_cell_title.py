"""A table flattened with bars: a header cell naming what the column holds (|临时封路时间) is no
title, and the table stays with the release above it as one notice."""

from __future__ import annotations

from datetime import date

from notices.parse import parse_page
from notices.segment.shapes import is_title_line
from tests.periods_support import TZ

TEXT = (
    "某某署：为配合桥梁维修工程 某某道本周六晚上实施临时交通安排\n"
    "某某署今日（3月4日）提醒市民，某某道东行一段行车道将于本周六（3月7日）晚上11时起实施临时封路措施，"
    "直至翌日上午6时。封路期间，将实施以下临时交通安排：\n"
    "|临时封路时间\n|封闭路段\n|本周六（3月7日）晚上11时至翌日上午6时\n|某某道东行一段\n"
    "市民请预早计划行程。\n"
)


def test_a_header_cell_is_no_title() -> None:
    assert not is_title_line("|临时封路时间")
    assert is_title_line("临时封路通告")


def test_the_table_stays_with_its_release() -> None:
    notices = parse_page(TEXT, published=date(2026, 3, 4), tz=TZ).notices
    assert len(notices) == 1
    assert len({(p.start, p.end) for p in notices[0].periods}) == 1
