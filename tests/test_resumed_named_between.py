"""A day things resume from, with what resumes named between (1月24日开始所有线路恢复正常运行),
restates the end of the suspension above it and is no period of its own."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_resumption_with_its_subject_between() -> None:
    text = (
        "春节期间公交运营安排\n1、东区线路1月21日(除夕)下午至1月23日(初二)期间,将适当拉大发车间隔。\n"
        "2、城乡快客线路自1月21日(除夕)至1月23日(初二)暂停运行。\n"
        "3、1月24日(初三)开始所有线路恢复正常运行。\n"
    )
    got = periods(text, published=date(2023, 1, 18))
    assert (date(2023, 1, 21), date(2023, 1, 23)) in got
    assert all(start != date(2023, 1, 24) for start, _ in got)
