"""A deadline said within a span that ends the same day is the span's own end, not a period of
its own; a deadline on another day, or at another hour than a timed span's end, stays."""

from __future__ import annotations

from datetime import date

from tests.periods_support import at, periods


def test_objections_due_by_the_last_day_of_the_disclosure_are_that_day() -> None:
    text = (
        "现将拟支持项目名单予以公示。公示期限为2023年5月14日—20日。"
        "公示期间如有质疑，请于5月20日前以书面形式反映。"
    )
    assert periods(text) == [(date(2023, 5, 14), date(2023, 5, 20))]


def test_a_deadline_on_another_day_stays() -> None:
    text = "公示期限为2023年5月14日—20日。公示期间如有质疑，请于5月18日前以书面形式反映。"
    assert (None, date(2023, 5, 18)) in periods(text)


def test_a_timed_deadline_before_a_timed_span_ends_stays() -> None:
    text = "5月14日8时至17时停水。停水期间如有异议，请于5月14日12时前致电供水公司。"
    assert (None, at(5, 14, 12)) in periods(text)
