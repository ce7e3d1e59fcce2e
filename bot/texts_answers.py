"""The sentences of an answer to a question, in Chinese and English (part of ``bot.texts.TEXTS``).

Unlike the rest of the catalogue these are plain text: ``bot.answer`` fills them in and the bot escapes
the whole answer before sending it, as ``noticebot ask`` prints it unescaped.
"""

from __future__ import annotations

ANSWER_TEXTS: dict[str, tuple[str, str]] = {
    # what was asked about
    "answer_kinds": ("{kinds}通知", "{kinds} notices"),
    "answer_any": ("通知", "notices"),
    "answer_about": ("与“{text}”有关的{kinds}", "{kinds} about “{text}”"),
    "answer_at": ("{moment}时", "at {moment}"),
    "answer_on": ("{day}", "on {day}"),
    "answer_in": ("{days}", "in {days}"),
    # headings
    "answer_heading_deadlines": (
        "{when}截止的{what}（{total}条）：",
        "{what} with deadlines {when} ({total}):",
    ),
    "answer_deadlines_soon": ("近期", "coming up"),
    "answer_heading_upcoming": (
        "{when}开始或结束的{what}（{total}条）：",
        "{what} starting or ending {when} ({total}):",
    ),
    "answer_upcoming_days": ("未来{days}天", "in the next {days} days"),
    "answer_heading_search": ("{what}（{total}条）：", "{what} ({total}):"),
    "answer_heading_current": (
        "当前及即将开始的{what}（{total}条）：",
        "Current and upcoming {what} ({total}):",
    ),
    "answer_heading_when": ("{when}有效的{what}（{total}条）：", "{what} {when} ({total}):"),
    "answer_heading_recent": (
        "当前、即将开始及最近结束的{what}（{total}条）：",
        "Current, upcoming and recently ended {what} ({total}):",
    ),
    "answer_heading_reopen": ("{what}何时结束（{total}条）：", "When {what} end ({total}):"),
    "answer_more": ("……还有{rest}条", "… and {rest} more"),
    "answer_more_over": ("……还有{rest}条以上", "… and over {rest} more"),
    # nothing found
    "answer_none_when": ("没有找到{when}的{what}。", "No {what} {when}."),
    "answer_none_now": ("目前没有{what}。", "No current {what}."),
    "answer_none_reopen": (
        "目前没有正在进行或即将开始的{what}。",
        "No {what} in force or coming up.",
    ),
    "answer_nearest_past": ("最近结束的一条：{brief}", "The most recent one ended: {brief}"),
    "answer_nearest_future": ("下一条即将开始：{brief}", "The next one starts: {brief}"),
    "answer_nearest_deadline": ("下一个截止的：{brief}", "The next deadline: {brief}"),
    "answer_none_around": ("之前和之后都没有相关通知。", "There are none before or after that either."),
    # an entry's extra line
    "answer_ended": ("已结束：{moment}", "Ended: {moment}"),
    "answer_reopen_road_closure": ("预计{moment}恢复通行", "Reopens {moment}"),
    "answer_reopen_traffic_control": ("预计{moment}解除管制", "Restrictions lift {moment}"),
    "answer_reopen_power_outage": ("预计{moment}恢复供电", "Power returns {moment}"),
    "answer_reopen_water_outage": ("预计{moment}恢复供水", "Water returns {moment}"),
    "answer_reopen_gas_outage": ("预计{moment}恢复供气", "Gas returns {moment}"),
    "answer_reopen_heating": ("预计{moment}恢复供暖", "Heating returns {moment}"),
    "answer_reopen_other": ("预计{moment}结束", "Ends {moment}"),
    "answer_reopen_open": ("通知没有说何时结束", "The notice gives no end"),
    "answer_day": ("{day}", "on {day}"),
    # detours
    "answer_detours_only": (
        "没有通知说“{place}”封闭或受影响；它是下列通知的绕行道路：",
        "No notice says “{place}” is closed or affected; it is the detour of:",
    ),
    "answer_detours_also": (
        "“{place}”是下列通知的绕行道路，不在其封闭范围内：",
        "“{place}” is the detour of these notices, not closed by them:",
    ),
    "answer_detour_entry": (
        "#{id} {title}，{period}，绕行道路：{detour}",
        "#{id} {title}, {period}; detour: {detour}",
    ),
    "answer_detour_entry_undated": ("#{id} {title}，绕行道路：{detour}", "#{id} {title}; detour: {detour}"),
    "answer_detour_line": ("绕行道路：{detour}", "Detour: {detour}"),
}
