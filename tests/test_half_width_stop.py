"""A page typed with half-width punctuation ends its Chinese sentences with "." (健康检测.此次…):
the sentence ends as with 。, while the dot of a number or a web address ends nothing."""

from __future__ import annotations

from datetime import date

from notices.normalize import normalize
from tests.periods_support import periods


def test_a_half_width_stop_after_chinese_is_a_full_stop() -> None:
    assert normalize("检测.此次") == "检测。此次"
    assert normalize("停电.\n明天") == "停电。\n明天"
    assert normalize("第3.2条 www.gov.cn 8.5米") == "第3.2条 www.gov.cn 8.5米"


def test_a_day_told_tomorrow_after_a_half_width_stop() -> None:
    text = "今天轮到某某村国宅停电配合施工.\n明天又轮到酒厂、某某村停电.供电所表示,施工还将持续.\n"
    days = periods(text, published=date(2021, 12, 11))
    assert (date(2021, 12, 12), date(2021, 12, 12)) in days
