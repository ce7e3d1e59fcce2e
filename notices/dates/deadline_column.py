"""A table whose column is headed as a deadline: each row's day in it is that row's deadline.

``路段 | 申请截止日 | ⏎ 甲街 | 2025年8月27日 | ⏎ 乙街 | 2025年9月1日 |``: read alone each cell is
a day; under its heading it is the last day to apply (start open). A column headed as already
past (``截止日 (已截止)``) lists deadlines gone by: its days are no plan.
"""

from __future__ import annotations

import re
from dataclasses import replace

from notices.model import Period

#: A heading cell naming a deadline.
_DEADLINE_HEAD = re.compile(r"截止日|截止时间|截标日期|(?i:closing\s+date|deadline)")
#: A heading cell saying its deadlines have passed (己 is a common slip for 已).
_PASSED = re.compile(r"[已己]截止|已过|(?i:\bclosed\b|expired)")
_LINE = re.compile(r"[^\n]+")


def column_deadlines(periods: list[Period], norm: str) -> list[Period]:
    """Days in a deadline column read as deadlines; those in a column of past deadlines dropped."""
    if "|" not in norm or not periods or _DEADLINE_HEAD.search(norm) is None:
        return periods
    cells = _deadline_cells(norm)
    if not cells:
        return periods
    out: list[Period] = []
    for p in periods:
        cell = _cell_of(p, cells)
        if cell is None or not _one_day(p):
            out.append(p)
        elif not cell[2]:
            out.append(replace(p, start=None))
    return out


def _one_day(p: Period) -> bool:
    return p.all_day and p.end is not None and (p.start is None or p.start == p.end)


def _cell_of(p: Period, cells: list[tuple[int, int, bool]]) -> tuple[int, int, bool] | None:
    if p.span is None:
        return None
    for cell in cells:
        if cell[0] <= p.span[0] and p.span[1] <= cell[1]:
            return cell
    return None


def _deadline_cells(norm: str) -> list[tuple[int, int, bool]]:
    """Each row's cell under a deadline heading: (start, end, whether its heading says passed)."""
    cells: list[tuple[int, int, bool]] = []
    column: int | None = None
    passed = False
    for m in _LINE.finditer(norm):
        line = m.group()
        if "|" not in line:
            column = None  # the table ended
            continue
        parts = line.split("|")
        heading = next((n for n, part in enumerate(parts) if _DEADLINE_HEAD.search(part)), None)
        if heading is not None:
            column, passed = heading, _PASSED.search(parts[heading]) is not None
            continue
        if column is None or column >= len(parts):
            continue
        start = m.start() + sum(len(part) + 1 for part in parts[:column])
        cells.append((start, start + len(parts[column]), passed))
    return cells
