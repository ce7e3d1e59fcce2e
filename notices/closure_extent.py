"""How much of a road a notice shuts: the line between a road closure and traffic control.

The rule the categories follow:

* A road (or a stretch of it) shut to all traffic is a road closure, whatever the title calls the
  measures (交通管制, 临时交通安排) and whatever shut it: works, a landslide, a flood.
* A road that stays open under limits is traffic control: half its width or a lane shut with
  the rest carrying traffic both ways or in turns, one-way working, restricted access, 限行,
  bans on heavy vehicles.
* Closures and limits made for an event (a marathon, a festival, a ceremony, a banquet) are
  the event's notice; that rule is weighed before these two.

Patterns read normalised text: simplified script, ASCII commas and semicolons, English lower-cased.
"""

from __future__ import annotations

import re

from notices.first_chars import gated

# The patterns read over a whole text whose alternatives the engine cannot skip to by their first
# character open with a lookahead of those characters (``gated``).

#: The road itself shut: whole width, whole length, or closed outright.
FULL_CLOSURE = re.compile(
    gated(
        r"(?:全|全面|全线|全路段|全段|全幅)(?:封闭|关闭)|封路|断交|断道|中断交通|交通中断|封闭路段"
        r"|(?<!车道)(?<!匝道)(?:将会?|起|临时)封闭|(?:道路|路段)(?:已|将)?(?:全面)?关闭"
        r"|禁止(?:所有|一切)(?:机动)?车辆(?:进入|驶入|通行)"
        r"|closed to (?:all )?(?:vehicular )?traffic|fully closed|completely closed"
        r"|(?<!partial )road closures?"
    )
)

#: One class of lane shut and named as such (封闭及管制地下道双向慢车道, 关闭人行道及非机动车道): the
#: lanes for other traffic carry on, so the road stays open.
_LANE_CLASS_SHUT = r"(?:封闭|关闭)[^,，。;；\n]{0,14}?(?:机慢车道|慢车道|快车道|非机动车道)"

#: Some lanes shut, counted (封闭一条机动车道) or named by side (右边及中间行车线将于…临时封闭): the
#: other lanes carry traffic, so the road stays open.
_SOME_LANES = (
    r"(?:封闭|关闭|占用)(?:一|二|两|[12])(?:条|个)(?:机动车?|行车)?(?:车道|行车线)"
    r"|(?:左|右|中间|快|慢)(?:边|侧)?(?:[及和、](?:左|右|中间|快|慢)(?:边|侧)?)?(?:车道|行车线)"
    r"(?:将会|将)?[^,，。;；\n]{0,48}?(?:临时)?(?:封闭|关闭)"
)

#: Part of the road shut (a half, a side, a lane: 行车线 in Hong Kong), or shut now and then, or
#: open to some traffic (bicycles pass in turns): the road kept open under limits.
PART_CLOSED = re.compile(
    gated(
        r"半幅|半侧|半边|单侧封闭|半封闭|(?:部分|部份|局部)封闭(?:式|施工|占用)"
        r"|(?:车道|行车线)(?:将会|将)?(?:临时)?(?:封闭|关闭)"
        r"|(?:封闭|关闭)(?:[^,，。;；\n]{0,6})(?:车道|行车线)|限行|单向通行|间断放行|间歇|间断封闭|"
        + _LANE_CLASS_SHUT
        + r"|非机动车辆?(?:可|间隔|有序|正常|限时)[^,，。;；\n]{0,6}通行"
        + "|"
        + _SOME_LANES
        + r"|partial(?:ly)? (?:road )?clos\w*|partially shut"
        r"|lane closures?|lanes? (?:will be |is |are )?closed|\blanes? of\b|one-way|intermittent"
        r"|\b(?:offside|nearside|middle|left|right|fast|slow|inner|outer|kerbside)(?:most)? lanes?\b"
    )
)

#: Traffic still moving past a part closure: both ways on what is left, in turns, or between
#: spells of closure.
KEPT_MOVING = re.compile(
    r"双向通车|双向通行|双程行车|交替通行|交替放行|单车道通行|供车辆[^,，。;；\n]{0,6}(?:通车|通行)"
    r"|留[^,，。;；\n]{0,12}(?:通车|通行)|保留[^,，。;；\n]{0,6}车道|间断放行|间歇"
    r"|remain open|alternating traffic|intermittent|let through|" + _LANE_CLASS_SHUT
)


#: Lanes said to be only some of them (封闭部分车道, 部分车道将封闭, 封闭一条车道, 右边行车线将封闭,
#: a partial road closure): the notice itself says the road stays open, so no word of traffic kept
#: moving is needed. Part of a road's length (部分路段) is not this: a stretch shut outright is a closure.
PARTLY_SHUT = re.compile(
    gated(
        r"(?:封闭|关闭|占用)部分(?:车道|行车线|路面)|部分(?:车道|行车线|路面)(?:将会|将)?(?:临时)?(?:封闭|关闭)"
        r"|partial(?:ly)? (?:road )?clos\w*|partially shut|" + _SOME_LANES
    )
)

#: The whole road said to be shut somewhere in the notice: a partial closure then is one stage of
#: a closure, not the whole notice.
WHOLE_ROAD_SHUT = re.compile(
    r"(?:全|全面|全线|全路段|全段|全幅)(?:封闭|关闭)|封路|断交|断道|fully closed|completely closed"
)


#: Measures besides shutting a road (a parking ban, bus stops moved or closed, limited access, a
#: no-through road, one-way working, a speed or weight limit): a notice that sets two kinds of
#: them is a set of traffic measures, traffic control, even when one of them closes a stretch.
_MEASURES = (
    r"禁止(?:车辆)?(?:泊车|停泊|停车|停放)|no parking|parking (?:ban|suspen)",
    r"巴士站|公交站|候车站|bus stops?\b",
    r"有限度通车|限制通行|restricted access",
    r"无出口",
    r"单向通行|单程行车|改为单向|one-way",
    r"限速|限重|限高|禁止重型|禁止货车|speed limit",
)
_MEASURE_KINDS = tuple(re.compile(kind) for kind in _MEASURES)


def several_measures(text: str) -> bool:
    """Whether the text sets two kinds of traffic measure besides closures (``_MEASURES``)."""
    return sum(1 for kind in _MEASURE_KINDS if kind.search(text)) >= 2
