"""Yesterday (昨日, 昨天, 昨晚) is the day before the notice's: what a report tells of it is past,
and an outage it tells as restored already is no period."""

from __future__ import annotations

from datetime import date, datetime

from notices.dates import find_periods
from tests.periods_support import TZ, periods

PUB = date(2024, 6, 13)


def test_yesterday_is_the_day_before() -> None:
    found = find_periods("昨晚八时起停电，昨天下午3时至5时停水。", base=PUB, tz=TZ)
    assert [(p.start, p.end) for p in found] == [
        (datetime(2024, 6, 12, 20, tzinfo=TZ), None),
        (datetime(2024, 6, 12, 15, tzinfo=TZ), datetime(2024, 6, 12, 17, tzinfo=TZ)),
    ]


def test_an_outage_told_as_restored_is_no_period() -> None:
    text = "某区多处停电\n某区多处昨晚约八时起停电，经过逾4小时抢修后，凌晨零时11分全面恢复。\n"
    assert periods(text, published=PUB) == []


def test_an_outage_still_on_stays() -> None:
    text = "某区停电通知\n某区多处昨晚八时起停电，预计今日下午恢复供电，请市民留意。\n"
    assert periods(text, published=PUB) != []
