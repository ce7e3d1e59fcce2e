"""English fields whose names hold a notice word (Tender Closing Date and Time:, Date of Tender
Issue:) are fields of the notice when their value is a date, not titles of notices of their own; the
issue date is the page's, the closing a deadline."""

from __future__ import annotations

from datetime import date, datetime

from notices.parse import parse_page
from tests.periods_support import TZ

_TEXT = (
    "Tender Reference: AB/C 12/23/4\n\nTender for the Provision of Cleaning Services\n\n"
    "Tender Details\n\nTender Subject: Provision of Cleaning Services for the Harbour Building\n"
    "Date of Tender Issue: 10 May 2023\n"
    "Collection of Tender Documents: Tender documents are obtainable from the Lands Office.\n"
    "Tender Closing Date and Time: 12:00 noon on 31 May 2023 (Wednesday)\n"
    "Late tenders will not be accepted.\n"
)


def test_one_notice_with_its_closing_as_a_deadline() -> None:
    found = parse_page(_TEXT, published=date(2023, 5, 10), tz=TZ).notices
    assert len(found) == 1
    assert [(p.start, p.end) for p in found[0].periods] == [(None, datetime(2023, 5, 31, 12, 0, tzinfo=TZ))]


def test_a_heading_with_a_notice_word_and_no_date_stays_a_title() -> None:
    text = "Public Notice: Water Supply Suspension\n\nWater supply to Block 5 will stop on 20 May 2023."
    found = parse_page(text, published=date(2023, 5, 10), tz=TZ).notices
    assert [n.title for n in found] == ["Public Notice: Water Supply Suspension"]
