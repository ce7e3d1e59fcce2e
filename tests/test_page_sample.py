"""The real Liaoyuan Daily page of 2022-05-10: exactly its three notices, no news."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices.categories import Category
from notices.model import PageResult, ParsedNotice
from notices.parse import parse_page

PUBLISHED = date(2022, 5, 10)


@pytest.fixture
def page(sample_page: str, tz: ZoneInfo) -> PageResult:
    return parse_page(sample_page, published=PUBLISHED, tz=tz)


def _one(page: PageResult, category: Category) -> ParsedNotice:
    found = [n for n in page.notices if n.category is category]
    assert len(found) == 1, [(n.title, n.category) for n in page.notices]
    return found[0]


def test_exactly_three_notices(page: PageResult) -> None:
    assert sorted(n.category.value for n in page.notices) == ["recruitment", "rental", "road_closure"]


def test_road_closure(page: PageResult) -> None:
    notice = _one(page, Category.ROAD_CLOSURE)
    assert notice.title == "封路公告"
    assert notice.issuer == "吉林裕翔市政工程有限公司"
    assert notice.published == PUBLISHED
    assert "寿山镇忠诚村至礼让村路段" in notice.places
    assert not any(p.endswith("进行") or p == "路段" for p in notice.places)
    assert len(notice.periods) == 1
    period = notice.periods[0]
    assert (period.start, period.end, period.all_day) == (date(2022, 5, 11), date(2022, 5, 26), True)
    assert period.label == "封闭期限"
    # the body is one rejoined paragraph, not column fragments
    assert "批准，对寿山镇忠诚村至礼让村路段进行施工" in notice.body
    assert "特此公告" in notice.body
    assert notice.warnings == []


def test_recruitment(page: PageResult) -> None:
    notice = _one(page, Category.RECRUITMENT)
    assert "专业人才引进公告" in notice.title
    assert " " not in notice.title
    assert notice.issuer == "辽源农村商业银行股份有限公司"
    assert notice.published == PUBLISHED
    assert len(notice.periods) == 1
    period = notice.periods[0]
    assert (period.start, period.end, period.all_day) == (date(2022, 5, 10), date(2022, 5, 31), True)
    assert period.note is not None
    assert "节假日除外" in period.note
    assert "辽源市人民大街3257号" in notice.places
    # headings stay their own lines; the broken "人力 / 资源部" is rejoined
    assert "\n三、报名办法\n" in notice.body
    assert "辽源农村商业银行人力资源部" in notice.body
    # "计划2-3人" is a head count, "40周岁以下" an age: neither became a period
    assert all(p.start != date(2022, 2, 3) for p in notice.periods)


def test_rental(page: PageResult) -> None:
    notice = _one(page, Category.RENTAL)
    assert notice.title == "出租"
    assert notice.issuer == "吉林旗迹商贸有限公司"
    assert notice.published == PUBLISHED
    assert notice.periods == []
    assert "门市招租" in notice.body
    assert "0437-3280221" in notice.body


def test_signature_date_is_not_a_period(page: PageResult) -> None:
    for notice in page.notices:
        assert all(p.text.strip() != "2022年5月10日" for p in notice.periods), notice.title


def test_news_reports_are_skipped_not_stored(page: PageResult) -> None:
    for notice in page.notices:
        assert "本报讯" not in notice.body
        assert "记者" not in notice.body
    news = [s for s in page.skipped if s.reason == "news report"]
    assert sum(1 for s in news if s.excerpt.startswith("本报讯")) == 5
    assert any("系列解读" in s.excerpt for s in news)
    assert all(len(s.excerpt) <= 40 for s in page.skipped)


def test_published_argument_is_only_a_fallback(sample_page: str, tz: ZoneInfo) -> None:
    page = parse_page(sample_page, published=date(2030, 1, 1), tz=tz)
    assert {n.published for n in page.notices} == {PUBLISHED}
    page = parse_page(sample_page, published=None, tz=tz)
    assert {n.published for n in page.notices} == {PUBLISHED}


def test_parsing_is_deterministic(sample_page: str, tz: ZoneInfo) -> None:
    first = parse_page(sample_page, published=PUBLISHED, tz=tz)
    second = parse_page(sample_page, published=PUBLISHED, tz=tz)
    assert [n.to_json() for n in first.notices] == [n.to_json() for n in second.notices]
    assert [n.content_hash for n in first.notices] == [n.content_hash for n in second.notices]
