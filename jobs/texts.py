"""What a reminder says, in the chat's language, rendered when it is sent (so an edit made after planning
is what people read). Everything that came from a notice is HTML-escaped: messages go out as HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from jobs.due import Event, NoticeView, PeriodView
from notices.categories import Category
from notices.model import Period
from notices.render import format_period_labelled, format_window

MAX_TEXT = 4000
"""A little under Telegram's 4096, for the digest's "… and N more" line."""

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# (zh verb, en verb, zh end, en end) for closures and outages.
_DISRUPTION_WORDS: dict[Category, tuple[str, str, str, str]] = {
    Category.ROAD_CLOSURE: ("封闭", "closed", "恢复通行", "open again"),
    Category.TRAFFIC_CONTROL: ("实行交通管制", "under traffic control", "交通管制结束", "clear again"),
    Category.POWER_OUTAGE: ("停电", "without power", "恢复供电", "power back"),
    Category.WATER_OUTAGE: ("停水", "without water", "恢复供水", "water back"),
    Category.GAS_OUTAGE: ("停气", "without gas", "恢复供气", "gas back"),
    Category.HEATING: ("停止供热", "without heating", "恢复供热", "heating back"),
}

Buttons = list[list[tuple[str, str]]]


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def is_zh(language: str) -> bool:
    return language.lower().startswith("zh")


def short_date(day: date, *, language: str, today: date | None = None) -> str:
    """``5月26日`` / ``May 26``; the year only when it is not the current one."""
    with_year = today is not None and day.year != today.year
    if is_zh(language):
        return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"
    text = f"{_EN_MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


@dataclass(frozen=True, slots=True)
class Context:
    """Who reads the message and when: the chat's language and zone, the notice zone, the send time."""

    language: str
    chat_tz: ZoneInfo
    notice_tz: ZoneInfo
    now: datetime

    @property
    def zh(self) -> bool:
        return is_zh(self.language)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.chat_tz).date()

    def day(self, day: date) -> str:
        return short_date(day, language=self.language, today=self.today)

    def relative(self, day: date) -> str:
        """``今天（5月11日）`` / ``Today (May 11)`` for today and tomorrow, else the date."""
        offset = (day - self.today).days
        names = {0: ("今天", "Today"), 1: ("明天", "Tomorrow")}
        if offset in names:
            zh, en = names[offset]
            return f"{zh}（{self.day(day)}）" if self.zh else f"{en} ({self.day(day)})"
        return self.day(day)


def to_period(view: PeriodView, zone: ZoneInfo) -> Period:
    """The domain period, for the shared period formatter (timed ends in the chat's zone)."""
    if view.all_day:
        return Period(view.start_date, view.end_date, True, view.label, view.note, daily=view.daily)
    start = None if view.starts_at is None else view.starts_at.astimezone(zone)
    end = None if view.ends_at is None else view.ends_at.astimezone(zone)
    return Period(start, end, False, view.label, view.note)


def period_line(view: PeriodView, ctx: Context) -> str:
    return format_period_labelled(to_period(view, ctx.chat_tz), language=ctx.language, tz=ctx.chat_tz)


def subject(notice: NoticeView, ctx: Context, period: PeriodView | None = None) -> str:
    """What a disruption affects: the period's own places, else the notice's ("寿山镇忠诚村至礼让村路段"),
    else its title. Never a detour: those are said apart, by :func:`detour_line`."""
    places = period.places if period is not None and period.places else notice.places
    if places:
        return ("、" if ctx.zh else "; ").join(places[:3])
    return notice.title


def detour_line(notice: NoticeView, ctx: Context) -> str:
    """ "↪️ 绕行：胜利路、建设路" / "↪️ Detour: Gloucester Road", or "" when the notice names none."""
    if not notice.detours:
        return ""
    if ctx.zh:
        return f"↪️ 绕行：{esc('、'.join(notice.detours))}"
    return f"↪️ Detour: {esc('; '.join(notice.detours))}"


def _with_detours(text: str, notice: NoticeView, ctx: Context) -> str:
    line = detour_line(notice, ctx)
    return f"{text}\n{line}" if line else text


def category_name(notice: NoticeView, ctx: Context) -> str:
    return notice.category.display(ctx.language)


def render(
    event: str,
    notice: NoticeView,
    period: PeriodView | None,
    ctx: Context,
    *,
    detail: str | None = None,
) -> str:
    """The HTML text of one reminder."""
    if event == Event.NEW:
        return _new(notice, ctx)
    if event == Event.CHANGED:
        return _changed(notice, ctx, detail)
    if event == Event.WITHDRAWN:
        title = esc(notice.title)
        if ctx.zh:
            return f"🚫 <b>已撤回</b>：{title}\n请忽略此前关于此公告的提醒。"
        return f"🚫 <b>Withdrawn</b>: {title}\nPlease disregard the earlier messages about it."
    if period is None:
        return _new(notice, ctx)
    if event in (Event.EVE, Event.STARTS):
        return _starting(event, notice, period, ctx)
    if event == Event.DEADLINE:
        return _deadline(notice, period, ctx)
    if event == Event.ENDS:
        return _ends(notice, period, ctx)
    raise ValueError(f"unknown reminder event {event!r}")


