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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.model import PageResult, ParsedNotice
from notices.parse import parse_page

CORPUS = Path(__file__).parent / "corpus"
PAGES = sorted(CORPUS.glob("*.txt"))
#: Pages whose expected periods the date grammar does not read yet (notices/dates/).
KNOWN_DATE_GAPS: dict[str, str] = {}


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
        # a report is a notice only when it announces a dated plan
        assert "本报讯" not in notice.body or notice.periods


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
        if "daily" in w:
            window = got["daily"] and f"{got['daily']['start']}-{got['daily']['end']}"
            assert window == w["daily"], (label, got)
    for place in want["places"]:
        assert any(place in found for found in notice.places), (label, place, notice.places)
    if "detours" in want:
        assert notice.detours == want["detours"], (label, notice.detours)
    for junk in want.get("no_places", []):
        assert not any(junk in found for found in notice.places), (label, junk, notice.places)
    for text in want.get("body_contains", []):
        assert text in notice.body, (label, text)
    for warning in want.get("warnings_contain", []):
        assert any(warning in w for w in notice.warnings), (label, notice.warnings)
    assert "\n\n" not in notice.body


# ---------------------------------------------------------------- any input at all

PUBLISHED = date(2023, 6, 1)
TZ = ZoneInfo("Asia/Shanghai")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_parse_page_never_raises(text: str) -> None:
    result = parse_page(text, published=PUBLISHED, tz=TZ)
    for notice in result.notices:
        for period in notice.periods:
            if period.start is not None and period.end is not None:
                assert period.start <= period.end  # type: ignore[operator]


