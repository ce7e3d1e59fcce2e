"""A date alone under a headline (a report's dateline, 2015-07-16) signs nothing but is the day the
text came out; so is a page's stamp in brackets ((2017-04-14 14:56:41)). With no date given, the
notice is read against it."""

from __future__ import annotations

from datetime import date, datetime

from notices.parse import parse_page
from tests.periods_support import TZ

TENDER = (
    "「办公设备」公开招标\n\n2015-07-16\n\n"
    "【特讯】某某局为购买办公设备进行公开招标，截标时间为8月4日(周二)下午5时正。\n"
)
REPORT = (
    "某县30多个乡镇将停电\nhttp://www.example.cn  (2017-04-14 14:56:41)  来源：某某网\n"
    "记者获悉，该公司计划对全县30余个乡镇停电施工，停电时间为4月16日13:00—18:00。\n"
)


def test_a_dateline_under_the_headline_dates_the_notice() -> None:
    notices = parse_page(TENDER, published=None, tz=TZ).notices
    assert [n.published for n in notices] == [date(2015, 7, 16)]
    assert [p.end for n in notices for p in n.periods] == [datetime(2015, 8, 4, 17, tzinfo=TZ)]


def test_a_bracketed_page_stamp_dates_the_report() -> None:
    notices = parse_page(REPORT, published=None, tz=TZ).notices
    day = datetime(2017, 4, 16, tzinfo=TZ)
    assert [(p.start, p.end) for n in notices for p in n.periods] == [
        (day.replace(hour=13), day.replace(hour=18))
    ]
