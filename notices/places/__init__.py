"""Places a notice names: road sections, towns, streets and numbered addresses, villages,
communities.

Chinese has no spaces between words, so a place is found from its *suffix* (镇, 村, 路,
大街, 社区 …) and grown leftwards to where its name starts: the clause start, the end of the
place before it, or the last function word (对, 在, 从, 的 …) that still leaves a name of
two characters or more. Consecutive units form one place ("寿山镇忠诚村"), joined by 至/到/—
they form a section ("寿山镇忠诚村至礼让村路段"). Administrative units (省/市/县/区) count
only as the front of a longer place, so "辽源市公安局" yields nothing.
"""

from __future__ import annotations

import functools
from collections import Counter

from notices.normalize import normalize
from notices.places.latin import _EN_PLACE, _LATIN_CAPITAL
from notices.places.names import _clause_places
from notices.places.vocabulary import _MAX_PIECE, _PLACE_CLAUSE


def place_spans(text: str, norm: str | None = None) -> list[tuple[int, int]]:
    """Where each place is named in ``text``: Chinese names in order of appearance, then Latin-script
    ones; repeats and fragments of longer names included (see :func:`find_places`). ``norm`` is
    ``normalize(text)`` when the caller has it already."""
    if norm is None:
        norm = normalize(text)
    found: list[tuple[int, int]] = []
    for m in _PLACE_CLAUSE.finditer(norm):  # (a clause without a suffix names no place)
        at = m.start()
        for s, e in _clause_places(m.group(), at > 0 and norm[at - 1] == "、"):
            found.append((at + s, at + e))
    if _LATIN_CAPITAL.search(norm) is not None:
        found.extend(m.span() for m in _EN_PLACE.finditer(norm))
    return found


@functools.lru_cache(maxsize=1024)
def _pieces(name: str) -> frozenset[str]:
    """Every piece of a name (cached: a notice's places are cut again for each of its look-ups)."""
    if len(name) > _MAX_PIECE:
        return frozenset()
    size = len(name)
    return frozenset({name[i:j] for i in range(size) for j in range(i + 1, size + 1)})


def unique_places(names: list[str]) -> list[str]:
    """``names`` without repeats or fragments of longer names, in order of first appearance.

    Each name's pieces are looked up, not compared with every name kept: a notice listing
    thousands of villages stays linear. A few names (most notices) are compared directly: a
    substring test in C costs less than counting every piece of every name."""
    if len(names) <= _FEW_NAMES:
        few: list[str] = []
        for place in names:
            if any(place in k for k in few):
                continue
            few = [k for k in few if k not in place]
            few.append(place)
        return few
    kept: dict[str, frozenset[str]] = {}
    long: list[str] = []  # kept names too long to cut into pieces
    covered: Counter[str] = Counter()  # a piece of a kept name → how many kept names hold it
    for place in names:
        if place in covered or any(place in k for k in long):
            continue
        pieces = _pieces(place)
        # (the kept names among the pieces, found by one intersection in C, not a test per piece)
        fragments = kept.keys() & pieces if pieces else [k for k in kept if k in place]
        for fragment in fragments:
            for piece in kept.pop(fragment):
                covered[piece] -= 1
                if not covered[piece]:
                    del covered[piece]
        long = [k for k in long if k in kept]
        kept[place] = pieces
        if not pieces:
            long.append(place)
        covered.update(pieces)  # (each piece's count up by one, counted in C)
    return list(kept)


#: Names: this few are compared with each other directly (at most this many squared tests).
_FEW_NAMES = 24


def holders(places: list[str]) -> dict[str, str]:
    """Each piece of these names → the first of them that holds it (a mention → its place)."""
    out: dict[str, str] = {}
    # the last names first, each overwritten by the names before it: what a first-come
    # ``setdefault`` per piece gives, with the pieces of a name stored in one call
    for place in reversed(places):
        out.update(dict.fromkeys(_pieces(place), place))
        out[place] = place
    return out


def find_places(text: str) -> list[str]:
    """Places in ``text`` in order of appearance, without repeats or fragments of earlier ones.

    Returned in the script of ``text``; matching happens on its normalised form.
    """
    return unique_places([text[s:e] for s, e in place_spans(text)])
