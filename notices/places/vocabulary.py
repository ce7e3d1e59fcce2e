"""The words place names are made of and stopped by: suffixes (路, 街, 村, 镇…), words that end or
begin no name, generic words that are no place on their own."""

from __future__ import annotations

import re

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
    "按照",
    "检查",
    "检测",
    "判定",
    "放行",
    "禁停",
    "停泊",
    "停放",
    "停靠",
    "禁止",
    "要求",
    "提醒",
    "考量",
    "呼吁",
    "注意",
    "完善",
    "确定",
    "更换",
    "排除",
    "届时",
    "今天",
    "今日",
    "明天",
    "明日",
    "则有",
    "计有",
    "配合",
    "遵守",
    "停用",
    "视察",
    "扎根",
    "邻近",
    "紧邻",
    "公安局",
    "管理局",
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
    "受",
    "以",
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


#: A number with the unit after it (17时, 8点30分, 15日, 2021年, 20米, 3次, G321线), or a clock time
#: or a count in Chinese numerals (十七时半, 四类, 第四届), and the particle after a time (9:30起):
#: the last one before a suffix ends what cannot be a name ("8时至17时和平路停电",
#: "8:00-12:00二七区大学路", "9:30起中山路封闭", "15日起市公路局…").
_DIGITS_OR_CLOCK = re.compile(
    r"(?:[0-9]+(?:[时時点點](?:[0-9]{1,2}分|半)?|[日号號月年米次个個余餘线線])?"
    r"|[〇零一二两三四五六七八九十]{1,3}(?:[时時点點](?:半|[〇零一二三四五六七八九十]{1,3}分)?|[类類届屆次个個]))"
    r"(?:起|止|开始|開始)?"
)


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
        "用路",
        "返乡",
        "占道",
        "出道",
        "国道",
        "省道",
        "县道",
        "乡道",
        "村道",
        "国省道",
        "高速公路",
        # words ending in 道 that name no road: passages, channels, lanes of a carriageway
        "主道",
        "次道",
        "车道",
        "通道",
        "人行道",
        "管道",
        "渠道",
        "轨道",
        "赛道",
        "频道",
        "呼吸道",
        "知道",
        "报道",
        "味道",
    }
)


#: Classes of road, no road's name: a bridge or section after one (国省道桥) names nothing either.
_ROAD_CLASSES = frozenset({"国道", "省道", "县道", "乡道", "村道", "国省道", "公路", "道路", "高速公路"})


#: The longer generic words, refused as the end of a longer stretch too (预防呼吸道).
_GENERIC_TAILS = tuple(w for w in _GENERIC if len(w) >= 3)


#: Generic two-character tails that are also the end of real names (金水路, 人民一路, 二环路).
_NAMED_TAILS = frozenset({"水路", "一路", "环路"})


_MAX_NAME = 8


#: Function words no place name starts with (unlike 和平路, 向阳路, 自由大路, 沿江路).
_NEVER_FIRST = frozenset("对该此本其的了在请将于从即是各全凡我这")


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
    "受损",
    "损毁",
    "水毁",
    "塌方",
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


_LATIN_CAPITAL = re.compile(r"[A-Z]")


_EN_WORD = r"[A-Z][a-z'’]+"


#: A street as English, Portuguese or romanised names write it: "Hennessy Road",
#: "Kwong Fuk Road", "Tai Po Market", "Avenida de Almeida Ribeiro".
#: Capitalised words that begin a sentence or a direction, never a street's name.
_EN_NOT_FIRST = (
    r"(?!(?:Eastbound|Westbound|Northbound|Southbound|The|Along|Via|From|Use|Near|Between|Both|All"
    r"|Affected|Including|Temporary|Closure|Section|Part|Parts|Sections|Lanes?|Slip|Junction)\b)"
)
_EN_PLACE = re.compile(
    rf"\b{_EN_NOT_FIRST}(?:{_EN_WORD} ){{1,3}}"
    r"(?:Road|Street|Avenue|Lane|Highway|Drive|Terrace|Square|Bridge|Tunnel"
    rf"|Path|Market|Estate|Village|Flyover|Interchange)\b(?: (?:North|South|East|West)\b)?"
    r"(?! [A-Z])"  # not "Temporary Road Closure"
    r"|\b(?:Avenida|Rua|Estrada|Travessa|Largo|Calçada|Praça) "
    rf"(?:(?:de|da|do|dos|das) )?(?:{_EN_WORD} ?){{1,3}}(?<! )"
)


#: Longest fragment looked up by its pieces; longer names (a runaway chain on a page with no
#: punctuation) are compared with the other long ones, which are few.
_MAX_PIECE = 48
