"""Reading place names out of one clause: where a name before a suffix begins, whether it is one,
and sections written with connectors (人民路至新华路段)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from notices.places.generic import (
    _GENERIC,
    _GENERIC_NAMES,
    _GENERIC_TAILS,
    _MAX_NAME,
    _NAMED_TAILS,
    _NEVER_FIRST,
    _NOT_BEFORE_DAO,
    _NOT_NAME_TAILS,
    _ROAD_CLASSES,
    _ROAD_COMPOUNDS,
    _ROADS,
)
from notices.places.vocabulary import (
    _CONNECTORS,
    _DIGITS_OR_CLOCK,
    _LONG_STOPWORD,
    _STOP_AT_END,
    _STOP_REVERSED,
    _SUFFIX_KIND,
    _SUFFIX_RE,
)

#: Patterns compiled once: these run for every place a page names.
_HOUSE_NUMBER = re.compile(r"[0-9一二三四五六七八九十-]{1,6}")
_DIGIT_THEN_OTHER = re.compile(r"[0-9][^0-9]")


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    kind: str
    joined_by: str | None = None


def _name_start(
    clause: str, lo: int, hi: int, min_len: int, *, admin: bool = False, listed: bool = False
) -> int | None:
    """Where the name before a suffix at ``hi`` begins, not before ``lo``; None if no name.

    listed: the clause is an item of a 、-list, so its first character begins a name
    (、和平东路 / 、经纬二道街), whatever word it could also be.
    """
    name = clause[lo:hi]
    if (
        not name
        or _STOP_AT_END.search(name)
        or (len(name) >= 3 and _STOP_AT_END.search(name, 0, len(name) - 1))
    ):
        return None  # 招聘社区工作者, 公安局岱道: a verb right before the suffix, or one character after it
    best: int | None = None
    # The latest stopword that still leaves two characters: the first match in the
    # reversed name (short of its last two) is the one ending last.
    m = _STOP_REVERSED.search(name[: max(len(name) - 2, 0)][::-1])
    if m is not None:
        best = hi - 2 - m.start()
        if len(m.group()) == 1 and _STOP_AT_END.search(clause, lo, best - 1) is not None:
            best -= 1  # 绕行和平东路: after a verb, 和 begins the name and joins nothing
        if listed and lo == 0 and best - len(m.group()) == 0 and len(m.group()) == 1:
            best = None
    if best is None:
        best = lo
    elif 0 < best < hi - 2 and clause[best - 1 : best + 1] in _GENERIC:
        best += 1  # 本市信义路: 市 closes 本市, the name starts after it
    if not admin:
        cut = _after_last_number(clause, best, hi)
        if hi - cut >= 2:
            best = cut  # "8:00-12:00二七区大学路" joined from a PDF line: the time is no name
    if hi - best > _MAX_NAME and admin:
        best = hi - 2  # most city and district names have two characters: 坐落高雄市
    if hi - best > _MAX_NAME or hi - best < min_len:
        return None
    return best


def _after_last_number(clause: str, lo: int, hi: int) -> int:
    """Where the last number or clock time in ``clause[lo:hi]`` ends (``lo`` if there is none)."""
    end = lo
    for m in _DIGITS_OR_CLOCK.finditer(clause, lo, hi):
        end = m.end()
    return end


def _valid(clause: str, start: int, end: int, kind: str, suffix: str) -> bool:
    text = clause[start:end]
    name = text[: len(text) - len(suffix)]
    if (
        text in _GENERIC
        or (len(suffix) == 1 and text[-2:] in _GENERIC and text[-2:] not in _NAMED_TAILS)
        or text.endswith(_GENERIC_TAILS)
    ):
        return False
    if kind == "number":
        return _HOUSE_NUMBER.fullmatch(name) is not None
    if len(suffix) == 1 and len(name) < 2:
        return False  # 封路, 修路, 让路: a verb and its object, not a name
    if (
        name[:1] in _NEVER_FIRST
        or any(c in "的各该此其是对把给了" for c in name)
        or any(c in "为到在个这" for c in name[1:])  # 为民路, but not 结果为桥 / 停到镇
        or name in _GENERIC_NAMES
        or name in _ROAD_CLASSES
        or name.endswith(_NOT_NAME_TAILS)
        or (suffix == "道" and name[-1] in _NOT_BEFORE_DAO)
    ):
        return False
    return bool(name) and not name.isdigit() and _DIGIT_THEN_OTHER.search(name) is None


@functools.lru_cache(maxsize=4096)
def _clause_places(clause: str, listed: bool = False) -> tuple[tuple[int, int], ...]:
    """Where each place in ``clause`` is named. Cached: a notice listing days or villages line by
    line says the same clause (和平路停电) again and again, and the answer depends on it alone."""
    chains: list[list[_Unit]] = []
    chain: list[_Unit] = []
    pos = 0
    matches = list(_SUFFIX_RE.finditer(clause))
    for index, m in enumerate(matches):
        suffix = m.group(0)
        kind = _SUFFIX_KIND[suffix]
        s, e = m.start(), m.end()
        if s < pos:
            continue
        gap = clause[pos:s]
        if chain and kind == "section" and not gap:
            chain.append(_Unit(s, e, kind))
            pos = e
            continue
        tail = None
        if suffix == "路段" and gap:
            # "新华路段": the road 新华路 and the section mark 段
            e, kind, tail = s + 1, "place", _Unit(s + 1, s + 2, "section")
        elif kind == "section":
            continue
        if chain and not gap and kind == "number":
            continue  # a number needs digits before it: "3257号"
        if suffix in _ROADS and clause[e : e + 1] in _ROAD_COMPOUNDS:
            continue  # 路灯, 路面, 街景: a thing of the road, not its name
        following = matches[index + 1] if index + 1 < len(matches) else None
        if (
            len(suffix) == 1
            and following is not None
            and following.start() == e
            and following.group(0) in _ROADS
        ):
            continue  # 福镇大路, 新村路: the road takes this unit as its name
        connector = next((c for c in _CONNECTORS if gap.startswith(c)), None) if chain else None
        start, lo = _unit_start(clause, chain, pos, s, e, kind, suffix, connector, listed)
        if start is None and connector is not None:
            # "和平路": 和 begins the name, it joins nothing
            connector = None
            start, lo = _unit_start(clause, chain, pos, s, e, kind, suffix, None, listed)
        if start is None:
            continue  # "福镇大路": 镇 is no unit of its own here, 大路 will take the name
        contiguous = bool(chain) and (start == pos or (connector is not None and start == lo))
        if not contiguous and chain:
            chains.append(chain)
            chain = []
        chain.append(_Unit(start, e, kind, connector if contiguous else None))
        pos = e
        if tail is not None:
            chain.append(tail)
            pos = tail.end
    if chain:
        chains.append(chain)
    out: list[tuple[int, int]] = []
    for units in chains:
        while units and units[-1].kind == "admin":
            units.pop()
        if any(u.kind in ("place",) for u in units):
            out.append((units[0].start, units[-1].end))
    return tuple(out)


def _unit_start(
    clause: str,
    chain: list[_Unit],
    pos: int,
    s: int,
    e: int,
    kind: str,
    suffix: str,
    connector: str | None,
    listed: bool = False,
) -> tuple[int | None, int]:
    """Where a unit ending at ``e`` starts (None when it has no valid name), and its lower bound."""
    lo = pos + (len(connector) if connector else 0)
    if chain and lo == s:
        return None, lo  # "路段" read as 路 + 段: no name of its own
    gap = clause[pos:s]
    start: int | None
    if chain and not connector and gap and _contiguous_name(gap):
        start = pos
    else:
        start = _name_start(clause, lo, s, 1, admin=kind == "admin", listed=listed)
    if start is None or not _valid(clause, start, e, kind, clause[s:e]):
        return None, lo
    return start, lo


def _contiguous_name(gap: str) -> bool:
    """A short name right after a place continues it: "寿山镇" + "忠诚" + 村."""
    # 及 / 或 ends a list (湖口村及中势村 is two villages) where 和 may begin a name (和平村); 等, 而
    # end a phrase (新华路等路段, 而胜利桥)
    return 1 <= len(gap) <= 6 and _LONG_STOPWORD.search(gap) is None and gap[0] not in "的对在从及或等而"
