"""A span of open days keeps its hours rows as windows; a bracket giving both weekday and lunar
day is read past like either alone."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.dates import find_periods
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")
PUB = date(2024, 2, 5)


def _periods(text: str) -> list[tuple[str | None, str | None]]:
    page = parse_page(text, published=PUB, tz=TZ)
    return sorted(
        (
            (shape["start"], shape["end"])
            for notice in page.notices
            for shape in (p.to_json() for p in notice.periods)
        ),
        key=str,
    )


@pytest.mark.parametrize(
    "text",
    [
        "2月10日(星期六、初一)至15日(星期四、初六)正常开放。",
        "2月10日（星期六、初一）至2月15日（星期四、初六）照常開放。",
        "2月10日(周六 初一)至15日(周四 初六)开放。",
    ],
)
def test_a_bracket_with_weekday_and_lunar_day_does_not_cut_the_span(text: str) -> None:
    (period,) = find_periods(text, base=PUB, tz=TZ)
    assert (period.start, period.end) == (date(2024, 2, 10), date(2024, 2, 15))


@pytest.mark.parametrize(
    "text",
    [
        "某某纪念馆春节开放安排\n2月10日至15日正常开放。\n2月9日、2月16日闭馆。\n"
        "正月初一(2月10日)开馆时间为10:00—17:00;正月初二至初六(2月11日—2月15日)开馆时间为9:00—17:00。\n",
        "某某紀念館春節開放安排\n2月10日至15日正常開放。\n2月9日、2月16日閉館。\n"
        "2月10日開館時間為10:00—17:00；2月11日至15日開館時間為9:00—17:00。\n",
    ],
)
def test_hours_rows_under_a_span_of_open_days_are_its_windows(text: str) -> None:
    assert _periods(text) == [
        ("2024-02-09", "2024-02-09"),
        ("2024-02-10", "2024-02-15"),
        ("2024-02-16", "2024-02-16"),
    ]


def test_a_closure_inside_a_span_of_open_days_stays() -> None:
    # the days open as usual are no period of their own (conventions: only changes from normal
    # service are); the closure among them is
    text = "某某纪念馆春节开放安排\n2月10日至15日正常开放。\n2月13日闭馆维护。\n"
    assert _periods(text) == [("2024-02-13", "2024-02-13")]
