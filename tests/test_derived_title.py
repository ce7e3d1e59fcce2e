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
        # a news report's dateline says where and when it was filed: the title starts past it
        (
            Category.POWER_OUTAGE,
            "IPOH, 14 May: Electricity to parts of Gunung Rapat will be cut on Sunday.",
            "Power outage: Electricity to parts of Gunung…",
        ),
        (
            Category.ROAD_CLOSURE,
            "Johor Bahru, May 14, 2023 (Bernama) — Jalan Tebrau will be closed on Sunday.",
            "Road closure: Jalan Tebrau will be closed…",
        ),
        # a weekday with its date is the plan's day, not a dateline
        (Category.OTHER, "Friday, 19 May: counters closed.", "Other notice: Friday"),
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


def test_an_untitled_news_report_is_titled_past_its_dateline() -> None:
    page = (
        "SEREMBAN, 2 June: Water supply to Taman Sri Kenanga will be interrupted from 9am to 5pm on "
        "6 June 2023 for mains replacement, the water operator said today. "
        "Residents are advised to store water."
    )
    (notice,) = parse_page(page, published=date(2023, 6, 2), tz=TZ).notices
    assert notice.title == "Water outage: Water supply to Taman Sri…"
