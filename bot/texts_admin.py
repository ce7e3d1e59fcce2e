"""The sentences only administrators see, in Chinese and English (part of ``bot.texts.TEXTS``).

Uploads and pasted pages, drafts, withdrawing, statistics, the channel and the ``/add`` conversation:
kept apart so the catalogue of what every user reads stays short.
"""

from __future__ import annotations

ADMIN_TEXTS: dict[str, tuple[str, str]] = {
    "doc_too_big": (
        "文件太大（{size}），最多 {limit}。什么也没有保存。",
        "That file is too large ({size}); the limit is {limit}. Nothing was stored.",
    ),
    "doc_wrong_type": (
        "只能读 .txt 文本、.html 网页或带文字层的 .pdf，不能读 {name}。什么也没有保存。",
        "I can only read .txt text, an .html page or a .pdf with a text layer, not {name}. Nothing was "
        "stored.",
    ),
    "doc_unreadable": (
        "读不了这个文件：{detail}。什么也没有保存。",
        "I can't read that file: {detail}. Nothing was stored.",
    ),
    "doc_no_notice": (
        "没有在里面找到公告（跳过 {skipped} 段）。什么也没有保存。",
        "I found no notice in it ({skipped} items skipped). Nothing was stored.",
    ),
    "doc_report": (
        "找到 {found} 条公告：新草稿 {new} 条，已存在 {dupes} 条；跳过 {skipped} 段非公告内容。",
        "Found {found} notices: {new} new drafts, {dupes} already stored; {skipped} items that are not "
        "notices were skipped.",
    ),
    "doc_repeats": (
        "另有 {count} 条在页面里重复出现。",
        " {count} more repeat a notice earlier on the page.",
    ),
    "duplicates": ("已存在：{items}", "Already stored: {items}"),
    "duplicate_item": ("#{id}（{status}）", "#{id} ({status})"),
    "duplicates_more": ("……共 {count} 条", " … {count} in all"),
    "paste_split": (
        "Telegram 会把超过 4096 字的文字拆成几条消息，跨两条的公告可能读不全。长的版面请作为 .txt 文件发送。",
        "Telegram splits text over 4096 characters into several messages, and a notice cut in two may be "
        "read wrongly. Send a long page as a .txt file instead.",
    ),
    "doc_reading": ("正在读取{what}（{size}）…", "Reading {what} ({size})…"),
    "pasted_text": ("粘贴的文字", "the pasted text"),
    "doc_stopped": (
        "机器人正在重启，{what}没有读完，什么也没有保存。请过一分钟再发一次。",
        "The bot is restarting: I stopped reading {what} and stored nothing. Please send it again in a "
        "minute.",
    ),
    "doc_failed": ("读取{what}时出错，什么也没有保存。", "Reading {what} failed; nothing was stored."),
    "drafts_page": ("已显示 {shown} / {total} 条草稿", "{shown} of {total} drafts"),
    "drafts_done": ("{total} 条草稿都已显示。", "That was all {total} drafts."),
    "btn_publish": ("✅ 发布", "✅ Publish"),
    "btn_category": ("🏷 改类别", "🏷 Change category"),
    "btn_period": ("📅 改日期", "📅 Edit period"),
    "btn_discard": ("🗑 丢弃", "🗑 Discard"),
    "published_ok": ("✅ 已发布 #{id}，订阅者会收到提醒。", "✅ Published #{id}; subscribers will be told."),
    "discarded": ("🗑 已丢弃草稿 #{id}。", "🗑 Discarded draft #{id}."),
    "not_a_draft": (
        "#{id} 不是草稿（{status}），没有改动。",
        "#{id} is not a draft ({status}); nothing changed.",
    ),
    "pick_category": ("#{id} 选新类别：", "New category for #{id}:"),
    "category_changed": ("#{id} 的类别改为 {name}。", "#{id} is now {name}."),
    "period_prompt": (
        "发来 #{id} 的新日期，例如“2022年5月11日—26日”或“5月30日截止”。多段用分号分开。/cancel 取消。",
        "Send the new period for #{id}, e.g. “2022年5月11日—26日” or “May 11 to 26, 2022”. Separate several "
        "with semicolons. /cancel to stop.",
    ),
    "period_bad": (
        "看不懂这个日期：“{typed}”。请写成 2023年6月5日至6月20日 或 6月6日8:00至17:00，"
        "再发一次，或 /cancel。",
        "I can't read “{typed}” as a date: write it like 2023-06-05 to 2023-06-20 or 2023-06-06 8:00-17:00, "
        "then try again, or /cancel.",
    ),
    "period_changed": ("#{id} 的日期已更新。", "#{id} has new dates."),
    "cancelled": ("已取消，没有改动。", "Cancelled; nothing changed."),
    "withdraw_usage": ("用法：/withdraw 编号", "Usage: /withdraw ID"),
    "withdrawn": ("已撤回 #{id}，待发的提醒已取消。", "Withdrew #{id}; its pending reminders are cancelled."),
    "already_withdrawn": ("#{id} 已经撤回了。", "#{id} is already withdrawn."),
    "stats": (
        "<b>统计</b>\n聊天：{chats}（停用 {inactive}）\n订阅：{subs}\n按类别：{by_category}\n"
        "公告：{notices}\n已发送消息：{sent}\n提醒：{reminders}",
        "<b>Statistics</b>\nChats: {chats} ({inactive} inactive)\nSubscriptions: {subs}\nBy category: "
        "{by_category}\nNotices: {notices}\nMessages sent: {sent}\nReminders: {reminders}",
    ),
    "none": ("无", "none"),
    "setchannel_usage": (
        "用法：/setchannel @频道名 或 /setchannel -100…（先把机器人设为频道管理员）；"
        "/setchannel off 关闭。\n当前：{current}",
        "Usage: /setchannel @channel or /setchannel -100… (make the bot a channel admin first); "
        "/setchannel off to stop.\nNow: {current}",
    ),
    "setchannel_missing": (
        "找不到 {target}：请检查频道名，并先把机器人加为频道管理员。",
        "I can't find {target}: check the name, and make the bot an administrator of the channel first.",
    ),
    "setchannel_not_channel": ("{target} 是{kind}，不是频道。", "{target} is a {kind}, not a channel."),
    "setchannel_not_admin": (
        "机器人还不是 {target} 的管理员：先在频道设置里把它设为管理员。",
        "The bot is not an administrator of {target} yet: make it one in the channel's settings first.",
    ),
    "cannot_withdraw": ("#{id} 是{status}，不能撤回。", "#{id} is a {status}; it cannot be withdrawn."),
    "chat_type_private": ("私聊", "private"),
    "chat_type_group": ("群组", "group"),
    "chat_type_supergroup": ("超级群组", "supergroup"),
    "chat_type_channel": ("频道", "channel"),
    "reminder_status_pending": ("待发送", "pending"),
    "reminder_status_sending": ("发送中", "sending"),
    "reminder_status_sent": ("已发送", "sent"),
    "reminder_status_skipped": ("已跳过", "skipped"),
    "reminder_status_failed": ("失败", "failed"),
    "reminder_status_cancelled": ("已取消", "cancelled"),
    "reminder_status_unknown": ("送达未知", "delivery unknown"),
    "setchannel_ok": (
        "以后每条发布的公告都会发到 {title}。",
        "Every published notice will now be posted to {title}.",
    ),
    "setchannel_off": ("不再向频道发布公告。", "Notices are no longer posted to a channel."),
    "channel_post_failed": (
        "⚠️ 发到频道失败：{detail}",
        "⚠️ Posting to the channel failed: {detail}",
    ),
    # /add conversation
    "add_title": (
        "新公告。先发标题（/cancel 随时取消）：",
        "New notice. Send its title (/cancel at any step):",
    ),
    "add_category": ("选类别：", "Choose its category:"),
    "add_period": (
        "发日期，例如“2022年5月11日—26日”；没有日期发 /skip：",
        "Send its period, e.g. “May 11 to 26, 2022”; /skip if it has none:",
    ),
    "add_places": ("发地点（多个用逗号分开），或 /skip：", "Send its places (comma-separated), or /skip:"),
    "add_body": ("最后发正文：", "Finally, send the notice's text:"),
    "add_confirm": (
        "预览如下。发布，存为草稿，还是取消？",
        "Here is the preview. Publish, keep as a draft, or cancel?",
    ),
    "btn_save_draft": ("📝 存为草稿", "📝 Keep as draft"),
    "btn_cancel": ("✖ 取消", "✖ Cancel"),
    "add_saved_draft": ("已存为草稿 #{id}。", "Saved as draft #{id}."),
    "add_duplicate": ("这条公告已经存在：#{id}。", "That notice already exists: #{id}."),
    "add_need_text": ("请发文字。", "Please send text."),
    "too_long_field": (
        "太长了（最多 {limit} 个字），再发一次：",
        "Too long (at most {limit} characters); send it again:",
    ),
}
