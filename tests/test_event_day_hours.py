"""Hours said of the event's day (比赛当天, 活动当天) fall on that day even when a sentence between
tells of the organisers announcing it on another day (5月8日，组委会召开新闻发布会); the day of the
announcement is no period."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods

_PAGES = [
    "本报讯（记者 李青）端午节将至，5月20日，东湖区将举办龙舟邀请赛。5月8日，赛事组委会召开新闻发布会，"
    "通报了赛事安排。\n为保障赛事安全，比赛当天，东湖区实行分时段交通管制：7:30至12:00，湖滨路、望湖路"
    "禁止机动车通行；14:00至18:00，环湖东路禁止机动车通行。\n",
    "本报讯 首届茶文化节将于5月20日在青阳县开幕。记者从县文旅局5月9日召开的新闻发布会上了解到，活动当天，"
    "县城实行交通管制：7:30至12:00，茶城路、兴业路禁止机动车通行；14:00至18:00，滨河路禁止机动车通行。\n",
    "本報訊 端午節將至，5月20日，東湖區將舉辦龍舟邀請賽。5月9日，組委會發布觀賽須知。比賽當天，"
    "東湖區實行交通管制：7:30至12:00，湖濱路禁止機動車通行；14:00至18:00，環湖東路禁止機動車通行。\n",
]


@pytest.mark.parametrize("text", _PAGES)
def test_hours_of_the_event_day_skip_the_announcement(text: str) -> None:
    got = periods(text)
    assert (at(5, 20, 7, 30), at(5, 20, 12)) in got
    assert (at(5, 20, 14), at(5, 20, 18)) in got
    assert not any(start in (date(2023, 5, 8), date(2023, 5, 9)) for start, _ in got)