def headline(
    event: str, notice: NoticeView, period: PeriodView | None, ctx: Context, detail: str | None
) -> str:
    """The first line of a reminder: one entry of a digest."""
    return render(event, notice, period, ctx, detail=detail).split("\n", 1)[0]


def _new(notice: NoticeView, ctx: Context) -> str:
    lines = [f"🆕 <b>{esc(category_name(notice, ctx))}</b>{'｜' if ctx.zh else ' | '}{esc(notice.title)}"]
    for p in notice.periods:
        own = f" · {esc(('、' if ctx.zh else '; ').join(p.places))}" if p.places else ""
        lines.append(esc(period_line(p, ctx)) + own)
    if notice.places:
        joined = ("、" if ctx.zh else "; ").join(notice.places)
        lines.append(f"📍 {esc(joined)}")
    lines.append(detour_line(notice, ctx))
    if notice.issuer:
        lines.append(esc(notice.issuer))
    lines.append(f"/notice {notice.id}" if notice.id > 0 else "")
    return "\n".join(line for line in lines if line)


def _starting(event: str, notice: NoticeView, period: PeriodView, ctx: Context) -> str:
    return _with_detours(_starting_text(event, notice, period, ctx), notice, ctx)


def _starting_text(event: str, notice: NoticeView, period: PeriodView, ctx: Context) -> str:
    icon = "⚠️" if event == Event.EVE else "📌"
    words = _DISRUPTION_WORDS.get(notice.category)
    if period.all_day:
        assert period.start_date is not None
        when = ctx.relative(period.start_date)
        if words is None:
            head = f"{when}开始：{esc(notice.title)}" if ctx.zh else f"{when}: {esc(notice.title)} begins"
            return f"{icon} {head}\n{esc(period_line(period, ctx))}"
        what = esc(subject(notice, ctx, period))
        single = period.end_date == period.start_date
        # a window each day (每日9:00—17:00) is said as such, never "all day"
        hours = format_window(period.daily, language=ctx.language) if period.daily else None
        if ctx.zh:
            until = (hours or "全天") if single else f"起{hours or '全天'}"
            if period.end_date and not single:
                until += f"，至{ctx.day(period.end_date)}"
            return f"{icon} {when}{until}，{what}{words[0]}。"
        daily = hours or "all day"
        span = daily + (f", until {ctx.day(period.end_date)}" if period.end_date and not single else "")
        if period.end_date is None:
            span = f"{daily}, until further notice"
        return f"{icon} {when}: {what} is {words[1]} {span}."
    assert period.starts_at is not None
    start_local = period.starts_at.astimezone(ctx.chat_tz)
    when = f"{ctx.relative(start_local.date())} {start_local:%H:%M}"
    until = ""
    if period.ends_at is not None:
        until = ("—" if ctx.zh else "–") + _clock(period.ends_at, ctx.chat_tz)
    if words is None:
        head = f"{when}{until} 开始：{esc(notice.title)}" if ctx.zh else f"{when}{until}: {esc(notice.title)}"
        return f"{icon} {head}\n{esc(period_line(period, ctx))}"
    what = esc(subject(notice, ctx, period))
    if ctx.zh:
        return f"{icon} {when}{until}，{what}{words[0]}。"
    verb = "is" if words[1].startswith(("closed", "under")) else "will be"
    return f"{icon} {when}{until}: {what} {verb} {words[1]}."


def _deadline(notice: NoticeView, period: PeriodView, ctx: Context) -> str:
    last = period.last_day(ctx.chat_tz if not period.all_day else ctx.notice_tz)
    assert last is not None
    left = (last - ctx.today).days
    title = esc(notice.title)
    if ctx.zh:
        if left <= 0:
            head = "⏰ <b>今天是最后一天</b>"
        elif left == 1:
            head = f"⏰ <b>明天截止</b>（{ctx.day(last)}）"
        else:
            head = f"⏰ <b>还有{left}天截止</b>（{ctx.day(last)}）"
        return f"{head}：{title}\n{esc(period_line(period, ctx))}"
    if left <= 0:
        head = "⏰ <b>Last day today</b>"
    elif left == 1:
        head = f"⏰ <b>Deadline tomorrow</b> ({ctx.day(last)})"
    else:
        head = f"⏰ <b>{left} days left</b> (until {ctx.day(last)})"
    return f"{head}: {title}\n{esc(period_line(period, ctx))}"


