"""A yearless day a few weeks before the notice is what began lately (美食季于12月20日启动，为期17天,
published 26 December), even after a date of next year told before it; one months back still
goes on in that year, as a plan told in order does."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_a_season_begun_last_week_is_this_years() -> None:
    text = "某区春节系列活动\n春节文化节将于2025年1月25日开幕。美食季于12月20日启动，为期17天。\n"
    got = periods(text, published=date(2024, 12, 26))
    assert (date(2024, 12, 20), date(2025, 1, 5)) in got


def test_a_date_months_back_goes_on_in_the_plans_year() -> None:
    text = "某某考试安排\n报名时间：2022年2月15日至28日；考试时间：8月15日至31日。\n"
    assert (date(2022, 8, 15), date(2022, 8, 31)) in periods(text, published=date(2022, 1, 1))
