"""A Hong Kong release with no year: "today (February 11)" and "next Monday (February 14)" pair
days with weekdays, so the year is the one they fit; next Monday is the one its bracket names,
counted from the release's own today."""

from __future__ import annotations

from datetime import date

from notices.parse import parse_page
from notices.weekday_year import weekday_pairs
from tests.periods_support import TZ

TEXT = (
    "Registry to adjust service provision from next Monday\n"
    "     The Registry announced today (February 11) that it will temporarily close the Search Centre "
    "from next Monday (February 14) until further notice.\n"
)


def test_a_weekday_with_its_date_in_brackets_is_a_pair() -> None:
    assert weekday_pairs("from next Monday (February 14)".lower()) == [(2, 14, 0)]
    assert weekday_pairs("on Sunday (1 May)".lower()) == [(5, 1, 6)]


def test_the_release_is_read_from_its_own_today() -> None:
    page = parse_page(TEXT, published=None, tz=TZ, read_on=date(2026, 12, 7))
    assert [(p.start, p.end) for n in page.notices for p in n.periods] == [(date(2022, 2, 14), None)]


def test_today_said_in_chinese_numerals_dates_the_notice() -> None:
    from notices.weekday_year import year_of_weekdays

    text = "某某局今日(五月十日)宣布，下周一(5月16日)起某某路封闭。"
    warnings: list[str] = []
    assert year_of_weekdays(text, read_on=date(2026, 12, 7), warnings=warnings) == date(2022, 5, 10)
