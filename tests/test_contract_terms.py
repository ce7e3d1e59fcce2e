"""The term of a contract, a lease or a delegation (承包期为3年，即…; 委托期间自…至…; a three-year
fixed term from May 1) is what the contract says, not a period to act on."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods

DEADLINE = (None, date(2017, 12, 26))


@pytest.mark.parametrize(
    "term",
    [
        "此轮水面承包期为3年，即2018年1月1日至2020年12月31日止。",
        "相关作业委托某某中心办理，委托期间自2018年1月1日起至2020年12月31日止。",
        "The tenancy agreement is a three-year fixed term from January 1, 2018, with no renewal.",
    ],
)
def test_a_term_is_no_period(term: str) -> None:
    text = f"某某村鱼池发包公告\n{term}\n申请人请于2017年12月26日前报名。\n"
    assert periods(text, published=date(2017, 12, 15)) == [DEADLINE]
