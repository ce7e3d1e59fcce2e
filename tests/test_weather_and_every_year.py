"""The weather behind a notice (3月15日，最高气温从25℃左右降至14℃) and what holds every year (采暖季
一般是每年的11月15日到次年的3月15日) are no periods; the notice's own change stays."""

from __future__ import annotations

from datetime import date, datetime

from tests.periods_support import TZ, periods


def test_only_the_extension_is_a_period() -> None:
    text = (
        "市区集中供暖时间延长3天\n3月14日，记者从市城市管理局了解到，我市决定供热季结束时间由3月15日24时"
        "延长至3月18日24时。\n据悉，3月15日，我市最高气温从14日的25℃左右降至14℃左右，昼夜温差较大。\n"
        "据了解，我市采暖季一般是每年的11月15日到次年的3月15日。\n"
    )
    got = periods(text, published=date(2023, 3, 15))
    assert (None, datetime(2023, 3, 19, tzinfo=TZ)) in got
    assert all(start is None or start != end for start, end in got)  # no single days
    assert not any(isinstance(start, date) and start.month == 11 for start, _ in got)


def test_a_heating_season_this_year_stays() -> None:
    text = "某某热力公司通知\n本采暖期为2023年11月15日至次年3月15日，请用户按时缴费。\n"
    assert periods(text, published=date(2023, 10, 20)) == [(date(2023, 11, 15), date(2024, 3, 15))]


def test_the_weather_over_several_days_is_no_period() -> None:
    text = (
        "供暖时间延长\n受寒潮影响，16日气温骤降至1℃，17日至20日最低气温一直维持在0℃左右。"
        "市政府决定将供暖时间延长至3月22日24时。\n"
    )
    assert periods(text, published=date(2023, 3, 16)) == [(None, datetime(2023, 3, 23, tzinfo=TZ))]
