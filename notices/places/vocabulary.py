"""The words place names are made of and stopped by: suffixes (路, 街, 村, 镇…), words that end or
begin no name, generic words that are no place on their own."""

from __future__ import annotations

import re

#: What ends a clause (the text a place is named in): punctuation, spaces and brackets.
_BREAKS = r"，。；：、！？,.;:!?\s（）()“”‘’\"《》「」『』〈〉〔〕【】\[\]<>{}|/\\"


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

#: A clause holding a suffix's first character: only such a clause can name a place, and most
#: clauses of a page hold none. Tried from a clause's start only (the lookbehind), up to the first
#: such character, so a clause without one costs one pass, not one per character.
_FIRSTS = re.escape("".join(sorted({suffix[0] for suffix, _ in _SUFFIXES})))
_PLACE_CLAUSE = re.compile(rf"(?<![^{_BREAKS}])[^{_BREAKS}{_FIRSTS}]*[{_FIRSTS}][^{_BREAKS}]*")


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
    "而",
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


#: Longest fragment looked up by its pieces; longer names (a runaway chain on a page with no
#: punctuation) are compared with the other long ones, which are few.
_MAX_PIECE = 48
