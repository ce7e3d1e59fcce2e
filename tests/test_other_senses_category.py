"""A keyword inside a word of another sense (出租 in 出租车) is no evidence for its category."""

from __future__ import annotations

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


def _category(text: str) -> Category:
    return categorize("", normalize(text)).category


def test_a_taxi_fare_hearing_is_not_a_rental() -> None:
    text = (
        "关于调整城区出租车运价的听证公告\n"
        "市发展改革局定于11月20日上午9时召开出租汽车运价调整听证会，"
        "出租车驾驶员及市民代表可于11月10日前报名参加。\n"
    )
    assert _category(text) is not Category.RENTAL


def test_a_taxi_rank_closure_in_traditional_script_is_not_a_rental() -> None:
    text = (
        "站前出租車候客區臨時封閉\n因站前廣場改造，出租車候客區自3月2日起封閉，"
        "出租車改在東側路邊上落客，請市民留意。\n"
    )
    assert _category(text) is not Category.RENTAL


def test_a_letting_of_a_taxi_company_office_is_still_a_rental() -> None:
    text = "出租车公司旧办公楼公开招租公告\n现将原出租车公司办公楼一层公开招租，租期三年，报名截止6月9日。\n"
    assert _category(text) is Category.RENTAL
