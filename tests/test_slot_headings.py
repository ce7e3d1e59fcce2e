"""Hours heading lists of their own under a day's window (a Hong Kong traffic release: the day's
window in the lead, then 由凌晨零时零一分至二时 ⏎ * 某道…): one period per heading on that day, and
the lead's window, their sum, no period of its own."""

from __future__ import annotations

import pytest

from tests.periods_support import at, periods

_LEAD = (
    "運輸署今日提醒市民，本周日(五月十四日)凌晨約零時零一分至上午八時在某區一帶實施下列臨時交通安排：\n\n"
    "道路封閉\n"
)
_SLOTS = (
    "由凌晨約零時零一分至二時\n------------\n* 某道(東行)中線；\n* 某園道慢線。\n\n"
    "由凌晨約二時至上午六時\n-----------\n* 某道(東行)一段。\n\n"
    "由上午約六時至八時\n---------\n* 某道(西行)快線。\n"
)


def test_each_heading_is_a_period_on_the_leads_day() -> None:
    assert periods(_LEAD + _SLOTS) == [
        (at(5, 14, 0, 1), at(5, 14, 2)),
        (at(5, 14, 2), at(5, 14, 6)),
        (at(5, 14, 6), at(5, 14, 8)),
    ]


def test_headings_run_into_the_line_above_still_count() -> None:
    """A segmenter that joins lines leaves the underline and the bullet on the heading's line."""
    joined = _SLOTS.replace("\n------------\n", "------------").replace("\n-----------\n", "-----------")
    assert (at(5, 14, 0, 1), at(5, 14, 2)) in periods(_LEAD + joined)


@pytest.mark.parametrize("heading", ["由上午約九時至下午一時", "由下午約二時至五時"])
def test_a_heading_outside_the_window_is_left_alone(heading: str) -> None:
    text = _LEAD + _SLOTS.replace("由上午約六時至八時", heading)
    got = periods(text)
    assert (at(5, 14, 0, 1), at(5, 14, 8)) in got
    assert all(start != at(5, 14, 0, 1) or end != at(5, 14, 2) for start, end in got)


def test_one_heading_alone_is_no_list_of_slots() -> None:
    text = _LEAD + "由凌晨約零時零一分至二時\n------------\n* 某道(東行)中線。\n"
    assert periods(text) == [(at(5, 14, 0, 1), at(5, 14, 8))]
