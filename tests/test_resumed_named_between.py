"""A day things resume from, with what resumes named between (1月24日开始所有线路恢复正常运行),
restates the end of the suspension above it and is no period of its own."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_resumption_with_its_subject_between() -> None:
    text = (
        "春节期间公交运营安排\n城乡快客线路自1月21日至1月23日暂停运行。\n"
        "1月24日开始所有线路恢复正常运行。\n"
    )
    assert periods(text, published=date(2023, 1, 18)) == [(date(2023, 1, 21), date(2023, 1, 23))]
