"""Bus routes changed from a day's first bus and back from another's (从6月14日首班车起实施，6月15日
首班车起恢复): each item runs to the day before its return, however many start the same day."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_each_item_to_the_day_before_its_first_bus_back() -> None:
    text = (
        "关于临时调整公共汽车线路的通知\n二、实施时间\n第（一）项从2010年6月14日首班车起实施，6月15日首班车起恢复；"
        "第（二）项从6月14日首班车起实施，日班线路于6月25日首班车起恢复，夜班线路于6月29日首班车起恢复。\n"
    )
    start = date(2010, 6, 14)
    assert periods(text, published=date(2010, 6, 9)) == [
        (start, date(2010, 6, 14)),
        (start, date(2010, 6, 24)),
        (start, date(2010, 6, 28)),
    ]
