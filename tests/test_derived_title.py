"""A notice that prints no title gets one from its category and first words, in its own language."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.categories import Category
from notices.derived_title import derived_title
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Kuala_Lumpur")


@pytest.mark.parametrize(
    ("category", "body", "title"),
    [
        (
            Category.EVENT,
            "The annual book fair will be held at Dewan Orkid from 3 to 5 June 2023.",
            "Event: The annual book fair will…",
        ),
        (
            Category.OTHER,
            "Residents are reminded to renew their permits.",
            "Other notice: Residents are reminded to renew…",
        ),
        # a short first clause is kept whole, a comma ends it
        (
            Category.ROAD_CLOSURE,
            "To widen the junction, Pelangi Street will be closed.",
            "Road closure: To widen the junction",
        ),
        # the dot of a clock time ends no clause
        (Category.POWER_OUTAGE, "From 9.00 am supply stops.", "Power outage: From 9.00 am supply stops"),
        # a bilingual notice opening in Chinese: the words quoted are its English ones
        (
            Category.WATER_OUTAGE,
            "停水通知\nWater supply to Kampung Seroja will be interrupted on 3 June 2023 for pipe repairs.",
            "Water outage: Water supply to Kampung Seroja…",
        ),
        # a Chinese notice, even with a Latin code in it, keeps its Chinese title
        (
            Category.TENDER,
            "项目编号ZB-2023-07，现对办公家具采购进行公开招标。",
            "招标采购：项目编号ZB-2023-07",
        ),
        (Category.EVENT, "", "活动"),
    ],
)
def test_derived_title_speaks_the_body_language(category: Category, body: str, title: str) -> None:
    assert derived_title(category, body) == title


def test_an_untitled_english_notice_gets_an_english_title() -> None:
    page = (
        "Water supply to Taman Sri Kenanga will be interrupted from 9am to 5pm on 3 June 2023 "
        "for mains replacement. Residents are advised to store water."
    )
    (notice,) = parse_page(page, published=date(2023, 6, 1), tz=TZ).notices
    assert notice.category is Category.WATER_OUTAGE
    assert notice.title == "Water outage: Water supply to Taman Sri…"
    assert any("no title" in w for w in notice.warnings)
