"""A clock time in a resident's account of when they woke or noticed a fault is no period; a
planned cut's hours in the same style stay."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods


@pytest.mark.parametrize(
    "sentence",
    [
        "住在三楼的李女士说，她今天清晨6点左右起床洗漱时发现家里没有水。",
        "一名住户凌晨4时醒来后发现断电，随即通知了物业。",
        "住在三樓的李女士說，她今天清晨6點左右起床洗漱時發現家裡沒有水。",
        "一名住戶凌晨4時醒來後發現斷電，隨即通知了物業。",
    ],
)
def test_when_someone_noticed_is_no_period(sentence: str) -> None:
    text = f"东湖小区昨夜水管爆裂\n{sentence}抢修人员随后赶到，供水已经恢复正常。\n"
    assert periods(text) == []


def test_a_planned_cut_in_a_report_keeps_its_hours() -> None:
    text = "东湖小区将停水\n本报讯 因管道维修，东湖小区将于5月12日8时至17时停水，居民发现异常可拨打热线。\n"
    assert periods(text) == [(at(5, 12, 8), at(5, 12, 17))]


def test_a_supply_told_as_stopped_at_a_time_is_no_period() -> None:
    told = "停电的不止这一个小区。\n今天晚上8时15分，家住某某小区的居民王先生家也停电了。\n"
    assert periods(told, published=date(2021, 10, 24)) == []
    planned = "某某供电所通知：今天晚上8时15分，某某小区就要停电了，请提前准备。\n"
    assert periods(planned, published=date(2021, 10, 24)) != []
