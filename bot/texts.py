"""Every sentence the bot says, in Chinese and English, as Telegram HTML.

``say(lang, key, **values)`` escapes every value, so notice and user text can never inject markup; a value
that is already HTML (built by the bot itself) is wrapped in ``Html``.
"""

from __future__ import annotations

from bot.html import esc
from bot.texts_admin import ADMIN_TEXTS
from bot.texts_answers import ANSWER_TEXTS


class Html(str):
    """A piece of HTML the bot built itself, inserted into a text without escaping."""

    __slots__ = ()


def language_of(code: str | None) -> str:
    """The bot's language for a Telegram ``language_code``: Chinese for zh*, English otherwise."""
    return "zh" if (code or "").lower().startswith("zh") else "en"


def say(lang: str, key: str, /, **values: object) -> str:
    zh, en = TEXTS[key]
    template = zh if lang == "zh" else en
    escaped = {name: value if isinstance(value, Html) else esc(value) for name, value in values.items()}
    return template.format(**escaped) if escaped else template


def both(key: str) -> tuple[str, str]:
    return TEXTS[key]


COMMANDS: list[tuple[str, str, str]] = [
    ("start", "开始，一键订阅", "Start and subscribe in one tap"),
    ("now", "今天有效的公告", "Notices in force today"),
    ("upcoming", "未来 7 天开始或结束的", "Starting or ending in the next 7 days"),
    ("notice", "查看公告全文：/notice 编号", "A notice in full: /notice ID"),
    ("subscribe", "订阅类别、地点或关键词", "Subscribe to categories, places, keywords"),
    ("mysubs", "我的订阅", "My subscriptions"),
    ("unsubscribe", "取消订阅：/unsubscribe 名称，或全部", "Unsubscribe: /unsubscribe NAME, or all"),
    ("settings", "语言、时区、免打扰、提醒方式", "Language, time zone, quiet hours, reminders"),
    ("help", "帮助", "Help"),
]
"""The command menu, registered with ``set_my_commands`` in both languages."""

ADMIN_COMMANDS: list[tuple[str, str, str]] = [
    ("add", "逐步添加公告", "Add a notice step by step"),
    ("withdraw", "撤回公告：/withdraw 编号", "Withdraw a notice: /withdraw ID"),
    ("stats", "统计", "Statistics"),
    ("setchannel", "设置发布频道", "Set the channel notices are posted to"),
]

