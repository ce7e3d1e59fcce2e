"""English tells a span as an opening and a closing in one sentence: "will open from 1 June and
close on 30 June", "open from 9am and close at 4pm on 5 June". It is one range, not an open start
and a deadline."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods


def _notice(sentence: str) -> str:
    return f"PUBLIC NOTICE\n{sentence}\nDistrict Council\n10 May 2023\n"


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        (
            "The municipal swimming pool will open from 3 June and close on 24 June.",
            (date(2023, 6, 3), date(2023, 6, 24)),
        ),
        ("Nominations open from 1 June 2023 and close at 4pm on 16 June 2023.", (at(6, 1), at(6, 16, 16))),
        (
            "The fair ground will open from 2 June at 10am and close on 4 June at 8pm.",
            (at(6, 2, 10), at(6, 4, 20)),
        ),
        ("The service counter will open from 8am and close at 1pm on 27 May.", (at(5, 27, 8), at(5, 27, 13))),
        ("Enrolment opens at 9am on 12 June and closes at 5pm on 23 June.", (at(6, 12, 9), at(6, 23, 17))),
    ],
)
def test_an_opening_and_its_closing_in_one_sentence_are_one_range(
    sentence: str, want: tuple[object, object]
) -> None:
    assert periods(_notice(sentence)) == [want]


def test_two_sentences_are_still_two_plans() -> None:
    text = _notice("The kiosk opens on 3 June. The car park will close on 24 June for works.")
    assert len(periods(text)) == 2
