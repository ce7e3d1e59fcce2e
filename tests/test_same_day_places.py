"""One day, two places, two plans: hours for one place and the whole day for another are both kept,
each with its own places; the same day said again for the same place is still a restatement."""

from __future__ import annotations

from notices.parse import parse_page
from tests.periods_support import PUB, TZ, at


def _periods(text: str) -> list[tuple[object, object, tuple[str, ...]]]:
    page = parse_page(text, published=PUB, tz=TZ)
    return [(p.start, p.end, p.places) for n in page.notices for p in n.periods]


def test_hours_for_one_village_and_the_whole_day_for_another_both_stay() -> None:
    text = (
        "某县供电公司计划停电公告\n"
        "因配电线路改造，5月16日9:00至15:00南岗村停电；5月16日北岭村全天停电。\n"
        "某县供电公司\n2023年5月10日\n"
    )
    got = _periods(text)
    assert (at(5, 16, 9), at(5, 16, 15), ("南岗村",)) in got
    assert any(start == end == at(5, 16).date() and places == ("北岭村",) for start, end, places in got)
    assert len(got) == 2


def test_each_place_heading_its_own_line_keeps_its_own_day() -> None:
    text = (
        "某县自来水公司停水通知\n"
        "西塘村：5月18日8时至17时停水；\n"
        "东塘村：5月18日全天停水。\n"
        "某县自来水公司\n2023年5月10日\n"
    )
    got = _periods(text)
    assert len(got) == 2
    assert {places for _, _, places in got} == {("西塘村",), ("东塘村",)}


def test_the_same_day_said_again_for_the_same_place_is_dropped() -> None:
    text = (
        "某县供电公司停电公告\n"
        "5月16日南岗村停电。\n"
        "停电时间：5月16日9:00至15:00，停电范围：南岗村。\n"
        "某县供电公司\n2023年5月10日\n"
    )
    got = _periods(text)
    assert [(start, end) for start, end, _ in got] == [(at(5, 16, 9), at(5, 16, 15))]
