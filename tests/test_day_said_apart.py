"""A notice's day said in one place and its hours, start or end in another: a report's 今天 and the
hours it lists later, 今日起 and the end a clause on, a headline's 下周一起 or 本月底 beside the
body's dates, and event hours a sentence after the day the plan names."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from notices.model import ParsedNotice
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")


def _notices(text: str, published: date) -> list[ParsedNotice]:
    return parse_page(text, published=published, tz=TZ).notices


def _spans(notice: ParsedNotice) -> list[tuple[object, object, bool]]:
    return [(p.start, p.end, p.all_day) for p in notice.periods]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def test_hours_later_in_a_report_fall_on_its_today() -> None:
    day = date(2025, 3, 14)
    text = (
        "滨河路段今晚实行交通管制\n"
        "本报讯 今天是灯会开幕日。18时至23时期间，滨河路（东桥至西桥段）禁止机动车通行，请绕行。\n"
    )
    (notice,) = _notices(text, day)
    assert _spans(notice) == [(_at(day, 18), _at(day, 23), False)]


def test_hours_listed_per_road_fall_on_the_headlines_today() -> None:
    day = date(2025, 3, 14)
    text = (
        "今晚城区部分道路交通管制\n"
        "本报讯 具体管制时间和路段为：建设路（17时至22时），文化街（18时至21时30分）。请车辆绕行。\n"
    )
    (notice,) = _notices(text, day)
    assert _spans(notice) == [
        (_at(day, 17), _at(day, 22), False),
        (_at(day, 18), _at(day, 21, 30), False),
    ]


def test_today_with_hours_a_clause_on_is_no_dateline() -> None:
    day = date(2025, 3, 14)
    text = "今晚湖滨路禁止通行\n本报讯 今晚湖滨广场将举行焰火表演，20时至22时，湖滨路禁止一切车辆通行。\n"
    (notice,) = _notices(text, day)
    assert _spans(notice) == [(_at(day, 20), _at(day, 22), False)]


def test_start_by_qi_and_end_a_clause_on_are_one_range() -> None:
    text = "区文化馆暑期班招生\n今日起报名，至7月10日截止。报名地点：文化馆二楼。\n"
    (notice,) = _notices(text, date(2025, 7, 1))
    assert _spans(notice) == [(date(2025, 7, 1), date(2025, 7, 10), True)]
    text = "区文化馆暑期班招生\n明天起接受报名，7月10日截止。报名地点：文化馆二楼。\n"
    (notice,) = _notices(text, date(2025, 7, 1))
    assert _spans(notice) == [(date(2025, 7, 2), date(2025, 7, 10), True)]


def test_start_by_qi_and_a_closing_field_a_clause_on_are_one_range() -> None:
    text = "区图书馆志愿者招募\n即日起接受报名，报名截止时间为7月10日。报名电话：1234567。\n"
    (notice,) = _notices(text, date(2025, 7, 1))
    assert _spans(notice) == [(date(2025, 7, 1), date(2025, 7, 10), True)]
    text = "区图书馆志愿者招募\n7月3日起接受报名，截止日期：7月10日。报名电话：1234567。\n"
    (notice,) = _notices(text, date(2025, 7, 1))
    assert _spans(notice) == [(date(2025, 7, 3), date(2025, 7, 10), True)]
    # a one-day event with no start word stays apart from the sign-up's closing day
    text = "区图书馆读书节\n7月3日举行开幕式，报名截止时间为7月10日。报名电话：1234567。\n"
    (notice,) = _notices(text, date(2025, 7, 1))
    assert (date(2025, 7, 3), date(2025, 7, 10), True) not in _spans(notice)


def test_headline_month_end_gives_way_to_the_bodys_dates() -> None:
    text = (
        "第三届灯光节本月底开幕\n"
        "本报讯 记者从市文旅局获悉，第三届灯光节将于6月27日至29日在江心岛举办，届时将有多组灯展。\n"
    )
    (notice,) = _notices(text, date(2025, 6, 10))
    assert _spans(notice) == [(date(2025, 6, 27), date(2025, 6, 29), True)]


def test_headline_weekday_start_is_the_bodys_timed_start() -> None:
    text = (
        "下周三起和平路封闭施工\n"
        "因雨污分流改造，和平路（新华路至光明路段）将于4月16日7时起封闭施工，工期约20天，请车辆绕行。\n"
    )
    (notice,) = _notices(text, date(2025, 4, 10))
    assert _spans(notice) == [(_at(date(2025, 4, 16), 7), None, False)]


def test_event_hours_after_the_planned_day_keep_the_notice() -> None:
    text = "本周日公园有读书市集\n本报讯 区图书馆将于本周日在中心公园举办读书市集。市集从上午9时至下午4时。\n"
    (notice,) = _notices(text, date(2025, 5, 7))
    day = date(2025, 5, 11)
    assert _spans(notice) == [(_at(day, 9), _at(day, 16), False)]
