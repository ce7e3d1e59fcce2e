"""Several sittings on one day, listed with their halves of the day (3月23日上午8:30，下午1:30), are
each a moment; a moment said inside what the sentence dated (并于10时开始评标) is not."""

from __future__ import annotations

from datetime import date, datetime

from tests.periods_support import TZ, periods

PUB = date(2016, 3, 16)


def test_two_sittings_on_one_day() -> None:
    text = "某某医院招聘公告\n技能考试时间：2016年3月23日上午8:30，下午1:30，地点：某某医院示教室。\n"
    day = datetime(2016, 3, 23, tzinfo=TZ)
    first, second = day.replace(hour=8, minute=30), day.replace(hour=13, minute=30)
    assert periods(text, published=PUB) == [(first, first), (second, second)]


def test_a_moment_inside_the_dated_one_is_no_sitting() -> None:
    text = "某某项目招标公告\n开标时间：2016年3月23日上午9:30，并于10时开始评标。\n"
    moment = datetime(2016, 3, 23, 9, 30, tzinfo=TZ)
    assert periods(text, published=PUB) == [(moment, moment)]
