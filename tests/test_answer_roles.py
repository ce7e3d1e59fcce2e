"""Answers about a place a notice names only as its detour: "新华路封了吗" / "is Harbour Road closed?"
never answers yes because of a detour; it says whose detour the road is. Through ``noticebot ask`` and
the bot over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.answer import answer_question
from db.engine import session_scope
from db.store import store_page
from notices.parse import parse_page
from tests.test_bot_harness import START, TZ, Harness

pytest_plugins = ["tests.test_bot_harness", "tests.test_cli"]

CLOSURES = """封路通告
因雨污管网改造，2023年6月5日至6月20日，胜利路（东环路至西环路段）全封闭施工，过往车辆请绕行新华路、建设路。
特此通告
某某县交通运输局
2023年5月30日

Temporary Road Closure
Canal Road will be closed from 5 June 2023 to 20 June 2023 for drainage works. Motorists are advised to \
use Harbour Road as a detour.
Transport Department
30 May 2023
"""

XINHUA_CLOSED = """封路公告
2023年6月10日至6月12日，新华路（光明街至团结街段）封闭施工，请车辆绕行东环路。
某某县公安局交通警察大队
2023年6月1日
"""

AT = "2023-06-06T09:00"


async def test_ask_about_a_detour_road(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "closures.txt"
    page.write_text(CLOSURES, encoding="utf-8")
    stored = await cli("ingest", str(page))
    assert stored.code == 0, stored.err

    zh = await cli("ask", "新华路封了吗", "--at", AT)
    assert zh.code == 0, zh.err
    assert zh.out.splitlines() == [
        "没有通知说“新华路”封闭或受影响；它是下列通知的绕行道路：",
        "#1 封路通告，2023年6月5日—20日（全天），绕行道路：新华路、建设路",
    ]
    traditional = await cli("ask", "新華路封閉了嗎", "--at", AT)
    assert traditional.out == zh.out
    en = await cli("ask", "is Harbour Road closed?", "--at", AT)
    assert en.out.splitlines() == [
        "No notice says “Harbour Road” is closed or affected; it is the detour of:",
        "#2 Temporary Road Closure, 5–20 June 2023 (all day); detour: Harbour Road",
    ]
    # The closed road is still closed, and its answer names the detours as detours.
    closed = await cli("ask", "胜利路封了吗", "--at", AT)
    assert closed.out.splitlines() == [
        "当前及即将开始的与“胜利路”有关的道路封闭通知（1条）：",
        "#1 封路通告 [道路封闭]",
        "  封闭期限：2023年6月5日—20日（全天）",
        "  地点：胜利路、东环路至西环路段",
        "  绕行道路：新华路、建设路",
    ]
    canal = await cli("ask", "is Canal Road closed?", "--at", AT)
    assert "Places: Canal Road" in canal.out
    assert "  Detour: Harbour Road" in canal.out
    as_json = await cli("ask", "新华路封了吗", "--at", AT, "--json")
    data = as_json.json()
    assert data["notices"] == []
    assert data["detour_of"] == [
        {"id": 1, "title": "封路通告", "category": "road_closure", "detours": ["新华路", "建设路"]}
    ]

    # Once a notice closes 新华路 itself, that is the answer; the detour is said apart.
    other = tmp_path / "xinhua.txt"
    other.write_text(XINHUA_CLOSED, encoding="utf-8")
    assert (await cli("ingest", str(other))).code == 0
    both = await cli("ask", "新华路封了吗", "--at", AT)
    assert both.out.splitlines() == [
        "当前及即将开始的与“新华路”有关的道路封闭通知（1条）：",
        "#3 封路公告 [道路封闭]",
        "  封闭期限：2023年6月10日—12日（全天）",
        "  地点：新华路、光明街至团结街段",
        "  绕行道路：东环路",
        "“新华路”是下列通知的绕行道路，不在其封闭范围内：",
        "#1 封路通告，2023年6月5日—20日（全天），绕行道路：新华路、建设路",
    ]


async def _store(sessions: async_sessionmaker[AsyncSession], text: str, tz: ZoneInfo) -> list[int]:
    result = parse_page(text.replace("2023", "2022"), published=None, tz=tz)
    async with session_scope(sessions) as session:
        report = await store_page(session, result, tz=tz)
    return [s.id for s in report.stored]


async def test_the_bot_says_a_detour_is_a_detour(harness: Harness) -> None:
    closure_id, english_id = await _store(harness.sessions, CLOSURES, TZ)
    user = harness.server.user("小王", language_code="zh-hans")
    for question in ("新华路封了吗", "is Harbour Road closed?"):
        replies = await harness.send(user, question)
        async with session_scope(harness.sessions) as session:
            expected = await answer_question(session, question, now=START, tz=TZ, limit=10, language="zh")
        text = "\n".join(m.plain or "" for m in replies)
        assert text == expected.text, question
        assert "绕行道路" in text, "the chat's language, whatever the question's"
    [zh] = await harness.send(user, "新华路封了吗")
    assert (zh.plain or "").startswith("没有通知说“新华路”封闭或受影响")
    [card] = await harness.send(user, f"/notice {closure_id}")
    assert "📍 胜利路、东环路至西环路段" in (card.plain or "")
    assert "↪️ 绕行：新华路、建设路" in (card.plain or "")
    [english] = await harness.send(harness.server.user("Ann", language_code="en"), f"/notice {english_id}")
    assert "↪️ Detour: Harbour Road" in (english.plain or "")
