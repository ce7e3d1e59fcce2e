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

import re
from dataclasses import dataclass

from notices.normalize import normalize

#: A clause: the text between punctuation, spaces and brackets.
_CLAUSE = re.compile(r"[^，。；：、！？,.;:!?\s（）()“”\"《》【】\[\]<>{}|/\\]+")

#: Suffixes, longest first. Kind: "admin" (prefix only), "place", "number", "section".
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("街道办事处", "place"),
    ("交叉口", "section"),
    ("交汇处", "section"),
    ("十字路口", "place"),
    ("开发区", "admin"),
    ("街道", "place"),
    ("大街", "place"),
    ("大路", "place"),
    ("大道", "place"),
    ("小区", "place"),
    ("社区", "place"),
    ("花园", "place"),
    ("家园", "place"),
    ("新村", "place"),
    ("公寓", "place"),
    ("大厦", "place"),
    ("广场", "place"),
    ("胡同", "place"),
    ("路口", "place"),
    ("路段", "section"),
    ("号楼", "number"),
    ("单元", "number"),
    ("公路", "place"),
    ("高速", "place"),
    ("省", "admin"),
    ("市", "admin"),
    ("县", "admin"),
    ("区", "admin"),
    ("旗", "admin"),
    ("镇", "place"),
    ("乡", "place"),
    ("村", "place"),
    ("屯", "place"),
    ("组", "number"),
    ("路", "place"),
    ("街", "place"),
    ("巷", "place"),
    ("桥", "place"),
    ("段", "section"),
    ("道", "place"),
    ("号", "number"),
    ("栋", "number"),
)
_SUFFIX_KIND = dict(_SUFFIXES)
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in _SUFFIXES))

