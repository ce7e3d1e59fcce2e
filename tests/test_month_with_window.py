"""A whole month (4月份) with a weekly or daily window told just after it is one span over the
month (conventions rule 7); a month alone stays too vague to plan around."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods

_APRIL = (date(2023, 4, 1), date(2023, 4, 30))


@pytest.mark.parametrize(
    "body",
    [
        "青石街道将于4月份继续开展老年人免费体检工作。安排如下：\n一、体检时间、地点\n"
        "体检时间：每周一至周四上午 8:00-11:00\n体检地点：青石社区卫生服务中心一楼",
        "本社区图书室将于4月份对居民开放，开放时间为每周六9:00至12:00。",
        "本社區圖書室將於4月份對居民開放，開放時間為每週六9:00至12:00。",
        "4月份，社区将开展义务理发活动，服务时间：每天8时30分至11时30分。",
    ],
)
def test_a_month_with_its_window_is_one_span(body: str) -> None:
    assert periods(f"青石街道便民服务安排\n{body}\n", published=date(2023, 3, 28)) == [_APRIL]


def test_a_month_alone_is_still_vague() -> None:
    text = "关于开展防汛演练的通知\n我区将于4月份开展防汛演练，请做好准备。\n应急管理局\n2023年3月28日\n"
    assert periods(text) == []