TEXTS: dict[str, tuple[str, str]] = {
    "welcome": (
        "👋 你好，{name}！我读本地报纸上的<b>公告</b>：封路、停电停水、招聘、招租、招标、公示……"
        "记下每条公告的日期，在你关心的事开始、截止前提醒你。\n\n"
        "现在有 <b>{count}</b> 条已发布的公告。直接问我，比如：\n"
        "• 哪些路封闭\n• 5月20日哪些路封闭\n• 有什么招聘\n• 东丰镇\n\n"
        "点下面的类别一键订阅；/help 查看全部命令。",
        "👋 Hello, {name}! I read the <b>public notices</b> in the local newspaper: road closures, power and "
        "water outages, recruitment, rentals, tenders, public disclosures… I note their dates and remind you "
        "when what you care about starts or is due.\n\n"
        "I know <b>{count}</b> published notices. Just ask, for example:\n"
        "• what roads are closed\n• what roads are closed on May 20\n• any recruitment\n• 东丰镇\n\n"
        "Tap a category below to subscribe; /help lists every command.",
    ),
    "help": (
        "<b>怎么用</b>\n直接用中文或英文提问，例如“哪些路封闭”“有什么招聘”“东丰镇”。\n\n"
        "/now — 今天有效的公告\n/upcoming — 未来 7 天开始或结束的公告\n/notice 编号 — 公告全文\n"
        "/subscribe — 按类别订阅；/subscribe 东丰镇 — 订阅地点或关键词\n/mysubs — 我的订阅\n"
        "/unsubscribe 名称 — 取消一个订阅；/unsubscribe — 取消全部\n"
        "/settings — 语言、时区、免打扰时段、提醒方式\n\n"
        "在任何聊天里输入 @{bot} 封路 即可分享公告。",
        "<b>How to use me</b>\nAsk in plain words, in English or Chinese: “what roads are closed”, "
        "“any recruitment”, “东丰镇”.\n\n"
        "/now — notices in force today\n/upcoming — starting or ending in the next 7 days\n"
        "/notice ID — a notice in full\n/subscribe — subscribe by category; /subscribe 东丰镇 — a place or "
        "keyword\n/mysubs — your subscriptions\n/unsubscribe NAME — remove one; /unsubscribe — remove all\n"
        "/settings — language, time zone, quiet hours, reminders\n\n"
        "Type @{bot} road in any chat to share a notice.",
    ),
    "help_admin": (
        "\n\n<b>管理员</b>\n发送 .txt / .html / .pdf 文件，或粘贴、转发公告原文 → 草稿卡片"
        "（发布 / 改类别 / 改日期 / 丢弃）\n"
        "/add — 逐步添加公告\n/withdraw 编号 — 撤回\n/stats — 统计\n/setchannel @频道 — 发布频道（off 关闭）",
        "\n\n<b>Admin</b>\nSend a .txt / .html / .pdf document, or paste or forward notice text → draft "
        "cards (Publish / Change category / Edit period / Discard)\n/add — add a notice step by step\n"
        "/withdraw ID — withdraw\n/stats — statistics\n"
        "/setchannel @channel — the publishing channel (off to stop)",
    ),
    "unknown_command": ("我不认识这个命令。", "I don't know that command."),
    "apology": (
        "抱歉，处理时出了问题，已记录下来。请稍后再试。",
        "Sorry, something went wrong on my side; it has been logged. Please try again in a moment.",
    ),
    "throttled": (
        "消息太快了 🙂 请稍等几秒再发。",
        "That's a lot of messages at once 🙂 Please wait a few seconds before sending more.",
    ),
    "suggestions": (
        "我没看懂这个问题。可以这样问：\n• 哪些路封闭\n• 5月20日哪些路封闭\n• 有什么招聘\n• 本周有哪些截止\n"
        "• 一个地名，比如 东丰镇\n或者用 /now、/upcoming。",
        "I didn't understand that. Try:\n• what roads are closed\n• what roads are closed on May 20\n"
        "• any recruitment\n• which deadlines are this week\n• a place name, such as 东丰镇\n"
        "or use /now, /upcoming.",
    ),
    # lists
    "now_title": ("<b>今天（{day}）有效的公告</b>", "<b>Notices in force today ({day})</b>"),
    "now_empty": ("今天（{day}）没有有效的公告。", "No notice is in force today ({day})."),
    "upcoming_title": (
        "<b>{start} 至 {end} 开始或结束的公告</b>",
        "<b>Starting or ending {start} – {end}</b>",
    ),
    "upcoming_empty": (
        "未来 7 天（{start} 至 {end}）没有开始或结束的公告。",
        "Nothing starts or ends in the next 7 days ({start} – {end}).",
    ),
    "page": ("第 {page}/{pages} 页", "page {page}/{pages}"),
    "prev": ("◀ 上一页", "◀ Previous"),
    "next": ("下一页 ▶", "Next ▶"),
    "notice_usage": ("用法：/notice 编号，例如 /notice 12", "Usage: /notice ID, for example /notice 12"),
    "notice_missing": ("没有编号为 {id} 的公告。", "There is no notice {id}."),
    "stale_button": (
        "这个按钮已过期，请重新发送命令。",
        "This button has expired; please send the command again.",
    ),
    "question_expired": (
        "这个列表已过期，请再问一次。",
        "This list has expired; please ask again.",
    ),
    # notice card
    "card_category": ("类别", "Category"),
    "card_issuer": ("发布单位", "Issued by"),
    "card_published": ("发布日期", "Published"),
    "card_periods": ("时间", "When"),
    "card_places": ("地点", "Places"),
    "card_warnings": ("⚠️ 解析提示", "⚠️ Parser notes"),
    "card_no_period": ("（没有日期）", "(no dates)"),
    "status_draft": ("草稿", "draft"),
    "status_published": ("已发布", "published"),
    "status_withdrawn": ("已撤回", "withdrawn"),
    # subscriptions
    "subscribe_pick": (
        "点类别订阅或取消（✅ = 已订阅）。\n也可以订阅地点或关键词：/subscribe 东丰镇",
        "Tap a category to subscribe or unsubscribe (✅ = subscribed).\n"
        "You can also follow a place or keyword: /subscribe 东丰镇",
    ),
    "subscribed_category": ("已订阅：{name}", "Subscribed: {name}"),
    "unsubscribed_category": ("已取消：{name}", "Unsubscribed: {name}"),
    "subscribed_place": (
        "已订阅地点 <b>{value}</b>：提到它的公告会提醒你。",
        "Following the place <b>{value}</b>: notices that name it will reach you.",
    ),
    "subscribed_keyword": (
        "已订阅关键词 <b>{value}</b>：包含它的公告会提醒你。",
        "Following the keyword <b>{value}</b>: notices that contain it will reach you.",
    ),
    "already_subscribed": ("已经订阅过 <b>{value}</b> 了。", "Already following <b>{value}</b>."),
    "keyword_too_long": (
        "关键词太长了（最多 {limit} 个字）。",
        "That keyword is too long (at most {limit} characters).",
    ),
    "mysubs_title": ("<b>你的订阅</b>（点 ❌ 删除）", "<b>Your subscriptions</b> (tap ❌ to remove)"),
    "mysubs_empty": ("还没有订阅。用 /subscribe 订阅。", "No subscriptions yet. Use /subscribe."),
    "kind_category": ("类别", "category"),
    "kind_place": ("地点", "place"),
    "kind_keyword": ("关键词", "keyword"),
    "removed": ("已删除：{value}", "Removed: {value}"),
    "gone": ("这条订阅已经不在了。", "That subscription is already gone."),
    "unsubscribe_confirm": (
        "确定取消全部 {count} 个订阅吗？",
        "Remove all {count} subscriptions?",
    ),
    "unsubscribe_none": ("没有可取消的订阅。", "There is nothing to unsubscribe from."),
    "unsubscribed_one": (
        "已取消订阅 {value}。还有 {left} 个订阅（/mysubs 查看）。",
        "Unsubscribed from {value}. {left} subscriptions left (/mysubs lists them).",
    ),
    "unsubscribe_no_match": (
        "你没有订阅 <b>{term}</b>。你的订阅：\n{listing}\n\n"
        "取消其中一个：/unsubscribe 名称（例如地名或类别）；全部取消：/unsubscribe",
        "You have no subscription to <b>{term}</b>. Yours are:\n{listing}\n\n"
        "Remove one: /unsubscribe NAME (a place, keyword or category); remove all: /unsubscribe",
    ),
    "yes_remove_all": ("是，全部取消", "Yes, remove all"),
    "keep": ("不了，保留", "No, keep them"),
    "unsubscribed_all": ("已取消全部订阅（{count} 个）。", "Removed all {count} subscriptions."),
    "kept": ("好的，订阅都保留着。", "OK, your subscriptions stay."),
    "muted": (
        "已静音类别：{name}。用 /subscribe 可以重新订阅。",
        "Muted the category {name}. /subscribe turns it back on.",
    ),
    "mute_not_subscribed": (
        "你没有订阅类别 {name}；这条提醒来自你的地点或关键词订阅，用 /mysubs 管理。",
        "You are not subscribed to the category {name}; this came from a place or keyword subscription. "
        "Manage them with /mysubs.",
    ),
    "snoozed": ("好的，明天再提醒你。", "OK, I'll remind you tomorrow."),
    "snooze_gone": ("这条提醒已经不能推迟了。", "That reminder can no longer be snoozed."),
    "mute_button": ("🔕 静音此类别", "🔕 Mute this category"),
    "snooze_button": ("⏰ 明天提醒我", "⏰ Remind me tomorrow"),
    # groups
    "group_admins_only": (
        "抱歉，只有本群管理员可以修改群的订阅和设置。",
        "Sorry, only this group's administrators can change its subscriptions and settings.",
    ),
    "admins_only": (
        "抱歉，这个功能只对机器人管理员开放，什么也没有改动。",
        "Sorry, that is for the bot's administrators; nothing was changed.",
    ),
    # settings
    "settings_title": (
        "<b>设置</b>\n语言：{language}\n时区：{tz}\n免打扰：{quiet}\n早间提醒时间：{morning}:00\n"
        "截止提醒：{deadline}\n推送方式：{mode}\n\n"
        "也可以直接输入：/settings tz Europe/Berlin · /settings quiet 22:00-07:00 · "
        "/settings morning 7 · /settings deadline 5,1,0",
        "<b>Settings</b>\nLanguage: {language}\nTime zone: {tz}\nQuiet hours: {quiet}\nMorning reminder: "
        "{morning}:00\nDeadline reminders: {deadline}\nDelivery: {mode}\n\n"
        "You can also type: /settings tz Europe/Berlin · /settings quiet 22:00-07:00 · "
        "/settings morning 7 · /settings deadline 5,1,0",
    ),
    "language_name": ("中文", "English"),
    "quiet_off": ("关闭", "off"),
    "mode_instant": ("即时", "instant"),
    "mode_digest": ("每日汇总", "daily digest"),
    "deadline_days": ("提前 {days} 天", "{days} days before"),
    "btn_language": ("🌐 语言", "🌐 Language"),
    "btn_tz": ("🕒 时区", "🕒 Time zone"),
    "btn_quiet": ("🌙 免打扰", "🌙 Quiet hours"),
    "btn_morning": ("☀️ 早间时间", "☀️ Morning hour"),
    "btn_deadline": ("⏳ 截止提醒", "⏳ Deadline reminders"),
    "btn_mode": ("📬 推送方式", "📬 Delivery"),
    "btn_back": ("« 返回", "« Back"),
    "pick_language": ("选择语言：", "Choose a language:"),
    "pick_tz": (
        "选择时区（或输入 /settings tz 时区名）：",
        "Choose a time zone (or type /settings tz ZONE):",
    ),
    "pick_quiet": ("选择免打扰时段：", "Choose quiet hours:"),
    "pick_morning": ("早上几点提醒？", "Morning reminders at:"),
    "pick_deadline": (
        "截止前几天提醒？（0 = 当天）",
        "Remind how many days before a deadline? (0 = on the day)",
    ),
    "pick_mode": ("即时推送，还是每天汇总一次？", "Send instantly, or once a day as a digest?"),
    "saved": ("已保存。", "Saved."),
    "settings_bad": (
        "没看懂这个设置：{detail}",
        "I couldn't use that setting: {detail}",
    ),
    "bad_tz": (
        "未知时区 {value}（例如 Asia/Shanghai、Europe/Berlin）",
        "unknown time zone {value} (e.g. Asia/Shanghai, Europe/Berlin)",
    ),
    "bad_quiet": ("免打扰请写成 22:00-07:00 或 off", "write quiet hours as 22:00-07:00, or off"),
    "bad_morning": ("早间时间是 0 到 23 的整点", "the morning hour is a whole hour from 0 to 23"),
    "bad_deadline": ("截止提醒写成 3,1,0 这样的天数（0 到 60）", "write deadline days like 3,1,0 (0 to 60)"),
    "bad_setting_name": (
        "可以设置：language、tz、quiet、morning、deadline、mode",
        "settings are: language, tz, quiet, morning, deadline, mode",
    ),
    "question_too_long": (
        "这个问题太长了。请用一两句话提问，最多 {limit} 个字；/help 里有示例。",
        "That question is too long. Please ask in a sentence or two, at most {limit} characters; /help "
        "has examples.",
    ),
    # inline
    "inline_none": ("没有匹配的有效公告", "No matching notice in force"),
    **ADMIN_TEXTS,
    "group_welcome": (
        "大家好！群管理员可以用 /subscribe 给本群订阅公告，"
        "任何人都可以用 /now、/upcoming 查询，或者 @我 提问。",
        "Hello! Group admins can /subscribe this group to notices; anyone can use /now and /upcoming, or "
        "mention me with a question.",
    ),
    "card_detours": ("↪️ 绕行：{detours}", "↪️ Detour: {detours}"),
    **ANSWER_TEXTS,
}
