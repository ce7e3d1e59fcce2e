"""When each reminder is due: the rules of issue 4 as pure functions of a notice, a chat's settings and
the current instant. The planner runs them once per (notice, distinct chat settings) and lets SQL fan the
result out to every matching chat.

Rules, all in the chat's zone unless said otherwise:
- ``new``: when planned, but not before the morning hour of the publication day.
- ``eve`` (closures and outages only): 20:00 on the day before the start, if that is before ``starts``.
- ``starts``: the morning hour of the start date (all-day) or ``lead_minutes`` before a timed start
  or before the first daily window, whichever comes first;
  not planned when it would come no later than ``new`` (the announcement already says it has begun).
- ``deadline`` (categories with deadlines): the morning hour ``n`` days before the last day, for each
  ``n`` in the chat's points; ``0`` is "last day today".
- ``ends`` (closures and outages): the morning hour of the day after an all-day period's inclusive end,
  or the end instant of a timed period.
- Quiet hours move a reminder to the end of the quiet span.
- Digest chats get everything at their morning hour: ``new`` at the next one, other reminders at the last
  one before they would be due (a timed outage is in the digest of the day before), never in the past;
  they get no ``eve``, which would land in the same digest as ``starts``.
All-day dates are the dates as printed (the notice's zone); a chat elsewhere hears about "May 11" at its own
morning hour on May 11.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from notices.categories import Category

EVE_HOUR = 20
"""The evening hour of an ``eve`` reminder: late enough to be "tonight", early enough to plan a detour."""

FRESH_DAYS = 7
"""A notice without periods is announced only within this many days of its publication."""


class Event:
    NEW = "new"
    EVE = "eve"
    STARTS = "starts"
    DEADLINE = "deadline"
    ENDS = "ends"
    CHANGED = "changed"
    WITHDRAWN = "withdrawn"
    DIGEST = "digest"
    BURST = "burst"
    """One list of a page's announcements, for a chat owed more than a few of them."""
    CORRECTIONS = (CHANGED, WITHDRAWN)
    ALL = (NEW, EVE, STARTS, DEADLINE, ENDS, CHANGED, WITHDRAWN)


def parse_points(text: str | None) -> tuple[int, ...]:
    """A chat's deadline points ("3,1,0"), largest first; junk is ignored, nothing valid means the default."""
    points: set[int] = set()
    for part in (text or "").replace("，", ",").split(","):
        part = part.strip()
        if part.isdigit() and int(part) <= 60:
            points.add(int(part))
    return tuple(sorted(points, reverse=True)) if points else (3, 1, 0)


