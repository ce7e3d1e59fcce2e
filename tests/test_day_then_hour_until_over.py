"""A day, a comma or a clause, then an hour that runs 至活动结束 / 至考生离校: the hour opens a
range on that day with no end, not a moment (the end is told by what happens, not by a clock)."""

from __future__ import annotations

import pytest

from tests.periods_support import at, periods


def _notice(line: str) -> str:
    return f"关于端午活动期间实施交通管制的通告\n{line}\n临江市公安局交通警察大队\n2023年6月3日\n"


@pytest.mark.parametrize(
    "line",
    [
        "6月10日，从上午8时30分至活动结束，对滨河路实施交通管制，禁止机动车通行。",
        "6月10日,在北湖河面举办,从上午8时30分至活动结束,对滨河路实施交通管制。",
        "6月10日，8:30至比赛结束，滨河路禁止机动车通行。",
        "6月10日，從上午8時30分至活動結束，對濱河路實施交通管制，禁止機動車通行。",
        "6月10日8时30分至活动结束，对滨河路实施交通管制。",
    ],
)
def test_hour_after_the_day_runs_until_the_event_is_over(line: str) -> None:
    assert periods(_notice(line)) == [(at(6, 10, 8, 30), None)]


@pytest.mark.parametrize(
    "line",
    [
        "6月8日14:00至考生及家长离校，考点周边道路禁止机动车通行。",
        "6月8日，下午14时至考生离场，考点周邊道路禁止機動車通行。",
        "6月8日，19时至观众散场，体育馆周边道路禁止机动车通行。",
    ],
)
def test_leaving_the_site_ends_a_closure_with_no_clock(line: str) -> None:
    assert periods(_notice(line)) == [(at(6, 8, 14 if "考" in line else 19), None)]


def test_a_clock_end_after_the_hour_is_still_read() -> None:
    got = periods(_notice("6月10日，8时30分至12时，对滨河路实施交通管制，禁止机动车通行。"))
    assert got == [(at(6, 10, 8, 30), at(6, 10, 12))]


def test_a_lone_hour_of_the_day_stays_a_moment() -> None:
    got = periods(_notice("6月10日，龙舟赛于上午8时30分开赛，请市民注意出行。"))
    assert (at(6, 10, 8, 30), None) not in got


@pytest.mark.parametrize(
    "line",
    [
        "6月10日8:00至12:30,14:00至考生及家长离校，考点周边道路禁止机动车通行。",
        "6月10日8時至12時30分，14時至活動結束，濱河路禁止機動車通行。",
    ],
)
def test_a_second_window_of_the_day_may_run_until_over(line: str) -> None:
    assert periods(_notice(line)) == [(at(6, 10, 8), at(6, 10, 12, 30)), (at(6, 10, 14), None)]


def test_a_second_window_with_a_clock_end_is_unchanged() -> None:
    got = periods(_notice("6月10日8:00至12:30,14:00至18:00，考点周边道路禁止机动车通行。"))
    assert got == [(at(6, 10, 8), at(6, 10, 12, 30)), (at(6, 10, 14), at(6, 10, 18))]
