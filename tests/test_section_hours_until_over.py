"""Sections of a race's closure listed under its day, each opened by the hour it starts (7时45分起,
8时起) and some told to run 至比赛结束: each is a range from that hour on the race's day, open at
its end, also when the first item runs onto the lead's line after its colon."""

from __future__ import annotations

import pytest

from tests.periods_support import at, periods


def _notice(items: str) -> str:
    return (
        "关于长河半程马拉松期间实行交通管制的通告\n"
        "长河半程马拉松定于2023年5月21日（星期日）上午7时30分开跑。现通告如下：\n"
        f"一、5月21日7时起至比赛结束，对下列道路分时分段实行交通管制：{items}\n"
        "长河市公安局交通警察支队\n2023年5月10日\n"
    )


@pytest.mark.parametrize(
    "items",
    [
        "\n（一）7时起，长河大道全线禁止机动车通行。\n（二）7时45分起至比赛结束，滨江路、人民路禁止机动车通行。"
        "\n（三）8时起，湖心路禁止机动车、非机动车通行。",
        "1、7时起，长河大道全线禁止机动车通行；\n2、7时45分起至比赛结束，滨江路、人民路禁止机动车通行；"
        "\n3、8时起至活动结束，湖心路禁止机动车、非机动车通行。",
        "\n（一）7時起，長河大道全線禁止機動車通行。\n（二）7時45分起至比賽結束，濱江路、人民路禁止機動車通行。"
        "\n（三）8時起，湖心路禁止機動車、非機動車通行。",
    ],
)
def test_each_section_opens_at_its_hour_on_the_race_day(items: str) -> None:
    got = periods(_notice(items))
    for hour, minute in ((7, 0), (7, 45), (8, 0)):
        assert (at(5, 21, hour, minute), None) in got


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("一、5月21日7时30分开始至比赛结束，对下列道路实施交通管制。", (at(5, 21, 7, 30), None)),
        ("一、5月21日7時30分開始至活動結束，對下列道路實施交通管制。", (at(5, 21, 7, 30), None)),
        ("二、5月22日8时开始至18时，人民路禁止机动车通行。", (at(5, 22, 8), at(5, 22, 18))),
    ],
)
def test_kaishi_before_the_end_reads_as_a_range(line: str, want: tuple[object, object]) -> None:
    text = f"关于比赛期间交通管制的通告\n{line}\n交警支队\n2023年5月10日\n"
    assert periods(text) == [want]


def test_a_last_section_cut_short_by_the_text_end_still_counts() -> None:
    text = (
        "长河半程马拉松定于2023年5月21日上午7时30分开跑。\n"
        "一、5月21日7时起至比赛结束，对下列道路分时分段实行交通管制：\n"
        "（一）7时45分起，滨江路禁止机动车通行，社会车辆可绕行新华路。\n"
        "（二）8时起，湖心路禁止机动车和非机动车通行，社会车辆可绕行"
    )
    got = periods(text)
    assert (at(5, 21, 7, 45), None) in got
    assert (at(5, 21, 8), None) in got
