"""More phrasings from real notices the parser had not seen, each a general rule with invented
sentences:

* a page's time stamp with its clock's zone between the date and the time (2023-05-10 HKT 09:41)
  is when the page was posted, not a plan;
* an estimate the notice has since replaced (原先预计 / 原預計 … 之后延至) is no deadline;
* an English dateline written date first (10th May 2023 – (Hong Kong) …) is no period;
* day-first English dates in brackets and with abbreviated months (12 Sept to 4 Nov, 3 Aug. to
  9 Oct.) are ranges.
"""

from __future__ import annotations

from datetime import date

import pytest

from notices.dates import find_periods
from tests.periods_support import TZ, at, periods

# ---------------------------------------------------------------- a stamp with its zone


@pytest.mark.parametrize("stamp", ["2023-05-10 HKT 09:41", "2023-05-10 SGT 09:41", "2023/05/10 GMT+8 09:41"])
def test_a_stamp_with_its_zone_is_the_pages_time(stamp: str) -> None:
    text = f"渠務署：北區水浸警告取消\n{stamp}\n分享\n北區一帶道路將於今晚8時至明早6時封閉，以便清理淤泥。"
    assert periods(text) == [(at(5, 10, 20), at(5, 11, 6))]


# ---------------------------------------------------------------- an estimate since replaced


@pytest.mark.parametrize(
    "sentence",
    [
        "原先預計今早7時恢復供水，之後延至中午12時。",
        "原预计今早7时恢复供水，之后延至中午12时。",
        "原估計今早7時完成搶修，其後延至中午12時。",
    ],
)
def test_an_estimate_since_replaced_is_no_deadline(sentence: str) -> None:
    text = f"水務署表示，新田一帶昨晚11時起暫停供水，以便搶修爆裂水管。{sentence}"
    found = periods(text)
    assert (None, at(5, 10, 7)) not in found
    assert all(end != at(5, 10, 7) for _, end in found)


# ---------------------------------------------------------------- a dateline, date first


@pytest.mark.parametrize(
    "dateline",
    [
        "10th May 2023 – (Hong Kong)",
        "10 May 2023 (Singapore) -",
        "10 May 2023 — HONG KONG —",
        "HONG KONG, May 10 —",
        "SINGAPORE, 10th May 2023 –",
    ],
)
def test_a_dateline_written_date_first_is_no_period(dateline: str) -> None:
    text = (
        "Free entry to museums on Museum Day\n\n"
        f"{dateline} The city's museums will be open free of charge on 18th May to mark International "
        "Museum Day. Bookings can be made from 9am on 15th May."
    )
    assert periods(text) == [(date(2023, 5, 18), date(2023, 5, 18)), (at(5, 15, 9), None)]


def test_a_date_with_its_weekday_in_brackets_stays_a_plan() -> None:
    text = (
        "Road closure\n\nThe road will be closed on 12 May 2023 (Friday) – Motorists should use the detour."
    )
    assert periods(text) == [(date(2023, 5, 12), date(2023, 5, 12))]


# ---------------------------------------------------------------- day-first English ranges


def _spans(text: str) -> list[tuple[object, object]]:
    return [(p.start, p.end) for p in find_periods(text, base=date(2023, 9, 1), tz=TZ)]


@pytest.mark.parametrize(
    "text",
    [
        "Clementi Market (12 Sept to 4 Nov)",
        "Clementi Market (12 Sep - 4 Nov)",
        "Clementi Market will be closed from 12 Sept. to 4 Nov. for works.",
        "Clementi Market (Sept 12 to Nov 4)",
    ],
)
def test_day_first_english_ranges_with_short_months(text: str) -> None:
    assert _spans(text) == [(date(2023, 9, 12), date(2023, 11, 4))]


def test_a_bracket_with_no_date_stays_an_aside() -> None:
    assert _spans("Block 5 (3 Market Street) will be closed on 12 Sept.") == [
        (date(2023, 9, 12), date(2023, 9, 12))
    ]


# ---------------------------------------------------------------- an opening and its closing


@pytest.mark.parametrize(
    "text",
    [
        "Stall tender\n\n[Opening on 15 May 2023 at 10.30 am]\n[Closing on 29 May 2023 at 10.30 am]\n"
        "Tenderers may submit bids for the stalls listed below.",
        "Stall tender\n\nThe tender for the stalls listed below opens on 15 May 2023 at 10.30 am. "
        "The closing date is 29 May 2023 at 10.30 am.",
    ],
)
def test_an_opening_and_its_closing_are_one_window(text: str) -> None:
    assert periods(text) == [(at(5, 15, 10, 30), at(5, 29, 10, 30))]


@pytest.mark.parametrize(
    "text",
    [
        "市房屋署將於五月十五日展開第二期資助房屋的申請工作。截止申請日期為五月二十九日下午五時。",
        "市房屋署将于五月十五日展开第二期资助房屋的申请工作。截止申请日期为五月二十九日下午五时。",
        "Housing notice\n\nApplications for the second round of subsidised flats will open on 15 May. "
        "The closing date for applications is 29 May at 5 pm.",
    ],
)
def test_a_launch_day_and_a_closing_hour_are_one_window(text: str) -> None:
    assert periods(text) == [(at(5, 15), at(5, 29, 17))]


def test_a_closing_before_the_opening_stays_apart() -> None:
    text = (
        "Hall booking\n\nBookings open on 15 May at 9 am for the summer term. "
        "Returns of unused slots for the spring term close on 12 May at 5 pm."
    )
    assert (at(5, 15, 9), at(5, 12, 17)) not in periods(text)


