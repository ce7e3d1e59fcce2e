"""Questions as people type them, through ``noticebot ask --json`` against notices ingested from pages
written here: what each is understood as (the ``question`` of the answer) and what it answers.

Reopening (人民大街什么时候恢复通行, when does Harbour Road reopen) answers with the end of the closure or
outage concerning the place; "closing soon" means deadlines in the coming days; "next week"/下周 is the
calendar week after this one; "最近"/"recent" lists what is on or coming, then what ended last.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

pytest_plugins = ["tests.test_cli"]

COUNTY = """封路公告
经东丰县公安局交通管理大队批准，因东丰镇人民大街（育才路至向阳路段）雨水管网改造工程施工，\
自2023年6月5日至6月20日对该路段实行全封闭施工，请过往车辆提前绕行新华路。
封闭期限：2023年6月5日—20日
特此公告
东丰县城市建设投资有限公司
2023年6月1日

停电通知
因10千伏东丰一线检修，国网东丰县供电公司定于下列时间停电：
1.2023年6月3日8:00-16:00，停电范围：东丰镇福兴街、鹿乡社区；
2.2023年6月6日7:30-11:30，停电范围：大阳镇永安村、新发村。
特此通知
国网东丰县供电公司
2023年6月1日

停电通知
因10千伏和平线改造，定于2023年6月13日8:00至17:00对和平村停电，请用户做好准备。
特此通知
国网东丰县供电公司
2023年6月1日

路灯改造工程招标公告
东丰县路灯改造工程现进行公开招标，欢迎合格投标人参加。
投标截止时间：2023年6月9日9:30
特此公告
东丰县住房和城乡建设局
2023年6月1日

学校食堂设备采购招标公告
东丰县第一中学食堂设备采购项目现进行公开招标。
投标截止时间：2023年7月6日9:30
特此公告
东丰县第一中学
2023年6月1日

