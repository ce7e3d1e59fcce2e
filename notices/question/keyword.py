"""The place or keyword left in a question once its time, categories and question words are taken out."""

from __future__ import annotations

import re

from notices.lazy import LazyPattern, has_cjk

_ZH_STOP = LazyPattern(
    "|".join(
        sorted(
            [
                "哪些",
                "地方",
                "你好",
                "您好",
                "谢谢",
                "帮助",
                "哪里",
                "哪儿",
                "哪个",
                "哪条",
                "哪几",
                "哪天",
                "什么时候",
                "什么",
                "有没有",
                "是不是",
                "是否",
                "会不会",
                "请问",
                "一下",
                "告诉我",
                "查询",
                "查查",
                "看看",
                "我想",
                "我要",
                "想知道",
                "知道",
                "多少",
                "情况",
                "信息",
                "消息",
                "通知",
                "公告",
                "通告",
                "相关",
                "有关",
                "关于",
                "附近",
                "周边",
                "一带",
                "地区",
                "怎么样",
                "如何",
                "时候",
                "几号",
                "几点",
                "的话",
                "能否",
                "可以",
                "需要",
                "注意",
                "出行",
                "道路",
                "路段",
                "马路",
                "所有",
                "全部",
                "房子",
                # the fields a notice is read by, asked for, not searched for (停电范围, 停水时间)
                "范围",
                "时间",
                "日期",
                "地点",
                "啥",
                "咋",
                # a part of the day: answers list the notices, each with its hours
                "晚上",
                "夜间",
                "夜里",
                "白天",
                "上午",
                "下午",
                "凌晨",
                "早上",
                "中午",
                "傍晚",
                "哪",
                "吗",
                "呢",
                "吧",
                "啊",
                "呀",
                "嘛",
                "么",
            ],
            key=len,
            reverse=True,
        )
    ),
    has_cjk,
)


_ZH_LEAD = LazyPattern(r"^[在从到于请把给有是的还都也]+")


_ZH_TRAIL = LazyPattern(r"(?:[的了有是在都也还呢吗吧么]|(?<=[镇村区县市乡街路道屯])[里内上])+$")


_SEGMENT = re.compile(r"[^\w]+|_")


_EN_STOP_WORDS = (
    "what which where when who how are is was were be been being the a an any anything there on in at "
    "for of to from by with me my our us show list tell give find get all some about near around nearby "
    "do does did have has had can could would should please i we you it its this that these those "
    "notices notice announcements announcement news info information roads road streets street lanes "
    "lane areas area place places open opened happening going there's what's and or not no yes ok okay "
    "hi hello hey help still currently between until till through during right now everything "
    "apply"
)


_EN_STOP = frozenset(_EN_STOP_WORDS.split())


_ASKS = LazyPattern(
    r"哪|什么|有没有|吗|是否|通知|公告|查"
    r"|(?<![a-z])(?:what|which|any|are there|is there|list|show|notices?)(?![a-z])"
)


def _keyword(text: str, language: str) -> str | None:
    """The place or keyword left once everything else is taken out, or None."""
    if language == "zh" or has_cjk(text):
        text = _ZH_STOP.sub(" ", text)
    parts: list[str] = []
    for segment in _SEGMENT.split(text):
        if not segment:
            continue
        if has_cjk(segment):
            segment = _ZH_TRAIL.sub("", _ZH_LEAD.sub("", segment))
            if len(segment) >= 2:
                parts.append(segment)
        elif segment not in _EN_STOP and not segment.isdigit() and len(segment) >= 2:
            parts.append(segment)
    if not parts:
        return None
    return " ".join(parts)
