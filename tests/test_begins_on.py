"""A day a work or service is said to begin on (将于9月1日开始对管网注水), with no end said for
it, runs on from that day; a deadline in another numbered section is not its end."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods

PUB = date(2020, 8, 27)


def test_a_beginning_with_no_end_is_open() -> None:
    text = "某某热力公司公告\n我公司将于2020年9月1日开始对城区供热管网进行注水、试压，请用户留意。\n"
    assert periods(text, published=PUB) == [(date(2020, 9, 1), None)]


def test_another_sections_deadline_is_not_its_end() -> None:
    text = (
        "某某热力公司公告\n我公司将于2020年9月1日开始对城区供热管网进行注水、试压，现将有关事项公告如下：\n"
        "一、注水期间各住宅用户家中务必留人。\n二、请欠费用户在9月25日之前来我公司缴清所有欠费。\n"
    )
    assert periods(text, published=PUB) == [(date(2020, 9, 1), None), (None, date(2020, 9, 25))]


def test_a_beginning_paired_with_its_close_is_one_window() -> None:
    text = "某某招标公告\n报名将于2020年9月1日开始，报名截止时间为9月10日。\n"
    assert periods(text, published=PUB) == [(date(2020, 9, 1), date(2020, 9, 10))]
