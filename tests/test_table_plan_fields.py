"""A tender flattened into a bar table, its times written to the second as a page stamps its
posts: a field named for what is done then (递交截止时间, 开标时间) is a plan, with its own label."""

from __future__ import annotations

from datetime import date

from notices.parse import parse_page
from tests.periods_support import TZ

TEXT = (
    "某某学校食堂委托运营项目招标公告\n"
    "获取时间 | 2024-08-16 09:00:00 至 2024-08-23 17:00:00 |\n"
    "递交截止时间 | 2024-08-29 14:30:00 |\n递交方式 | 现场递交 |\n"
    "开标时间 | 2024-08-30 09:30:00 |\n开标地点 | 某某公司开标室 |\n"
)


def test_fields_to_the_second_are_plans_with_their_labels() -> None:
    notices = parse_page(TEXT, published=date(2024, 8, 16), tz=TZ).notices
    got = [(p.label, str(p.start)[:16], str(p.end)[:16]) for n in notices for p in n.periods]
    assert ("递交截止时间", "None", "2024-08-29 14:30") in got
    assert ("开标时间", "2024-08-30 09:30", "2024-08-30 09:30") in got


def test_a_post_stamp_to_the_second_is_still_no_period() -> None:
    text = "某某项目招标公告\n2024-08-16 09:12:31\n投标截止时间为2024年8月29日14时30分。\n"
    notices = parse_page(text, published=date(2024, 8, 16), tz=TZ).notices
    assert [str(p.end)[:16] for n in notices for p in n.periods] == ["2024-08-29 14:30"]
