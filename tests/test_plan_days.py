"""Days a notice names in the shapes news reports and short notices use: a day said alone after a
plan's verb (将于16日开跑), days listed with a count before their shared hours (3日、5日两天，8时至
17时), a connector typed twice (至至), lunar days with no 日 (正月十四—正月十五), and the words
that tell an event or a volunteer call apart.

Every text is written for these tests in the styles real pages use.
"""

from __future__ import annotations

from datetime import date

import pytest

from notices.categories import Category
from notices.parse import parse_page
from tests.periods_support import PUB, TZ, at, periods


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a bare day after 将于 / 定于: the first such day from the notice's own on
        (
            "本报讯 山地越野赛将于21日开跑，途经东环路、青山路等路段。管制时间为2023年5月21日6:00-13:00。",
            PUB,
            [(date(2023, 5, 21), date(2023, 5, 21)), (at(5, 21, 6), at(5, 21, 13))],
        ),
        (
            "本报讯 全市龙舟邀请赛定于3日在滨江公园举行，届时将有20支队伍参赛。",
            date(2023, 5, 26),
            [(date(2023, 6, 3), date(2023, 6, 3))],
        ),
        # what is done is no plan
        ("本报讯 沿江步道提升工程已于8日完成，市民可正常通行。", PUB, []),
        # days listed with their count, then the hours they share: one timed period each
        (
            "停水通知\n受管网改造影响，6月3日、5日两天，8时至17时城北片区暂停供水，请提前储水。",
            PUB,
            [(at(6, 3, 8), at(6, 3, 17)), (at(6, 5, 8), at(6, 5, 17))],
        ),
        (
            "停电预告\n因线路检修，7月1日、3日、5日三天，9:00-16:00东关一带停电。",
            PUB,
            [(at(7, 1, 9), at(7, 1, 16)), (at(7, 3, 9), at(7, 3, 16)), (at(7, 5, 9), at(7, 5, 16))],
        ),
        # a connector typed twice is one connector
        (
            "城市志愿者招募启动\n有意者可通过小程序报名，志愿者报名时间为即日起至至6月30日。",
            PUB,
            [(PUB, date(2023, 6, 30))],
        ),
        # lunar days with no 日 written are days, not a vague part of a month
        (
            "新春灯会2024年2月7日至2月27日在人民公园举行。\n正月十四—正月十五：猜灯谜，市民可免费参加。",
            date(2024, 1, 20),
            [(date(2024, 2, 7), date(2024, 2, 27)), (date(2024, 2, 23), date(2024, 2, 24))],
        ),
    ],
)
def test_plan_days(text: str, published: date, expected: list[tuple[object, object]]) -> None:
    assert periods(text, published) == expected


def test_parts_of_months_stay_vague() -> None:
    """月初 / 中旬 name no day: still nothing to remind of."""
    assert periods("本报讯 新馆计划于6月初至7月中旬试运行。") == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "城市志愿者招募\n市文明办今日发布志愿者招募令，服务点设在车站、景区等地，报名时间为即日起至7月31日。",
            Category.RECRUITMENT,
        ),
        (
            "古城元宵文化节\n花灯展示将于2月1日至2月10日在古城广场举行，每晚18时亮灯，期间还有猜灯谜等活动。",
            Category.EVENT,
        ),
        ("本报讯 全市龙舟邀请赛定于3日在滨江公园举行，届时将有20支队伍参赛。", Category.EVENT),
    ],
)
def test_event_and_volunteer_words(text: str, category: Category) -> None:
    notices = parse_page(text, published=date(2023, 1, 20), tz=TZ).notices
    assert [n.category for n in notices] == [category]
