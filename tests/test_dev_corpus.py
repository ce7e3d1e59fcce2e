"""The parser on real notices: ``../shared/corpus/dev.json`` scored by the corpus's own scorer.

The corpus lives beside the project, not in it, so these tests skip in a clone of the
project alone. It is split by the parity of the number in each id (dev-001 odd,
dev-002 even): a rule that lifts one half and not the other fits sentences, not the
language. The floors sit a few points below what the parser scores today; raise them
as it improves.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
if not (CORPUS / "dev.json").exists() or not (CORPUS / "score_notices.py").exists():
    pytest.skip(f"{CORPUS} is absent (a clone of the project alone)", allow_module_level=True)

TZ = ZoneInfo("Asia/Shanghai")

#: Floors, in percent, for all notices and for each half: notices with every period right and
#: nothing extra, gold ranges found, predicted periods that are gold, first notice's category right.
EXACT_FLOOR = 90.0
RECALL_FLOOR = 92.0
PRECISION_FLOOR = 93.0
CATEGORY_FLOOR = 92.0
#: Recall and precision of the two halves may differ by at most this many points.
HALVES_APART = 7.0
#: A run of this many characters (spaces aside) shared with a dev text means the text was copied.
COPY_RUN = 30


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_notices", CORPUS / "score_notices.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Figures:
    notices: int
    exact: int
    gold: int
    predicted: int
    matched: int
    category: int

    @property
    def exact_rate(self) -> float:
        return 100 * self.exact / self.notices

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def category_rate(self) -> float:
        return 100 * self.category / self.notices

    def __str__(self) -> str:
        return (
            f"exact {self.exact}/{self.notices} ({self.exact_rate:.1f}%), "
            f"recall {self.recall:.1f}% and precision {self.precision:.1f}% "
            f"({self.matched} matched of {self.gold} gold, {self.predicted} predicted), "
            f"category {self.category_rate:.1f}%"
        )


def _figures(rows: list[dict[str, Any]]) -> Figures:
    return Figures(
        notices=len(rows),
        exact=sum(bool(r["exact"]) for r in rows),
        gold=sum(r["n_gold"] for r in rows),
        predicted=sum(r["n_pred"] for r in rows),
        matched=sum(r["n_matched"] for r in rows),
        category=sum(bool(r["category_ok"]) for r in rows),
    )


def _odd(item_id: str) -> bool:
    found = re.search(r"\d+", item_id)
    assert found is not None, f"no number in id {item_id!r}"
    return int(found.group()) % 2 == 1


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((CORPUS / "dev.json").read_text(encoding="utf-8"))
    return items


@pytest.fixture(scope="module")
def figures(gold: list[dict[str, Any]]) -> dict[str, Figures]:
    score_notice = _scorer().score_notice
    rows = []
    for item in gold:
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        result = parse_page(item["text"], published=published, tz=TZ)
        rows.append(score_notice(item, [notice.to_json() for notice in result.notices]))
    return {
        "all": _figures(rows),
        "odd": _figures([r for r in rows if _odd(r["id"])]),
        "even": _figures([r for r in rows if not _odd(r["id"])]),
    }


def test_halves_split_the_corpus(gold: list[dict[str, Any]], figures: dict[str, Figures]) -> None:
    assert figures["odd"].notices + figures["even"].notices == len(gold)
    assert abs(figures["odd"].notices - figures["even"].notices) <= 1


@pytest.mark.parametrize("part", ["all", "odd", "even"])
def test_dev_figures_stay_above_their_floors(figures: dict[str, Figures], part: str) -> None:
    got = figures[part]
    report = f"{part}: {got}"
    assert got.exact_rate >= EXACT_FLOOR, report
    assert got.recall >= RECALL_FLOOR, report
    assert got.precision >= PRECISION_FLOOR, report
    assert got.category_rate >= CATEGORY_FLOOR, report


def test_halves_score_alike(figures: dict[str, Figures]) -> None:
    odd, even = figures["odd"], figures["even"]
    report = f"odd: {odd}\neven: {even}"
    assert abs(odd.recall - even.recall) <= HALVES_APART, report
    assert abs(odd.precision - even.precision) <= HALVES_APART, report


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _dev_runs(gold: list[dict[str, Any]]) -> dict[str, str]:
    """Every COPY_RUN-character run of every dev text (spaces and line breaks dropped), with its id."""
    runs: dict[str, str] = {}
    for item in gold:
        text = _squeezed(item["text"])
        for at in range(len(text) - COPY_RUN + 1):
            runs.setdefault(text[at : at + COPY_RUN], item["id"])
    return runs


def _copies(runs: dict[str, str], texts: dict[str, str]) -> list[str]:
    copied = []
    for name, text in texts.items():
        squeezed = _squeezed(text)
        for at in range(len(squeezed) - COPY_RUN + 1):
            run = squeezed[at : at + COPY_RUN]
            if run in runs:
                copied.append(f"{name} holds {run!r} from {runs[run]}")
                break
    return copied


def _readable(name: str, text: str) -> str:
    """A file's text, and for JSON also its strings decoded (a copy may hide behind \\uXXXX escapes)."""
    if name.endswith(".json"):
        with contextlib.suppress(ValueError):
            text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _project_texts() -> dict[str, str]:
    """The project's own pages, corpus and test sources (expression tables hold notice text too)."""
    texts: dict[str, str] = {}
    for folder in (ROOT / "tests", ROOT / "notices", ROOT / "bench"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".txt", ".json", ".html", ".py"} and path.name != Path(__file__).name:
                name = str(path.relative_to(ROOT))
                texts[name] = _readable(name, path.read_text(encoding="utf-8", errors="replace"))
    return texts


def test_no_dev_text_is_copied_into_the_project(gold: list[dict[str, Any]]) -> None:
    texts = _project_texts()
    assert any(name.startswith("tests/corpus/") for name in texts)
    assert any(name.startswith("notices/examples/") for name in texts)
    copied = _copies(_dev_runs(gold), texts)
    assert not copied, "\n".join(copied)


def test_the_copy_check_catches_rewrapped_and_escaped_copies(gold: list[dict[str, Any]]) -> None:
    item = gold[0]
    piece = item["text"][:60]
    rewrapped = "停电通知\n" + piece[:15] + "\n  " + piece[15:40] + " " + piece[40:]
    escaped = json.dumps({"text": piece})  # ASCII only: \uXXXX escapes
    runs = _dev_runs(gold)
    for name, text in (("page.txt", rewrapped), ("case.json", _readable("case.json", escaped))):
        copied = _copies(runs, {name: text})
        assert len(copied) == 1, (name, copied)
        assert copied[0].startswith(f"{name} holds ")
        assert item["id"] in copied[0]
    assert not _copies(runs, {"case.txt": escaped, "short.txt": piece[: COPY_RUN - 1]})
