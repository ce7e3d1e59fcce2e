"""/settings: language, time zone, quiet hours and reminder choices, by button or by ``/settings NAME VALUE``.

Stored on the chat's row (so they survive a restart) and followed by a re-plan of the chat's reminders.
"""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards
from bot.handlers import planning
from bot.handlers.common import (
    App,
    Context,
    chat_row,
    deps,
    edit_or_send,
    may_manage_chat,
    pressed_button,
    refuse_non_manager,
    reply,
)
from bot.texts import say
from db.chats import update_chat
from db.engine import session_scope
from db.models import Chat


class SettingError(ValueError):
    """A value typed for a setting that cannot be used; ``key`` names the explanation in bot.texts."""

    def __init__(self, key: str, value: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.value = value


_CLOCK = re.compile(r"^(\d{1,2})(?:[:：.](\d{2}))?$")


def _minutes(text: str) -> int:
    match = _CLOCK.match(text.strip())
    if not match:
        raise SettingError("bad_quiet")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour == 24 and minute == 0:
        hour = 0
    if hour > 23 or minute > 59:
        raise SettingError("bad_quiet")
    return hour * 60 + minute


def parse_quiet(text: str) -> tuple[int, int] | None:
    """``22:00-07:00`` (or ``22-7``, ``22:30至6:45``) as minutes after midnight; ``off`` as None."""
    value = text.strip().lower()
    if value in ("off", "none", "no", "关", "关闭", "无", "0"):
        return None
    parts = re.split(r"\s*(?:-|–|—|~|～|至|到|to)\s*", value)
    if len(parts) != 2:
        raise SettingError("bad_quiet")
    start, end = _minutes(parts[0]), _minutes(parts[1])
    if start == end:
        raise SettingError("bad_quiet")
    return start, end


def parse_morning(text: str) -> int:
    match = _CLOCK.match(text.strip())
    if not match or (match.group(2) not in (None, "00")):
        raise SettingError("bad_morning")
    hour = int(match.group(1))
    if hour > 23:
        raise SettingError("bad_morning")
    return hour


def parse_deadline(text: str) -> str:
    """``5,1,0`` → ``"5,1,0"`` (unique, largest first); ``off`` → ``""`` (no countdown)."""
    value = text.strip().lower()
    if value in ("off", "none", "no", "关", "关闭", "无"):
        return ""
    parts = [part for part in re.split(r"[\s,，、;；]+", value) if part]
    if not parts or not all(part.isdigit() for part in parts):
        raise SettingError("bad_deadline")
    days = sorted({int(part) for part in parts}, reverse=True)
    if days[0] > 60 or len(days) > 6:
        raise SettingError("bad_deadline")
    return ",".join(str(day) for day in days)


def parse_tz(text: str) -> str:
    value = text.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingError("bad_tz", value) from exc
    return value


def parse_language(text: str) -> str:
    value = text.strip().lower()
    if value in ("zh", "cn", "chinese", "中文", "汉语", "zh-hans", "zh-cn"):
        return "zh"
    if value in ("en", "english", "英文", "英语"):
        return "en"
    raise SettingError("bad_setting_name")


def parse_mode(text: str) -> bool:
    """True for the daily digest."""
    value = text.strip().lower()
    if value in ("digest", "daily", "汇总", "每日汇总", "每天"):
        return True
    if value in ("instant", "now", "即时", "立即"):
        return False
    raise SettingError("bad_setting_name")


def changes_for(name: str, value: str) -> dict[str, Any]:
    """The columns ``/settings NAME VALUE`` sets."""
    name = name.lower()
    if name in ("language", "lang", "语言"):
        return {"language": parse_language(value)}
    if name in ("tz", "timezone", "zone", "时区"):
        return {"tz": parse_tz(value)}
    if name in ("quiet", "免打扰"):
        quiet = parse_quiet(value)
        return {"quiet_start": quiet[0] if quiet else None, "quiet_end": quiet[1] if quiet else None}
    if name in ("morning", "早间"):
        return {"morning_hour": parse_morning(value)}
    if name in ("deadline", "deadlines", "截止"):
        return {"deadline_days": parse_deadline(value)}
    if name in ("mode", "delivery", "digest", "推送"):
        return {"digest": parse_mode(value)}
    raise SettingError("bad_setting_name")


def summary(chat: Chat, default_tz: str) -> str:
    lang = chat.language
    quiet = (
        (chat.quiet_start, chat.quiet_end)
        if chat.quiet_start is not None and chat.quiet_end is not None
        else None
    )
    return say(
        lang,
        "settings_title",
        language=say(lang, "language_name"),
        tz=chat.tz or default_tz,
        quiet=keyboards.quiet_label(lang, quiet),
        morning=chat.morning_hour,
        deadline=keyboards.deadline_label(lang, chat.deadline_days),
        mode=say(lang, "mode_digest" if chat.digest else "mode_instant"),
    )


async def settings_command(update: Update, context: Context) -> None:
    args = context.args or []
    if len(args) >= 2:
        await _apply(update, context, args[0], " ".join(args[1:]), edit=False)
        return
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        text = summary(chat, d.settings.tz)
        lang = chat.language
    if args:
        text = say(lang, "settings_bad", detail=say(lang, "bad_setting_name")) + "\n\n" + text
    await reply(update, context, text, markup=keyboards.settings_menu(lang))


async def _apply(update: Update, context: Context, name: str, value: str, *, edit: bool) -> None:
    d = deps(context)
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
    if not await may_manage_chat(update, context):
        await refuse_non_manager(update, context, lang)
        return
    try:
        changes = changes_for(name, value)
    except SettingError as error:
        await reply(
            update, context, say(lang, "settings_bad", detail=say(lang, error.key, value=error.value))
        )
        return
    async with session_scope(d.sessions) as session:
        chat = await update_chat(session, chat.id, **changes)
        await planning.chat_changed(session, chat.id, now=d.now(), tz=d.settings.zone)
        text = say(chat.language, "saved") + "\n\n" + summary(chat, d.settings.tz)
        lang = chat.language
    if edit:
        if update.callback_query is not None:
            await update.callback_query.answer(say(lang, "saved"))
        await edit_or_send(update, context, text, markup=keyboards.settings_menu(lang))
    else:
        await reply(update, context, text, markup=keyboards.settings_menu(lang))


_PRESETS: dict[str, Any] = {
    "tz": keyboards.TIME_ZONES,
    "deadline": keyboards.DEADLINE_CHOICES,
}


async def settings_button(update: Update, context: Context) -> None:
    """``set:menu``, ``set:NAME`` (the choices) and ``set:NAME:VALUE`` (apply a preset)."""
    query, data = pressed_button(update)
    parts = data.split(":")
    d = deps(context)
    if len(parts) == 3:
        name, raw = parts[1], parts[2]
        value = raw
        if name in _PRESETS:
            value = _PRESETS[name][int(raw)] or "off"
        elif name == "quiet":
            quiet = keyboards.QUIET_CHOICES[int(raw)]
            value = (
                "off"
                if quiet is None
                else f"{quiet[0] // 60}:{quiet[0] % 60:02d}-{quiet[1] // 60}:{quiet[1] % 60:02d}"
            )
        await _apply(update, context, name, value, edit=True)
        return
    async with session_scope(d.sessions) as session:
        chat = await chat_row(update, session)
        if chat is None:
            return
        lang = chat.language
        text = summary(chat, d.settings.tz)
    await query.answer()
    if parts[1] == "menu":
        await edit_or_send(update, context, text, markup=keyboards.settings_menu(lang))
    else:
        prompt = {
            "language": "pick_language",
            "tz": "pick_tz",
            "quiet": "pick_quiet",
            "morning": "pick_morning",
        }
        key = prompt.get(parts[1], "pick_deadline" if parts[1] == "deadline" else "pick_mode")
        await edit_or_send(update, context, say(lang, key), markup=keyboards.settings_choices(lang, parts[1]))


def register(app: App) -> None:
    app.add_handler(CommandHandler("settings", settings_command))
    app.add_handler(
        CallbackQueryHandler(
            settings_button,
            pattern=r"^set:(menu|(language|tz|quiet|morning|deadline|mode)(:[a-z0-9]+)?)$",
        )
    )
