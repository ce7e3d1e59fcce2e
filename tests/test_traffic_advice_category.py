"""Traffic advice for an exam or a busy day (horns banned near the sites, leave early or late) is
traffic control even with no 管制 in it; an exam notice with no word for drivers stays other."""

from __future__ import annotations

import pytest

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


def _category(title: str, body: str) -> Category:
    return categorize(normalize(title), normalize(body)).category


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "中考期间出行请错峰",
            "明后两天将举行中考，全市设12个考点。交警提醒，车辆经过考点周边请减速慢行，严禁鸣喇叭，"
            "市民外出尽量错峰出行。",
        ),
        (
            "中考期間出行請錯峰",
            "明後兩天將舉行中考，全市設12個考點。交警提醒，車輛經過考點周邊請減速慢行，嚴禁鳴喇叭，"
            "市民外出盡量錯峰出行。",
        ),
    ],
)
def test_exam_traffic_advice_is_traffic_control(title: str, body: str) -> None:
    assert _category(title, body) == Category.TRAFFIC_CONTROL


def test_an_exam_notice_without_driving_advice_is_not_traffic_control() -> None:
    body = "明后两天将举行中考，全市设12个考点，请考生携带准考证提前30分钟到达考场。"
    assert _category("中考温馨提示", body) != Category.TRAFFIC_CONTROL
