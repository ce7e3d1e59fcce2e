"""A deadline that names more fully what a window is for (提案线索征集时间 under 征集时间) speaks of
the same thing, so on the window's last day it restates its end; a deadline for another thing on
that day stays."""

from __future__ import annotations

from datetime import date

from notices.model import Period
from notices.restated import _same_subject
from tests.periods_support import periods

PUB = date(2023, 9, 18)
END = date(2023, 10, 20)


def test_a_fuller_name_is_the_same_subject() -> None:
    window = Period(date(2023, 9, 20), END, label="征集时间")
    assert _same_subject(Period(None, END, label="提案线索征集时间"), window)
    assert not _same_subject(Period(None, END, label="座谈会报名时间"), window)


def test_a_deadline_for_another_thing_stays() -> None:
    text = (
        "关于征集提案线索的公告\n一、征集时间\n2023年9月20日至2023年10月20日。\n"
        "四、报名\n座谈会报名时间截止至2023年10月20日。\n"
    )
    assert (None, END) in periods(text, published=PUB)