_CONNECTORS = ("至", "到", "—", "–", "-", "~", "～", "与", "和")
#: Function words a place name cannot start after; multi-character ones first.
_STOPWORDS = (
    "进行",
    "实施",
    "位于",
    "介于",
    "介乎",
    "坐落",
    "办理",
    "封闭",
    "开展",
    "施工",
    "改造",
    "维修",
    "铺设",
    "完成",
    "恢复",
    "绕行",
    "绕开",
    "绕过",
    "避开",
    "避让",
    "改经",
    "改走",
    "驶入",
    "进入",
    "通过",
    "经过",
    "途经",
    "包括",
    "涉及",
    "影响",
    "以及",
    "对于",
    "关于",
    "前往",
    "推进",
    "加快",
    "推动",
    "确保",
    "保障",
    "做好",
    "启动",
    "招聘",
    "招募",
    "面向",
    "改道",
    "绕道",
    "借道",
    "行驶",
    "所在",
    "期间",
    "范围",
    "区域",
    "沿线",
    "附近",
    "部分",
    "全线",
    "对",
    "在",
    "于",
    "将",
    "自",
    "从",
    "由",
    "经",
    "向",
    "沿",
    "往",
    "把",
    "给",
    "及",
    "即",
    "因",
    "是",
    "为",
    "了",
    "的",
    "请",
    "该",
    "本",
    "此",
    "各",
    "全",
    "其",
    "含",
    "或",
    "等",
    "如",
    "凡",
    "至",
    "到",
    "和",
    "与",
)
_STOP_REVERSED = re.compile("|".join(re.escape(w[::-1]) for w in _STOPWORDS))
_LAST_DIGITS = re.compile(r"[0-9]+(?=[^0-9]*$)")
_STOP_AT_END = re.compile("(?:" + "|".join(re.escape(w) for w in _STOPWORDS if len(w) > 1) + ")$")
_LONG_STOPWORD = re.compile("|".join(re.escape(w) for w in _STOPWORDS if len(w) > 1))
#: Words that end like a place but name none.
_GENERIC = frozenset(
    {
        "道路",
        "公路",
        "线路",
        "马路",
        "铁路",
        "网路",
        "思路",
        "出路",
        "进路",
        "通路",
        "水路",
        "电路",
        "一路",
        "回路",
        "干路",
        "支路",
        "环路",
        "农村",
        "乡村",
        "城乡",
        "乡镇",
        "城镇",
        "集镇",
        "街道",
        "社区",
        "小区",
        "广场",
        "辖区",
        "城区",
        "市区",
        "园区",
        "景区",
        "片区",
        "地区",
        "灾区",
        "校区",
        "商区",
        "区",
        "市",
        "县",
        "省",
        "上街",
        "逛街",
        "沿街",
        "临街",
        "大街",
        "大路",
        "路口",
        "桥",
        "高速",
        "大道",
        "花园",
        "家园",
        "公寓",
        "大厦",
        "城市",
        "超市",
        "都市",
        "门市",
        "上市",
        "全市",
        "本市",
        "我市",
        "该市",
        "全区",
        "本区",
        "我区",
        "全县",
        "本县",
        "我县",
        "全省",
        "本省",
        "我省",
        "全镇",
        "本镇",
        "全村",
        "本村",
        "该村",
        "各村",
        "村村",
        "新村",
        "封路",
        "修路",
        "绕路",
        "断路",
        "筑路",
        "养路",
        "护路",
        "辅路",
        "主路",
        "便道",
    }
)
#: Generic two-character tails that are also the end of real names (金水路, 人民一路, 二环路).
_NAMED_TAILS = frozenset({"水路", "一路", "环路"})
_MAX_NAME = 8
#: Function words no place name starts with (unlike 和平路, 向阳路, 自由大路, 沿江路).
_NEVER_FIRST = frozenset("对该此本其的了在请将于从即是各全凡我")
_ROAD_COMPOUNDS = frozenset("灯面况线基网政费径标牌景")
_ROADS = frozenset({"路", "街", "大路", "大街", "大道", "道", "巷", "胡同"})
#: Qualifiers that make "住宅小区", "周边道路" descriptions rather than names.
_GENERIC_NAMES = frozenset(
    {
        "住宅",
        "居民",
        "老旧",
        "新建",
        "周边",
        "附近",
        "相关",
        "所属",
        "所在",
        "辖区",
        "部分",
        "沿线",
        "各个",
        "城市",
        "农村",
    }
)
#: Words that end a description, never a name: "以下路段", "施工路段", "上述小区", "拥堵路段".
_NOT_NAME_TAILS = (
    "以下",
    "下列",
    "上述",
    "以上",
    "如下",
    "有关",
    "其他",
    "其它",
    "所有",
    "个别",
    "全部",
    "主要",
    "重点",
    "管制",
    "封闭",
    "施工",
    "限行",
    "禁行",
    "通行",
    "维修",
    "改造",
    "涉及",
    "途经",
    "影响",
    "拥堵",
    "事故",
    "多发",
    "危险",
    "临时",
    "这些",
    "此次",
    "本次",
    "以内",
    "范围内",
)
#: 道 ends a road's name (弥敦道) but also 车道, 隧道, 渠道, 报道 …
_NOT_BEFORE_DAO = frozenset("车行隧通轨渠报知味频管赛步绿人坡匝街跑航水门栈索借改绕让辅便")


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
    if not name or _STOP_AT_END.search(name):
        return None  # 招聘社区工作者: a verb right before the suffix leaves no name
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
    digits = _LAST_DIGITS.search(clause, best, hi)
    if digits is not None and not admin and hi - digits.end() >= 2:
        best = digits.end()  # "8:00-12:00二七区大学路" joined from a PDF line: the time is no name
    if hi - best > _MAX_NAME and admin:
        best = hi - 2  # most city and district names have two characters: 坐落高雄市
    if hi - best > _MAX_NAME or hi - best < min_len:
        return None
    return best


def _valid(clause: str, start: int, end: int, kind: str, suffix: str) -> bool:
    text = clause[start:end]
    name = text[: len(text) - len(suffix)]
    if text in _GENERIC or (len(suffix) == 1 and text[-2:] in _GENERIC and text[-2:] not in _NAMED_TAILS):
        return False
    if kind == "number":
        return bool(re.fullmatch(r"[0-9一二三四五六七八九十-]{1,6}", name))
    if len(suffix) == 1 and len(name) < 2:
        return False  # 封路, 修路, 让路: a verb and its object, not a name
    if (
        name[:1] in _NEVER_FIRST
        or any(c in "的各该此其" for c in name)
        or name in _GENERIC_NAMES
        or name.endswith(_NOT_NAME_TAILS)
        or (suffix == "道" and name[-1] in _NOT_BEFORE_DAO)
    ):
        return False
    return bool(name) and not name.isdigit() and not re.search(r"[0-9][^0-9]", name)


