"""Notices and periods as plain text in Chinese or English, the way people write dates.

Shared by the CLI, the bot and the reminders, so a period reads the same everywhere. The output is
plain text: whoever sends it as HTML escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.lazy import LazyPattern, has_cjk
from notices.model import ParsedNotice, Period
from notices.normalize import normalize

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _zh(language: str) -> bool:
    return language.startswith("zh")


def format_date(day: date, *, language: str) -> str:
    """``2022年5月20日`` / ``20 May 2022``."""
    if _zh(language):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def format_time(moment: datetime | time) -> str:
    """``8:00`` style hours; a minute past midnight stays ``0:01``."""
    return f"{moment.hour}:{moment.minute:02d}"


def format_moment(moment: datetime, *, language: str, tz: ZoneInfo) -> str:
    """A moment in ``tz``: ``2022年5月15日 10:00`` / ``15 May 2022, 10:00``."""
    local = moment.astimezone(tz)
    separator = " " if _zh(language) else ", "
    return f"{format_date(local.date(), language=language)}{separator}{format_time(local)}"


def format_days(start: date, end: date, *, language: str) -> str:
    """An inclusive range of days, dropping what the end repeats: ``2022年5月11日—26日`` /
    ``11–26 May 2022``; a single day prints once."""
    if start == end:
        return format_date(start, language=language)
    if _zh(language):
        if start.year != end.year:
            tail = format_date(end, language=language)
        elif start.month != end.month:
            tail = f"{end.month}月{end.day}日"
        else:
            tail = f"{end.day}日"
        return f"{format_date(start, language=language)}—{tail}"
    if start.year != end.year:
        return f"{format_date(start, language=language)} – {format_date(end, language=language)}"
    if start.month != end.month:
        return f"{start.day} {_EN_MONTHS[start.month - 1]} – {format_date(end, language=language)}"
    return f"{start.day}–{format_date(end, language=language)}"


def _suffix(parts: Sequence[str], language: str) -> str:
    if not parts:
        return ""
    if _zh(language):
        return "（" + "；".join(parts) + "）"
    return " (" + "; ".join(parts) + ")"


def format_period(period: Period, *, language: str, tz: ZoneInfo) -> str:
    """A period without its label: ``2022年5月11日—26日（全天）`` / ``11–26 May 2022 (all day)``;
    timed periods are shown in ``tz``, deadlines as ``截至…``/``until …``, open ends as ``…起``/``from …``."""
    notes: list[str] = []
    if period.all_day:
        text = _all_day(period, language)
        if period.daily is not None:
            notes.append(format_window(period.daily, language=language))
        elif period.start is not None:
            notes.append("全天" if _zh(language) else "all day")
    else:
        text = _timed(period, language, tz)
    if period.note:
        notes.append(note_in(period.note, language))
    return text + _suffix(notes, language)


# The qualifiers notices write after a period (节假日除外, 工作日9:00-16:00, 共16天), said in English.
_EN_NOTE_WORDS: tuple[tuple[LazyPattern, str], ...] = tuple(
    (LazyPattern(pattern), replacement)
    for pattern, replacement in (
        (r"(?:法定)?节假日除外", "except public holidays"),
        (r"(?:周末|双休日)除外", "except weekends"),
        (r"节假日(?:不休|照常)", "holidays included"),
        (r"北京时间", "Beijing time"),
        (r"(\d+)个工作日", r"\1 working days"),
        (r"共(\d+)天", r"\1 days in all"),
        (r"工作日", "working days "),
        (r"每日|每天", "daily "),
        (r"上午", "morning "),
        (r"下午", "afternoon "),
        (r"晚上|每晚", "evening "),
        (r"\s*(?:至|到|-|—|~|～)\s*", "–"),
        (r"[，、,]\s*", ", "),
        (r"[；;]\s*", "; "),
        (r"[（(]", "("),
        (r"[）)]", ")"),
    )
)


def note_in(note: str, language: str) -> str:
    """A period's note in ``language``: the notice's own words in Chinese; in English the usual
    qualifiers translated, or the words as printed when they are not all known."""
    if _zh(language) or not has_cjk(note):
        return note
    text = normalize(note)
    for pattern, replacement in _EN_NOTE_WORDS:
        text = pattern.sub(replacement, text)
    text = re.sub(r" {2,}", " ", text).strip()
    return note if has_cjk(text) else text


def _all_day(period: Period, language: str) -> str:
    start, end = period.start, period.end
    assert not isinstance(start, datetime)
    assert not isinstance(end, datetime)
    if start is not None and end is not None:
        return format_days(start, end, language=language)
    if start is not None:
        return (
            f"{format_date(start, language=language)}起"
            if _zh(language)
            else f"from {format_date(start, language=language)}"
        )
    assert end is not None
    return (
        f"截至{format_date(end, language=language)}"
        if _zh(language)
        else f"until {format_date(end, language=language)}"
    )


def _closing(end: datetime, tz: ZoneInfo) -> tuple[date, str]:
    """The day and clock of an exclusive end; a midnight end reads as 24:00 of the day before."""
    local = end.astimezone(tz)
    if local.time() == time(0):
        return local.date() - timedelta(days=1), "24:00"
    return local.date(), format_time(local)


def _timed(period: Period, language: str, tz: ZoneInfo) -> str:
    zh = _zh(language)
    start = period.start.astimezone(tz) if isinstance(period.start, datetime) else None
    end = period.end if isinstance(period.end, datetime) else None
    if start is None:
        assert end is not None
        day, clock = _closing(end, tz)
        when = f"{format_date(day, language=language)}{' ' if zh else ', '}{clock}"
        return f"截至{when}" if zh else f"until {when}"
    opening = format_moment(start, language=language, tz=tz)
    if period.is_moment:
        return opening  # 开标 2022年5月20日 9:30
    if end is None:
        return f"{opening}起" if zh else f"from {opening}"
    day, clock = _closing(end, tz)
    if day <= start.date():
        return f"{opening}—{clock}" if zh else f"{opening}–{clock}"
    if zh:
        tail = (
            f"{day.month}月{day.day}日 {clock}"
            if day.year == start.year
            else f"{format_date(day, language=language)} {clock}"
        )
        return f"{opening}—{tail}"
    return f"{opening} – {format_date(day, language=language)}, {clock}"


def format_window(window: tuple[time, time], *, language: str) -> str:
    """A daily window: ``每日9:00—17:00`` / ``daily 9:00–17:00``; one closing before it opens runs
    overnight (``每晚22:00—次日6:00`` / ``nightly 22:00–6:00``)."""
    opening, closing = (format_time(t) for t in window)
    overnight = window[1] <= window[0]
    if _zh(language):
        return f"每晚{opening}—次日{closing}" if overnight else f"每日{opening}—{closing}"
    return f"nightly {opening}–{closing}" if overnight else f"daily {opening}–{closing}"


def format_period_labelled(period: Period, *, language: str, tz: ZoneInfo) -> str:
    """The period after its label as printed in the notice: ``封闭期限：2022年5月11日—26日（全天）``."""
    text = format_period(period, language=language, tz=tz)
    if not period.label:
        return text
    return f"{period.label}：{text}" if _zh(language) else f"{period.label}: {text}"


def _ref(notice_id: int | None) -> str:
    return "" if notice_id is None else f"#{notice_id} "


def format_notice_line(
    notice: ParsedNotice, *, language: str, tz: ZoneInfo, notice_id: int | None = None
) -> str:
    """One line for lists: ``#1 封路公告 [道路封闭] 2022年5月11日—26日（全天）`` (first period only,
    with ``+N`` when there are more)."""
    parts = [f"{_ref(notice_id)}{notice.title}", f"[{notice.category.display(language)}]"]
    if notice.periods:
        first = format_period(notice.periods[0], language=language, tz=tz)
        more = len(notice.periods) - 1
        parts.append(first + (f" +{more}" if more else ""))
    return " ".join(parts)


def format_notice_entry(
    notice: ParsedNotice, *, language: str, tz: ZoneInfo, notice_id: int | None = None
) -> str:
    """A few lines for an answer: the title, every period with its label, and the places."""
    zh = _zh(language)
    lines = [f"{_ref(notice_id)}{notice.title} [{notice.category.display(language)}]"]
    lines += [f"  {format_period_labelled(p, language=language, tz=tz)}" for p in notice.periods]
    if notice.places:
        joined = "、".join(notice.places) if zh else "; ".join(notice.places)
        lines.append(f"  {'地点：' if zh else 'Places: '}{joined}")
    return "\n".join(lines)


def format_notice_full(
    notice: ParsedNotice,
    *,
    language: str,
    tz: ZoneInfo,
    notice_id: int | None = None,
    with_warnings: bool = False,
) -> str:
    """The whole notice: title, category, issuer, publication date, periods, places, body (and, for
    whoever reviews a draft, the parser's warnings)."""
    zh = _zh(language)

    def field(zh_name: str, en_name: str, value: str) -> str:
        return f"{zh_name}：{value}" if zh else f"{en_name}: {value}"

    lines = [f"{_ref(notice_id)}{notice.title}", field("类别", "Category", notice.category.display(language))]
    if notice.issuer:
        lines.append(field("发布单位", "Issued by", notice.issuer))
    if notice.published:
        lines.append(field("发布日期", "Published", format_date(notice.published, language=language)))
    for period in notice.periods:
        lines.append(format_period_labelled(period, language=language, tz=tz))
    if notice.places:
        lines.append(field("地点", "Places", ("、" if zh else "; ").join(notice.places)))
    if notice.body:
        lines += ["", notice.body]
    if with_warnings and notice.warnings:
        lines += ["", field("注意", "Warnings", "; ".join(notice.warnings))]
    return "\n".join(lines)
