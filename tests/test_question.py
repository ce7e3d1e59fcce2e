"""Questions in Chinese (simplified and traditional) and English → what they ask."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from notices.categories import Category
from notices.question import ACTIVE, DEADLINES, SEARCH, UPCOMING, Question, fold, parse_question

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 5, 15, 10, 30, tzinfo=SH)  # a Sunday
R, T, P, W, G, H = (
    Category.ROAD_CLOSURE,
    Category.TRAFFIC_CONTROL,
    Category.POWER_OUTAGE,
    Category.WATER_OUTAGE,
    Category.GAS_OUTAGE,
    Category.HEATING,
)
JOB, RENT, TENDER = Category.RECRUITMENT, Category.RENTAL, Category.TENDER
THIS_WEEK = (date(2022, 5, 9), date(2022, 5, 15))
MAY, JUNE = (date(2022, 5, 1), date(2022, 5, 31)), (date(2022, 6, 1), date(2022, 6, 30))
NEXT_WEEK = (date(2022, 5, 16), date(2022, 5, 22))

# question, language, categories, text, on, window, intent
CASES: list[tuple[str, str, tuple[Category, ...], str | None, date | None, tuple[date, date] | None, str]] = [
    ("哪些路封闭", "zh", (R,), None, None, None, ACTIVE),
    ("哪些路封閉", "zh", (R,), None, None, None, ACTIVE),
    ("哪些路封闭？", "zh", (R,), None, None, None, ACTIVE),
    ("what roads are closed", "en", (R,), None, None, None, ACTIVE),
    ("What roads are closed?", "en", (R,), None, None, None, ACTIVE),
    ("what roads are closed on May 20", "en", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("road closures on 20 May", "en", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("roadworks on May 20th, 2022", "en", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("5月20日哪些路封闭", "zh", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("５月２０日哪些路封闭", "zh", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("五月二十日哪些路封闭", "zh", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("2022年5月20日有封路吗", "zh", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("2022-05-20 断交", "zh", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("有什么招聘", "zh", (JOB,), None, None, None, ACTIVE),
    ("出租的房子", "zh", (RENT,), None, None, None, ACTIVE),
    ("有房子出租吗", "zh", (RENT,), None, None, None, ACTIVE),
    ("有什麼招聘", "zh", (JOB,), None, None, None, ACTIVE),
    ("any jobs?", "en", (JOB,), None, None, None, ACTIVE),
    ("which deadlines are this week", "en", (), None, None, THIS_WEEK, DEADLINES),
    ("本周有哪些报名截止", "zh", (), None, None, THIS_WEEK, DEADLINES),
    ("which notices end this week", "en", (), None, None, THIS_WEEK, DEADLINES),
    # a month named without its day, and the rest of this year
    ("6月份封路", "zh", (R,), None, None, JUNE, ACTIVE),
    ("六月哪些路封闭", "zh", (R,), None, None, JUNE, ACTIVE),
    ("2022年5月有什么招聘", "zh", (JOB,), None, None, MAY, ACTIVE),
    ("road closures in June", "en", (R,), None, None, JUNE, ACTIVE),
    ("tenders during May 2022", "en", (TENDER,), None, None, MAY, ACTIVE),
    ("今年还有招标吗", "zh", (TENDER,), None, None, (date(2022, 5, 15), date(2022, 12, 31)), ACTIVE),
    ("any jobs this year", "en", (JOB,), None, None, (date(2022, 5, 15), date(2022, 12, 31)), ACTIVE),
    ("明年的招聘", "zh", (JOB,), None, None, (date(2023, 1, 1), date(2023, 12, 31)), ACTIVE),
    # the fields a notice is read by are asked for, not searched for
    ("停電範圍", "zh", (P,), None, None, None, ACTIVE),
    ("寿山镇停水时间", "zh", (W,), "寿山镇", None, None, ACTIVE),
    ("when can I apply for the job", "en", (JOB,), None, None, None, ACTIVE),
    ("哪些路晚上管制", "zh", (T,), None, None, None, ACTIVE),
    ("本周哪些通知结束", "zh", (), None, None, THIS_WEEK, DEADLINES),
    ("招聘报名什么时候截止", "zh", (JOB,), None, None, None, DEADLINES),
    ("寿山镇", "zh", (), "寿山镇", None, None, SEARCH),
    ("壽山鎮", "zh", (), "寿山镇", None, None, SEARCH),
    ("寿山镇有封路吗", "zh", (R,), "寿山镇", None, None, ACTIVE),
    ("在寿山镇有停电吗", "zh", (P,), "寿山镇", None, None, ACTIVE),
    ("和平路封路吗", "zh", (R,), "和平路", None, None, ACTIVE),
    ("人民大街附近施工", "zh", (R,), "人民大街", None, None, ACTIVE),
    ("明天停电吗", "zh", (P,), None, date(2022, 5, 16), None, ACTIVE),
    ("明天停電嗎", "zh", (P,), None, date(2022, 5, 16), None, ACTIVE),
    ("今天停水吗", "zh", (W,), None, date(2022, 5, 15), None, ACTIVE),
    ("后天有没有停气", "zh", (G,), None, date(2022, 5, 17), None, ACTIVE),
    ("下周有哪些停水", "zh", (W,), None, None, NEXT_WEEK, ACTIVE),
    ("下星期停暖吗", "zh", (H,), None, None, NEXT_WEEK, ACTIVE),
    ("未来7天停电", "zh", (P,), None, None, (date(2022, 5, 15), date(2022, 5, 21)), ACTIVE),
    ("未来三天有没有停水", "zh", (W,), None, None, (date(2022, 5, 15), date(2022, 5, 17)), ACTIVE),
    ("power cuts in the next 7 days", "en", (P,), None, None, (date(2022, 5, 15), date(2022, 5, 21)), ACTIVE),
    ("water outages next week", "en", (W,), None, None, NEXT_WEEK, ACTIVE),
    ("is there a power outage tomorrow", "en", (P,), None, date(2022, 5, 16), None, ACTIVE),
    ("any tenders?", "en", (TENDER,), None, None, None, ACTIVE),
    ("有招标吗", "zh", (TENDER,), None, None, None, ACTIVE),
    ("有什么招租", "zh", (RENT,), None, None, None, ACTIVE),
    ("交通管制", "zh", (T,), None, None, None, ACTIVE),
    ("哪里限行", "zh", (T,), None, None, None, ACTIVE),
    ("周六停水吗", "zh", (W,), None, date(2022, 5, 21), None, ACTIVE),
    ("下周一停电吗", "zh", (P,), None, date(2022, 5, 16), None, ACTIVE),
    ("road closures on Saturday", "en", (R,), None, date(2022, 5, 21), None, ACTIVE),
    ("5月20日至25日停电", "zh", (P,), None, None, (date(2022, 5, 20), date(2022, 5, 25)), ACTIVE),
    ("5月30日到6月2日停水吗", "zh", (W,), None, None, (date(2022, 5, 30), date(2022, 6, 2)), ACTIVE),
    ("closures May 20-25", "en", (R,), None, None, (date(2022, 5, 20), date(2022, 5, 25)), ACTIVE),
    ("closures from 20 to 25 May", "en", (R,), None, None, (date(2022, 5, 20), date(2022, 5, 25)), ACTIVE),
    ("upcoming water outages", "en", (W,), None, None, None, UPCOMING),
    ("即将停电的地方", "zh", (P,), None, None, None, UPCOMING),
    ("哪些路即将封闭", "zh", (R,), None, None, None, UPCOMING),
    ("will the road be closed on May 20", "en", (R,), None, date(2022, 5, 20), None, ACTIVE),
    ("停水停电", "zh", (W, P), None, None, None, ACTIVE),
    ("any outages?", "en", (P, W, G), None, None, None, ACTIVE),
    ("road_closure", "en", (R,), None, None, None, ACTIVE),
    ("道路封闭", "zh", (R,), None, None, None, ACTIVE),
    (
        "本月有什么公示",
        "zh",
        (Category.PUBLIC_DISCLOSURE,),
        None,
        None,
        (date(2022, 5, 1), date(2022, 5, 31)),
        ACTIVE,
    ),
    ("下个月的拍卖", "zh", (Category.AUCTION,), None, None, JUNE, ACTIVE),
    ("征求意见", "zh", (Category.PUBLIC_CONSULTATION,), None, None, None, ACTIVE),
    ("Shoushan", "en", (), "shoushan", None, None, SEARCH),
    ("辽源农村商业银行", "zh", (), "辽源农村商业银行", None, None, SEARCH),
]


@pytest.mark.parametrize(("text", "language", "categories", "keyword", "on", "window", "intent"), CASES)
def test_question_table(
    text: str,
    language: str,
    categories: tuple[Category, ...],
    keyword: str | None,
    on: date | None,
    window: tuple[date, date] | None,
    intent: str,
) -> None:
    q = parse_question(text, now=NOW, tz=SH)
    assert (q.language, q.categories, q.text, q.on, q.window, q.intent) == (
        language,
        categories,
        keyword,
        on,
        window,
        intent,
    )
    assert q.at is None
    assert q.understood


@pytest.mark.parametrize(
    "text", ["哪些路现在封闭", "what roads are closed now", "目前有哪些停电", "is it still closed"]
)
def test_now_sets_the_moment(text: str) -> None:
    q = parse_question(text, now=NOW, tz=SH)
    assert q.at == NOW
    assert (q.on, q.window) == (None, None)


def test_now_is_read_in_the_zone() -> None:
    utc_evening = datetime(2022, 5, 15, 20, 0, tzinfo=ZoneInfo("UTC"))  # already the 16th in Shanghai
    assert parse_question("明天停电吗", now=utc_evening, tz=SH).on == date(2022, 5, 17)


def test_a_day_without_year_is_the_nearest_one() -> None:
    december = datetime(2022, 12, 28, 9, tzinfo=SH)
    assert parse_question("1月3日停电吗", now=december, tz=SH).on == date(2023, 1, 3)
    assert parse_question("12月1日停电吗", now=december, tz=SH).on == date(2022, 12, 1)
    january = datetime(2023, 1, 2, 9, tzinfo=SH)
    assert parse_question("what was closed on December 30", now=january, tz=SH).on == date(2022, 12, 30)


def test_a_window_across_the_new_year() -> None:
    december = datetime(2022, 12, 28, 9, tzinfo=SH)
    q = parse_question("12月30日至1月2日停水吗", now=december, tz=SH)
    assert q.window == (date(2022, 12, 30), date(2023, 1, 2))


def test_impossible_dates_are_not_dates() -> None:
    q = parse_question("2月30日停电吗", now=NOW, tz=SH)
    assert q.on is None
    assert q.categories == (P,)


def test_weekend_and_weekdays() -> None:
    wednesday = datetime(2022, 5, 11, 9, tzinfo=SH)
    assert parse_question("周末停水吗", now=wednesday, tz=SH).window == (date(2022, 5, 14), date(2022, 5, 15))
    assert parse_question("this weekend closures", now=wednesday, tz=SH).window == (
        date(2022, 5, 14),
        date(2022, 5, 15),
    )
    assert parse_question("星期三停电吗", now=wednesday, tz=SH).on == date(2022, 5, 11)
    assert parse_question("next friday power cut", now=wednesday, tz=SH).on == date(2022, 5, 20)


@pytest.mark.parametrize("text", ["hello", "你好", "   ", "?!"])
def test_small_talk_is_not_understood(text: str) -> None:
    q = parse_question(text, now=NOW, tz=SH)
    assert not q.understood
    assert q == Question(language=q.language, understood=False)


def test_a_repeated_question_reads_as_at_each_moment() -> None:
    """Questions without a time are remembered per day: asked again they read exactly as anew."""
    morning, evening = datetime(2022, 5, 11, 8, tzinfo=SH), datetime(2022, 5, 11, 22, tzinfo=SH)
    for text in ("哪些路封闭", "what water cuts are there", "招聘什么时候截止"):
        assert parse_question(text, now=morning, tz=SH) == parse_question(text, now=evening, tz=SH)
    # a time is read against each moment, never remembered from an earlier one
    assert parse_question("哪些路现在封闭", now=morning, tz=SH).at == morning
    assert parse_question("哪些路现在封闭", now=evening, tz=SH).at == evening
    # "closing soon" counts from the day asked
    windows = [parse_question("deadlines soon", now=day, tz=SH).window for day in (morning, NOW)]
    assert [w[0] if w else None for w in windows] == [morning.date(), NOW.date()]
    # a date that matched but is no date (2月30日) is read again each time, not remembered as timeless
    assert parse_question("2月30日停电吗", now=morning, tz=SH).on is None


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_question("哪些路封闭", now=datetime(2022, 5, 15), tz=SH)


def test_fold() -> None:
    assert fold("  哪些路封閉  ＡＢＣ１２ ") == "哪些路封闭 abc12"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "月日",
        "99月99日",
        "13/45",
        "2022-13-45",
        "next 0 days",
        "未来9999天",
        "下下下周",
        "May 40",
        "1.5米",
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    q = parse_question(text, now=NOW, tz=SH)
    assert q.intent in (ACTIVE, UPCOMING, DEADLINES, SEARCH)
