"""What the evidence tests share: the page's time zone and publication day, and periods read as pairs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")
PUB = date(2023, 5, 10)


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2023, month, day, hour, minute, tzinfo=TZ)


def periods(text: str, published: date | None = PUB) -> list[tuple[object, object]]:
    page = parse_page(text, published=published, tz=TZ)
    return [(p.start, p.end) for n in page.notices for p in n.periods]
