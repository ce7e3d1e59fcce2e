"""A return told as a start (X日起恢复…) ends a stop; it opens no period of its own.

Every text here is written for these tests in the styles real notices use.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day after a bounded closure, told as the day things come back from
        (
            "某某体育中心关于演出期间场馆开放的通告\n一、5月20日0:00至25日24:00体育场因舞台搭建需要，暂停对外开放。"
            "5月26日起体育场各项活动恢复开展。",
            [(date(2023, 5, 20), date(2023, 5, 25))],
        ),
        (
            "某某體育中心關於演出期間場館開放的通告\n一、5月20日0:00至25日24:00體育場因舞台搭建需要，暫停對外開放。"
            "5月26日起體育場各項活動恢復開展。",
            [(date(2023, 5, 20), date(2023, 5, 25))],
        ),
        # a clinic's return to its usual hours after the holiday
        (
            "某某医院2023年端午节放假及门诊安排\n根据节日假期放假的规定，结合实际情况，端午假日期间我院放假及门诊"
            "安排如下：\n1、5月20日（周六）至5月23日放假，普通门诊停诊。\n2、普通门诊从5月24日（初五）起正常开诊。\n"
            "某某医院\n2023年5月10日\n",
            [(date(2023, 5, 20), date(2023, 5, 23))],
        ),
        # a stop from an hour and the return later that day: one window
        (
            "某某广场管理通告\n1、5月21日8:30起广场充电站暂停营业，站内不得停放车辆。5月21日23:30起充电站恢复营业。",
            [(at(5, 21, 8, 30), at(5, 21, 23, 30))],
        ),
        (
            "某某廣場管理通告\n1、5月21日8:30起廣場充電站暫停營業，站內不得停放車輛。5月21日23:30起充電站恢復營業。",
            [(at(5, 21, 8, 30), at(5, 21, 23, 30))],
        ),
    ],
)
def test_return_ends_the_stop(text: str, expected: list[tuple[object, object]]) -> None:
    assert periods(text) == expected


def test_reopening_told_alone_stays() -> None:
    # nothing stopped before it in the notice: the reopening is what the notice announces
    got = periods("某某图书馆恢复开放公告\n经研究决定，我馆自5月15日起恢复开放，开放时间为9:00至17:00。")
    assert got
    assert got[0][0] is not None
    assert got[0][0].day == 15
