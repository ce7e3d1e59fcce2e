"""Notices as Telegram HTML: a line for lists, a card for the full text or an admin's draft.

All notice text goes through ``esc``; periods are written by the same formatter as the command line.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.html import bold, esc
from bot.texts import say
from db.models import Notice
from db.rows import NoticeRecord
from db.store import to_parsed
from notices.categories import Category
from notices.model import ParsedNotice
from notices.render import format_date, format_period_labelled


def category_name(code: str, lang: str) -> str:
    try:
        return Category(code).display(lang)
    except ValueError:
        return code


def _periods(parsed: ParsedNotice, lang: str, tz: ZoneInfo) -> list[str]:
    """Each period, with its own places when the notice gives each period its own."""
    join = "、" if lang == "zh" else ", "
    return [
        format_period_labelled(period, language=lang, tz=tz)
        + (f" · {join.join(period.places)}" if period.places else "")
        for period in parsed.periods
    ]


def notice_line(notice: Notice | NoticeRecord, lang: str, tz: ZoneInfo) -> str:
    """``#12 title — category`` and its periods, for lists."""
    parsed = to_parsed(notice, tz)
    title = " ".join(notice.title.split())
    head = f"#{notice.id} {bold(title)} — {esc(category_name(notice.category, lang))}"
    lines = [head] + [f"   📅 {esc(text)}" for text in _periods(parsed, lang, tz)]
    return "\n".join(lines)


def notice_card(
    notice: Notice | NoticeRecord, lang: str, tz: ZoneInfo, *, body: bool = True, admin: bool = False
) -> str:
    """The whole notice: title, category, periods, places, issuer, publication date, then the text.

    ``admin`` adds the status and the parser's warnings (what a reviewer must check before publishing).
    """
    parsed = to_parsed(notice, tz)
    lines = [bold(f"#{notice.id} {' '.join(notice.title.split())}")]
    category = f"🏷 {esc(category_name(notice.category, lang))}"
    if admin:
        category += f" · {esc(say(lang, 'status_' + notice.status))}"
    lines.append(category)
    periods = _periods(parsed, lang, tz)
    if periods:
        lines.extend(f"📅 {esc(text)}" for text in periods)
    else:
        lines.append(f"📅 {esc(say(lang, 'card_no_period'))}")
    if parsed.places:
        lines.append(f"📍 {esc('、'.join(parsed.places) if lang == 'zh' else ', '.join(parsed.places))}")
    if parsed.detours:
        lines.append(say(lang, "card_detours", detours=("、" if lang == "zh" else ", ").join(parsed.detours)))
    published = format_date(notice.published, language=lang) if notice.published else None
    issuer = [part for part in (notice.issuer, published) if part]
    if issuer:
        lines.append(f"🏛 {esc(' · '.join(issuer))}")
    if admin and parsed.warnings:
        lines.append(f"{esc(say(lang, 'card_warnings'))}:")
        lines.extend(f"• {esc(warning)}" for warning in parsed.warnings)
    if body and notice.body.strip():
        lines.append("")
        lines.append(esc(notice.body.strip()))
    return "\n".join(lines)


DRAFT_BODY_CHARS = 600
"""A draft card shows this much of the text: enough to check it, short enough for a page of cards."""


def draft_text(notice: Notice, lang: str, tz: ZoneInfo) -> str:
    """An admin's card for a notice under review: the card with status and warnings, and the start of
    the text."""
    card = notice_card(notice, lang, tz, body=False, admin=True)
    body = notice.body.strip()
    if body:
        excerpt = body if len(body) <= DRAFT_BODY_CHARS else body[:DRAFT_BODY_CHARS] + "…"
        card += "\n\n" + esc(excerpt)
    return card
