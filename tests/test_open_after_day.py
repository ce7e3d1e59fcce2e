"""A day then 以后 / 之后 / 后 says when something starts or applies: it is an open start (end
null), as 起 is; a restoration said that way ends a disruption and opens nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods


def _notice(lines: str) -> str:
    return f"关于新学期登记工作的通知\n{lines}\n青松街道社区\n2023年5月10日\n"


@pytest.mark.parametrize(
    "line",
    [
        "二、5月22日以后家长携带户口簿到学校办理正式登记手续。",
        "二、5月22日之后居民可到服务大厅申领新版门禁卡。",
        "二、5月22日后，各单位可通过网上平台提交年度报表。",
        "二、5月22日以後家長攜帶戶口簿到學校辦理正式登記手續。",
        "二、5月22日之後居民可到服務大廳申領新版門禁卡。",
    ],
)
def test_a_day_then_yihou_opens_a_period(line: str) -> None:
    text = _notice(f"一、请于5月18日前到社区预先登记。\n{line}")
    assert periods(text) == [(None, date(2023, 5, 18)), (date(2023, 5, 22), None)]


def test_a_birth_date_condition_with_yihou_is_no_period() -> None:
    text = _notice("凡2017年9月1日以后出生的儿童，请于5月25日前到社区登记。")
    assert periods(text) == [(None, date(2023, 5, 25))]


def test_a_restoration_after_a_day_opens_nothing() -> None:
    text = "停水通知\n因管网改造，城东片区5月20日停水，5月21日以后恢复供水。\n自来水公司\n2023年5月10日\n"
    assert (date(2023, 5, 21), None) not in periods(text)
