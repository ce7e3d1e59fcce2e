"""Weekdays listed under a span of dates say which days of the week it recurs on: the span is the
period, not a one-off window on the first such weekday after the notice's day."""

from __future__ import annotations

from datetime import date

from tests.periods_support import at, periods

PUB = date(2023, 9, 15)


def test_weekday_rows_under_a_span_are_its_days() -> None:
    text = (
        "某社区免费疫苗接种通知\n二、接种时间\n2023年9月18日至2023年11月30日\n"
        "周一上午8:30-11:00下午13:30-15:30。\n周四上午8:30-11:00下午13:30-15:30。\n"
        "(法定节假日除外)\n三、接种地点\n社区卫生服务中心。\n"
    )
    assert [(start, end) for start, end in periods(text, published=PUB)] == [
        (date(2023, 9, 18), date(2023, 11, 30))
    ]


def test_a_weekday_told_apart_from_the_span_stays() -> None:
    text = (
        "某社区活动通知\n活动时间：2023年9月18日至2023年9月30日。\n请居民踊跃参加。\n"
        "另：周四上午9:00-11:00在社区广场举办健康讲座。\n"
    )
    assert (at(9, 21, 9), at(9, 21, 11)) in periods(text, published=PUB)


def test_weekday_rows_in_a_page_run_into_one_line_or_typed_half_width() -> None:
    text = (
        "某社区免费疫苗接种通知 二、接种时间 2023年9月18日至2023年11月30日 "
        "周一上午8:30-11:00下午13:30-15:30。周四上午8:30-11:00下午13:30-15:30。 "
        "三、接种地点 社区卫生服务中心。"
    )
    assert periods(text, published=PUB) == [(date(2023, 9, 18), date(2023, 11, 30))]
    half = text.replace("。", ".").replace("、", ",")
    assert periods(half, published=PUB) == [(date(2023, 9, 18), date(2023, 11, 30))]