_PIECES = st.sampled_from(
    [
        "停电通知",
        "出 租",
        "封 路 公 告",
        "特此公告",
        "本报讯（记者 王某）",
        "摄摄",
        "2023年6月1日",
        "二〇二三年六月一日",
        "国网某某供电公司",
        "定于6月3日8:00-17:00",
        "至",
        "路段",
        "人民大街",
        "。",
        "，",
        "\n",
        "\n\n",
        " ",
        "（",
        "）",
        "：",
        "1.",
        "一、",
        "<script>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_parse_page_never_raises_on_notice_like_fragments(text: str) -> None:
    parse_page(text, published=PUBLISHED, tz=TZ)
    parse_page(text, published=None, tz=TZ)


def test_empty_and_blank_pages_yield_nothing() -> None:
    for text in ("", "   \n\n\t", "\x00\x01"):
        result = parse_page(text, published=PUBLISHED, tz=TZ)
        assert result.notices == []


def test_hostile_html_stays_text() -> None:
    page = (
        "停电通知\n<script>alert(1)</script>因检修，定于2023年6月3日8:00-17:00对<b>人民大街</b>停电。"
        "\n某某供电公司\n2023年6月1日"
    )
    (notice,) = parse_page(page, published=PUBLISHED, tz=TZ).notices
    assert "<script>alert(1)</script>" in notice.body
    assert notice.category.value == "power_outage"


def test_missing_title_issuer_and_date_are_warned_about() -> None:
    page = "因线路检修，定于6月3日8:00-17:00对人民大街沿线停电，请用户做好准备。特此公告。"
    (notice,) = parse_page(page, published=None, tz=TZ).notices
    assert notice.category.value == "power_outage"
    assert notice.title.startswith("停电：")
    assert notice.published is None
    warnings = " | ".join(notice.warnings)
    assert "no title" in warnings
    assert "no issuer" in warnings
    assert "no publication date" in warnings


def test_published_argument_fills_in_for_an_unsigned_notice() -> None:
    page = "停水通知\n定于6月3日8时至18时对人民大街停水。特此通知。"
    (notice,) = parse_page(page, published=PUBLISHED, tz=TZ).notices
    assert notice.published == PUBLISHED
    assert [p.to_json()["start"] for p in notice.periods] == ["2023-06-03T08:00:00+08:00"]


def test_disruption_without_a_period_is_warned_about() -> None:
    page = "停电通知\n因线路检修，近期将对人民大街沿线停电，具体时间另行通知。\n某某供电公司\n2023年6月1日"
    (notice,) = parse_page(page, published=PUBLISHED, tz=TZ).notices
    assert notice.periods == []
    assert any("no period" in w for w in notice.warnings)


def test_dates_before_publication_are_history_not_periods() -> None:
    page = (
        "招聘公告\n经2023年4月20日党委会研究决定，面向社会招聘工作人员5名。"
        "报名时间：2023年6月5日至6月9日。\n某某有限公司\n2023年6月1日"
    )
    (notice,) = parse_page(page, published=PUBLISHED, tz=TZ).notices
    assert [(p.start, p.end) for p in notice.periods] == [(date(2023, 6, 5), date(2023, 6, 9))]


def test_a_large_page_parses_in_linear_time() -> None:
    unit = (CORPUS / "36-jilin-city-mixed-four.txt").read_text(encoding="utf-8")
    small = parse_page(unit * 20, published=PUBLISHED, tz=TZ)
    large = parse_page(unit * 200, published=PUBLISHED, tz=TZ)
    assert len(large.notices) == 10 * len(small.notices) == 800


def test_one_enormous_line_does_not_hang() -> None:
    text = "人民大街" * 20000 + "停电" * 20000 + "2023年6月1日" * 2000
    parse_page(text, published=PUBLISHED, tz=TZ)


# ---------------------------------------------------------------- the README's example pages

EXAMPLES = Path(__file__).resolve().parents[1] / "notices" / "examples"


@pytest.mark.parametrize(
    ("name", "published", "expected"),
    [
        ("county-daily-2023-06-01.txt", date(2023, 6, 1), ["road_closure", "power_outage", "recruitment"]),
        ("city-daily-2023-06-15.txt", date(2023, 6, 15), ["tender", "public_disclosure", "rental"]),
        ("taipei-2023-08-10.txt", date(2023, 8, 10), ["water_outage", "road_closure"]),
    ],
)
def test_example_pages(name: str, published: date, expected: list[str]) -> None:
    result = parse_page((EXAMPLES / name).read_text(encoding="utf-8"), published=published, tz=TZ)
    assert [n.category.value for n in result.notices] == expected
    assert [s.reason for s in result.skipped] == ["news report"]
    for notice in result.notices:
        assert notice.issuer
        assert notice.published == published
        assert notice.warnings == [], (notice.title, notice.warnings)
        assert " " not in notice.title
        if notice.category.value != "public_disclosure":
            assert notice.places, notice.title
        assert all("路灯" not in place for place in notice.places)
    periods = {n.category.value: len(n.periods) for n in result.notices}
    if "power_outage" in periods:
        assert periods["power_outage"] == 2
        assert periods["road_closure"] == 1


def test_a_photo_caption_beside_a_notice_is_not_its_text() -> None:
    page = (
        "工人在检修线路工人在检修线路。。 本报记者本报记者 李军李军 摄摄\n\n"
        "因电网改造，定于2023年6月8日8时至17时\n对光明村、红星村停电，请用户做好准备。\n"
        "某某供电公司\n2023年6月1日\n\n停电通知\n"
    )
    (notice,) = parse_page(page, published=PUBLISHED, tz=TZ).notices
    assert notice.body.startswith("因电网改造")
    assert "摄" not in notice.body


def test_an_undated_report_of_a_month_alone_is_no_notice() -> None:
    """With no reference date a plan is still read, but by the same evidence as dated ones: a month
    alone (明年3月) is no day to plan around, a day with its hours is."""
    vague = "本報訊 市政府12日舉行記者會，宣布市民音樂節將於明年3月舉辦。"
    dated = "本報訊 記者從供電公司獲悉，下週二（14日）8時至17時，青松路一帶將停電。"
    assert parse_page(vague, published=None, tz=TZ).notices == []
    (notice,) = parse_page(dated, published=None, tz=TZ).notices
    assert notice.category.value == "power_outage"
