"""Notice categories: stable codes with display names in Chinese and English."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """A notice's category. The value is the stable code stored and printed in JSON."""

    ROAD_CLOSURE = "road_closure"
    TRAFFIC_CONTROL = "traffic_control"
    POWER_OUTAGE = "power_outage"
    WATER_OUTAGE = "water_outage"
    GAS_OUTAGE = "gas_outage"
    HEATING = "heating"
    RECRUITMENT = "recruitment"
    RENTAL = "rental"
    TENDER = "tender"
    AUCTION = "auction"
    PUBLIC_CONSULTATION = "public_consultation"
    PUBLIC_DISCLOSURE = "public_disclosure"
    EVENT = "event"
    OTHER = "other"

    @property
    def zh(self) -> str:
        return _NAMES[self][0]

    @property
    def en(self) -> str:
        return _NAMES[self][1]

    def display(self, language: str) -> str:
        """The name in ``language`` ("zh…" gives Chinese, anything else English)."""
        return self.zh if language.startswith("zh") else self.en

    @property
    def is_disruption(self) -> bool:
        """Closures and outages: people want to hear the eve, the start and the reopening."""
        return self in _DISRUPTIONS

    @property
    def has_deadline(self) -> bool:
        """Periods whose end is a deadline to act by (apply, bid, comment, object)."""
        return self in _DEADLINES

    @classmethod
    def parse(cls, code: str) -> Category:
        """The category for a code or a display name; ValueError names the known codes."""
        key = code.strip().lower()
        for category in cls:
            if key in (category.value, category.zh, category.en.lower()):
                return category
        known = ", ".join(c.value for c in cls)
        raise ValueError(f"unknown category {code!r}; known: {known}")


_NAMES: dict[Category, tuple[str, str]] = {
    Category.ROAD_CLOSURE: ("道路封闭", "Road closure"),
    Category.TRAFFIC_CONTROL: ("交通管制", "Traffic control"),
    Category.POWER_OUTAGE: ("停电", "Power outage"),
    Category.WATER_OUTAGE: ("停水", "Water outage"),
    Category.GAS_OUTAGE: ("停气", "Gas outage"),
    Category.HEATING: ("供热", "Heating"),
    Category.RECRUITMENT: ("招聘", "Recruitment"),
    Category.RENTAL: ("出租招租", "Rental"),
    Category.TENDER: ("招标采购", "Tender"),
    Category.AUCTION: ("拍卖", "Auction"),
    Category.PUBLIC_CONSULTATION: ("征求意见", "Public consultation"),
    Category.PUBLIC_DISCLOSURE: ("公示", "Public disclosure"),
    Category.EVENT: ("活动", "Event"),
    Category.OTHER: ("其他公告", "Other notice"),
}

#: The two kinds of a notice about a road, told apart by how much of it is shut (notices.closure_extent).
ROAD_KINDS = frozenset({Category.ROAD_CLOSURE, Category.TRAFFIC_CONTROL})

_DISRUPTIONS = frozenset(
    {
        Category.ROAD_CLOSURE,
        Category.TRAFFIC_CONTROL,
        Category.POWER_OUTAGE,
        Category.WATER_OUTAGE,
        Category.GAS_OUTAGE,
        Category.HEATING,
    }
)

_DEADLINES = frozenset(
    {
        Category.RECRUITMENT,
        Category.TENDER,
        Category.AUCTION,
        Category.PUBLIC_CONSULTATION,
        Category.PUBLIC_DISCLOSURE,
    }
)
