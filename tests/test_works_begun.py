"""Work begun from a day with no end (从即日起对顶棚进行紧急维护) is the cause of the closure that
starts then or the day after, not a period of its own; work that is all the notice says stays."""

from __future__ import annotations

from datetime import date, datetime

from tests.periods_support import TZ, periods

PUB = date(2018, 7, 21)


def test_the_closure_not_the_work_behind_it() -> None:
    text = (
        "某某图书馆关于部分阅览室临时暂停开放的通知\n我馆从即日起对玻璃顶棚进行紧急维护，更换损坏的玻璃。"
        "图书馆将于7月21日17时起关闭2-5层各阅览室，并于7月25日恢复正常开放。\n"
    )
    assert periods(text, published=PUB) == [
        (datetime(2018, 7, 21, 17, tzinfo=TZ), datetime(2018, 7, 25, tzinfo=TZ))
    ]


def test_work_alone_stays() -> None:
    text = "某某路施工通知\n我局从7月23日起对某某路进行维护施工，请过往车辆减速慢行。\n"
    assert periods(text, published=PUB) == [(date(2018, 7, 23), None)]
