"""A web page whose lines were run together into one (as many stored pages are): the signature,
the page's stamps and a release's issue time stand inline beside the text, and are still no
periods; the notice's own dates are kept."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods

PUB = date(2024, 3, 4)
CLOSED = (date(2024, 3, 6), date(2024, 3, 6))


def test_a_signature_inline_before_a_table_bar_or_the_next_text() -> None:
    body = (
        "某某路定于2024年3月6日全天封闭施工,请绕行。 特此通告。 "
        "某某县公安局交通管理大队 某某县住房和城乡建设局 2024年3月4日"
    )
    assert periods(body + " |", published=PUB) == [CLOSED]
    assert periods(body + " 相关链接 某某新闻", published=PUB) == [CLOSED]


def test_a_signature_glued_to_the_next_date() -> None:
    text = "某某路3月6日全天封闭施工。 特此通告。 某某县公路事业发展中心 2024年3月4日 3月6日封闭期间"
    assert (date(2024, 3, 4), date(2024, 3, 4)) not in periods(text, published=PUB)


def test_a_signature_day_that_starts_a_range_is_kept() -> None:
    text = "请市民知悉。 某某县某某中心 2024年3月6日至3月8日 某某路封闭施工"
    assert (date(2024, 3, 6), date(2024, 3, 8)) in periods(text, published=PUB)


def test_a_release_issue_time_inline() -> None:
    text = "某某道将于2024年3月6日全日封闭。 2024年3月4日(星期一) 香港时间15时01分 列印此页"
    assert periods(text, published=PUB) == [CLOSED]


def test_a_page_stamp_and_byline_inline() -> None:
    for stamp in ("2024-03-04 记者 王明", "2024年03月04日 10:20 最后更新:10:28", "• 2024-03-04"):
        text = f"关于某某路封闭施工的通告 {stamp} 。某某路将于2024年3月6日全天封闭施工,请绕行。"
        assert periods(text, published=PUB) == [CLOSED], stamp


def test_an_update_note_in_brackets() -> None:
    text = "停电快讯 【3/4 21:55更新:原订分区停电已在21:40解除】 某某路将于2024年3月6日全天封闭。"
    assert periods(text, published=PUB) == [CLOSED]
