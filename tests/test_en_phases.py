"""A release that closes roads in phases on one day: each phase's hour heads a numbered list of
roads, and is on the day the release named for the first (Sunday (May 1)), however long the
list between them."""

from __future__ import annotations

from datetime import date, datetime

from tests.periods_support import TZ, periods

LANES = ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine")
ROADS = "".join(
    f"{n}. The section of Harbour Road between Pier Street and {name} Lane;\n"
    for n, name in enumerate(LANES, 1)
)
TEXT = (
    "Special traffic arrangements for a procession this Sunday\n"
    "     The Transport Department today (April 29) reminded the public that special traffic "
    "arrangements will be implemented in phases from about 10am on Sunday (May 1).\n"
    "Phase I\n     Roads below will be closed intermittently from about 10am:\n"
    "1. Main Street westbound;\n2. Queen Road.\n"
    f"Phase II\n     Roads below will be closed from about 12.45pm:\n{ROADS}"
    "Phase III\n     Roads below will be closed from about 1.30pm:\n1. Kings Road.\n"
)


def test_each_phase_is_on_the_day_named_first() -> None:
    day = datetime(2016, 5, 1, tzinfo=TZ)
    starts = [start for start, _ in periods(TEXT, published=date(2016, 4, 29))]
    assert starts == [day.replace(hour=10), day.replace(hour=12, minute=45), day.replace(hour=13, minute=30)]
