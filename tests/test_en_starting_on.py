"""English starts said with a participle (starting on Sunday (October 30), commencing 1 November,
effective 1 November) run on from that day, as "from" does."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("The road will be closed starting on Sunday (October 30).", date(2022, 10, 30)),
        ("Bus route 12 will be diverted commencing on 1 November 2022.", date(2022, 11, 1)),
        ("The car park closes effective 1 November 2022.", date(2022, 11, 1)),
    ],
)
def test_a_participle_start_is_open(sentence: str, start: date) -> None:
    assert periods(sentence, published=date(2022, 10, 25)) == [(start, None)]
