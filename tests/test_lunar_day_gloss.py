"""A span glossed with its lunar days (农历正月初一至初五, 八月初八) names days, not the loose
"start of a month" (月初): an item without a title or signature that carries such a span is still
a notice."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from notices.model import ParsedNotice
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")


def _notices(text: str, published: date) -> list[ParsedNotice]:
    return parse_page(text, published=published, tz=TZ).notices


def test_spring_festival_span_glossed_with_first_lunar_days() -> None:
    text = (
        "西河镇派出所决定对庙会期间老街实行临时交通管制。\n"
        "管制时间：2027年2月6日至2月10日（农历正月初一至正月初五）每日9时至17时。\n"
        "管制期间老街禁止机动车驶入，请过往车辆绕行。\n"
    )
    (notice,) = _notices(text, date(2027, 2, 3))
    (period,) = notice.periods
    assert (period.start, period.end) == (date(2027, 2, 6), date(2027, 2, 10))
    assert period.daily is not None


def test_traditional_report_of_a_fair_on_a_lunar_eighth() -> None:
    text = (
        "南山網訊 為保障廟會期間道路安全，縣公安局決定對東關街實行臨時交通管制。\n"
        "管制時間：2027年9月8日（農曆八月初八）8時至20時。\n"
        "管制期間東關街禁止車輛駛入。\n"
    )
    (notice,) = _notices(text, date(2027, 9, 1))
    (period,) = notice.periods
    assert period.start.date() == date(2027, 9, 8)
    assert (period.start.hour, period.end.hour) == (8, 20)


def test_lunar_gloss_with_the_month_said_once() -> None:
    text = (
        "城关街道办事处通知：\n"
        "2027年9月8日至9月10日（八月初八至初十）每晚19时至22时，文化广场举办灯展，"
        "广场周边道路禁止停车。\n"
    )
    (notice,) = _notices(text, date(2027, 9, 1))
    assert [(p.start, p.end) for p in notice.periods] == [(date(2027, 9, 8), date(2027, 9, 10))]


def test_the_start_of_a_month_alone_is_still_too_loose() -> None:
    text = "本报讯 记者从市文旅局获悉，今年的灯展将于下月初在滨江公园举行，具体安排另行公布。\n"
    assert _notices(text, date(2027, 8, 20)) == []
