"""The day an issuer with a long name announced something (1月24日，某某旗住房和城乡建设局就某某
供热有限责任公司南区供热退费事宜发布公告) is the day of the announcement, not a period."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_the_day_a_long_named_issuer_announced_is_no_period() -> None:
    text = (
        "1月24日，某某旗住房和城乡建设局就某某集中供热有限责任公司南区供热退费事宜发布公告。"
        "退费办理时间为2月1日至2月10日。\n"
    )
    assert periods(text, published=date(2026, 1, 24)) == [(date(2026, 2, 1), date(2026, 2, 10))]
