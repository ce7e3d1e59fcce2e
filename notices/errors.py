"""One error hierarchy: every failure noticebot reports to a person derives from NoticebotError."""

from __future__ import annotations


class NoticebotError(Exception):
    """Base of every error noticebot raises on purpose; its message is fit to show a user."""


class InputError(NoticebotError):
    """The input cannot be read as a page: empty, binary, too large, or an unknown encoding."""


class DateSyntaxError(NoticebotError, ValueError):
    """A date or period typed by a person could not be understood."""
