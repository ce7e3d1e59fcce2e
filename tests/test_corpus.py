"""Notices as other papers print them: each tests/corpus/NAME.txt page with its NAME.json answers.

The JSON gives the ``published`` fallback and, for each notice in page order, the category,
title, issuer, publication date, every period, places that must be found (as a substring of
one place found) and text the cleaned body must contain; plus how many news reports are skipped.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from notices.model import PageResult, ParsedNotice
from notices.parse import parse_page

CORPUS = Path(__file__).parent / "corpus"
PAGES = sorted(CORPUS.glob("*.txt"))
#: Pages whose expected periods the date grammar does not read yet (notices/dates.py).
KNOWN_DATE_GAPS = {
    "37-taichung-tender-traditional": "截止投標時間：2023年9月18日17時 reads as a day, not a deadline",
}


def _expected(page: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    return data


def _parse(page: Path, tz: ZoneInfo) -> PageResult:
    published = _expected(page)["published"]
    return parse_page(
        page.read_text(encoding="utf-8"),
        published=date.fromisoformat(published) if published else None,
        tz=tz,
    )


def test_corpus_is_large_and_varied() -> None:
    expectations = [_expected(p) for p in PAGES]
    notices = [n for e in expectations for n in e["notices"]]
    assert len(notices) >= 40
    categories = {n["category"] for n in notices}
    assert len(categories) >= 13
    assert sum(1 for e in expectations if e["skipped_news"]) >= 3


def _marked(page: Path) -> Any:
    gap = KNOWN_DATE_GAPS.get(page.stem)
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(page, id=page.stem, marks=marks)


@pytest.mark.parametrize("page", [_marked(p) for p in PAGES])
def test_page(page: Path, tz: ZoneInfo) -> None:
    expected = _expected(page)
    result = _parse(page, tz)
    got = [(n.category.value, n.title) for n in result.notices]
    assert len(result.notices) == len(expected["notices"]), got
    for notice, want in zip(result.notices, expected["notices"], strict=True):
        _check_notice(notice, want)
    news = [s for s in result.skipped if s.reason == "news report"]
    assert len(news) == expected["skipped_news"], result.skipped
    for notice in result.notices:
        assert "本报讯" not in notice.body


def _check_notice(notice: ParsedNotice, want: dict[str, Any]) -> None:
    label = f"{want['title']!r}"
    assert notice.category.value == want["category"], (label, notice.category)
    assert notice.title == want["title"], label
    assert notice.issuer == want["issuer"], label
    published = notice.published.isoformat() if notice.published else None
    assert published == want["published"], label
    periods = [p.to_json() for p in notice.periods]
    assert [(p["start"], p["end"], p["all_day"]) for p in periods] == [
        (w["start"], w["end"], w["all_day"]) for w in want["periods"]
    ], (label, periods)
    for got, w in zip(periods, want["periods"], strict=True):
        if "label" in w:
            assert got["label"] == w["label"], (label, got)
        if "note_contains" in w:
            assert w["note_contains"] in (got["note"] or ""), (label, got)
    for place in want["places"]:
        assert any(place in found for found in notice.places), (label, place, notice.places)
    for junk in want.get("no_places", []):
        assert not any(junk in found for found in notice.places), (label, junk, notice.places)
    for text in want.get("body_contains", []):
        assert text in notice.body, (label, text)
    for warning in want.get("warnings_contain", []):
        assert any(warning in w for w in notice.warnings), (label, notice.warnings)
    assert "\n\n" not in notice.body
