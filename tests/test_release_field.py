"""A field whose label ends in 发布时间 names either a result the public waits for (成绩发布时间：
6月30日) or the page's own stamp (发布时间：2023-05-08 16:33 浏览量：): only the first is a period."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods


def test_a_results_release_field_ahead_of_the_page_is_a_period() -> None:
    text = (
        "关于某某职业资格考试安排的通知\n"
        "各位考生：\n"
        "本次笔试定于5月20日举行，成绩发布时间：6月12日，请考生届时登录系统查询。\n"
        "某某人事考试中心\n2023年5月10日\n"
    )
    got = periods(text)
    assert (date(2023, 6, 12), date(2023, 6, 12)) in got
    assert (date(2023, 5, 20), date(2023, 5, 20)) in got


def test_a_release_field_on_its_own_line_is_a_period() -> None:
    text = (
        "关于某某遴选面试的公告\n"
        "面试定于5月25日进行。\n"
        "名单发布时间：5月31日\n"
        "请关注本网站。\n"
        "某某组织部\n2023年5月10日\n"
    )
    assert (date(2023, 5, 31), date(2023, 5, 31)) in periods(text)


def test_the_page_stamp_is_still_dropped() -> None:
    text = (
        "关于某某遴选面试的公告\n"
        "发布时间：2023-05-09 10:21 浏览量：57\n"
        "信息发布时间：2023-05-09\n"
        "面试定于5月25日进行。\n"
        "某某组织部\n2023年5月10日\n"
    )
    assert periods(text) == [(date(2023, 5, 25), date(2023, 5, 25))]
