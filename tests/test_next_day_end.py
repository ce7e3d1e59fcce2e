"""An open start at night and the next morning's hour said in a later clause are one window."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.dates import find_periods

TZ = ZoneInfo("Asia/Hong_Kong")


@pytest.mark.parametrize(
    ("text", "end"),
    [
        (
            "青松道将于本周六（3月7日）晚上11时起分段实施临时封路，直至翌日上午5时30分。",
            "2026-03-08T05:30:00+08:00",
        ),
        ("青松道將於3月7日晚上11時起實施臨時封路措施，直至翌日上午5時。", "2026-03-08T05:00:00+08:00"),
        ("青松村将于3月7日23时起停水，至次日6时止。", "2026-03-08T06:00:00+08:00"),
        ("青松桥3月7日晚上11点起封闭维修，一直到第二天早上6:30。", "2026-03-08T06:30:00+08:00"),
    ],
)
def test_the_next_mornings_hour_ends_the_night(text: str, end: str) -> None:
    (period,) = find_periods(text, base=date(2026, 3, 4), tz=TZ)
    shape = period.to_json()
    assert (shape["start"], shape["end"]) == ("2026-03-07T23:00:00+08:00", end)


def test_an_open_start_with_no_next_day_hour_stays_open() -> None:
    (period,) = find_periods(
        "青松道将于3月7日晚上11时起封闭，另行通知开放时间。", base=date(2026, 3, 4), tz=TZ
    )
    assert period.end is None
