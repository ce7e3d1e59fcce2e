"""Inline keyboards and the callback data they carry.

Callback data is at most 64 bytes, so buttons carry short codes and row ids, never user text: a keyword of
any length is removed through its subscription id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import say
from db.models import Subscription, SubscriptionKind
from notices.categories import Category

MAX_CALLBACK_BYTES = 64

TIME_ZONES: tuple[str, ...] = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
)
QUIET_CHOICES: tuple[tuple[int, int] | None, ...] = (
    None,
    (22 * 60, 7 * 60),
    (23 * 60, 7 * 60),
    (21 * 60, 8 * 60),
)
MORNING_CHOICES: tuple[int, ...] = (6, 7, 8, 9, 10, 12)
DEADLINE_CHOICES: tuple[str, ...] = ("3,1,0", "7,3,1,0", "1,0", "0", "")


def button(text: str, data: str) -> InlineKeyboardButton:
    """A callback button; refuses data over Telegram's 64-byte limit instead of letting Telegram reject it."""
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return InlineKeyboardButton(text, callback_data=data)


def rows(buttons: Iterable[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    out: list[list[InlineKeyboardButton]] = []
    for item in buttons:
        if not out or len(out[-1]) >= width:
            out.append([])
        out[-1].append(item)
    return out


def categories(lang: str, subscribed: set[str]) -> InlineKeyboardMarkup:
    """Every category as a toggle; a tick marks those the chat has."""
    buttons = [
        button(("✅ " if c.value in subscribed else "▫️ ") + c.display(lang), f"sub:t:{c.value}")
        for c in Category
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))


def pager(lang: str, prefix: str, page: int, pages: int) -> list[InlineKeyboardButton]:
    """◀ / ▶ buttons for page ``page`` (0-based) of ``pages``; empty when everything fits on one page."""
    if pages <= 1:
        return []
    out: list[InlineKeyboardButton] = []
    if page > 0:
        out.append(button(say(lang, "prev"), f"{prefix}:{page - 1}"))
    out.append(button(f"{page + 1}/{pages}", f"{prefix}:{page}"))
    if page + 1 < pages:
        out.append(button(say(lang, "next"), f"{prefix}:{page + 1}"))
    return out


def subscription_label(lang: str, subscription: Subscription, *, width: int = 40) -> str:
    if subscription.kind == SubscriptionKind.CATEGORY:
        try:
            value = Category(subscription.value).display(lang)
        except ValueError:
            value = subscription.value
    else:
        value = subscription.value
    if len(value) > width:
        value = value[: width - 1] + "…"
    return f"{say(lang, 'kind_' + subscription.kind)}: {value}"


def my_subscriptions(
    lang: str, subscriptions: Sequence[Subscription], page: int, per_page: int
) -> InlineKeyboardMarkup:
    """One ❌ button per subscription on this page (by id, so any keyword fits), and the pager."""
    pages = max(1, -(-len(subscriptions) // per_page))
    page = min(max(page, 0), pages - 1)
    chunk = subscriptions[page * per_page : (page + 1) * per_page]
    keyboard = [[button("❌ " + subscription_label(lang, s), f"sub:x:{s.id}:{page}")] for s in chunk]
    nav = pager(lang, "sub:p", page, pages)
    if nav:
        keyboard.append(nav)
    return InlineKeyboardMarkup(keyboard)


def confirm_unsubscribe(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(say(lang, "yes_remove_all"), "unsuball:y"), button(say(lang, "keep"), "unsuball:n")]]
    )


def settings_menu(lang: str) -> InlineKeyboardMarkup:
    names = ("language", "tz", "quiet", "morning", "deadline", "mode")
    return InlineKeyboardMarkup(rows((button(say(lang, f"btn_{n}"), f"set:{n}") for n in names), 2))


def settings_choices(lang: str, name: str) -> InlineKeyboardMarkup:
    """The preset choices for one setting (free values go through ``/settings NAME VALUE``)."""
    choices: list[InlineKeyboardButton]
    if name == "language":
        choices = [button("中文", "set:language:zh"), button("English", "set:language:en")]
    elif name == "tz":
        choices = [button(zone, f"set:tz:{index}") for index, zone in enumerate(TIME_ZONES)]
    elif name == "quiet":
        choices = [
            button(quiet_label(lang, q), f"set:quiet:{index}") for index, q in enumerate(QUIET_CHOICES)
        ]
    elif name == "morning":
        choices = [button(f"{hour}:00", f"set:morning:{hour}") for hour in MORNING_CHOICES]
    elif name == "deadline":
        choices = [
            button(deadline_label(lang, d), f"set:deadline:{i}") for i, d in enumerate(DEADLINE_CHOICES)
        ]
    elif name == "mode":
        choices = [
            button(say(lang, "mode_instant"), "set:mode:instant"),
            button(say(lang, "mode_digest"), "set:mode:digest"),
        ]
    else:
        raise ValueError(f"unknown setting {name!r}")
    keyboard = rows(choices, 3 if name in ("tz", "morning") else 2)
    keyboard.append([button(say(lang, "btn_back"), "set:menu")])
    return InlineKeyboardMarkup(keyboard)


def quiet_label(lang: str, quiet: tuple[int, int] | None) -> str:
    if quiet is None:
        return say(lang, "quiet_off")
    start, end = quiet
    return f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"


def deadline_label(lang: str, days: str) -> str:
    return say(lang, "deadline_days", days=days) if days else say(lang, "quiet_off")


def draft_card(lang: str, notice_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(say(lang, "btn_publish"), f"d:pub:{notice_id}"),
                button(say(lang, "btn_discard"), f"d:del:{notice_id}"),
            ],
            [
                button(say(lang, "btn_category"), f"d:cat:{notice_id}"),
                button(say(lang, "btn_period"), f"d:per:{notice_id}"),
            ],
        ]
    )


