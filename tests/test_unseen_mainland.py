"""Phrasings met in mainland notices the parser had not seen, each a general rule with invented
sentences:

* days a notice says go on as usual (正常开放, 照常营业), alone or listed with their place as subject,
  are no periods, and a heading over changed and unchanged days is no period either;
* what was done already (便已, 就已) on a day is history, a part of the day between;
* a span between two days said with parts of them and no hour (14日下午至15日晚上) is those days;
* a postponement's retold steps before the date it withdraws are over;
* a closure on some days of the work that causes it (检修…16日闭馆) is the period, not the work;
* a wire report's later bare days told as starts (20日正式供热, 15日起试供热) are in its month;
* an hour until the event is over, a clause after the event's day, is the closure's own period;
* the notice's own time as a start (通告时间起, 自本通告发布之时起) is its day;
* a page stamp years after the notice (an aggregator's 发布时间) sets no year for its yearless days.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods

# ---------------------------------------------------------------- days as usual


@pytest.mark.parametrize(
    "text",
    [
        "市图书馆端午节开放安排\n一、5月20日（星期六）、5月27日（星期六），全馆正常开放服务；5月22日闭馆。\n"
        "二、5月23日—26日的安排：5月23日—24日开放时间调整为9:00—15:00；5月25—26日正常开放。",
        "市图书馆端午节开放安排\n一、5月20日（星期六）、5月27日（星期六）各阅览室照常开放；5月22日闭馆。\n"
        "二、5月23日—26日的安排：5月23日—24日开放时间调整为9:00—15:00；5月25—26日照常开放。",
    ],
)
def test_days_said_to_go_on_as_usual_are_no_periods(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 22), date(2023, 5, 22)), (date(2023, 5, 23), date(2023, 5, 24))]


def test_a_day_as_usual_whose_hours_change_stays() -> None:
    text = "景区开放通知：5月20日至21日景区照常开放，开放时间调整为8:00—18:00。"
    assert periods(text) == [(date(2023, 5, 20), date(2023, 5, 21))]


def test_a_return_to_normal_after_days_as_usual_is_no_period() -> None:
    text = (
        "开馆安排：5月21日（除夕）闭馆；5月22日（初一）至5月27日（初六）正常开馆；"
        "5月28日（初七）起恢复正常开馆时间。"
    )
    assert periods(text) == [(date(2023, 5, 21), date(2023, 5, 21))]


def test_a_return_to_normal_still_ends_the_closure() -> None:
    text = "本馆自5月15日起暂停开放，5月22日起恢复正常开放。特此公告。"
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 21))]


# ---------------------------------------------------------------- done already


def test_what_was_done_already_on_a_day_is_history() -> None:
    text = (
        "本报讯 记者从热力公司获悉，受降温影响，公司5月8日早上便已点火试运行，"
        "5月10日零时起将对全部居民用户正式供暖。"
    )
    assert periods(text, published=date(2023, 5, 8)) == [(at(5, 10), None)]


# ---------------------------------------------------------------- parts of two days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "本网讯 今日，记者从市交巡警总队获悉，5月14日下午至5月15日晚上，因重大活动，"
            "交管部门将对部分道路采取临时交通限制措施。",
            (date(2023, 5, 14), date(2023, 5, 15)),
        ),
        (
            "因管道抢修，和平村将于5月20日傍晚到22日上午停水，请居民做好储水准备。",
            (date(2023, 5, 20), date(2023, 5, 22)),
        ),
    ],
)
def test_a_span_between_parts_of_two_days_is_those_days(text: str, expected: tuple[date, date]) -> None:
    assert periods(text) == [expected]


# ---------------------------------------------------------------- a postponement's steps


def test_the_steps_before_a_withdrawn_date_are_over() -> None:
    text = (
        "关于某某项目开标延期的公告\n本项目于2023年5月2日在市公共资源交易网发布招标公告，2023年5月8日上午9:30在"
        "第三开标室进行资格预审，2023年5月9日发布了招标文件，原定于2023年5月30日上午9:30开标。因故，"
        "开标时间延期，具体时间另行通知。\n特此公告。"
    )
    assert periods(text, published=date(2023, 5, 1)) == []


def test_a_step_still_to_come_before_the_withdrawn_date_stays() -> None:
    text = (
        "关于某某项目开标延期的公告\n投标人须于2023年5月25日前完成网上报名，原定于2023年5月30日上午9:30开标，"
        "现延期至2023年6月6日上午9:30。\n特此公告。"
    )
    assert (None, date(2023, 5, 25)) in periods(text, published=date(2023, 5, 1))


# ---------------------------------------------------------------- a closure inside its work


def test_a_closure_on_some_days_of_the_work_is_the_period() -> None:
    text = "尊敬的读者：本馆将于5月15日至16日进行消防设施检修，5月16日（星期二）闭馆一天，5月17日恢复开放。"
    assert periods(text) == [(date(2023, 5, 16), date(2023, 5, 16))]


def test_a_day_closed_to_visitors_is_not_a_reopening() -> None:
    text = "因开展应急演练，5月15日至16日馆内各区域演练，5月16日暂停开放接待工作，5月17日恢复对外开放。"
    assert periods(text) == [(date(2023, 5, 16), date(2023, 5, 16))]


def test_work_closed_on_all_its_days_stays_the_period() -> None:
    text = "本馆将于5月15日至16日进行设备检修，检修期间闭馆。"
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 16))]


# ---------------------------------------------------------------- a wire report's bare days


@pytest.mark.parametrize(
    "text",
    [
        "新华社某市5月10日电 今年，某市将提前于5月12日启动供热系统热态试运行，确保20日正式供热时室温达标。",
        "本报讯 记者从市政府了解到，某市将于5月12日开始试供热。12日起全市热源厂陆续点火，20日正式供暖。",
    ],
)
def test_a_reports_later_bare_days_told_as_starts(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 12), None), (date(2023, 5, 20), None)]


# ---------------------------------------------------------------- until the event is over


@pytest.mark.parametrize(
    "text",
    [
        "记者从交警支队了解到，5月20日，滨江公园开启桥附近水域将举办第三届滨江龙舟邀请赛，7时30分起至活动结束，"
        "滨江路（人民桥至解放桥段）将实施临时交通管制。",
        "5月20日，市体育中心体育场将举办庆祝建市七十周年大型文艺晚会，届时7时30分起至晚会结束，体育中心周边道路实施交通管制。",
    ],
)
def test_an_hour_until_the_event_is_over_is_the_closures_period(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 20), date(2023, 5, 20)), (at(5, 20, 7, 30), None)]


# ---------------------------------------------------------------- the notice's own time as a start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "关于某县道临时交通管制的通告\n一、管制时间\n通告时间起至2023年5月12日18时\n二、管制路段\n某县道12km至15km\n特此通告",
            (at(5, 10), at(5, 12, 18)),
        ),
        ("自本通告发布之时起至5月20日止，人民路实施交通管制。", (date(2023, 5, 10), date(2023, 5, 20))),
        ("自公告发布时起至5月20日，暂停办理不动产登记业务。", (date(2023, 5, 10), date(2023, 5, 20))),
    ],
)
def test_the_notices_own_time_as_a_start_is_its_day(text: str, expected: tuple[object, object]) -> None:
    assert periods(text) == [expected]


# ---------------------------------------------------------------- an aggregator's stamp


def test_a_reposts_stamp_years_on_sets_no_year_for_the_notices_days() -> None:
    text = (
        "某市集中供暖\n发布时间:2031-03-14 14:51\n据悉，5月12日零时起，某市正式进入冬季采暖期。"
        "据热力公司负责人介绍，公司从5月8日中午开始起炉运行，对部分用户进行供暖。"
    )
    assert periods(text) == [(at(5, 12), None)]
