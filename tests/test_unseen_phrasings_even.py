"""More phrasings met in real notices the parser had not seen, each a general rule with invented
sentences (simplified and traditional script where it matters):

* a full date typed without its 月 (2023年0516日) is that month and day, when the four digits can be
  nothing else; three digits are left alone;
* a daily window right after an open start (5月16日起每日0:00—5:00) is that start's window, not hours on
  some other day of the page (its stamp);
* a window whose opening hour was lost in conversion (将于? 时30分至11时) keeps its end on its day;
* a bare numeric date closing a report's last paragraph (…以策安全。2023/05/10) is its dateline, and the
  dates in a related-articles list (相关报道：) are other pages';
* an English byline line (Posted in … / By … / May 10 2023 9:15 am) is page metadata;
* only some lanes shut, said outright (封闭部分车道, a partial road closure), is traffic control.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from notices.normalize import normalize
from notices.page_tail import closing_dateline, under_related_heading
from notices.parse import parse_page
from tests.periods_support import PUB, TZ, at, periods


def _notices(text: str, published: date = PUB) -> list:  # type: ignore[type-arg]
    return parse_page(text, published=published, tz=TZ).notices


# ---------------------------------------------------------------- a date typed without its 月


@pytest.mark.parametrize(
    ("typed", "read"),
    [("2023年0516日起", "2023-05-16起"), ("2023年1231號", "2023-12-31"), ("2024年0229日", "2024-02-29")],
)
def test_four_digits_between_year_and_day_are_month_and_day(typed: str, read: str) -> None:
    assert normalize(typed) == read


@pytest.mark.parametrize("typed", ["2023年516日", "2023年1332日", "2023年0229日", "2023年05160日"])
def test_digits_that_read_two_ways_or_no_way_are_left_alone(typed: str) -> None:
    assert "-" not in normalize(typed)


@pytest.mark.parametrize(
    "text",
    [
        "关于降压供水的通知\n发布时间:2023-05-10 15:23 浏览量:120\n"
        "具体降压时间:2023年0516日起每日凌晨0:00—5:00,降压期间地势较高用户会出现水压过低甚至停水现象。"
        "如遇特殊情况另行通知。\n某某自来水有限公司\n2023年5月10日",
        "關於降壓供水的通知\n發布時間:2023-05-10 15:23 瀏覽量:120\n"
        "具體降壓時間:2023年0516日起每日凌晨0:00—5:00,降壓期間地勢較高用戶會出現水壓過低甚至停水現象。"
        "如遇特殊情況另行通知。\n某某自來水有限公司\n2023年5月10日",
    ],
)
def test_a_daily_window_after_an_open_start_is_its_window(text: str) -> None:
    found = [p for n in _notices(text) for p in n.periods]
    assert [(p.start, p.end) for p in found] == [(date(2023, 5, 16), None)]
    assert found[0].daily == (time(0), time(5))


def test_hours_after_an_open_start_without_a_daily_word_are_not_folded() -> None:
    text = "关于停水的通知\n自5月16日起，另于5月12日8:00—12:00停水检修。\n某某水务公司\n2023年5月10日"
    assert (at(5, 12, 8), at(5, 12, 12)) in periods(text)


# ---------------------------------------------------------------- an opening hour lost


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 本月20日，长乐路因电缆接线原因将于? 时30 分至11 时停电。",
        "本報訊 本月20日，長樂路因電纜接線原因將於\ufffd時30分至11時停電。",
    ],
)
def test_a_lost_opening_hour_keeps_the_end(text: str) -> None:
    assert periods(text) == [(at(5, 20), at(5, 20, 11))]


def test_a_readable_opening_hour_is_read_as_written() -> None:
    text = "本报讯 本月20日，长乐路因电缆接线原因将于8 时30 分至11 时停电。"
    assert periods(text) == [(at(5, 20, 8, 30), at(5, 20, 11))]


# ---------------------------------------------------------------- a report's tail


def test_a_numeric_date_after_the_last_full_stop_is_the_dateline() -> None:
    norm = normalize("请注意行车安全。2023/05/10\n")
    assert closing_dateline(norm, norm.index("2023"), norm.index("2023") + 10)
    inside = normalize("施工日期为2023/05/16。\n")
    assert not closing_dateline(inside, inside.index("2023"), inside.index("2023") + 10)


def test_a_related_list_holds_other_pages_dates() -> None:
    norm = normalize("正文。\n相關報導:\n- 中秋節聯歡活動 9/20起登場\n")
    assert under_related_heading(norm, norm.index("9/20"))
    body = "某某路将于5月16日至5月20日封闭施工，请过往车辆绕行，" * 3
    chrome = normalize("相关报道：\n" + body + "\n封闭5月21日\n")
    assert not under_related_heading(chrome, chrome.rindex("5月21日"))


@pytest.mark.parametrize(
    "text",
    [
        "【記者王明/台中】本市西屯區文心路，5月16日至5月19日每日上午9時至下午5時進行路面改善工程，"
        "屆時將封閉部分車道，請用路人提前改道並減速慢行，以策安全。2023/05/10\n相關報導:\n"
        "- . 中秋節聯歡活動 9/20起登場\n- . 所得稅申報講習會3/28開始報名 歡迎踴躍參加!",
        "【记者王明/台中】本市西屯区文心路，5月16日至5月19日每日上午9时至下午5时进行路面改善工程，"
        "届时将封闭部分车道，请用路人提前改道并减速慢行，以策安全。2023/05/10\n相关报道：\n"
        "- 中秋节联欢活动 9/20起登场\n- 所得税申报讲习会3/28开始报名",
    ],
)
def test_a_report_keeps_only_its_own_plan(text: str) -> None:
    notices = _notices(text)
    assert [(p.start, p.end) for n in notices for p in n.periods] == [(date(2023, 5, 16), date(2023, 5, 19))]
    assert [n.category.value for n in notices] == ["traffic_control"]


# ---------------------------------------------------------------- an English byline


def test_an_english_byline_dates_the_page() -> None:
    text = (
        "Posted in Nation / By Jane Tan / May 10 2023 9:15 am\n\n"
        "Penang city council said Jalan Burma will be closed to all traffic from May 16 to May 20 "
        "for drainage works."
    )
    assert periods(text) == [(date(2023, 5, 16), date(2023, 5, 20))]


def test_a_partial_road_closure_is_traffic_control() -> None:
    text = (
        "The city council has announced that a partial road closure will be implemented on Jalan Ampang "
        "from May 16 to June 6 to allow piling works. A traffic diversion will be put in place."
    )
    assert [n.category.value for n in _notices(text)] == ["traffic_control"]
    shut = text.replace("a partial road closure", "a full road closure")
    assert [n.category.value for n in _notices(shut)] == ["road_closure"]
