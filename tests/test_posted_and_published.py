"""How long a notice itself is put out (招考信息…发布日期为2月10日至20日) is no period; nor is the day
an English report says details were published, though a web address stands in its sentence."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_the_span_a_notice_is_put_out_is_no_period() -> None:
    text = (
        "某某县2017年事业单位招聘公告\n（一）发布招考信息\n招考信息通过某某就业网发布。发布日期为2017年2月10日至20日。\n"
        "（二）报名\n报名时间：2017年2月22日至24日。资格初审合格人员在本单位公示，接受异议。\n"
    )
    assert periods(text, published=date(2017, 2, 10)) == [(date(2017, 2, 22), date(2017, 2, 24))]


def test_a_single_release_day_stays() -> None:
    text = "某某考试公告\n成绩发布时间为2017年3月20日。\n"
    assert periods(text, published=date(2017, 2, 10)) == [(date(2017, 3, 20), date(2017, 3, 20))]


def test_published_on_a_portal_with_a_web_address() -> None:
    text = (
        "Car park licence put out to tender\n"
        "Details of the tender were published on the agency's portal, www.example.gov.hk, on 23rd February. "
        "The deadline for submitting tenders is noon on 15th March.\n"
    )
    got = periods(text, published=date(2024, 2, 23))
    assert (date(2024, 2, 23), date(2024, 2, 23)) not in got
    assert len(got) == 1
