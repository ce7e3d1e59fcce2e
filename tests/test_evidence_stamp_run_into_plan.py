"""A page's stamp line (时间…人气…作者) that the page runs into the first sentence: the date the
sentence announces (将于…举行, 定于…) is still a plan; the stamp's own date stays metadata."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods


@pytest.mark.parametrize(
    "head",
    [
        "时间:2023-06-01人气:作者:未知",
        "時間:2023-06-01人氣:作者:未知",
        "发布时间:2023-06-01 点击:35 作者:管理员",
    ],
)
def test_a_plan_run_onto_the_stamp_line_is_kept(head: str) -> None:
    text = (
        f"{head}\n2023年高考将于6月7日至9日举行。现决定对考点周边道路实行交通管制。\n"
        "考点安排:\n第一中学(东校区)\n"
    )
    assert periods(text) == [(date(2023, 6, 7), date(2023, 6, 9))]


def test_the_stamp_date_alone_is_still_no_plan() -> None:
    text = "时间:2023-06-01人气:作者:未知\n考点周边道路实行交通管制。\n"
    assert periods(text) == []