@dataclass(frozen=True, slots=True)
class Profile:
    """The settings of a chat that decide when its reminders are due (chats sharing them share a plan)."""

    tz: ZoneInfo
    morning_hour: int = 8
    quiet_start: int | None = None
    quiet_end: int | None = None
    digest: bool = False
    deadline_days: tuple[int, ...] = (3, 1, 0)
    lead_minutes: int = 120

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """The UTC instant of a wall-clock time on a day in this chat's zone."""
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz).astimezone(UTC)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def morning(self, day: date) -> datetime:
        return self.at(day, self.morning_hour)

    def in_quiet(self, moment: datetime) -> bool:
        if self.quiet_start is None or self.quiet_end is None or self.quiet_start == self.quiet_end:
            return False
        local = moment.astimezone(self.tz)
        minute = local.hour * 60 + local.minute
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= minute < self.quiet_end
        return minute >= self.quiet_start or minute < self.quiet_end

    def after_quiet(self, moment: datetime) -> datetime:
        """``moment``, or the end of the quiet hours it falls in."""
        if not self.in_quiet(moment):
            return moment
        assert self.quiet_start is not None
        assert self.quiet_end is not None
        local = moment.astimezone(self.tz)
        minute = local.hour * 60 + local.minute
        day = local.date()
        if self.quiet_start > self.quiet_end and minute >= self.quiet_start:
            day += timedelta(days=1)
        return self.at(day, self.quiet_end // 60, self.quiet_end % 60)

    def next_slot(self, moment: datetime) -> datetime:
        """The first digest time at or after ``moment``."""
        day = self.local_day(moment)
        slot = self.morning(day)
        return slot if slot >= moment else self.morning(day + timedelta(days=1))

    def last_slot(self, moment: datetime) -> datetime:
        """The last digest time at or before ``moment``."""
        day = self.local_day(moment)
        slot = self.morning(day)
        return slot if slot <= moment else self.morning(day - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class PeriodView:
    """A stored period: all-day dates as printed (end inclusive) or UTC instants (end exclusive)."""

    id: int
    all_day: bool
    start_date: date | None = None
    end_date: date | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    label: str | None = None
    note: str | None = None
    daily: tuple[time, time] | None = None
    #: This period's own places (empty: the notice's).
    places: tuple[str, ...] = ()

    def start_instant(self, tz: ZoneInfo) -> datetime | None:
        if self.all_day:
            if self.start_date is None:
                return None
            return datetime.combine(self.start_date, time(0), tzinfo=tz).astimezone(UTC)
        return self.starts_at

    def end_instant(self, tz: ZoneInfo) -> datetime | None:
        """The exclusive end: after this the period is over. All-day dates are read in the notice zone."""
        if self.all_day:
            if self.end_date is None:
                return None
            return datetime.combine(self.end_date + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
        return self.ends_at

    def last_day(self, zone: ZoneInfo) -> date | None:
        """The last day of the period: the printed end date, or the local day of a timed end."""
        if self.all_day:
            return self.end_date
        if self.ends_at is None:
            return None
        return (self.ends_at - timedelta(microseconds=1)).astimezone(zone).date()


@dataclass(frozen=True, slots=True)
class NoticeView:
    """What planning and rendering need of a notice."""

    id: int
    title: str
    category: Category
    status: str = "published"
    published: date | None = None
    issuer: str | None = None
    body: str = ""
    periods: tuple[PeriodView, ...] = ()
    places: tuple[str, ...] = ()
    search_text: str = ""
    #: Roads to take instead: named by the notice, never closed by it.
    detours: tuple[str, ...] = ()

    def period(self, period_id: int) -> PeriodView | None:
        for period in self.periods:
            if period.id == period_id:
                return period
        return None

    def is_over(self, now: datetime, tz: ZoneInfo) -> bool:
        """Every period has ended (a notice without periods is never over by this test)."""
        if not self.periods:
            return False
        for period in self.periods:
            end = period.end_instant(tz)
            if end is None or end > now:
                return False
        return True

    def is_stale(self, now: datetime, tz: ZoneInfo) -> bool:
        """Too old to announce: all its periods are over, or it has none and was published long ago."""
        if self.periods:
            return self.is_over(now, tz)
        if self.published is None:
            return False
        return self.published < now.astimezone(tz).date() - timedelta(days=FRESH_DAYS)


@dataclass(frozen=True, slots=True, order=True)
class Planned:
    """One reminder to store: its key within the notice, and when it is due."""

    due_at: datetime
    period_id: int = 0
    event: str = Event.NEW
    point: str = ""


def announce_at(notice: NoticeView, profile: Profile, now: datetime) -> datetime:
    """When ``new`` would be due before quiet hours and digests: now, but not before publication day."""
    if notice.published is None:
        return now
    return max(now, profile.morning(notice.published))


def schedule(notice: NoticeView, profile: Profile, *, now: datetime, tz: ZoneInfo) -> list[Planned]:
    """Every reminder a chat with ``profile`` should get about ``notice`` from ``now`` on, in due order."""
    if notice.is_stale(now, tz):
        return []
    natural: list[Planned] = [Planned(announce_at(notice, profile, now), 0, Event.NEW)]
    for period in notice.periods:
        natural.extend(_period_events(notice.category, period, profile, tz))
    new_due = natural[0].due_at
    kept = [natural[0]] + [p for p in natural[1:] if p.due_at >= now]
    return _adjust(kept, profile, now=now, new_due=new_due)


def _period_events(category: Category, period: PeriodView, profile: Profile, tz: ZoneInfo) -> list[Planned]:
    events: list[Planned] = []
    start = period.start_instant(tz)
    if start is not None:
        if period.all_day:
            assert period.start_date is not None
            start_day = period.start_date
            starts_due = profile.morning(start_day)
            if period.daily is not None:
                # a window each day (每晚22时至翌日6时): tell before the first one opens
                opens = datetime.combine(start_day, period.daily[0], tzinfo=tz).astimezone(UTC)
                starts_due = min(starts_due, opens - timedelta(minutes=profile.lead_minutes))
        else:
            start_day = profile.local_day(start)
            starts_due = start - timedelta(minutes=profile.lead_minutes)
        events.append(Planned(starts_due, period.id, Event.STARTS))
        if category.is_disruption:
            eve = profile.at(start_day - timedelta(days=1), EVE_HOUR)
            events.append(Planned(eve, period.id, Event.EVE))
    last_day = period.last_day(profile.tz if not period.all_day else tz)
    if category.has_deadline and last_day is not None:
        end = period.end_instant(tz)
        for days in profile.deadline_days:
            due = profile.morning(last_day - timedelta(days=days))
            if end is not None and due >= end:
                continue
            events.append(Planned(due, period.id, Event.DEADLINE, str(days)))
    if category.is_disruption and last_day is not None:
        if period.all_day:
            ends_due = profile.morning(last_day + timedelta(days=1))
        else:
            assert period.ends_at is not None
            ends_due = period.ends_at
        events.append(Planned(ends_due, period.id, Event.ENDS))
    return events


def _adjust(planned: list[Planned], profile: Profile, *, now: datetime, new_due: datetime) -> list[Planned]:
    """Apply digest slots and quiet hours, then drop what became redundant."""
    out: list[Planned] = []
    starts_by_period: dict[int, datetime] = {}
    for item in planned:
        due = item.due_at
        if profile.digest:
            if item.event == Event.EVE:
                continue
            if item.event == Event.NEW:
                due = profile.next_slot(due)
            else:
                due = max(profile.last_slot(due), profile.next_slot(now))
        quiet = profile.after_quiet(due)
        if item.event == Event.EVE and profile.local_day(quiet) != profile.local_day(due):
            continue  # deferred past midnight it would no longer be "the evening before"
        due = quiet
        adjusted = Planned(due, item.period_id, item.event, item.point)
        if item.event == Event.STARTS:
            starts_by_period[item.period_id] = due
        out.append(adjusted)
    new_final = out[0].due_at if out and out[0].event == Event.NEW else new_due
    kept: list[Planned] = []
    for item in out:
        if item.event == Event.STARTS and item.due_at <= new_final:
            continue
        if item.event == Event.EVE:
            starts = starts_by_period.get(item.period_id)
            if item.due_at <= new_final or (starts is not None and item.due_at >= starts):
                continue
        kept.append(item)
    return sorted(kept)


def correction_due(profile: Profile, now: datetime) -> datetime:
    """A correction goes out at once, quiet hours permitting (digests do not hold corrections back)."""
    return profile.after_quiet(now)


def snooze_due(profile: Profile, now: datetime) -> datetime:
    """ "Remind me tomorrow": tomorrow's morning hour in the chat's zone, quiet hours permitting."""
    return profile.after_quiet(profile.morning(profile.local_day(now) + timedelta(days=1)))


def still_meaningful(
    event: str,
    period: PeriodView | None,
    notice: NoticeView,
    *,
    now: datetime,
    tz: ZoneInfo,
    chat_tz: ZoneInfo | None = None,
) -> bool:
    """Whether a reminder that came due (perhaps long ago, after downtime) is still worth sending.

    All-day periods are judged by the chat's calendar (the dates as printed, as the chat reads them);
    timed periods by the instant."""
    if event in Event.CORRECTIONS:
        return True
    if event == Event.NEW:
        return not notice.is_stale(now, tz)
    if period is None:
        return False
    if period.all_day:
        today = now.astimezone(chat_tz or tz).date()
        if event == Event.EVE:
            return period.start_date is None or today < period.start_date
        if event in (Event.STARTS, Event.DEADLINE):
            return period.end_date is None or today <= period.end_date
        if event == Event.ENDS:
            return period.end_date is None or today <= period.end_date + timedelta(days=2)
        return True
    start, end = period.starts_at, period.ends_at
    if event == Event.EVE:
        return start is None or now < start
    if event in (Event.STARTS, Event.DEADLINE):
        return end is None or now < end
    if event == Event.ENDS:
        return end is None or now < end + timedelta(days=2)
    return True
