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


def test_hours_naming_the_event_day_after_a_long_paragraph() -> None:
    text = (
        "本报讯（记者 王林）端午节是传统节日，5月20日（农历五月初一），东湖区将举办龙舟文化节活动。"
        "5月8日，活动组委会发布观赛须知，请广大市民文明观赛。\n"
        "观赛须知包括：自觉遵守法律法规和社会公德，不得妨碍公共秩序；服从现场工作人员指挥，不得拥挤推搡，"
        "遇到突发情况要听从安排；活动区域内禁止燃放烟花爆竹、放飞无人机，禁止携带易燃易爆物品；爱护公共设施，"
        "不得攀爬护栏、损坏绿化；保持环境卫生，垃圾分类投放，争做文明观众等等。\n"
        "此外，龙舟文化节活动当天，城区实行分区域分时段的交通管制措施：8:30至12:00，湖滨路、望湖路实行交通"
        "管制；18:30至24:00，环湖东路、滨江路实行交通管制。请广大市民提前规划出行路线。\n"
    )
    assert periods(text) == [
        (date(2023, 5, 20), date(2023, 5, 20)),
        (at(5, 20, 8, 30), at(5, 20, 12)),
        (at(5, 20, 18, 30), at(5, 21)),
    ]


def test_hours_far_from_a_day_without_naming_its_event_stay_apart() -> None:
    filler = "请广大居民提前做好储水准备，错峰用水；如遇特殊情况，请拨打服务热线咨询。" * 6
    text = f"东湖区将于5月20日举办龙舟赛。\n{filler}\n届时8:30至12:00，湖滨路实行交通管制。\n"
    assert (at(5, 20, 8, 30), at(5, 20, 12)) not in periods(text)
