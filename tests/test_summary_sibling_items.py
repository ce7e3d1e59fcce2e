"""A span on its own numbered line is no summary of the days listed under the next number (2. 四等
考试：12日至13日 ⏎ 3. 五等考试：⏎ 第一梯次：12日…): each group sits on its own days; a span whose
own items follow it still gives way to them."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods

PUB = date(2015, 9, 1)


def test_the_next_items_days_are_not_the_spans() -> None:
    text = (
        "某某考试公告\n二、考试日期：\n1. 三等考试：2015年12月12日至14日。\n"
        "2. 四等考试：2015年12月12日至13日。\n"
        "3. 五等考试：\n第一梯次：2015年12月12日举行。\n第二梯次：2015年12月13日举行。\n"
    )
    assert (date(2015, 12, 12), date(2015, 12, 13)) in periods(text, published=PUB)


def test_a_span_over_its_own_items_is_their_summary() -> None:
    text = "停电公告\n12月25日至26日停电：\n1. 25日8时至12时，和平路；\n2. 26日8时至12时，新华路。\n"
    got = periods(text, published=PUB)
    assert [(start.day, end.day) for start, end in got] == [(25, 25), (26, 26)]  # type: ignore[union-attr]
    assert all(start.month == 12 for start, _ in got)  # type: ignore[union-attr]
