"""A flattened table whose date cell spanned two rows keeps the date on the first row only: the rows
under it with hours and no date are that day's windows (下午 puts them in the afternoon)."""

from __future__ import annotations

from datetime import date

from tests.periods_support import at, periods

PUB = date(2023, 6, 10)


def test_rows_without_a_date_take_the_day_above() -> None:
    text = (
        "停电通知\n因线路检修，将按下表停电：\n日期 | 时间 | 停电范围 |\n"
        "6月16日 | 8:00-12:00 | 甲村 |\n | 13:00-17:00 | 乙村 |\n"
        "6月17日 | 8:00-12:00 | 丙村 |\n"
    )
    assert periods(text, published=PUB) == [
        (at(6, 16, 8), at(6, 16, 12)),
        (at(6, 16, 13), at(6, 16, 17)),
        (at(6, 17, 8), at(6, 17, 12)),
    ]


def test_an_afternoon_row_reads_its_hours_after_noon() -> None:
    text = (
        "交通管制通告\n考试期间对考点周边道路实行临时交通管制。\n日期 | 时段 | 时间 |\n"
        "6月17日 | 上午 | 8:00-11:30 |\n下午 | 1:30-5:30 | |\n三、管制要求\n禁止机动车通行。\n"
    )
    assert periods(text, published=PUB) == [
        (at(6, 17, 8), at(6, 17, 11, 30)),
        (at(6, 17, 13, 30), at(6, 17, 17, 30)),
    ]


def test_a_row_after_a_line_of_text_takes_no_day() -> None:
    text = (
        "停电通知\n日期 | 时间 | 停电范围 |\n6月16日 | 8:00-12:00 | 甲村 |\n"
        "请用户提前做好准备。\n | 13:00-17:00 | 乙村 |\n"
    )
    assert periods(text, published=PUB) == [(at(6, 16, 8), at(6, 16, 12))]
