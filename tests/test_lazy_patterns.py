"""The question grammar's patterns are compiled on first use and skipped on a text that cannot hold a
match: each pattern's ``needs`` must hold for every match, or a question would lose what it says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

import pytest

import notices.question.base
import notices.question.intents
import notices.question.keyword
import notices.question.subjects
import notices.question.when
import notices.render
from notices.lazy import LazyPattern, has_cjk, has_latin

ROOT = Path(__file__).resolve().parents[1]
MODULES: tuple[ModuleType, ...] = (
    notices.question.base,
    notices.question.intents,
    notices.question.keyword,
    notices.question.subjects,
    notices.question.when,
    notices.render,
)


def _found(value: object) -> Iterator[LazyPattern]:
    if isinstance(value, LazyPattern):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _found(item)


def lazy_patterns() -> list[tuple[str, LazyPattern]]:
    found = []
    for module in MODULES:
        for name, value in vars(module).items():
            found += [(f"{module.__name__}.{name}", p) for p in _found(value)]
    return found


def _covered(items: Any, holds: Callable[[str], bool]) -> bool:
    """Whether every match of the parsed sequence ``items`` holds a character ``holds`` accepts."""
    return any(_item_covered(op, av, holds) for op, av in items)


def _item_covered(op: Any, av: Any, holds: Callable[[str], bool]) -> bool:
    if op is sre.LITERAL:
        return holds(chr(av))
    if op is sre.IN:  # every character of the class, or no promise (negated, \d, \w…)
        chars: list[int] = []
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.append(value)
            elif kind is sre.RANGE:
                chars += range(value[0], value[1] + 1)
            else:
                return False
        return all(holds(chr(c)) for c in chars)
    if op is sre.SUBPATTERN:
        return _covered(av[-1], holds)
    if op is sre.BRANCH:
        return all(_covered(branch, holds) for branch in av[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, item = av
        return low >= 1 and _covered(item, holds)
    return False  # lookarounds and anchors consume nothing; ANY, categories promise nothing


LAZY = lazy_patterns()


def test_the_question_modules_have_lazy_patterns() -> None:
    names = {name for name, _ in LAZY}
    assert len(LAZY) > 60
    assert {
        "notices.question.when._ZH_RULES",
        "notices.question.when._EN_RULES",
        "notices.question.subjects._EN_CATEGORY_RE",
        "notices.question.keyword._ZH_STOP",
    } <= names


@pytest.mark.parametrize(("name", "pattern"), LAZY, ids=[f"{n}:{p.source[:30]}" for n, p in LAZY])
def test_every_match_holds_what_its_pattern_needs(name: str, pattern: LazyPattern) -> None:
    assert pattern.compiled.flags == 32  # re.UNICODE alone: no IGNORECASE a gate would miss
    if pattern.needs == "":
        return
    # A gate is "one of these characters is in the text", so it is checked on each character alone.
    assert _covered(_parser.parse(pattern.source), pattern.possible), name


def test_gates_read_the_whole_text() -> None:
    assert has_cjk("road 封闭")
    assert not has_cjk("road closed ２０")
    assert has_latin("封闭 road")
    assert not has_latin("封闭 2022/5/20")
    assert LazyPattern("a", "a").search("ba") is not None
    assert LazyPattern("月", "月").sub("", "5月") == "5"
    assert list(LazyPattern("x", "x").finditer("abc")) == []


def test_a_question_in_chinese_compiles_no_english_pattern() -> None:
    script = (
        "import json\n"
        "from datetime import datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "from notices.question import parse_question\n"
        "from tests.test_lazy_patterns import lazy_patterns\n"
        "tz = ZoneInfo('Asia/Shanghai')\n"
        "parse_question('哪些路封闭', now=datetime(2022, 5, 20, tzinfo=tz), tz=tz)\n"
        "print(json.dumps([n for n, p in lazy_patterns() if p._compiled is not None]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    compiled = json.loads(out)
    assert "notices.question.when._EN_RULES" not in compiled
    assert "notices.question.when._ZH_RULES" not in compiled  # no 月, 周, 今… in the question
    assert "notices.question.subjects._EN_CATEGORY_RE" not in compiled
    assert "notices.question.intents._SOON" not in compiled  # no 截 or 期 either
    assert "notices.question.subjects._ZH_CATEGORY_RE" in compiled
