"""Dates no calendar has are left out with a warning, never read as another date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from bot.cli import main
from notices.dates import find_periods
from notices.impossible import find_impossible
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")
BASE = date(2023, 5, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("因管网维修，定于2023年2月29日停水，请广大用户提前储水。", "has no day 29"),
        ("因管网维修，定于12月40日停水，请广大用户提前储水。", "has no day 40"),
        ("因道路施工，2023年6月10日至2023年6月1日封闭人民大街，请绕行。", "ends before it starts"),
        ("因道路施工，9999年5月1日起封闭人民大街，请绕行。", "not a plausible year"),
        ("因道路施工，0000年5月1日起封闭人民大街，请绕行。", "0000"),
        ("因线路检修，5月32日至6月2日停电，请用户做好准备。", "has no day 32"),
        ("因线路检修，2023年13月5日停电，请用户做好准备。", "no month 13"),
        # hours on a day no calendar has: not moved to the publication day as hours with no day are
        ("因线路检修，定于2023年2月29日8时至17时停电，请用户做好准备。", "has no day 29"),
        ("因道路施工，5月32日9时至16时封闭人民大街，请绕行。", "has no day 32"),
    ],
)
def test_a_slip_is_left_out_with_a_warning(text: str, reason: str) -> None:
    page = parse_page(text, published=BASE, tz=TZ)
    (notice,) = page.notices  # kept, so an administrator sees the warning on the draft card
    assert notice.periods == []
    assert any(w.startswith("impossible date left out") and reason in w for w in notice.warnings)
    assert find_periods(text, base=BASE, tz=TZ) == []


def test_real_dates_beside_a_slip_are_kept() -> None:
    text = "因管网维修，定于2023年2月29日停水（应为2023年3月1日），3月2日恢复供水，请用户储水。"
    periods = find_periods(text, base=BASE, tz=TZ)
    assert [p.start for p in periods] == [date(2023, 3, 1), date(2023, 3, 2)]


def test_leap_days_and_era_years_are_possible() -> None:
    assert find_impossible("2024年2月29日") == ()
    assert find_impossible("2月29日") == ()  # yearless: a leap year may be meant
    assert find_impossible("113年9月3日至113年9月6日") == ()  # Taiwan's era years


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 400))
def test_no_real_date_or_forward_range_is_called_impossible(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    text = f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
    assert find_impossible(text) == ()


def test_dates_command_says_what_it_left_out() -> None:
    result = CliRunner().invoke(main, ["dates", "2023年2月29日停电", "--base", "2023-05-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert "left out: 2023年2月29日 (2023年2月 has no day 29)" in result.stderr
