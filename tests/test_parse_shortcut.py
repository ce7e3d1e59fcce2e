"""A news item with no plan word near any of its dates is passed over before its dates are read
(``notices.parse._may_announce``). The shortcut must never change what a page gives: every page
the project has, the real ones beside it when present, and generated reports are parsed with and
without it and must give the same notices and the same items passed over."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notices import parse
from notices.model import PageResult
from notices.parse import parse_page

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TZ = ZoneInfo("Asia/Shanghai")


def _pages() -> list[tuple[str, str, date | None]]:
    pages: list[tuple[str, str, date | None]] = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        pages.append((path.name, path.read_text(encoding="utf-8"), published))
    for path in sorted((ROOT / "notices" / "examples").glob("*.txt")):
        pages.append((path.name, path.read_text(encoding="utf-8"), None))
    dev = SHARED / "corpus" / "dev.json"
    if dev.exists():
        for item in json.loads(dev.read_text(encoding="utf-8")):
            published = date.fromisoformat(item["published"]) if item.get("published") else None
            pages.append((item["id"], item["text"], published))
    for path in sorted((SHARED / "samples").glob("*.txt")) if (SHARED / "samples").exists() else []:
        pages.append((path.name, path.read_text(encoding="utf-8"), date(2022, 5, 10)))
    return pages


def _both(
    text: str, published: date | None, monkeypatch: pytest.MonkeyPatch
) -> tuple[PageResult, PageResult]:
    fast = parse_page(text, published=published, tz=TZ)
    with monkeypatch.context() as patched:
        patched.setattr(parse, "_may_announce", lambda norm: True)
        full = parse_page(text, published=published, tz=TZ)
    return fast, full


def test_the_shortcut_changes_no_page(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages()
    assert len(pages) >= 60
    passed_over = 0
    for name, text, published in pages:
        fast, full = _both(text, published, monkeypatch)
        assert fast.notices == full.notices, name
        assert fast.skipped == full.skipped, name
        passed_over += sum(s.reason == "news report" for s in fast.skipped)
    assert passed_over > 0  # the pages do hold news items for the shortcut to act on


def test_a_report_of_the_past_is_passed_over_and_a_planned_one_is_not() -> None:
    past = "本报讯（记者 王林）5月3日，市图书馆举办了读书分享会，二百余名读者参加。活动现场气氛热烈。"
    planned = "本报讯（记者 王林）记者从市供电公司获悉，5月20日8时至17时，和平路沿线将停电。"
    assert not parse._may_announce(past)
    assert parse._may_announce(planned)
    assert parse_page(past, published=date(2023, 5, 10), tz=TZ).notices == []
    (notice,) = parse_page(planned, published=date(2023, 5, 10), tz=TZ).notices
    assert notice.periods


#: Sentences a report is made of: past events, plans, dates, and plan words far from dates.
_SENTENCES = [
    "本报讯（记者 李青）",
    "5月8日，市里召开了工作会议。",
    "会议要求各单位认真落实。",
    "市民需注意出行安全。",
    "据悉，该工程将于6月1日开工。",
    "届时请绕行。",
    "去年该路段进行了改造。",
    "6月3日8时至18时，",
    "东风路将实施交通管制。",
    "记者了解到，",
    "工程预计年底完工。",
    "活动期间，",
    "2023年5月9日",
    "当天下午，",
    "截止目前已完成八成。\n",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=14))
def test_generated_reports_parse_alike_with_and_without_the_shortcut(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast = parse_page(text, published=date(2023, 5, 10), tz=TZ)
    original = parse._may_announce
    parse._may_announce = lambda norm: True  # type: ignore[assignment]
    try:
        full = parse_page(text, published=date(2023, 5, 10), tz=TZ)
    finally:
        parse._may_announce = original
    assert fast.notices == full.notices
    assert fast.skipped == full.skipped
