"""Words that tell a plan in an item with no title, signature or category word: what the public
may do on its days (市民可于…办理, 可持身份证到…领取), or when what is applied for closes
(Registration closes on…, Closing date:). Such an item is still a notice: its days are the ones
to act on."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods


@pytest.mark.parametrize(
    "text",
    [
        "5月15日至19日，每天9:00至17:00，市民可持身份证到所在社区服务中心领取。",
        "5月15日至19日，每天9:00至17:00，市民可持身分證到所在社區服務中心領取。",
        "居民可于5月15日至19日登录小程序预约，名额有限。",
    ],
)
def test_what_the_public_may_do_on_days_is_a_notice(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 19))]


def test_a_day_told_as_past_is_still_no_notice() -> None:
    assert periods("5月5日，市民在公园里观看了表演，现场气氛热烈。") == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Registration closes on 31 May 2023.", date(2023, 5, 31)),
        ("Closing date: 26 May 2023", date(2023, 5, 26)),
        ("The closing date for applications is 26 May 2023.", date(2023, 5, 26)),
    ],
)
def test_a_closing_said_in_english_is_a_deadline_to_act_by(text: str, due: date) -> None:
    assert periods(text) == [(None, due)]


def test_views_invited_on_or_before_a_day_are_a_deadline() -> None:
    assert periods("Members of the public may submit their views on or before June 14, 2023.") == [
        (None, date(2023, 6, 14))
    ]
