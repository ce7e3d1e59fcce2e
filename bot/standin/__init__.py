"""A local stand-in for the Telegram Bot API: the real python-telegram-bot talks to it over HTTP."""

from bot.standin.faults import FORBIDDEN, ApiError, Fault
from bot.standin.limits import FloodLimits
from bot.standin.objects import Chat, Request, StoredFile, StoredMessage, User
from bot.standin.server import DEFAULT_TOKEN, StandIn

__all__ = [
    "DEFAULT_TOKEN",
    "FORBIDDEN",
    "ApiError",
    "Chat",
    "Fault",
    "FloodLimits",
    "Request",
    "StandIn",
    "StoredFile",
    "StoredMessage",
    "User",
]
