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


def header_deadlines(periods: list[Period], norm: str) -> list[Period]:
    """A table flattened without bars, a header line over one row of values (``招标编号 项目
    截标日期/时间`` ⏎ ``HY/2018/11 某某工程 二〇一九年三月一日中午十二时正``): the day or moment that
    ends the row sits under the heading that ends the header, a deadline."""
    if not periods or _DEADLINE_HEAD.search(norm) is None:
        return periods
    out: list[Period] = []
    for p in periods:
        if (
            p.span is not None
            and p.start is not None
            and p.start == p.end
            and _under_deadline_head(norm, p.span)
        ):
            p = replace(p, start=None)
        out.append(p)
    return out


#: A header line that ends with a deadline's heading (截标日期/时间, Closing Date).
_HEAD_ENDS_LINE = re.compile(
    r"(?:" + _DEADLINE_HEAD.pattern + r")[^\S\n]*(?:/[^\S\n]*(?:时间|日期|time))?[^\S\n]*$"
)
#: What may follow the value that ends its row.
_ROW_END = re.compile(r"[^\S\n]*[正整]?[^\S\n]*[。.]?[^\S\n]*(?:\n|$)")


def _under_deadline_head(norm: str, span: tuple[int, int]) -> bool:
    begin, end = span
    if _ROW_END.match(norm, end) is None:
        return False
    row_start = norm.rfind("\n", 0, begin) + 1
    if row_start == 0:
        return False
    head_start = norm.rfind("\n", 0, row_start - 1) + 1
    return _HEAD_ENDS_LINE.search(norm, head_start, row_start - 1) is not None


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
