"""Streets printed in capitals in English notices (headings, some papers' house style) are places
and detours like the same names in title case; a heading's own capitals are not."""

from __future__ import annotations

import pytest

from notices.parse import parse_page
from notices.places import find_places
from tests.periods_support import PUB, TZ


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("BIRCH STREET will be closed.", ["BIRCH STREET"]),
        ("The kerb lane of KING'S ROAD EAST is shut.", ["KING'S ROAD EAST"]),
        ("Works on JALAN SEROJA 3 start soon.", ["JALAN SEROJA 3"]),
        ("JALAN KENANGA WILL BE CLOSED ON 5 JUNE", ["JALAN KENANGA"]),
        ("The westbound lane of Prince's Road Central is shut.", ["Prince's Road Central"]),
        ("TEMPORARY ROAD CLOSURE", []),
        ("NOTICE OF ROAD WORKS", []),
    ],
)
def test_capitals_name_a_street_and_a_heading_names_none(text: str, want: list[str]) -> None:
    assert find_places(text) == want


def test_capital_streets_are_the_closure_and_its_detour() -> None:
    text = (
        "TRAFFIC ARRANGEMENT\n"
        "MAPLE AVENUE will be closed to all traffic from 8am to 6pm on 21 May for a street fair.\n"
        "Motorists are advised to use JALAN MERAH instead.\n"
        "Municipal Council\n10 May 2023\n"
    )
    notice = parse_page(text, published=PUB, tz=TZ).notices[0]
    assert "MAPLE AVENUE" in notice.places
    assert "JALAN MERAH" in notice.detours
