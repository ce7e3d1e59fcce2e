"""A page printed under a masthead's date (某某日报 2021年5月8日 星期六 第3版) came out that day:
a report on it with no date of its own is read against it, and says it as its publication date."""

from __future__ import annotations

from datetime import date, datetime

from notices.masthead import masthead_date
from notices.parse import parse_page
from tests.periods_support import TZ, periods

REPORT = "本报讯（记者 王明）记者昨日获悉，5月10日8:00至17:00，和平路一带将停电。\n"


def test_a_report_under_a_masthead_takes_its_year_and_day() -> None:
    text = "某某日报 2021年5月8日 星期六 第3版\n" + REPORT
    notices = parse_page(text, published=None, tz=TZ).notices
    assert [n.published for n in notices] == [date(2021, 5, 8)]
    day = datetime(2021, 5, 10, tzinfo=TZ)
    assert periods(text, published=None) == [(day.replace(hour=8), day.replace(hour=17))]


def test_a_given_publication_date_wins_over_the_masthead() -> None:
    text = "某某晚报 2021年5月8日 第2版\n" + REPORT
    notices = parse_page(text, published=date(2022, 5, 9), tz=TZ).notices
    assert [n.published for n in notices] == [date(2022, 5, 9)]


def test_a_date_line_alone_or_in_prose_is_no_masthead() -> None:
    assert masthead_date("2021年5月8日\n" + REPORT) is None  # a signature's date, not furniture
    assert masthead_date("某某日报2021年5月8日报道了停电。\n") is None
    assert masthead_date("某某日报 2021年2月30日 第3版\n") is None  # misprinted: no day
    assert masthead_date("某某日报 2021年5月8日 星期六 第3版\n" + REPORT) == date(2021, 5, 8)