def _ends(notice: NoticeView, period: PeriodView, ctx: Context) -> str:
    words = _DISRUPTION_WORDS.get(notice.category)
    what = esc(subject(notice, ctx, period))
    line = esc(period_line(period, ctx))
    if words is None:
        title = esc(notice.title)
        return f"✅ 已结束：{title}\n{line}" if ctx.zh else f"✅ Over: {title}\n{line}"
    if ctx.zh:
        return f"✅ {what}{words[2]}。\n{line}"
    return f"✅ {what}: {words[3]}.\n({line})"


# --- corrections -------------------------------------------------------------------------------------


def describe_changes(
    before: Sequence[dict[str, str | bool | None]], after: Sequence[dict[str, str | bool | None]]
) -> str:
    """The difference between two period snapshots, as JSON the sender renders in each chat's language."""
    changes: list[dict[str, str | bool | None]] = []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else None
        new = after[index] if index < len(after) else None
        if old is None and new is not None:
            changes.append({"what": "added", **{f"new_{k}": v for k, v in new.items()}})
        elif new is None and old is not None:
            changes.append({"what": "removed", **{f"old_{k}": v for k, v in old.items()}})
        elif old is not None and new is not None:
            for key in ("start", "end"):
                if old.get(key) != new.get(key):
                    changes.append({"what": key, "old": old.get(key), "new": new.get(key)})
    return json.dumps(changes, ensure_ascii=False)


def _point(value: object, ctx: Context) -> str:
    if not isinstance(value, str) or not value:
        return "—" if ctx.zh else "none"
    if "T" in value:
        moment = datetime.fromisoformat(value).astimezone(ctx.chat_tz)
        return f"{ctx.day(moment.date())} {moment:%H:%M}"
    return ctx.day(date.fromisoformat(value))


def _changed(notice: NoticeView, ctx: Context, detail: str | None) -> str:
    head = f"✏️ <b>更正</b>：{esc(notice.title)}" if ctx.zh else f"✏️ <b>Correction</b>: {esc(notice.title)}"
    lines = [head]
    try:
        changes = json.loads(detail or "[]")
    except ValueError:
        changes = []
    names = {"start": ("开始日期", "start"), "end": ("结束日期", "end")}
    for change in changes if isinstance(changes, list) else []:
        what = change.get("what")
        if what in names:
            zh, en = names[what]
            old, new = _point(change.get("old"), ctx), _point(change.get("new"), ctx)
            lines.append(f"{zh}由{old}改为{new}" if ctx.zh else f"{en} moved from {old} to {new}")
        elif what == "added":
            span = f"{_point(change.get('new_start'), ctx)}–{_point(change.get('new_end'), ctx)}"
            lines.append(f"新增时段：{span}" if ctx.zh else f"period added: {span}")
        elif what == "removed":
            span = f"{_point(change.get('old_start'), ctx)}–{_point(change.get('old_end'), ctx)}"
            lines.append(f"取消时段：{span}" if ctx.zh else f"period removed: {span}")
    if len(lines) == 1:
        lines += [esc(period_line(p, ctx)) for p in notice.periods]
    return "\n".join(lines)


def snapshot(periods: Sequence[PeriodView]) -> list[dict[str, str | bool | None]]:
    """Periods as plain values, kept to describe a later edit ("end moved from … to …")."""
    out: list[dict[str, str | bool | None]] = []
    for p in periods:
        if p.all_day:
            start = None if p.start_date is None else p.start_date.isoformat()
            end = None if p.end_date is None else p.end_date.isoformat()
        else:
            start = None if p.starts_at is None else p.starts_at.isoformat()
            end = None if p.ends_at is None else p.ends_at.isoformat()
        out.append({"start": start, "end": end, "all_day": p.all_day, "label": p.label})
    return out


# --- buttons ------------------------------------------------------------------------------------------


def buttons(
    event: str,
    notice: NoticeView,
    reminder_id: int,
    ctx: Context,
    *,
    period: PeriodView | None = None,
) -> Buttons:
    """ "Mute this category" on every pushed notice; "remind me tomorrow" while tomorrow still matters."""
    if event in Event.CORRECTIONS:
        return []
    row = [mute_button(notice.category, ctx)]
    if event in (Event.NEW, Event.STARTS, Event.DEADLINE) and reminder_id > 0:
        last = None if period is None else period.last_day(ctx.notice_tz if period.all_day else ctx.chat_tz)
        if last is None or last > ctx.today:
            row.append(("⏰ 明天再提醒" if ctx.zh else "⏰ Remind me tomorrow", f"snooze:{reminder_id}"))
    return [row]


def mute_button(category: Category, ctx: Context) -> tuple[str, str]:
    name = category.display(ctx.language)
    label = f"🔕 不再接收「{name}」" if ctx.zh else f"🔕 Mute {name}"
    return label, f"mute:{category.value}"
