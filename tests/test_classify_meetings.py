"""A briefing called for residents at a time and a place is an event, even when it is about road
works; and a road's name that merely ends in "race" or "run" (Terrace, Overrun)
names no race."""

from __future__ import annotations

import pytest

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Community Briefing on the Harbour Lane Resurfacing",
            "The Office will brief residents on the works. Date: 3 March 2025. Time: 7 pm to 8:30 pm. "
            "Venue: Hall B. Affected area: the Harbour Lane road closure zone.",
        ),
    ],
)
def test_a_public_briefing_is_an_event(title: str, body: str) -> None:
    assert categorize(normalize(title), normalize(body)).category is Category.EVENT


@pytest.mark.parametrize("road", ["Maple Terrace", "Cedar Terrace", "Overrun Road"])
def test_a_road_name_ending_in_race_or_run_names_no_race(road: str) -> None:
    body = f"{road} will be closed to all traffic from 10 pm on 4 March to 5 am on 5 March for resurfacing."
    got = categorize(normalize("Temporary Road Closure"), normalize(body)).category
    assert got is Category.ROAD_CLOSURE


def test_a_race_said_as_a_word_still_owns_its_closures() -> None:
    body = "Bay Road will be closed to all traffic from 6 am to 11 am on 9 March for the charity race."
    got = categorize(normalize("Road Closure"), normalize(body)).category
    assert got is Category.EVENT
