"""A closure said with no start, only its reopening (泳池需暂停开放。预计于明日上午六时三十分重开):
closed from the notice's own day until it reopens; a reopening after a dated closure stays that
closure's end."""

from __future__ import annotations

from datetime import date, datetime

from tests.periods_support import TZ, periods

PUB = date(2015, 8, 24)


def test_closed_from_today_until_the_reopening_hour() -> None:
    text = "某某游泳池暂停开放\n因污水渠维修，某某游泳池需暂停开放。游泳池预计于明日上午六时三十分重开。\n"
    assert periods(text, published=PUB) == [
        (datetime(2015, 8, 24, tzinfo=TZ), datetime(2015, 8, 25, 6, 30, tzinfo=TZ))
    ]


def test_closed_to_the_day_before_a_reopening_day() -> None:
    text = "某某图书馆通知\n因空调检修，图书馆需暂停开放，预计于8月27日恢复开放。\n"
    assert periods(text, published=PUB) == [(PUB, date(2015, 8, 26))]


def test_a_dated_closure_keeps_its_own_start() -> None:
    text = "某某图书馆通知\n图书馆将于8月25日起闭馆，8月28日恢复开放。\n"
    assert periods(text, published=PUB) == [(date(2015, 8, 25), date(2015, 8, 27))]
