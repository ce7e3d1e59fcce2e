"""Dates whose 年 and 月 a page lost in extraction, dated by the weekday bracket after them.

Every text here is written for these tests in the styles real notices use.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from notices.dates import find_periods

TZ = ZoneInfo("Asia/Shanghai")


def _spans(text: str, base: date) -> list[tuple[object, object]]:
    return [(p.start, p.end) for p in find_periods(text, base=base, tz=TZ)]


@pytest.mark.parametrize(
    "text",
    [
        "20230617日(星期六)上午9:00—11:20学校举行英语等级考试。",
        "20230617日(星期六)上午9:00—11:20學校舉行英語等級考試。",
    ],
)
def test_year_month_and_day_run_together_before_a_weekday(text: str) -> None:
    assert _spans(text, date(2023, 6, 12)) == [
        (datetime(2023, 6, 17, 9, 0, tzinfo=TZ), datetime(2023, 6, 17, 11, 20, tzinfo=TZ))
    ]


@pytest.mark.parametrize(
    "text",
    ["从616日(星期五)15:30开始，教学楼清场。", "從616日(星期五)15:30開始，教學樓清場。"],
)
def test_month_and_day_run_together_before_a_weekday(text: str) -> None:
    got = _spans(text, date(2023, 6, 12))
    assert got == [(datetime(2023, 6, 16, 15, 30, tzinfo=TZ), None)]


def test_a_weekday_that_does_not_fit_reads_no_date() -> None:
    # 2023-06-17 is a Saturday: a Friday bracket says these digits are no date
    assert _spans("编号20230617日(星期五)上午9:00—11:20", date(2023, 6, 12)) == []


def test_eight_digits_with_leading_zeros_read_no_date() -> None:
    # a phone number split into groups: 0000 1111 is eight digits worth 1111
    assert _spans("联系电话：139 4371 0000 1111（此公告有效期至2022年6月30日）", date(2022, 5, 10)) == [
        (None, date(2022, 6, 30))
    ]