def _clause_places(clause: str, listed: bool = False) -> list[tuple[int, int]]:
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
    return out


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
    return 1 <= len(gap) <= 6 and _LONG_STOPWORD.search(gap) is None and gap[0] not in "的对在从"


_LATIN_CAPITAL = re.compile(r"[A-Z]")
_EN_WORD = r"[A-Z][a-z'’]+"
#: A street as English, Portuguese or romanised names write it: "Hennessy Road",
#: "Kwong Fuk Road", "Tai Po Market", "Avenida de Almeida Ribeiro".
_EN_PLACE = re.compile(
    rf"\b(?:{_EN_WORD} ){{1,3}}(?:Road|Street|Avenue|Lane|Highway|Drive|Terrace|Square|Bridge|Tunnel"
    rf"|Path|Market|Estate|Village|Flyover|Interchange)\b(?: (?:North|South|East|West)\b)?"
    r"(?! [A-Z])"  # not "Temporary Road Closure"
    r"|\b(?:Avenida|Rua|Estrada|Travessa|Largo|Calçada|Praça) "
    rf"(?:(?:de|da|do|dos|das) )?(?:{_EN_WORD} ?){{1,3}}(?<! )"
)


def place_spans(text: str) -> list[tuple[int, int]]:
    """Where each place is named in ``text``: Chinese names in order of appearance, then Latin-script
    ones; repeats and fragments of longer names included (see :func:`find_places`)."""
    norm = normalize(text)
    found: list[tuple[int, int]] = []
    for m in _CLAUSE.finditer(norm):
        at = m.start()
        for s, e in _clause_places(m.group(), at > 0 and norm[at - 1] == "、"):
            found.append((at + s, at + e))
    if _LATIN_CAPITAL.search(norm) is not None:
        found.extend(m.span() for m in _EN_PLACE.finditer(norm))
    return found


#: Longest fragment looked up by its pieces; longer names (a runaway chain on a page with no
#: punctuation) are compared with the other long ones, which are few.
_MAX_PIECE = 48


def _pieces(name: str) -> set[str]:
    if len(name) > _MAX_PIECE:
        return set()
    size = len(name)
    return {name[i:j] for i in range(size) for j in range(i + 1, size + 1)}


def unique_places(names: list[str]) -> list[str]:
    """``names`` without repeats or fragments of longer names, in order of first appearance.

    Each name's pieces are looked up, not compared with every name kept: a notice listing
    thousands of villages stays linear."""
    kept: dict[str, set[str]] = {}
    long: list[str] = []  # kept names too long to cut into pieces
    covered: dict[str, int] = {}  # a piece of a kept name → how many kept names hold it
    for place in names:
        if place in covered or any(place in k for k in long):
            continue
        pieces = _pieces(place)
        fragments = [k for k in pieces if k in kept]
        if not pieces:
            fragments = [k for k in kept if k in place]
        for fragment in fragments:
            for piece in kept.pop(fragment):
                covered[piece] -= 1
                if not covered[piece]:
                    del covered[piece]
        long = [k for k in long if k in kept]
        kept[place] = pieces
        if not pieces:
            long.append(place)
        for piece in pieces:
            covered[piece] = covered.get(piece, 0) + 1
    return list(kept)


def holders(places: list[str]) -> dict[str, str]:
    """Each piece of these names → the first of them that holds it (a mention → its place)."""
    out: dict[str, str] = {}
    for place in places:
        out.setdefault(place, place)
        for piece in _pieces(place):
            out.setdefault(piece, place)
    return out


def find_places(text: str) -> list[str]:
    """Places in ``text`` in order of appearance, without repeats or fragments of earlier ones.

    Returned in the script of ``text``; matching happens on its normalised form.
    """
    return unique_places([text[s:e] for s, e in place_spans(text)])
