"""An event said by its opening and its close in one sentence (将于15日开幕，24日结束; 5月20日
上午9时开幕，5月23日下午5时闭幕) is one period from the first to the second, not two single days."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods


@pytest.mark.parametrize(
    "text",
    [
        "第五届农业博览会将于15日开幕，24日结束，会期10天，票价20元。",
        "第五屆農業博覽會將於15日開幕，24日結束，會期10天。",
        "花卉展将于5月15日正式开幕、5月24日闭幕，市民可凭预约码入园。",
    ],
)
def test_opening_and_close_said_together_are_one_period(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 24))]


def test_hours_of_the_opening_and_the_close_are_kept() -> None:
    assert periods("博览会将于5月20日上午9时开幕，5月23日下午5时闭幕。") == [(at(5, 20, 9), at(5, 23, 17))]


def test_a_close_in_another_sentence_stays_its_own_day() -> None:
    got = periods("展览将于5月15日开幕。场馆5月24日闭馆维护，请留意。")
    assert (date(2023, 5, 15), date(2023, 5, 24)) not in got


def test_an_hour_that_starts_heating_starts_an_open_period() -> None:
    """11月1日零时开始试供暖: heating runs on from that hour, a start with no end, not a moment."""
    got = periods("供热公司定于5月11日零时开始试供暖，5月15日正式供暖，请用户检查室内设施。")
    assert (at(5, 11, 0), None) in got
    assert (at(5, 11, 0), at(5, 11, 0)) not in got


def test_a_heating_season_said_by_its_first_and_last_day_is_one_period() -> None:
    text = "今冬继续提前、延后供热，即提前一周（11月5日）开栓供热，延后一周（4月8日）停供，室温保证20℃以上。"
    assert periods(text, published=date(2023, 10, 20)) == [(date(2023, 11, 5), date(2024, 4, 8))]


def test_the_end_an_extension_replaces_is_no_period() -> None:
    """本采暖期将于5月16日24时结束 … 延长供热时间至5月18日24时: only the new end stands."""
    text = (
        "本采暖期将于2023年5月16日24时结束。据气象部门预报，近期气温偏低，"
        "供热办公室鼓励各供热企业延长供热时间至5月18日24时。"
    )
    assert periods(text) == [(None, at(5, 19, 0))]


def test_heating_started_at_the_end_of_its_clause_is_open() -> None:
    """决定于5月18日提前向…供热区域开栓供热: heating from that day on, not one day of it."""
    got = periods(
        "根据气象部门预报，近期将有大幅降温，市政府决定于5月18日提前向中心城区具备条件的供热区域开栓供热。"
    )
    assert got == [(date(2023, 5, 18), None)]


def test_an_outage_a_moment_set_off_starts_then() -> None:
    """今天晚间6点30分左右，因电厂跳机，导致全区大停电: the outage began then and goes on."""
    got = periods("快讯：今天晚间6点30分左右，因为某电厂跳机，导致某岛全区大停电，相关人员正在处理中。")
    assert got == [(at(5, 10, 18, 30), None)]
