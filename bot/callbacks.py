"""Every shape of callback data the bot's buttons carry, checked in one place before any handler runs.

Callback data comes back from the client, and a modified client can send anything: a zone name where an
index belongs (``set:tz:utc``), an id of 2**70 that no 32-bit column holds, nothing at all. Handlers
parse data on the strength of this check; a press that fits no shape here (forged, or from a release
whose buttons have changed) is answered "this button has expired" and changes nothing.
A new button's data needs its shape added to ``SHAPES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sized

from bot.keyboards import DEADLINE_CHOICES, MORNING_CHOICES, QUIET_CHOICES, TIME_ZONES
from notices.categories import Category

MAX_NUMBER = 2**31 - 1
"""Ids, pages and indices in callback data: row ids are 32-bit INTEGER columns."""

NUMBER = "([0-9]{1,10})"


def _one_of(values: Iterable[object]) -> str:
    return "(?:" + "|".join(re.escape(str(value)) for value in values) + ")"


def _index(choices: Sized) -> str:
    return _one_of(range(len(choices)))


CATEGORY = _one_of(c.value for c in Category)

SHAPES: tuple[str, ...] = (
    # settings (bot/handlers/settings.py)
    "set:menu",
    "set:(?:language|tz|quiet|morning|deadline|mode)",
    "set:language:(?:zh|en)",
    f"set:tz:{_index(TIME_ZONES)}",
    f"set:quiet:{_index(QUIET_CHOICES)}",
    f"set:morning:{_one_of(MORNING_CHOICES)}",
    f"set:deadline:{_index(DEADLINE_CHOICES)}",
    "set:mode:(?:instant|digest)",
    # subscriptions, and the buttons on pushed reminders (bot/handlers/subscribe.py, jobs/texts.py)
    f"sub:[ts]:{CATEGORY}",
    f"sub:x:{NUMBER}:{NUMBER}",
    f"sub:p:{NUMBER}",
    "unsuball:[yn]",
    f"mute:{CATEGORY}",
    f"snooze:{NUMBER}",
    f"burst:{NUMBER}:{NUMBER}",  # a page of a burst list (bot/handlers/burst.py)
    # lists, notices and answers (bot/handlers/ask.py)
    f"ls:(?:now|up):{NUMBER}",
    f"n:{NUMBER}",
    f"qa:{NUMBER}",
    # admins' drafts and /add (bot/handlers/admin.py, bot/handlers/add.py)
    f"d:(?:pub|del|cat|per):{NUMBER}",
    f"d:set:{NUMBER}:{CATEGORY}",
    f"d:more:{NUMBER}:{NUMBER}:{NUMBER}",  # an upload's next page of drafts (bot/handlers/upload.py)
    f"add:cat:{CATEGORY}",
    "add:(?:pub|draft|cancel)",
)

_PATTERNS = tuple(re.compile(shape) for shape in SHAPES)


def is_valid(data: object) -> bool:
    """Whether ``data`` is callback data one of the bot's buttons could carry."""
    if not isinstance(data, str):
        return False
    for pattern in _PATTERNS:
        match = pattern.fullmatch(data)
        if match is not None:
            return all(int(number) <= MAX_NUMBER for number in match.groups())
    return False


def is_forged(data: object) -> bool:
    """The opposite of ``is_valid``, as a CallbackQueryHandler pattern."""
    return not is_valid(data)
