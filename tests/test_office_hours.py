"""Hours an office keeps every working day are no period, and a day told just before them (a
cancelled auction's) does not take them; hours with a day of their own stay."""

from __future__ import annotations

import pytest

from notices.office_hours import office_hours
from tests.periods_support import at, periods


def test_a_cancelled_day_does_not_take_the_office_hours_after_it() -> None:
    text = (
        "Cancellation of auction\n\nThe public auction originally scheduled to be held at 10.30am on May 13 "
        "(Saturday) has been cancelled. For enquiries, please call 2896 9878 from Monday to Friday during "
        "office hours (between 9am and 5pm)."
    )
    assert periods(text) == []


def test_hours_with_their_own_day_stay() -> None:
    text = "某某公告\n办公时间调整：5月15日上午9时至下午5时受理报名，逾期不予受理。"
    assert (at(5, 15, 9), at(5, 15, 17)) in periods(text)


def test_a_deadline_in_numerals_after_office_hours_stays() -> None:
    text = "某某公告\n有意者可於辦公時間內到本局查閱文件，標書必須於二零二三年五月二十日下午五時前遞交。"
    assert periods(text) == [(None, at(5, 20, 17))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please call during office hours (between 9am and 5pm).", True),
        ("咨询请于办公时间上午9时至下午5时致电。", True),
        ("The road will be closed between 9am and 5pm.", False),
    ],
)
def test_office_hours_are_named_just_before(text: str, expected: bool) -> None:
    begin = next(i for i, ch in enumerate(text) if ch.isdigit() or ch in "上")
    assert office_hours(text, begin, len(text)) is expected
