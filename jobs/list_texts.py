"""Messages that list many notices at once: the daily digest, and the "N new notices match your
subscriptions" list of a burst, paged so each page fits one message."""

from __future__ import annotations

from collections.abc import Sequence

from jobs.due import NoticeView
from jobs.texts import MAX_TEXT, Buttons, Context, category_name, esc, mute_button
from notices.categories import Category

# --- digest -------------------------------------------------------------------------------------------


def render_digest(lines: Sequence[str], ctx: Context) -> str:
    """One message for a day's reminders; entries that do not fit are counted, not cut mid-way."""
    name = "每日提醒" if ctx.zh else "Daily digest"
    head = f"🗞 <b>{name}</b> · {ctx.day(ctx.today)}"
    parts = [head, ""]
    size = len(head) + 2
    for index, line in enumerate(lines):
        entry = f"• {line}"
        if size + len(entry) + 40 > MAX_TEXT:
            rest = len(lines) - index
            parts.append(f"……另有{rest}条" if ctx.zh else f"… and {rest} more")
            break
        parts.append(entry)
        size += len(entry) + 1
    return "\n".join(parts)


def digest_buttons(categories: Sequence[Category], ctx: Context) -> Buttons:
    unique = list(dict.fromkeys(categories))[:3]
    return [[mute_button(c, ctx)] for c in unique]


# --- burst lists -------------------------------------------------------------------------------------

BURST_PAGE = 10
"""The most notices on one page of a burst list (a page also stays within ``MAX_TEXT``)."""


def _burst_line(notice: NoticeView, ctx: Context) -> str:
    title = notice.title if len(notice.title) <= 80 else notice.title[:79] + "…"
    sep = "｜" if ctx.zh else " | "
    return f"• {esc(category_name(notice, ctx))}{sep}{esc(title)} /notice {notice.id}"


def burst_pages(notices: Sequence[NoticeView], ctx: Context) -> list[list[str]]:
    """The list's lines in pages of at most ``BURST_PAGE``, each page short enough for one message."""
    pages: list[list[str]] = []
    page: list[str] = []
    size = 0
    for notice in notices:
        line = _burst_line(notice, ctx)
        if page and (len(page) >= BURST_PAGE or size + len(line) + 1 > MAX_TEXT - 200):
            pages.append(page)
            page, size = [], 0
        page.append(line)
        size += len(line) + 1
    if page:
        pages.append(page)
    return pages


def render_burst(
    notices: Sequence[NoticeView], ctx: Context, reminder_id: int, page: int = 0
) -> tuple[str, Buttons]:
    """One message for many new notices: "N new notices match your subscriptions", one page of the
    list, and ‹ › buttons to the other pages (``burst:<reminder>:<page>``)."""
    pages = burst_pages(notices, ctx) or [[]]
    page = min(max(page, 0), len(pages) - 1)
    count = len(notices)
    if ctx.zh:
        head = f"🆕 <b>{count}条新公告符合您的订阅</b>"
    else:
        head = f"🆕 <b>{count} new notice{'s' if count != 1 else ''} match your subscriptions</b>"
    if len(pages) > 1:
        head += f" ({page + 1}/{len(pages)})"
    text = "\n".join([head, "", *pages[page]])
    row: list[tuple[str, str]] = []
    if page > 0 and reminder_id > 0:
        row.append(("‹ 上一页" if ctx.zh else "‹ Previous", f"burst:{reminder_id}:{page - 1}"))
    if page + 1 < len(pages) and reminder_id > 0:
        row.append(("下一页 ›" if ctx.zh else "Next ›", f"burst:{reminder_id}:{page + 1}"))
    return text, [row] if row else []
