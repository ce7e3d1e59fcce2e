"""The date grammar: the expression table, the sample page, parse_period, and properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notices.dates import find_periods, parse_period
from notices.errors import DateSyntaxError
from notices.model import Period
from tests.date_cases import CASES, Case

TZ = ZoneInfo("Asia/Shanghai")


def _value(text: object) -> date | datetime | None:
    if text is None:
        return None
    assert isinstance(text, str)
    if "T" in text:
        return datetime.fromisoformat(text).replace(tzinfo=TZ)
    return date.fromisoformat(text)


def _check(period: Period, expected: tuple[object, ...], source: str) -> None:
    start, end, all_day = expected[:3]
    assert (period.start, period.end, period.all_day) == (_value(start), _value(end), all_day), period
    if len(expected) > 3:
        assert period.label == expected[3], period
    if len(expected) > 4:
        assert period.note == expected[4], period
    if len(expected) > 5:
        window = None if period.daily is None else "-".join(t.strftime("%H:%M") for t in period.daily)
        assert window == expected[5], period
    assert period.span is not None
    assert source[period.span[0] : period.span[1]] == period.text


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}-{case.text[:24]}" for i, case in enumerate(CASES)])
def test_expression_table(case: Case) -> None:
    periods = find_periods(case.text, base=case.base, tz=TZ)
    assert len(periods) == len(case.periods), [(p.start, p.end, p.text) for p in periods]
    for period, expected in zip(periods, case.periods, strict=True):
        _check(period, expected, case.text)


def test_table_is_large_and_varied() -> None:
    assert len(CASES) >= 150
    assert sum(1 for case in CASES if not case.periods) >= 25
    assert any(any("\u4e00" <= ch <= "\u9fff" and ch in "時號電週於" for ch in case.text) for case in CASES)


def test_sample_page(sample_page: str) -> None:
    periods = find_periods(sample_page, base=date(2022, 5, 10), tz=TZ)
    closure = [p for p in periods if p.label == "封闭期限"]
    assert len(closure) == 1
    assert (closure[0].start, closure[0].end, closure[0].all_day) == (
        date(2022, 5, 11),
        date(2022, 5, 26),
        True,
    )
    registration = [p for p in periods if p.note == "节假日除外"]
    assert len(registration) == 1
    assert (registration[0].start, registration[0].end) == (date(2022, 5, 10), date(2022, 5, 31))
    signatures = [p for p in periods if p.text == "2022年5月10日"]
    assert len(signatures) == 3
    assert all(p.start == p.end == date(2022, 5, 10) and p.label is None for p in signatures)
    # the development plan's years, counts, phone numbers and percentages are not dates
    assert all(p.start is None or p.start.year == 2022 for p in periods)


def test_spans_point_into_the_original_text() -> None:
    text = "（二）停電時間：２０２２年５月１１日（星期三）８：００—１７：００，請提前做好準備。"
    (period,) = find_periods(text, base=date(2022, 5, 10), tz=TZ)
    assert period.span is not None
    assert text[period.span[0] : period.span[1]] == period.text
    assert period.text.startswith("２０２２年")
    assert period.label == "停电时间"


def test_base_date_not_the_clock() -> None:
    (early,) = find_periods("1月5日", base=date(2030, 12, 30), tz=TZ)
    (late,) = find_periods("1月5日", base=date(2031, 6, 1), tz=TZ)
    assert early.start == date(2031, 1, 5)
    assert late.start == date(2031, 1, 5)
    (before,) = find_periods("12月30日", base=date(2031, 1, 3), tz=TZ)
    assert before.start == date(2030, 12, 30)


def test_working_days_skip_weekends() -> None:
    # published on a Friday: 3 working days are Mon, Tue, Wed
    (period,) = find_periods("公示期为3个工作日", base=date(2022, 5, 13), tz=TZ)
    assert period.end == date(2022, 5, 18)


def test_timed_periods_are_aware_in_the_zone() -> None:
    other = ZoneInfo("Europe/Berlin")
    (period,) = find_periods("2022年5月11日8:00-17:00", base=date(2022, 5, 10), tz=other)
    assert isinstance(period.start, datetime)
    assert period.start.tzinfo is other
    assert period.start.time() == time(8, 0)


# ------------------------------------------------------------------ parse_period


def test_parse_period_reads_one_period() -> None:
    period = parse_period("2022年5月11日—26日", base=date(2022, 5, 10), tz=TZ)
    assert (period.start, period.end) == (date(2022, 5, 11), date(2022, 5, 26))


def test_parse_period_accepts_what_people_type() -> None:
    base = date(2022, 5, 10)
    assert parse_period("5月", base=base, tz=TZ).end == date(2022, 5, 31)
    assert parse_period("today", base=base, tz=TZ).start == base
    timed = parse_period("8:00-17:00", base=base, tz=TZ)
    assert timed.start == datetime(2022, 5, 10, 8, 0, tzinfo=TZ)
    assert timed.end == datetime(2022, 5, 10, 17, 0, tzinfo=TZ)
    assert parse_period("2022-05-11..", base=base, tz=TZ).start == date(2022, 5, 11)


def test_parse_period_english_single_dates_via_dateparser() -> None:
    period = parse_period("3rd of June", base=date(2022, 5, 10), tz=TZ)
    assert period.start == period.end == date(2022, 6, 3)


@pytest.mark.parametrize("text", ["", "   ", "下次再说", "blah", "2022年2月30日", "招聘3-5人", "x" * 600])
def test_parse_period_rejects_non_periods(text: str) -> None:
    with pytest.raises(DateSyntaxError):
        parse_period(text, base=date(2022, 5, 10), tz=TZ)


def test_parse_period_rejects_several() -> None:
    with pytest.raises(DateSyntaxError, match="more than one"):
        parse_period("5月11日、5月20日", base=date(2022, 5, 10), tz=TZ)


# ------------------------------------------------------------------- properties

_BASES = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def _assert_sane(periods: list[Period], text: str) -> None:
    for period in periods:
        assert period.start is not None or period.end is not None
        if period.start is not None and period.end is not None:
            assert period.end >= period.start  # type: ignore[operator]
            if not period.all_day and period.end == period.start:
                assert period.is_moment  # a clock time alone: 开标 9:30
        assert period.span is not None
        assert text[period.span[0] : period.span[1]] == period.text


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), base=_BASES)
def test_never_raises_on_arbitrary_text(text: str, base: date) -> None:
    _assert_sane(find_periods(text, base=base, tz=TZ), text)


_PIECES = st.sampled_from(
    [
        "2022",
        "二〇二二",
        "1999",
        "年",
        "月",
        "日",
        "号",
        "时",
        "点",
        "分",
        "半",
        "5",
        "12",
        "31",
        "0",
        "24",
        "30",
        "60",
        "十",
        "二十六",
        "廿",
        "卅一",
        "三",
        "—",
        "-",
        "~",
        "～",
        "至",
        "到",
        "起",
        "止",
        "前",
        "即日起",
        "之日起",
        "截至",
        "本月底",
        "上旬",
        "下旬",
        "工作日",
        "个",
        "日内",
        "公示期",
        "上午",
        "下午",
        "（星期三）",
        "(周日)",
        "（节假日除外）",
        ":",
        "：",
        ".",
        "/",
        "、",
        "，",
        " ",
        "\n",
        "May",
        "June",
        "Dec",
        "to",
        "until",
        "next",
        "Monday",
        "am",
        "pm",
        ", ",
        "th",
        "下周一",
        "今天",
        "每日",
        "（含）",
        "截止",
        "投标时间",
        "时间为",
        "停电，",
        "号楼",
        "5.11",
        "/05/",
        "on",
        "week",
        "month",
        "次日",
    ]
)


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=14), base=_BASES)
def test_date_like_strings_yield_sane_periods(pieces: list[str], base: date) -> None:
    text = "".join(pieces)
    _assert_sane(find_periods(text, base=base, tz=TZ), text)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    length=st.integers(min_value=0, max_value=400),
    connector=st.sampled_from(["—", "-", "至", "到", "~", "～", "起至", "–"]),
)
def test_generated_full_ranges_round_trip(start: date, length: int, connector: str) -> None:
    end = start + timedelta(days=length)
    text = f"{start.year}年{start.month}月{start.day}日{connector}{end.year}年{end.month}月{end.day}日"
    (period,) = find_periods(text, base=start, tz=TZ)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "daily"),
    [
        ("从下周一（5月16日）起，一连三个晚上，每晚11时至翌日清晨5时关闭。", ("23:00", "05:00")),
        ("自5月16日起，连续三晚22时至次日5时施工。", ("22:00", "05:00")),
        ("展览自6月1日起举行，为期三天，每日9:00至17:00开放。", ("09:00", "17:00")),
    ],
)
def test_a_length_after_a_start_keeps_the_window_said_after_it(text: str, daily: tuple[str, str]) -> None:
    (period,) = find_periods(text, base=date(2022, 5, 10), tz=TZ)
    window = period.to_json()["daily"]
    assert window is not None
    assert (window["start"], window["end"]) == daily


@pytest.mark.parametrize("text", ["5.11.2022—", "5/11/2022 至", "11.5.2022-", "停水时间：07/06/2023 至"])
def test_an_ambiguous_numeric_date_before_a_connector_that_ends_the_text_is_read(text: str) -> None:
    """The range's other end, where the order would be told, is missing: the date is still read
    by the notice's own date, and nothing past the text's end is looked at."""
    periods = find_periods(text, base=date(2022, 5, 1), tz=TZ)
    assert all(p.start is not None and p.start.year in (2022, 2023) for p in periods)