东丰县人民医院公开招聘护理人员公告
因工作需要，东丰县人民医院面向社会公开招聘护理人员10名。
报名截止时间：2023年6月8日17时。
东丰县人民医院
2023年6月1日
"""

WATER = """停水通告
因管線汰換工程，東豐鎮興華街將停止供水，請用戶提前儲水。
停水時間：2023年6月6日22時至6月7日6時
特此公告
東豐縣自來水公司
2023年6月1日
"""

HARBOUR = """NOTICE OF ROAD CLOSURE
Harbour Road between Pier Street and Bay Street will be closed to all traffic from 5 June 2023 to \
20 June 2023 for drainage works. Please use Hill Road as a detour.
Port Works Department
1 June 2023
"""

# Ids in the order the pages are ingested (county, water, harbour).
CLOSURE, OUTAGE_TWO_DAYS, OUTAGE_NEXT_WEEK, TENDER_SOON, TENDER_LATER, NURSES, WATER_CUT, HARBOUR_ROAD = (
    range(1, 9)
)

NOON = "2023-06-06T12:00"  # a Tuesday; the 7:30-11:30 outage ended this morning
NEXT_WEEK = ["2023-06-12", "2023-06-18"]
SOON = ["2023-06-06", "2023-06-12"]
ROADS = ["road_closure", "traffic_control"]


@dataclass(frozen=True)
class Case:
    question: str
    intent: str
    categories: list[str]
    ids: list[int]
    text: str | None = None
    window: list[str] | None = None
    at: str = NOON
    says: list[str] = field(default_factory=list)
    language: str = "zh"


CASES = [
    # "most recent": what is coming first, then the outage that ended this morning (not the June 3 one)
    Case(
        "最近有什么停电",
        "recent",
        ["power_outage"],
        [OUTAGE_NEXT_WEEK, OUTAGE_TWO_DAYS],
        says=["当前、即将开始及最近结束的停电通知（2条）", "已结束：2023年6月6日 11:30"],
    ),
    Case("最近的停電", "recent", ["power_outage"], [OUTAGE_NEXT_WEEK, OUTAGE_TWO_DAYS]),
    Case(
        "recent power cuts",
        "recent",
        ["power_outage"],
        [OUTAGE_NEXT_WEEK, OUTAGE_TWO_DAYS],
        says=["Ended: 6 June 2023, 11:30"],
        language="en",
    ),
    Case(
        "latest power outages", "recent", ["power_outage"], [OUTAGE_NEXT_WEEK, OUTAGE_TWO_DAYS], language="en"
    ),
    # nothing on now: the nearest past is the period that ended last, 11:30 today
    Case(
        "现在停电吗",
        "active",
        ["power_outage"],
        [],
        says=[
            "最近结束的一条：#2 停电通知，2023年6月6日 7:30—11:30",
            "下一条即将开始：#3 停电通知，2023年6月13日",
        ],
    ),
    Case(
        "最近有什么停电",
        "recent",
        ["power_outage"],
        [],
        at="2023-07-20T12:00",
        says=["最近结束的一条：#3 停电通知，2023年6月13日 8:00—17:00"],
    ),
    # when does it reopen
    Case(
        "人民大街什么时候恢复通行",
        "reopen",
        ROADS,
        [CLOSURE],
        text="人民大街",
        says=["封闭期限：2023年6月5日—20日（全天）", "→ 预计2023年6月21日恢复通行"],
    ),
    Case(
        "人民大街什么时候通车",
        "reopen",
        ROADS,
        [CLOSURE],
        text="人民大街",
        says=["预计2023年6月21日恢复通行"],
    ),
    Case(
        "人民大街什麼時候恢復通行",
        "reopen",
        ROADS,
        [CLOSURE],
        text="人民大街",
        says=["预计2023年6月21日恢复通行"],
    ),
    Case("人民大街封到什么时候", "reopen", ROADS, [CLOSURE], text="人民大街"),
    Case("人民大街下周能通车吗", "reopen", ROADS, [CLOSURE], text="人民大街", window=NEXT_WEEK),
    Case(
        "when does Harbour Road reopen",
        "reopen",
        ROADS,
        [HARBOUR_ROAD],
        text="harbour",
        says=[
            "When road closure and traffic control notices about “harbour” end (1):",
            "Reopens on 21 June 2023",
        ],
        language="en",
    ),
    Case(
        "when will Harbour Road open again?", "reopen", ROADS, [HARBOUR_ROAD], text="harbour", language="en"
    ),
    Case(
        "永安村什么时候恢复供电",
        "reopen",
        ["power_outage"],
        [OUTAGE_TWO_DAYS],
        text="永安村",
        at="2023-06-06T09:00",
        says=["预计2023年6月6日 11:30恢复供电"],
    ),
    Case(
        "福兴街什么时候来电",
        "reopen",
        ["power_outage"],
        [OUTAGE_TWO_DAYS],
        text="福兴街",
        at="2023-06-03T10:00",
        says=["预计2023年6月3日 16:00恢复供电"],
    ),
    Case(
        "興華街什麼時候恢復供水",
        "reopen",
        ["water_outage"],
        [WATER_CUT],
        text="兴华街",
        at="2023-06-06T23:00",
        says=["预计2023年6月7日 6:00恢复供水"],
    ),
    Case(
        "when will power be restored?",
        "reopen",
        ["power_outage"],
        [OUTAGE_TWO_DAYS, OUTAGE_NEXT_WEEK],
        at="2023-06-06T09:00",
        says=["Power returns 6 June 2023, 11:30", "Power returns 13 June 2023, 17:00"],
        language="en",
    ),
    # closing soon: deadlines in the coming seven days
    Case(
        "tenders closing soon",
        "deadlines",
        ["tender"],
        [TENDER_SOON],
        window=SOON,
        says=["Tender notices with deadlines in 6–12 June 2023 (1):"],
        language="en",
    ),
    Case("即将截止的招标", "deadlines", ["tender"], [TENDER_SOON], window=SOON),
    Case("即將截止的招標", "deadlines", ["tender"], [TENDER_SOON], window=SOON),
    Case("快截止的招聘", "deadlines", ["recruitment"], [NURSES], window=SOON),
    Case("jobs closing soon", "deadlines", ["recruitment"], [NURSES], window=SOON, language="en"),
    Case("what closes soon?", "deadlines", [], [NURSES, TENDER_SOON], window=SOON, language="en"),
    Case(
        "tenders closing soon",
        "deadlines",
        ["tender"],
        [],
        at="2023-06-20T12:00",
        window=["2023-06-20", "2023-06-26"],
        says=["The next deadline: #5 学校食堂设备采购招标公告, until 6 July 2023, 9:30"],
        language="en",
    ),
    # next week, both languages and scripts
    Case(
        "any power cuts next week?",
        "active",
        ["power_outage"],
        [OUTAGE_NEXT_WEEK],
        window=NEXT_WEEK,
        language="en",
    ),
    Case(
        "power outages next week",
        "active",
        ["power_outage"],
        [OUTAGE_NEXT_WEEK],
        window=NEXT_WEEK,
        language="en",
    ),
    Case(
        "下周停电吗",
        "active",
        ["power_outage"],
        [OUTAGE_NEXT_WEEK],
        window=NEXT_WEEK,
        says=["2023年6月12日—18日"],
    ),
    Case("下週停電嗎", "active", ["power_outage"], [OUTAGE_NEXT_WEEK], window=NEXT_WEEK),
    Case("下星期有停电吗", "active", ["power_outage"], [OUTAGE_NEXT_WEEK], window=NEXT_WEEK),
    Case(
        "any water cuts next week",
        "active",
        ["water_outage"],
        [],
        window=NEXT_WEEK,
        says=["No water outage notices in 12–18 June 2023.", "The most recent one ended: #7 停水通告"],
        language="en",
    ),
    # what already worked keeps working
    Case("人民大街", "search", [], [CLOSURE], text="人民大街"),
    Case("any tenders", "active", ["tender"], [TENDER_SOON, TENDER_LATER], language="en"),
    # whether a road can be used: closures and traffic control, about that road
    Case("東豐鎮人民大街能走嗎", "active", ROADS, [CLOSURE], text="东丰镇人民大街"),
    Case("人民大街能不能走", "active", ROADS, [CLOSURE], text="人民大街"),
    Case("兴华街通不通", "active", ROADS, [], text="兴华街"),
    Case("can I drive on Harbour Road", "active", ROADS, [HARBOUR_ROAD], text="harbour", language="en"),
    Case("is Harbour Road passable", "active", ROADS, [HARBOUR_ROAD], text="harbour", language="en"),
]


async def test_phrasings(cli: Any, tmp_path: Path) -> None:
    pages = []
    for name, text, encoding in (
        ("county", COUNTY, "utf-8"),
        ("water", WATER, "big5"),
        ("harbour", HARBOUR, "utf-8"),
    ):
        page = tmp_path / f"{name}.txt"
        page.write_bytes(text.encode(encoding))
        pages.append(str(page))
    stored = await cli("ingest", *pages, "--json")
    assert stored.code == 0, stored.err
    titles = [(s["id"], s["category"]) for f in stored.json()["files"] for s in f["stored"]]
    assert [i for i, _ in titles] == list(range(1, 9))

    gate = asyncio.Semaphore(3)

    async def run(case: Case) -> list[str]:
        async with gate:
            result = await cli("ask", case.question, "--at", case.at, "--json")
        if result.code != 0:
            return [f"{case.question!r}: exit {result.code}: {result.err}"]
        answer = result.json()
        problems = []
        understood = answer.get("question") or {}
        expected = {
            "intent": case.intent,
            "categories": case.categories,
            "text": case.text,
            "window": case.window,
        }
        got = {key: understood.get(key) for key in expected}
        if got != expected:
            problems.append(f"understood {got}, expected {expected}")
        ids = [n["id"] for n in answer["notices"]]
        if ids != case.ids:
            problems.append(f"listed {ids}, expected {case.ids}")
        if answer["language"] != case.language:
            problems.append(f"answered in {answer['language']}")
        problems += [f"no {needle!r}" for needle in case.says if needle not in answer["text"]]
        return [f"{case.question!r} at {case.at}: {p}\n{answer['text']}" for p in problems]

    failures = [line for lines in await asyncio.gather(*(run(c) for c in CASES)) for line in lines]
    assert not failures, "\n\n".join(failures)
