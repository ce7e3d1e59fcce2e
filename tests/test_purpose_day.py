"""A day named as the purpose of measures whose hours cover it is no period of its own."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page


def _periods(text: str, published: date) -> list[tuple[str | None, str | None]]:
    result = parse_page(text, published=published, tz=ZoneInfo("Asia/Shanghai"))
    return [(p["start"], p["end"]) for n in result.notices for p in n.to_json()["periods"]]


@pytest.mark.parametrize(
    "text",
    [
        "市公安局交警支队关于交通管制的通告\n为配合5月20日城市马拉松赛事需要，将实施交通管制：\n"
        "管制时间：5月19日22时至5月20日13时。\n管制路段：滨江大道、人民路。",
        "市警察局交通管制公告\n為配合5月20日國際馬拉松活動，將實施交通管制如下：\n"
        "管制時間：5月19日22時至5月20日13時。\n管制範圍：中山路、民生路。",
    ],
)
def test_the_purpose_day_covered_by_the_hours_is_left_out(text: str) -> None:
    assert _periods(text, date(2022, 5, 10)) == [("2022-05-19T22:00:00+08:00", "2022-05-20T13:00:00+08:00")]


def test_a_purpose_day_the_hours_do_not_cover_stays() -> None:
    text = (
        "市公安局交警支队关于交通管制的通告\n为配合5月28日文艺汇演需要，将实施交通管制：\n"
        "管制时间：5月20日9时至17时。\n管制路段：滨江大道。"
    )
    found = _periods(text, date(2022, 5, 10))
    assert ("2022-05-28", "2022-05-28") in found
