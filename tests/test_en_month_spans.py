"""English spans named by months at both ends (between October and December) give no day to plan
around; the spans with days under them are the periods."""

from __future__ import annotations

from datetime import date

import pytest

from notices.vague import vague
from tests.periods_support import periods


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("between October and December", True),
        ("from March to May 2024", True),
        ("from Oct 11 to Nov 23", False),
        ("between October 1 and 5", False),
    ],
)
def test_month_only_spans_are_vague(text: str, loose: bool) -> None:
    assert vague(text) is loose


def test_only_the_dated_spans_stay() -> None:
    text = (
        "Seven stations will close early on selected days between October and December for works.\n"
        "Three stations will close at about 11pm on Fridays and Saturdays from Dec 6 to Dec 14.\n"
    )
    assert periods(text, published=date(2019, 9, 26)) == [(date(2019, 12, 6), date(2019, 12, 14))]
