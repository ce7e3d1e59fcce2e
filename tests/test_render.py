"""Periods and notices as people read them, in Chinese and English."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from notices.categories import Category
from notices.model import ParsedNotice, Period
from notices.render import (
    format_date,
    format_notice_entry,
    format_notice_full,
    format_notice_line,
    format_period,
    format_period_labelled,
    note_in,
)

SH = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.mark.parametrize(
    ("period", "zh", "en"),
    [
        (
            Period(date(2022, 5, 11), date(2022, 5, 26)),
            "2022年5月11日—26日（全天）",
            "11–26 May 2022 (all day)",
        ),
        (Period(date(2022, 5, 11), date(2022, 5, 11)), "2022年5月11日（全天）", "11 May 2022 (all day)"),
        (
            Period(date(2022, 5, 30), date(2022, 6, 2)),
            "2022年5月30日—6月2日（全天）",
            "30 May – 2 June 2022 (all day)",
        ),
        (
            Period(date(2022, 12, 30), date(2023, 1, 2)),
            "2022年12月30日—2023年1月2日（全天）",
            "30 December 2022 – 2 January 2023 (all day)",
        ),
        (
            Period(date(2022, 5, 10), date(2022, 5, 31), note="节假日除外"),
            "2022年5月10日—31日（全天；节假日除外）",
            "10–31 May 2022 (all day; except public holidays)",
        ),
        (Period(None, date(2022, 5, 31)), "截至2022年5月31日", "until 31 May 2022"),
        (Period(date(2022, 5, 20), None), "2022年5月20日起（全天）", "from 20 May 2022 (all day)"),
        (
            Period(at(2022, 5, 11, 8), at(2022, 5, 11, 17), all_day=False),
            "2022年5月11日 8:00—17:00",
            "11 May 2022, 8:00–17:00",
        ),
        (
            Period(at(2022, 5, 11, 8), at(2022, 5, 12, 0), all_day=False),
            "2022年5月11日 8:00—24:00",
            "11 May 2022, 8:00–24:00",
        ),
        (
            Period(at(2022, 5, 11, 20), at(2022, 5, 12, 6, 30), all_day=False),
            "2022年5月11日 20:00—5月12日 6:30",
            "11 May 2022, 20:00 – 12 May 2022, 6:30",
        ),
        (
            Period(at(2022, 12, 31, 22), at(2023, 1, 1, 6), all_day=False),
            "2022年12月31日 22:00—2023年1月1日 6:00",
            "31 December 2022, 22:00 – 1 January 2023, 6:00",
        ),
        (
            Period(None, at(2022, 5, 31, 17), all_day=False),
            "截至2022年5月31日 17:00",
            "until 31 May 2022, 17:00",
        ),
        (
            Period(None, at(2022, 6, 1, 0), all_day=False),
            "截至2022年5月31日 24:00",
            "until 31 May 2022, 24:00",
        ),
        (Period(at(2022, 5, 20, 9), None, all_day=False), "2022年5月20日 9:00起", "from 20 May 2022, 9:00"),
    ],
)
def test_format_period(period: Period, zh: str, en: str) -> None:
    assert format_period(period, language="zh", tz=SH) == zh
    assert format_period(period, language="zh-hans", tz=SH) == zh
    assert format_period(period, language="en", tz=SH) == en


def test_daily_windows_and_moments_are_said_as_such() -> None:
    """A span with a window each day says the window, never "all day"; a moment is one time."""
    days = Period(date(2024, 5, 6), date(2024, 5, 20), daily=(time(9), time(17)))
    assert format_period(days, language="zh", tz=SH) == "2024年5月6日—20日（每日9:00—17:00）"
    assert format_period(days, language="en", tz=SH) == "6–20 May 2024 (daily 9:00–17:00)"
    nights = Period(date(2024, 5, 6), date(2024, 5, 8), daily=(time(22), time(6)))
    assert format_period(nights, language="zh", tz=SH) == "2024年5月6日—8日（每晚22:00—次日6:00）"
    assert format_period(nights, language="en", tz=SH) == "6–8 May 2024 (nightly 22:00–6:00)"
    opening = Period(at(2024, 5, 20, 9, 30), at(2024, 5, 20, 9, 30), all_day=False)
    assert format_period(opening, language="zh", tz=SH) == "2024年5月20日 9:30"
    assert format_period(opening, language="en", tz=SH) == "20 May 2024, 9:30"


def test_timed_periods_are_shown_in_the_zone() -> None:
    utc = Period(datetime(2022, 5, 11, 0, tzinfo=UTC), datetime(2022, 5, 11, 9, tzinfo=UTC), all_day=False)
    assert format_period(utc, language="zh", tz=SH) == "2022年5月11日 8:00—17:00"
    assert format_period(utc, language="en", tz=ZoneInfo("Europe/London")) == "11 May 2022, 1:00–10:00"


def test_label() -> None:
    period = Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限")
    assert format_period_labelled(period, language="zh", tz=SH) == "封闭期限：2022年5月11日—26日（全天）"
    assert format_period_labelled(period, language="en", tz=SH) == "封闭期限: 11–26 May 2022 (all day)"
    assert format_date(date(2022, 5, 1), language="en") == "1 May 2022"


NOTICE = ParsedNotice(
    title="封路公告",
    category=Category.ROAD_CLOSURE,
    body="对寿山镇忠诚村至礼让村路段进行全封闭。<b>&</b>",
    published=date(2022, 5, 10),
    issuer="吉林裕翔市政工程有限公司",
    periods=[
        Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限"),
        Period(date(2022, 6, 1), date(2022, 6, 2)),
    ],
    places=["寿山镇忠诚村至礼让村路段", "礼让村"],
    warnings=["title came after the body"],
)


def test_notice_line() -> None:
    assert format_notice_line(NOTICE, language="zh", tz=SH, notice_id=7) == (
        "#7 封路公告 [道路封闭] 2022年5月11日—26日（全天） +1"
    )
    assert (
        format_notice_line(NOTICE, language="en", tz=SH)
        == "封路公告 [Road closure] 11–26 May 2022 (all day) +1"
    )
    bare = ParsedNotice(title="出租", category=Category.RENTAL, body="门市招租")
    assert format_notice_line(bare, language="zh", tz=SH) == "出租 [出租招租]"


def test_notice_entry() -> None:
    assert format_notice_entry(NOTICE, language="zh", tz=SH, notice_id=7).splitlines() == [
        "#7 封路公告 [道路封闭]",
        "  封闭期限：2022年5月11日—26日（全天）",
        "  2022年6月1日—2日（全天）",
        "  地点：寿山镇忠诚村至礼让村路段、礼让村",
    ]
    assert format_notice_entry(NOTICE, language="en", tz=SH).splitlines()[-1] == (
        "  Places: 寿山镇忠诚村至礼让村路段; 礼让村"
    )


def test_notice_full() -> None:
    zh = format_notice_full(NOTICE, language="zh", tz=SH, notice_id=7)
    assert zh.splitlines()[:4] == [
        "#7 封路公告",
        "类别：道路封闭",
        "发布单位：吉林裕翔市政工程有限公司",
        "发布日期：2022年5月10日",
    ]
    assert NOTICE.body in zh  # plain text: the bot escapes HTML itself
    assert "title came after" not in zh
    en = format_notice_full(NOTICE, language="en", tz=SH, with_warnings=True)
    assert "Published: 10 May 2022" in en
    assert en.endswith("Warnings: title came after the body")


@pytest.mark.parametrize(
    ("note", "en"),
    [
        ("节假日除外", "except public holidays"),
        ("節假日除外", "except public holidays"),
        (
            "下午14:00至17:00；北京时间，法定节假日除外",
            "afternoon 14:00–17:00; Beijing time, except public holidays",
        ),
        ("工作日9:00-16:00", "working days 9:00–16:00"),
        ("5个工作日", "5 working days"),
        ("共16天", "16 days in all"),
        ("报名请带身份证", "报名请带身份证"),  # not a known qualifier: the notice's words as printed
    ],
)
def test_notes_in_english(note: str, en: str) -> None:
    assert note_in(note, "en") == en
    assert note_in(note, "zh") == note
