"""What each place a notice names is to its reader: affected (closed, cut off) or a detour, and which
period it belongs to.

A notice about a closure names the roads it closes and the roads to take instead, often in one
sentence (新华路封闭，请绕行胜利路). Readers and reminders must not hear that the detour is closed,
so every mention is read by the words around it in its clause:

- after a routing word (绕行, 绕道, 改走, 借道, 分流至, 替代道路：, 可由…, use, via, diverted to, …)
  to the end of its clause, it is a detour; so is a list of places between a preposition and a
  routing verb (经新华路、胜利路绕行, 由…前往) or before a word naming a detour (…为绕行道路,
  … as a detour);
- in a clause that says it is closed (封闭, 停电, closed, …) and outside any routing word's reach, it
  is affected.

A name is a detour when some mention routes traffic over it and none says it is closed. Of a notice
with several periods that name different places (停电: 甲村 on June 3, 乙村 on June 6), each period
keeps the places written after its dates and before the next period's, or opening the line of its
dates (甲村：6月3日8:00-17:00). One pass over the text: linear in its size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from notices.first_chars import gated
from notices.model import ParsedNotice, Period
from notices.normalize import normalize
from notices.places import holders, place_spans, unique_places

#: Ends of a clause; the dot of a Malay short form (Kg. Baru, Jln. Kenari) ends none. (The dot is
#: matched before the short forms are looked behind for: the engine then skips every other character
#: at the first test, as it does for the marks, instead of running four lookbehinds at each.)
_CLAUSE = re.compile(r"[。;；!！?？\n,，]|\.(?<!\bKg\.)(?<!\bJln\.)(?<!\bLrg\.)(?<!\bTmn\.)(?=\s|$)")

#: Words after which a place is a road to take instead (traditional script is folded first).
_ROUTE_BEFORE = re.compile(
    gated(
        r"绕行|绕道|改走|改经|改由|改道|改行|借道|分流|替代(?:道路|路线|线路|通道)|改乘|转乘|"
        r"(?:可|请|须|需|应)(?:经由|经|由|走|沿|从|取道)|经由|取道|"
        r"\b(?:[Uu]se(?! of)|[Uu]sing|via|[Dd]etour (?:via|along|through|by)|"
        r"(?:diverted|divert|re-?routed|redirected) (?:to|via|onto|along|through)|"
        r"[Aa]lternative routes?(?: is| are| include| includes|:)?)(?![A-Za-z])"
    )
)
#: Words between a routing word and a place that make the place the one to keep away from.
_AVOID = re.compile(r"避开|绕开|绕过|避让|远离|[Aa]void|封闭|施工|禁止|禁行|closed|closure")
#: A preposition that, with a routing verb after the places, makes them a detour (经新华路绕行).
_PREPOSITION = re.compile(r"(?<![途行驶])(?:经|由|从|走|沿)$")
_ROUTING_VERB = re.compile(r"^[^,，:：]{0,4}?(?:绕行|绕道|通行|前往|分流|行驶|出行)")
#: A word after the places that names them a detour (新华路为绕行道路, Harbour Road as a detour).
_NAMED_DETOUR = re.compile(
    r"^\s*(?:将|可)?(?:(?:作为|为|是)[^,，。;；:：]{0,10}?)?(?:临时)?(?:绕行|替代|分流|备用|迂回)"
    r"(?:道路|路线|线路|通道|路径)|"
    r"^,?\s*(?:(?:is|are|will be|will serve|serves|will act|acts|(?:is|are|will be) used)\s+)?as\s+"
    r"(?:a|an|the)\s+(?:temporary\s+)?(?:detour|diversion|alternative)|"
    r"^,?\s*(?:is|are|will be)\s+(?:the|a|an)\s+(?:temporary\s+)?(?:detour|diversion|alternative)"
)
#: Words right after a routed place that say it is closed after all (请绕行新华路封闭路段).
_CLOSED_AFTER = re.compile(
    r"^\s*(?:路?段|[全半]幅|将|已)?(?:封闭|施工|断交|禁行|管制|维修|停电|停水)|"
    r"^\s*(?:will be |is |are |to be |has been |have been )?(?:closed|suspended|blocked|shut)"
)
#: Words saying what the notice affects.
_AFFECTED = re.compile(
    gated(
        r"封闭|封路|断交|断路|禁行|禁止|管制|施工|停电|停水|停气|停止|暂停|中断|关闭|占道|限行|维修|检修|"
        r"抢修|改造|停运|停业|\b(?:[Cc]losed?|[Cc]losures?|[Ss]uspended|[Bb]locked|[Bb]anned|[Pp]rohibited|"
        r"[Ww]orks|[Ss]hut|[Oo]utages?|[Ii]nterrupted)\b"
    )
)
#: What may join places into one list: 、 and, or …
_JOIN = re.compile(r"^\s*(?:、|,(?=\s)|和|及|与|或|以及|and|or|,\s*and|,\s*or)?\s*$")
#: What stands between places and the dates they head (甲村：6月3日, 甲村（6月3日）).
_HEADS = re.compile(r"^\s*[:：(（]\s*$")
#: What may stand before a place that opens its clause: spaces, bullets, numbers, other places' joins.
_OPENER = re.compile(r"^[\s\-—·•*0-9０-９.、()（）]*$")

AFFECTED = "affected"
DETOUR = "detour"


#: A match's bounds read in C over a page's matches (map), not by a Python loop.
_START, _END = re.Match.start, re.Match.end


@dataclass(frozen=True, slots=True)
class PlaceRoles:
    """The places a notice affects, its detours, and its periods with their own places."""

    places: list[str]
    detours: list[str]
    periods: list[Period]


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    name: str
    role: str | None = None  # AFFECTED when a clause says so, DETOUR when routed over, else None


def with_place_roles(notice: ParsedNotice, *, title: str, body: str) -> ParsedNotice:
    """``notice`` with places, detours and each period's places read from its title and body
    (``body`` is the text its periods' spans point into)."""
    roles = read_roles(title, body, notice.periods)
    notice.places = roles.places
    notice.detours = roles.detours
    notice.periods = roles.periods
    return notice


def read_roles(title: str, body: str, periods: list[Period]) -> PlaceRoles:
    """Places and detours of a notice with this title and body, and ``periods`` with their places."""
    text = f"{title}\n{body}"
    shift = len(title) + 1
    # (the map is character by character, so this is normalize(text); the body's own is kept
    # from dating it)
    norm = f"{normalize(title)}\n{normalize(body)}"
    mentions = _mentions(text, norm)
    detour_names = _detour_names(mentions)
    places = unique_places([m.name for m in mentions if m.name not in detour_names])
    detours = unique_places([m.name for m in mentions if m.name in detour_names])
    # (which place holds each piece of a name is asked only with detours or periods to place)
    held = holders(places) if detours else None
    if held is not None:
        detours = [d for d in detours if d not in held]
    affected = [m for m in mentions if m.name not in detour_names and m.start >= shift]
    own = _period_places(text, shift, affected, held, places, periods)
    return PlaceRoles(places, detours, own)


def _mentions(text: str, norm: str) -> list[_Mention]:
    mentions = [_Mention(s, e, text[s:e]) for s, e in sorted(place_spans(text, norm))]
    routes = list(map(_END, _ROUTE_BEFORE.finditer(norm)))
    clause_ends = list(map(_START, _CLAUSE.finditer(norm)))
    runs = _runs(text, mentions)
    for run in runs:
        first, last = run[0], run[-1]
        clause_start, clause_end = _around(clause_ends, first.start, len(norm))
        before = norm[clause_start : first.start]
        after = norm[last.end : clause_end]
        cue = bisect_right(routes, first.start) - 1
        routed = (
            (
                cue >= 0
                and routes[cue] > clause_start
                and _AVOID.search(norm, routes[cue], first.start) is None
            )
            or (_PREPOSITION.search(before) is not None and _ROUTING_VERB.match(after) is not None)
            or _NAMED_DETOUR.match(after) is not None
        )
        if routed and _CLOSED_AFTER.match(after) is None:
            role: str | None = DETOUR
        elif _AFFECTED.search(norm, clause_start, clause_end) is not None:
            role = AFFECTED
        else:
            role = None
        for m in run:
            m.role = role
    return mentions


def _runs(text: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions joined into lists (新华路、胜利路和建设路; Harbour Road, Queen's Road and …); read on
    the text as written, where a clause's comma (，) is no list's."""
    runs: list[list[_Mention]] = []
    for m in mentions:
        if runs and (m.start < runs[-1][-1].end or _JOIN.match(text[runs[-1][-1].end : m.start]) is not None):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _around(ends: list[int], at: int, size: int) -> tuple[int, int]:
    """The clause (start, end) holding ``at``, given the sorted positions of clause breaks."""
    index = bisect_right(ends, at)
    start = ends[index - 1] + 1 if index > 0 else 0
    end = ends[index] if index < len(ends) else size
    return start, end


def _detour_names(mentions: list[_Mention]) -> set[str]:
    """Names some mention routes traffic over and none says are closed."""
    routed = {m.name for m in mentions if m.role == DETOUR}
    closed = {m.name for m in mentions if m.role == AFFECTED}
    return routed - closed


def _period_places(
    text: str,
    shift: int,
    mentions: list[_Mention],
    held: dict[str, str] | None,
    places: list[str],
    periods: list[Period],
) -> list[Period]:
    """``periods`` with their own places when they name different ones; unchanged otherwise.
    ``held`` is ``holders(places)``, or None when not built yet (most notices need none).

    A list of places goes with the period whose dates it heads (甲村、乙村：6月3日…), else with the
    period earlier in its clause (6月3日…停电范围：甲村), else with the dates it opens a line or
    clause before (甲村 6月3日…), else with the last period before it."""
    spans = sorted((p.span[0] + shift, index) for index, p in enumerate(periods) if p.span is not None)
    if len(spans) < 2 or not mentions:
        return periods
    if held is None:
        held = holders(places)
    starts = [s for s, _ in spans]
    clause_ends = list(map(_START, _CLAUSE.finditer(text)))
    own: list[list[str]] = [[] for _ in periods]
    taken = [False] * len(spans)  # a place lies after this period's start, before the next's
    for run in _runs(text, mentions):
        first, last = run[0], run[-1]
        after = bisect_right(starts, first.start)
        clause_start, clause_end = _around(clause_ends, first.start, len(text))
        following = starts[after] if after < len(starts) else None
        if following is not None and _HEADS.match(text[last.end : following]) is not None:
            slot = after
        elif after > 0 and starts[after - 1] >= clause_start:
            slot = after - 1
        elif (
            following is not None
            and following < clause_end
            and _OPENER.match(text[clause_start : first.start]) is not None
        ):
            slot = after
        elif after > 0:
            slot = after - 1
        else:
            continue  # before every period: the notice's background (因新华路改造…)
        if after > 0:
            taken[after - 1] = True
        index = spans[slot][1]
        for m in run:
            name = held.get(m.name)
            if name is not None and name not in own[index]:
                own[index].append(name)
    # Periods written one after another with no place between share the places of the next
    # (6月3日、6月4日：甲村).
    for k in range(len(spans) - 2, -1, -1):
        index, following_index = spans[k][1], spans[k + 1][1]
        if not own[index] and not taken[k]:
            own[index] = list(own[following_index])
    if len({tuple(o) for o in own if o}) < 2:
        return periods
    return [p.with_places(tuple(o)) for p, o in zip(periods, own, strict=True)]
