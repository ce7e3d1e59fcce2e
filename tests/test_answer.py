"""Answering questions from stored notices, in the question's language, with nearest notices on a miss."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.answer import answer_question
from db.engine import session_scope
from db.models import NoticeStatus
from db.store import set_status, store_notice
from notices.categories import Category
from notices.model import ParsedNotice, Period

Sessions = async_sessionmaker[AsyncSession]
SH = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SH)


CLOSURE = ParsedNotice(
    title="封路公告",
    category=Category.ROAD_CLOSURE,
    body="对寿山镇忠诚村至礼让村路段进行全封闭，请过往车辆提前绕行。",
    published=date(2022, 5, 10),
    periods=[Period(date(2022, 5, 11), date(2022, 5, 26), label="封闭期限")],
    places=["寿山镇忠诚村至礼让村路段"],
)
RECRUITMENT = ParsedNotice(
    title="2022年专业人才引进公告",
    category=Category.RECRUITMENT,
    body="辽源农村商业银行现面向辽源市金融行业引进专业人才。",
    published=date(2022, 5, 10),
    periods=[Period(date(2022, 5, 10), date(2022, 5, 31), label="报名时间", note="节假日除外")],
)
RENTAL = ParsedNotice(
    title="出租", category=Category.RENTAL, body="腰岭下原群众艺术馆门市招租。", published=date(2022, 5, 10)
)
OUTAGE = ParsedNotice(
    title="停电通知",
    category=Category.POWER_OUTAGE,
    body="因线路检修，西安区部分地区停电。",
    published=date(2022, 5, 10),
    periods=[Period(at(2022, 5, 18, 8), at(2022, 5, 18, 17), all_day=False, label="停电时间")],
    places=["西安区"],
)
OLD_CLOSURE = ParsedNotice(
    title="关于人民大街封闭施工的通告",
    category=Category.ROAD_CLOSURE,
    body="人民大街封闭施工。",
    published=date(2022, 4, 1),
    periods=[Period(date(2022, 4, 2), date(2022, 4, 10))],
    places=["人民大街"],
)


@pytest.fixture
async def ids(sessions: Sessions) -> dict[str, int]:
    stored: dict[str, int] = {}
    async with session_scope(sessions) as session:
        for name, notice in [
            ("closure", CLOSURE),
            ("recruitment", RECRUITMENT),
            ("rental", RENTAL),
            ("outage", OUTAGE),
            ("old", OLD_CLOSURE),
        ]:
            stored[name] = (await store_notice(session, notice, tz=SH)).id
    return stored


async def ask(sessions: Sessions, text: str, now: datetime, **kwargs: int) -> tuple[str, list[int], str]:
    async with sessions() as session:
        result = await answer_question(session, text, now=now, tz=SH, **kwargs)
    return result.language, [n.id for n in result.notices], result.text


async def test_road_closure_on_a_day(sessions: Sessions, ids: dict[str, int]) -> None:
    language, found, text = await ask(sessions, "what roads are closed on May 20", at(2022, 5, 15))
    assert (language, found) == ("en", [ids["closure"]])
    assert "11–26 May 2022 (all day)" in text
    assert "寿山镇忠诚村至礼让村路段" in text
    language, found, text = await ask(sessions, "5月20日哪些路封闭", at(2022, 5, 15))
    assert (language, found) == ("zh", [ids["closure"]])
    assert "封闭期限：2022年5月11日—26日（全天）" in text


async def test_no_time_lists_current_and_about_to_start(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, _ = await ask(sessions, "哪些路封闭", at(2022, 5, 10, 9))  # starts tomorrow
    assert found == [ids["closure"]]
    _, found, _ = await ask(sessions, "哪些路封闭", at(2022, 5, 27, 9))  # over
    assert found == []


async def test_recruitment_with_its_note(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, text = await ask(sessions, "有什么招聘", at(2022, 5, 15))
    assert found == [ids["recruitment"]]
    assert "报名时间：2022年5月10日—31日（全天；节假日除外）" in text


async def test_undated_adverts_count_as_current_for_a_while(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, _ = await ask(sessions, "有什么出租", at(2022, 5, 15))
    assert found == [ids["rental"]]
    _, found, _ = await ask(sessions, "有什么出租", at(2023, 5, 15))
    assert found == []


async def test_nothing_matches_names_nearest_past_and_future(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, text = await ask(sessions, "5月1日哪些路封闭", at(2022, 4, 28))
    assert found == []
    lines = text.splitlines()
    assert lines[0] == "没有找到2022年5月1日的道路封闭通知。"
    assert f"#{ids['old']}" in lines[1]
    assert "最近结束" in lines[1]
    assert f"#{ids['closure']}" in lines[2]
    assert "下一条" in lines[2]
    _, _, text = await ask(sessions, "road closures on May 1", at(2022, 4, 28))
    assert text.startswith("No road closure notices on 1 May 2022.")
    assert "The next one starts: #" in text


async def test_timed_outage_in_the_zone(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, text = await ask(sessions, "is there a power outage on May 18", at(2022, 5, 15))
    assert found == [ids["outage"]]
    assert "停电时间: 18 May 2022, 8:00–17:00" in text
    _, found, _ = await ask(sessions, "现在停电吗", at(2022, 5, 18, 18))
    assert found == []
    _, found, _ = await ask(sessions, "现在停电吗", at(2022, 5, 18, 12))
    assert found == [ids["outage"]]


async def test_place_search_and_keyword(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, _ = await ask(sessions, "寿山镇", at(2022, 5, 15))
    assert found == [ids["closure"]]
    _, found, _ = await ask(sessions, "壽山鎮封路嗎", at(2022, 5, 15))
    assert found == [ids["closure"]]
    _, found, _ = await ask(sessions, "人民大街", at(2022, 5, 15))  # search ignores time
    assert found == [ids["old"]]


async def test_deadlines_and_windows(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, _ = await ask(sessions, "which deadlines are this week", at(2022, 5, 30))
    assert found == [ids["recruitment"]]
    _, found, _ = await ask(sessions, "which deadlines are this week", at(2022, 5, 15))
    assert found == []
    _, found, _ = await ask(sessions, "下周有哪些停电", at(2022, 5, 12))
    assert found == [ids["outage"]]
    # a window overlapping a closure that began before it
    _, found, _ = await ask(sessions, "5月20日到25日哪些路封闭", at(2022, 5, 15))
    assert found == [ids["closure"]]


async def test_upcoming(sessions: Sessions, ids: dict[str, int]) -> None:
    _, found, _ = await ask(sessions, "upcoming power outages", at(2022, 5, 15))
    assert found == [ids["outage"]]
    _, found, _ = await ask(sessions, "upcoming power outages", at(2022, 5, 1))
    assert found == []


async def test_withdrawn_notices_are_not_answered(sessions: Sessions, ids: dict[str, int]) -> None:
    async with session_scope(sessions) as session:
        await set_status(session, ids["closure"], NoticeStatus.WITHDRAWN)
    _, found, _ = await ask(sessions, "5月20日哪些路封闭", at(2022, 5, 15))
    assert found == []


async def test_pages_and_json(sessions: Sessions, ids: dict[str, int]) -> None:
    async with sessions() as session:
        first = await answer_question(session, "有什么通知", now=at(2022, 5, 15), tz=SH, limit=2)
        second = await answer_question(session, "有什么通知", now=at(2022, 5, 15), tz=SH, limit=2, offset=2)
    assert first.total == second.total == 4  # closure, recruitment, outage, rental (the old one is over)
    assert len(first.notices) == len(second.notices) == 2
    assert not {n.id for n in first.notices} & {n.id for n in second.notices}
    assert "还有2条" in first.text
    shape = first.to_json()
    assert set(shape) == {"language", "question", "text", "notices", "detour_of"}
    assert set(shape["notices"][0]) == {"id", "title", "category", "periods"}


async def test_small_talk_gets_suggestions(sessions: Sessions, ids: dict[str, int]) -> None:
    language, found, text = await ask(sessions, "你好", at(2022, 5, 15))
    assert (language, found) == ("zh", [])
    assert "哪些路封闭" in text


async def test_pages_merge_active_starting_and_undated_in_order(sessions: Sessions) -> None:
    """Pages of any size, put together, are the whole answer: active closures (latest start first),
    then those about to start (soonest first), then recent undated ones (newest first), each once."""
    now = at(2022, 5, 15, 12)
    async with session_scope(sessions) as session:

        async def closure(n: int, *periods: Period, published: date = date(2022, 5, 1)) -> int:
            parsed = ParsedNotice(
                title=f"封路公告{n}",
                category=Category.ROAD_CLOSURE,
                body=f"第{n}号封路公告。",
                published=published,
                periods=list(periods),
            )
            return (await store_notice(session, parsed, tz=SH)).id

        active = [await closure(i, Period(date(2022, 5, 1 + i), date(2022, 5, 30))) for i in range(6)]
        # active now and starting again next week: listed once, among the active ones
        both = await closure(6, Period(date(2022, 5, 14), date(2022, 5, 16)), Period(date(2022, 5, 20), None))
        starting = [await closure(10 + i, Period(date(2022, 6, 10 - i), date(2022, 6, 20))) for i in range(5)]
        undated = [await closure(20 + i, published=date(2022, 5, 1 + i)) for i in range(4)]
        await closure(30, published=date(2021, 1, 1))  # undated but too old
        await closure(31, Period(date(2022, 4, 1), date(2022, 4, 2)))  # over
    expected = [both, *reversed(active), *reversed(starting), *reversed(undated)]
    for size in (1, 3, 4, 7, 100):
        seen: list[int] = []
        async with sessions() as session:
            while True:
                result = await answer_question(
                    session, "哪些路封闭", now=now, tz=SH, limit=size, offset=len(seen)
                )
                assert result.total == len(expected)
                if not result.notices:
                    break
                seen += [n.id for n in result.notices]
        assert seen == expected, size
    async with sessions() as session:
        none_shown = await answer_question(session, "哪些路封闭", now=now, tz=SH, limit=0)
    assert none_shown.notices == []
    assert none_shown.total == len(expected)
    assert f"还有{len(expected)}条" in none_shown.text


async def test_the_next_deadline_is_the_deadline_not_a_window_that_ends_first(sessions: Sessions) -> None:
    """A tender sells its documents for a week and takes bids weeks later: asked what closes soon when
    nothing does, the answer names the bid deadline, not the last day of the document sale."""
    tender = ParsedNotice(
        title="路灯改造工程招标公告",
        category=Category.TENDER,
        body="路灯改造工程公开招标。",
        published=date(2023, 6, 1),
        periods=[
            Period(date(2023, 6, 16), date(2023, 6, 21), label="获取招标文件时间"),
            Period(None, at(2023, 7, 6, 9).replace(minute=30), all_day=False, label="投标截止时间"),
        ],
    )
    async with session_scope(sessions) as session:
        tender_id = (await store_notice(session, tender, tz=SH)).id
    _, found, text = await ask(sessions, "tenders closing soon", at(2023, 6, 5, 12))
    assert found == []
    assert f"The next deadline: #{tender_id} 路灯改造工程招标公告, until 6 July 2023, 9:30" in text
    # the same in Chinese: the bid deadline, and no document-sale days
    _, _, text = await ask(sessions, "即将截止的招标", at(2023, 6, 5, 12))
    assert "2023年7月6日" in text
    assert "6月16日" not in text
