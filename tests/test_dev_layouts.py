"""Real notices laid out as other pages would give them read the same.

A notice's periods should not hang on how its page was laid out: the same text cut into a PDF's
narrow column (lines broken wherever the width falls, numbers split across lines), run together
into one line as some pages store it, or typed with half-width punctuation (, . : ; ( )). Each
real notice of ``../shared/corpus/dev.json`` is read as given and in each of those layouts, and
nearly all must give the same periods. The corpus lives beside the project, so this skips in a
clone of the project alone.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notices.parse import parse_page

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.json"
if not CORPUS.exists():
    pytest.skip(f"{CORPUS} is absent (a clone of the project alone)", allow_module_level=True)

TZ = ZoneInfo("Asia/Shanghai")
READ_ON = date(2026, 12, 7)
WIDTH = 17  # characters a narrow newspaper column holds
_ENDS = tuple("。！？!?：:;；）)")
_HALF_WIDTH = str.maketrans("，。：；（）！？", ",.:;()!?")


def _narrow_column(text: str) -> str:
    """Each paragraph cut every ``WIDTH`` characters (English at word ends, as PDFs do); a long
    line that stops mid-sentence is taken to go on in the next, as a page's own wrapping does."""
    paragraphs: list[str] = []
    current = ""
    for line in text.split("\n"):
        current += line.strip()
        if not current or current.endswith(_ENDS) or len(line.strip()) < 20:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    out: list[str] = []
    for para in paragraphs:
        if sum(ch.isascii() for ch in para) > 0.7 * max(len(para), 1):
            out.extend(textwrap.wrap(para, 40) or [""])
            continue
        out.extend(para[i : i + WIDTH] for i in range(0, max(len(para), 1), WIDTH))
    return "\n".join(out)


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def _periods(text: str, published: date | None) -> list[tuple[str, str]]:
    page = parse_page(text, published=published, tz=TZ, read_on=READ_ON)
    return sorted((str(p.start), str(p.end)) for n in page.notices for p in n.periods)


@pytest.mark.parametrize(
    ("layout", "floor"),
    [(_narrow_column, 0.95), (_half_width, 0.95), (_one_line, 0.85)],
    ids=["narrow column", "half-width punctuation", "one line"],
)
def test_a_notice_reads_the_same_in_another_layout(layout: Callable[[str], str], floor: float) -> None:
    notices = json.loads(CORPUS.read_text(encoding="utf-8"))
    changed = []
    for item in notices:
        published = date.fromisoformat(item["published"]) if item["published"] else None
        if _periods(item["text"], published) != _periods(layout(item["text"]), published):
            changed.append(item["id"])
    same = 1 - len(changed) / len(notices)
    assert same >= floor, f"{same:.1%} read the same; changed: {' '.join(changed)}"
