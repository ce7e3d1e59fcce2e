"""An English word that names an event (race, run) counts only as a whole word: a road closed for
works near Hazel Terrace or an overrun contract is no race's closure."""

from __future__ import annotations

import pytest

from notices.categories import Category
from notices.classify import categorize


@pytest.mark.parametrize(
    "body",
    [
        "Elm Road will be closed to traffic from 9am to 5pm. Residents of Maple Terrace may use Oak Lane.",
        "The road will be closed from 10pm to 5am as the works overrun. "
        "Shophouses along Brace Street stay open.",
    ],
)
def test_a_word_holding_race_or_run_leaves_a_closure_alone(body: str) -> None:
    assert categorize("", body.lower()).category is Category.ROAD_CLOSURE


@pytest.mark.parametrize(
    "body",
    [
        "Elm Road will be closed to traffic from 6am to 11am for the City Race.",
        "Elm Road will be closed to traffic from 6am to 11am for a charity fun run.",
    ],
)
def test_a_race_or_a_run_named_whole_still_owns_its_closures(body: str) -> None:
    assert categorize("", body.lower()).category is Category.EVENT
