"""A notice with no publication date, signature date or full date takes the year its heading
states alone (2016年度…工作计划, 2024年公开招聘…公告), also from the page's heading above rows read
as an item of their own; a year that looks back (2015年以来) or a full date is no such heading."""

from __future__ import annotations

from datetime import date

from notices.parse import parse_page
from notices.stated_year import stated_year
from tests.periods_support import TZ, periods


def test_the_title_year_dates_the_rows_under_it() -> None:
    text = "某县2019年公开招聘教师公告\n报名时间：5月10日至5月15日。\n笔试时间：6月1日。"
    assert periods(text, published=None) == [
        (date(2019, 5, 10), date(2019, 5, 15)),
        (date(2019, 6, 1), date(2019, 6, 1)),
    ]


def test_a_page_heading_dates_a_table_read_apart() -> None:
    text = (
        "某省2016年度某某资格考试工作计划\n\n时 间 工 作 安 排\n"
        "6月27日至7月6日 网络报名\n9月19日至23日 考生从网上下载准考证\n9月24日至25日 考试\n"
    )
    spans = periods(text, published=None)
    assert (date(2016, 6, 27), date(2016, 7, 6)) in spans
    assert (date(2016, 9, 24), date(2016, 9, 25)) in spans


def test_no_year_said_alone_gives_none() -> None:
    warnings: list[str] = []
    assert stated_year("2015年以来某某工作总结", "5月10日召开会议", warnings=warnings) is None
    assert stated_year("某某通知", "2024年5月10日起施行", warnings=warnings) is None
    assert warnings == []


def test_the_year_is_said_in_a_warning() -> None:
    warnings: list[str] = []
    assert stated_year("2024年某某报名公告", "报名时间5月10日", warnings=warnings) == date(2024, 5, 10)
    assert warnings == ["year taken from the heading: 2024"]


def test_a_republic_year_of_business_in_the_body_dates_the_days() -> None:
    """109年度第3次拍賣會在3月3日(星期二)登場: the year the notice is about, not the year it is read."""
    text = (
        "因應疫情 某分署呼籲民眾採用通訊投標\n"
        "某分署109年度不動產第3次拍賣會在3月3日(星期二)登場，計有不動產43件。"
    )
    found = parse_page(text, published=None, tz=TZ, read_on=date(2026, 12, 7)).notices
    assert [p.start for n in found for p in n.periods] == [date(2020, 3, 3)]


def test_next_year_said_as_a_word_dates_nothing() -> None:
    """12月1日起至次年3月10日止 names no year: the notice is read around its first full date."""
    text = (
        "某县城区停暖公告\n根据县政府规定，供暖期为12月1日起至次年3月10日止。\n"
        "2022-2023年采暖季自2022年11月15日至2023年3月10日止，请用户知悉。"
    )
    found = parse_page(text, published=None, tz=TZ).notices
    spans = [(p.start, p.end) for n in found for p in n.periods]
    assert (date(2022, 11, 15), date(2023, 3, 10)) in spans
    assert all(start is None or start.year >= 2022 for start, _ in spans)