def test_a_header_printed_twice_gives_each_period_once() -> None:
    line = "City Markets Stall Tender [Opening on 15 May 2023 at 10.30 am] [Closing on 29 May 2023 at 10 am]"
    text = (
        f"{line}\n\n{line}\n\nShare this page\n\nTENDER NOTICE\n"
        "[Opening on 15 May 2023 at 10.30 am]\n[Closing on 29 May 2023 at 10 am]\n"
        "Stalls at the markets listed below are offered for rent by tender. Each tenderer may bid for "
        "one stall only, and the stall is let for three years."
    )
    assert periods(text) == [(at(5, 15, 10, 30), at(5, 29, 10))]


# ---------------------------------------------------------------- a place that will close on a day


def test_a_place_that_will_close_on_a_day_is_shut_from_then() -> None:
    text = (
        "Market closures\n\nThe Bedok market will close on 15 May for repairs and redecoration works, "
        "which will take about two months."
    )
    assert periods(text) == [(date(2023, 5, 15), None)]


def test_applications_that_will_close_on_a_day_are_a_deadline() -> None:
    text = "Stall tender\n\nTender applications for the stalls will close on 15 May. Forms are at the office."
    assert periods(text) == [(None, date(2023, 5, 15))]


@pytest.mark.parametrize(
    "text",
    [
        "4 markets closed from 15 May, 1 more from 22 May\n\nThe markets will be closed for works:\n"
        "Bedok Market (15 May to 20 Jul)\nSimei Market (15 May to 3 Aug)\nTampines Market (22 May to 9 Aug)\n"
        "All of them will be shut from 15 May except for Tampines Market, which will close on 22 May.",
        "兩街市5月15日起休市\n\n東區街市及西區街市自5月15日起休市進行翻新工程，休市期間為5月15日至7月20日。",
    ],
)
def test_an_open_start_said_again_by_its_span_goes(text: str) -> None:
    assert all(end is not None for _, end in periods(text))


def test_an_open_start_until_further_notice_stays() -> None:
    text = (
        "Park notice\n\nThe east gate will be closed from 15 May until further notice. "
        "The west lawn will be fenced off from 15 May to 30 May for returfing."
    )
    assert (date(2023, 5, 15), None) in periods(text)


# ---------------------------------------------------------------- English windows over listed days


def _found(text: str) -> list[tuple[object, object, object]]:
    return [(p.start, p.end, p.daily) for p in find_periods(text, base=date(2023, 5, 10), tz=TZ)]


@pytest.mark.parametrize("both", ["both ", "each of ", ""])
def test_a_window_on_both_listed_days_is_daily(both: str) -> None:
    text = f"Between 8 a.m. and 6 p.m. on {both}May 20 and 21, the square will be closed to traffic."
    found = _found(text)
    assert [(s, e) for s, e, _ in found] == [(date(2023, 5, 20), date(2023, 5, 21))]
    assert found[0][2] is not None


def test_a_window_said_before_the_next_day_is_that_days() -> None:
    text = (
        "Between 8 a.m. and 6 p.m. on both May 20 and 21, between 3 p.m. and 10 p.m. on May 22, and "
        "between 3 p.m. on May 23 and 1 a.m. on May 24, the square will be closed to traffic."
    )
    spans = [(s, e) for s, e, _ in _found(text)]
    assert spans == [
        (date(2023, 5, 20), date(2023, 5, 21)),
        (at(5, 22, 15), at(5, 22, 22)),
        (at(5, 23, 15), at(5, 24, 1)),
    ]


def test_a_window_after_its_day_stays_that_days() -> None:
    spans = [
        (s, e) for s, e, _ in _found("On May 22, between 3 p.m. and 10 p.m., the square will be closed.")
    ]
    assert spans == [(at(5, 22, 15), at(5, 22, 22))]


# ---------------------------------------------------------------- more datelines and estimates


def test_a_wire_dateline_with_its_year_and_service_is_no_period() -> None:
    text = (
        "Centre to open\n\nHONG KONG, May 10, 2023 /PRNewswire/ -- The new visitor centre will open to the "
        "public on 20 May."
    )
    assert periods(text) == [(date(2023, 5, 20), date(2023, 5, 20))]


def test_an_english_estimate_since_replaced_is_no_deadline() -> None:
    text = (
        "Water supply\n\nWater supply to Tai Po was suspended from 11 pm yesterday for emergency repairs. "
        "It was originally expected to resume at 6 am on 11 May; supply will now resume by 2 pm on 11 May."
    )
    assert all(end != at(5, 11, 6) for _, end in periods(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hall booking\n\nApplications for the summer term will be accepted from 15 May. "
        "The closing date for applications is 29 May.",
        "Youth camp\n\nRegistration is open from 15 May, and entries must be submitted by 29 May.",
    ],
)
def test_applications_from_a_day_and_their_closing_are_one_window(text: str) -> None:
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 29))]


def test_a_closure_from_a_day_and_another_deadline_stay_apart() -> None:
    text = (
        "Road works\n\nThe road will be closed from 15 May. Applications for parking permits close on 29 May."
    )
    assert periods(text) == [(date(2023, 5, 15), None), (None, date(2023, 5, 29))]


def test_bidders_greeted_do_not_make_a_past_start_their_window() -> None:
    """各投标人：5月1日0时起…: the greeting names the bidders, not an application opened that day."""
    text = (
        "各投标人：\n5月1日0时起，本市应急响应等级调整为三级响应。经研究，原定于4月7日开标的某某采购项目恢复招标。"
        "其中，投标截止时间：2023年5月30日9:30（北京时间），逾期送达的投标文件恕不接收。\n特此公告。"
    )
    assert (at(5, 1, 0), at(5, 30, 9, 30)) not in periods(text)
