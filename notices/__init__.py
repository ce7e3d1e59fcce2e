"""Pure notice domain: newspaper text in, parsed notices out.

Nothing here touches a database, Telegram or the clock: every date is resolved
against a reference date that the caller passes in.
"""

from notices.categories import Category
from notices.model import PageResult, ParsedNotice, Period, SkippedItem

__all__ = ["Category", "PageResult", "ParsedNotice", "Period", "SkippedItem"]
