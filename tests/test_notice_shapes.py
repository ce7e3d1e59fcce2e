"""Shapes real notices take that read wrong one way or another: a window opened by the notice's own
publication (自本公告发布之日起), an hour due on the day of another event (面试当天8:15前), listed
measures that each say only a start hour, a campaign said to start now beside its dated span, hours
that differ by day inside one opening span, a deadline said as a 限期, a Chinese-numeral deadline in a
table, English lines of hours each with its day in brackets (dd/mm/yyyy), and a range broken between
"to" and its day."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from notices.model import ParsedNotice
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")


def _notices(text: str, published: date | None) -> list[ParsedNotice]:
    return parse_page(text, published=published, tz=TZ).notices


def _spans(text: str, published: date | None) -> list[tuple[object, object]]:
    (notice,) = _notices(text, published)
    return [(p.start, p.end) for p in notice.periods]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _day(value: object) -> date:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


# 1. a window from the notice's own publication to its deadline ---------------------------------


@pytest.mark.parametrize(
    ("text", "end"),
    [
        (
            "社区公益岗招募启事\n自本公告发布之日起，有意者将报名表送至社区服务站，报名截止时间为4月12日17:00。\n",
            _at(date(2025, 4, 12), 17),
        ),
        (
            "社區公益崗招募啟事\n自本公告發佈之日起，有意者可到服務站登記，報名截止時間為4月12日17:00。\n",
            _at(date(2025, 4, 12), 17),
        ),
        (
            "湿地公园规划征求意见\n自公告发布之日起，市民可通过信件反映意见，意见反馈截止日期：2025年4月20日。\n",
            date(2025, 4, 20),
        ),
        ("图书馆志愿者招募\n报名时间：自本公告发布之日起至2025年4月15日止。\n", date(2025, 4, 15)),
    ],
)
def test_a_window_opened_by_the_notice_itself_runs_from_its_publication(text: str, end: object) -> None:
    published = date(2025, 4, 3)
    ((start, got_end),) = _spans(text, published)
    assert start is not None
    assert _day(start) == published
    assert got_end == end


def test_a_rule_in_force_from_publication_is_still_no_period() -> None:
    text = "关于加强河道管理的通告\n一、禁止在河道内倾倒垃圾。\n二、本通告自发布之日起施行。\n市水务局\n"
    (notice,) = _notices(text, date(2025, 4, 3))
    assert notice.periods == []


# 2. an hour due on the day of another event ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        (
            "区属学校教师招聘面试公告\n面试时间：2025年5月17日。\n请考生于面试当天8:15前到一中报到。\n",
            (8, 15),
        ),
        ("社区工作者笔试公告\n笔试定于2025年5月17日举行，考生须于考试当天上午8:00前入场。\n", (8, 0)),
        ("社區工作者筆試公告\n筆試定於2025年5月17日舉行，考生須於考試當日上午8時30分前到達試場。\n", (8, 30)),
        ("辅警招录体能测试公告\n体能测试于2025年5月17日进行，请于当天7:30以前到达体育场。\n", (7, 30)),
    ],
)
def test_an_hour_due_that_day_is_a_deadline_on_the_events_day(text: str, due: tuple[int, int]) -> None:
    day = date(2025, 5, 17)
    assert _spans(text, date(2025, 5, 6)) == [(day, day), (None, _at(day, *due))]


@pytest.mark.parametrize(
    "text",
    [
        "区属单位招聘笔试公告\n笔试时间：2025年5月17日9:00-11:00。考生须于考试当天8:30前入场。\n",
        "區屬單位招聘筆試公告\n筆試時間：2025年5月17日上午9:00-11:00，考生須於當天8:30前入場。\n",
    ],
)
def test_an_hour_due_on_the_day_of_a_timed_event(text: str) -> None:
    day = date(2025, 5, 17)
    assert _spans(text, date(2025, 5, 6)) == [(_at(day, 9), _at(day, 11)), (None, _at(day, 8, 30))]


def test_advice_for_that_day_is_no_deadline() -> None:
    text = "东岭村停电通知\n2025年5月17日8时至12时东岭村停电。当天7时前请做好储水准备。\n"
    day = date(2025, 5, 17)
    assert _spans(text, date(2025, 5, 6)) == [(_at(day, 8), _at(day, 12))]


# 3. listed measures that each say a start hour only ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "关于半程马拉松期间交通管制的通告\n2025年4月13日，将举办半程马拉松比赛。届时对以下路段实施交通管制：\n"
        "一、6时50分起，对迎宾路（会展中心至南湖桥段）实施封闭；\n二、7时10分起，对沿河大道全线实施封闭；\n"
        "以上路段待比赛结束后恢复通行。\n",
        "關於半程馬拉松期間交通管制的通告\n2025年4月13日，將舉辦半程馬拉松比賽。屆時對以下路段實施交通管制：\n"
        "一、6時50分起，對迎賓路實施封閉；\n二、7時10分起，對沿河大道全線實施封閉；\n",
    ],
)
def test_each_listed_start_hour_is_a_closure_from_then_beside_the_race_day(text: str) -> None:
    day = date(2025, 4, 13)
    assert _spans(text, date(2025, 4, 7)) == [(day, day), (_at(day, 6, 50), None), (_at(day, 7, 10), None)]


def test_listed_start_hours_under_a_closure_day_are_each_their_own() -> None:
    text = (
        "自行车赛交通管制通告\n2025年4月13日，对以下路段实施交通管制：\n"
        "1. 8时起，湖滨路封闭；\n2. 9时30分起，环城东路封闭。\n"
    )
    day = date(2025, 4, 13)
    assert _spans(text, date(2025, 4, 7)) == [(_at(day, 8), None), (_at(day, 9, 30), None)]


# 4. a page stamp, and a campaign said to start now beside its span -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "关于开展背街小巷整治的通告\n2025-03-08 10:21\n"
        "即日起展开整治行动，2025年3月10日至2025年3月20日对文昌路实施半幅封闭。\n",
        "关于开展背街小巷整治的通告\n即日起开展路面修补，自2025年3月10日起至3月20日止，文昌路半幅封闭施工。\n市城管局\n"
        "2025/03/08 10:21\n",
        "關於開展背街小巷整治的通告\n即日起展開整治行動，2025年3月10日至3月20日對文昌路實施半幅封閉。\n",
    ],
)
def test_a_campaign_begun_now_beside_a_dated_span_is_only_the_span(text: str) -> None:
    assert _spans(text, date(2025, 3, 8)) == [(date(2025, 3, 10), date(2025, 3, 20))]


def test_a_page_stamp_is_no_moment() -> None:
    text = "2025-03-08 10:21\n文昌路停电通知\n因线路检修，2025年3月12日8:00至17:00文昌路一带停电。\n"
    day = date(2025, 3, 12)
    assert _spans(text, date(2025, 3, 9)) == [(_at(day, 8), _at(day, 17))]


# 5. hours that differ by day inside one opening span --------------------------------------------


def test_hours_by_day_inside_an_opening_span_are_a_window_each() -> None:
    text = (
        "科技馆春节开放安排\n2025年1月29日至2月2日开放，其中1月29日10:00-16:00，1月30日至2月2日9:00-17:00。\n"
    )
    (notice,) = _notices(text, date(2025, 1, 20))
    first, rest = notice.periods
    day = date(2025, 1, 29)
    assert (first.start, first.end, first.daily) == (_at(day, 10), _at(day, 16), None)
    assert (rest.start, rest.end, rest.daily) == (date(2025, 1, 30), date(2025, 2, 2), (time(9), time(17)))


def test_two_spans_of_hours_keep_their_own_windows() -> None:
    text = (
        "游泳馆假期开放安排\n10月1日至10月7日开放，其中10月1日至3日8:00-20:00，10月4日至7日9:00-18:00。\n"
        "体育中心\n2025年9月25日\n"
    )
    (notice,) = _notices(text, date(2025, 9, 25))
    assert [(p.start, p.end, p.daily) for p in notice.periods] == [
        (date(2025, 10, 1), date(2025, 10, 3), (time(8), time(20))),
        (date(2025, 10, 4), date(2025, 10, 7), (time(9), time(18))),
    ]


def test_hours_of_the_rest_of_the_days_go_to_the_days_not_named() -> None:
    text = "美术馆假期开放时间\n2025年5月1日至5月5日开放，其中5月1日9:00-17:00，其余日期8:30-18:00。\n"
    (notice,) = _notices(text, date(2025, 4, 25))
    assert [(p.start, p.end, p.daily) for p in notice.periods] == [
        (_at(date(2025, 5, 1), 9), _at(date(2025, 5, 1), 17), None),
        (date(2025, 5, 2), date(2025, 5, 5), (time(8, 30), time(18))),
    ]


def test_a_day_named_in_the_middle_parts_the_rest_in_two() -> None:
    text = "美術館假期開放時間\n2025年5月1日至5月5日開放，其中5月3日10:00-16:00，其他日期9:00-18:00。\n"
    (notice,) = _notices(text, date(2025, 4, 25))
    window = (time(9), time(18))
    assert [(p.start, p.end, p.daily) for p in notice.periods] == [
        (_at(date(2025, 5, 3), 10), _at(date(2025, 5, 3), 16), None),
        (date(2025, 5, 1), date(2025, 5, 2), window),
        (date(2025, 5, 4), date(2025, 5, 5), window),
    ]


def test_the_rest_after_an_item_of_several_days() -> None:
    text = (
        "乐园假期开放安排\n5月1日至5月4日开放，其中5月1日至2日8:00-21:00，其他日期9:00-18:00。\n"
        "乐园\n2025年4月20日\n"
    )
    (notice,) = _notices(text, date(2025, 4, 20))
    assert [(p.start, p.end, p.daily) for p in notice.periods] == [
        (date(2025, 5, 1), date(2025, 5, 2), (time(8), time(21))),
        (date(2025, 5, 3), date(2025, 5, 4), (time(9), time(18))),
    ]


def test_a_line_ending_on_a_clock_time_is_not_glued_to_the_next_lines_day() -> None:
    text = (
        "美术馆假期开放时间\n开放日期：2025年5月1日至5日\n"
        "开放时间：5月1日 9:00-17:00\n5月2日-5日 8:30-18:00\n"
    )
    (notice,) = _notices(text, date(2025, 4, 25))
    assert [(p.start, p.end, p.daily) for p in notice.periods] == [
        (_at(date(2025, 5, 1), 9), _at(date(2025, 5, 1), 17), None),
        (date(2025, 5, 2), date(2025, 5, 5), (time(8, 30), time(18))),
    ]


# 6. a deadline said as a 限期 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "招標公告更正\n本處較早前刊登之招標公告，申請限期更改為2025年3月7日下午五時。\n",
        "招标公告更正\n本处此前刊登的招标公告，申请限期更改为2025年3月7日下午五时。\n",
        "Tender Notice Amendment\n"
        "The closing date for applications has been extended to 7 March 2025 at 5 pm.\n",
        "招標公告更正\n報名限期延至2025年3月7日下午五時。\n",
    ],
)
def test_a_deadline_moved_is_still_a_deadline(text: str) -> None:
    assert _spans(text, date(2025, 2, 24)) == [(None, _at(date(2025, 3, 7), 17))]


# 7. a Chinese-numeral deadline in a table ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "新区人才引进公告\n岗位 | 人数 | 报名截止：二〇二五年三月七日\n技术员 | 2 |\n",
        "新區人才引進公告\n崗位名稱 | 名額 | 報名截止：二〇二五年三月七日\n技術員 | 2 |\n",
        "新区人才引进公告\n岗位 人数 报名截止：二○二五年三月七日\n技术员 2\n",
        "新區人才引進公告\n報名截止日期\n二零二五年三月七日\n崗位：技術員\n",
    ],
)
def test_a_numeral_deadline_in_a_table_is_a_deadline(text: str) -> None:
    assert _spans(text, date(2025, 2, 20)) == [(None, date(2025, 3, 7))]


# 8. English lines of hours, each with its day in brackets ----------------------------------------


def test_hours_with_their_day_in_brackets_are_one_window_per_area() -> None:
    text = (
        "NOTICE OF WATER SUPPLY INTERRUPTION\nSupply will be interrupted for mains works in these areas:\n"
        "Taman Cempaka: 8 am (04/03/2025) to 9 pm (05/03/2025)\n"
        "Kampung Sentosa: 10 am (04/03/2025) to 6 pm (04/03/2025)\n"
    )
    assert _spans(text, date(2025, 3, 2)) == [
        (_at(date(2025, 3, 4), 8), _at(date(2025, 3, 5), 21)),
        (_at(date(2025, 3, 4), 10), _at(date(2025, 3, 4), 18)),
    ]


def test_a_day_past_twelve_settles_the_order_of_the_others() -> None:
    text = (
        "SCHEDULED POWER INTERRUPTION\nJalan Dahlia: 9 am (12/04/2025) to 5 pm (12/04/2025)\n"
        "Lorong Teratai: 10 pm (13/04/2025) to 6 am (14/04/2025)\n"
    )
    assert _spans(text, None) == [
        (_at(date(2025, 4, 12), 9), _at(date(2025, 4, 12), 17)),
        (_at(date(2025, 4, 13), 22), _at(date(2025, 4, 14), 6)),
    ]


# 9. a range broken between "to" and its day -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "ROAD CLOSURE NOTICE\nQueen Street will be closed to traffic from 10 March 2025 to\n"
            "13 March 2025\n"
            "for drainage works. Please use Mill Road.\n",
            (date(2025, 3, 10), date(2025, 3, 13)),
        ),
        (
            "ROAD CLOSURE NOTICE\n"
            "The works will take place from 8 am on 10 March 2025 to\n13 March 2025 at 6 pm.\n",
            (_at(date(2025, 3, 10), 8), _at(date(2025, 3, 13), 18)),
        ),
        (
            "NOTICE\nRegistration is open from 10 March 2025 to\n\n21 March 2025.\nSports Council\n",
            (date(2025, 3, 10), date(2025, 3, 21)),
        ),
        (
            "ROAD CLOSURE\nThe slip road will be closed from 8 am (10/03/2025) to\n6 pm (13/03/2025).\n",
            (_at(date(2025, 3, 10), 8), _at(date(2025, 3, 13), 18)),
        ),
    ],
)
def test_a_range_broken_after_to_is_one_range(text: str, span: tuple[object, object]) -> None:
    assert _spans(text, date(2025, 3, 3)) == [span]
