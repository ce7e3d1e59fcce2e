"""An end at 24时 closes its day: written as that whole day, the start keeping its clock time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from notices.dates import find_periods

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("施工封路时间：2022年6月2日9时至2022年9月15日24时。", "2022-06-02T09:00:00+08:00", "2022-09-15"),
        ("封路時間：2022年6月2日9時至9月15日24時。", "2022-06-02T09:00:00+08:00", "2022-09-15"),
        ("道路维修自6月2日8:30起至6月4日24:00止。", "2022-06-02T08:30:00+08:00", "2022-06-04"),
        ("停水时间为5月21日18时至24时。", "2022-05-21T18:00:00+08:00", "2022-05-21"),
        ("管制時間：2022年12月30日下午2時至2023年1月2日24時", "2022-12-30T14:00:00+08:00", "2023-01-02"),
    ],
)
def test_an_end_at_midnight_is_written_as_its_day(text: str, start: str, end: str) -> None:
    (period,) = find_periods(text, base=date(2022, 5, 10), tz=TZ)
    shape = period.to_json()
    assert (shape["start"], shape["end"]) == (start, end)
    # the instant is unchanged: reminders still fire at the next midnight
    assert isinstance(period.end, datetime)
    assert period.end.time() == time(0)
    assert period.end.date() == date.fromisoformat(end) + timedelta(days=1)


def test_an_end_at_another_hour_keeps_its_clock() -> None:
    (period,) = find_periods("封闭时间：6月2日9时至6月4日18时。", base=date(2022, 5, 10), tz=TZ)
    assert period.to_json()["end"] == "2022-06-04T18:00:00+08:00"


def test_a_span_from_midnight_to_midnight_stays_whole_days() -> None:
    (period,) = find_periods("停电时间：6月2日0时至6月4日24时。", base=date(2022, 5, 10), tz=TZ)
    assert (period.start, period.end, period.all_day) == (date(2022, 6, 2), date(2022, 6, 4), True)