def more_drafts(lang: str, first: int, after: int, last: int) -> InlineKeyboardMarkup:
    """Next under a page of an upload's drafts: the ids ``first``–``last``, shown up to ``after``."""
    return InlineKeyboardMarkup([[button(say(lang, "next"), f"d:more:{first}:{after}:{last}")]])


def draft_categories(lang: str, notice_id: int) -> InlineKeyboardMarkup:
    buttons = [button(c.display(lang), f"d:set:{notice_id}:{c.value}") for c in Category]
    return InlineKeyboardMarkup(rows(buttons, 2))


def add_categories(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(rows((button(c.display(lang), f"add:cat:{c.value}") for c in Category), 2))


def add_confirm(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(say(lang, "btn_publish"), "add:pub"), button(say(lang, "btn_save_draft"), "add:draft")],
            [button(say(lang, "btn_cancel"), "add:cancel")],
        ]
    )


def notice_list(
    lang: str, items: Sequence[tuple[int, str]], *, prefix: str | None = None, page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup | None:
    """A "full text" button per listed notice (id, title) and, for lists, the pager.

    The same question asked again lists the same notices, and a keyboard costs more to build than
    the query behind it: keyboards are kept by what they show (they are immutable)."""
    return _notice_list(lang, tuple(items), prefix, page, pages)


@lru_cache(maxsize=1024)
def _notice_list(
    lang: str, items: tuple[tuple[int, str], ...], prefix: str | None, page: int, pages: int
) -> InlineKeyboardMarkup | None:
    keyboard = [[button(f"#{notice_id} {_short(title, 30)}", f"n:{notice_id}")] for notice_id, title in items]
    if prefix is not None:
        nav = pager(lang, prefix, page, pages)
        if nav:
            keyboard.append(nav)
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def subscribe_start(lang: str, subscribed: set[str]) -> InlineKeyboardMarkup:
    """The /start keyboard: the categories people subscribe to most, in one tap each."""
    popular = (
        Category.ROAD_CLOSURE,
        Category.POWER_OUTAGE,
        Category.WATER_OUTAGE,
        Category.RECRUITMENT,
        Category.RENTAL,
        Category.TENDER,
    )
    buttons = [
        button(("✅ " if c.value in subscribed else "➕ ") + c.display(lang), f"sub:s:{c.value}")
        for c in popular
    ]
    keyboard = rows(buttons, 2)
    keyboard.append([button("⚙️ /settings", "set:menu")])
    return InlineKeyboardMarkup(keyboard)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
