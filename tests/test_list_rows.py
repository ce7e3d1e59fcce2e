"""Rows of one list, each opening with its own day, are items of their own: a day that is also the
edge of another row's span is not that span said again."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_rows_of_a_list_each_opening_with_its_day_are_items_of_their_own() -> None:
    text = (
        "本周多场义诊活动\n本报讯 记者从市卫生协会了解到，本周有多支医疗队伍将送义诊下乡：\n"
        "5月15日上午，甲镇卫生院将在东村开展义诊活动；\n"
        "5月15、16日上午，乙街道卫生服务中心将在西村开展免费体检活动；\n"
        "5月16日下午，丙街道卫生服务中心将在南村开展健康讲座及义诊活动。\n"
    )
    got = periods(text, published=date(2023, 5, 14))
    assert (date(2023, 5, 16), date(2023, 5, 16)) in got
    assert (date(2023, 5, 15), date(2023, 5, 16)) in got


def test_a_deadline_said_again_in_a_sentence_is_still_the_span_s_end() -> None:
    text = "招聘公告\n报名时间：2023年5月15日至5月20日。\n请于5月20日前完成报名，逾期不予受理。\n"
    assert periods(text, published=date(2023, 5, 10)) == [(date(2023, 5, 15), date(2023, 5, 20))]


def test_a_numbered_row_s_day_is_no_edge_of_a_remark_s_span() -> None:
    text = (
        "某县图书馆春节开放安排\n尊敬的各位读者：春节假期开放时间具体如下：\n"
        "一、5月16日至5月17日闭馆；\n二、5月23日周一例行闭馆，设备维护。\n"
        "备注：假期期间，5月16日至5月23日暂停办理借书证退证业务。\n某县图书馆\n2023年5月13日\n"
    )
    got = periods(text, published=date(2023, 5, 13))
    assert (date(2023, 5, 23), date(2023, 5, 23)) in got
    assert (date(2023, 5, 16), date(2023, 5, 23)) in got
