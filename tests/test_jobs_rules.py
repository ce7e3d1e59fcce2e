"""The pure rules: quiet hours, deadline points, digest slots, and the sending-side rate limiter."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from jobs.due import Event, NoticeView, PeriodView, Profile, parse_points, schedule, snooze_due
from jobs.ratelimit import RateLimiter
from notices.categories import Category
from tests.test_jobs_support import SHANGHAI, local


@pytest.mark.parametrize(
    ("text", "points"),
    [("3,1,0", (3, 1, 0)), ("7， 2", (7, 2)), ("0,0,1", (1, 0)), ("", (3, 1, 0)), ("x,-1,999", (3, 1, 0))],
)
def test_deadline_points(text: str, points: tuple[int, ...]) -> None:
    assert parse_points(text) == points


def test_quiet_hours_across_midnight() -> None:
    quiet = Profile(SHANGHAI, quiet_start=22 * 60, quiet_end=7 * 60 + 30)
    assert quiet.after_quiet(local(10, 21, 59)) == local(10, 21, 59)
    assert quiet.after_quiet(local(10, 22, 0)) == local(11, 7, 30)
    assert quiet.after_quiet(local(11, 3, 0)) == local(11, 7, 30)
    assert quiet.after_quiet(local(11, 7, 30)) == local(11, 7, 30)
    daytime = Profile(SHANGHAI, quiet_start=12 * 60, quiet_end=14 * 60)
    assert daytime.after_quiet(local(10, 13, 0)) == local(10, 14, 0)
    assert Profile(SHANGHAI, quiet_start=60, quiet_end=60).after_quiet(local(10, 1)) == local(10, 1)


def test_digest_slots_and_snooze_in_the_chat_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    profile = Profile(berlin, morning_hour=9)
    moment = local(10, 12, tz=berlin)
    assert profile.next_slot(moment) == local(11, 9, tz=berlin)
    assert profile.last_slot(moment) == local(10, 9, tz=berlin)
    assert profile.next_slot(local(10, 9, tz=berlin)) == local(10, 9, tz=berlin)
    assert snooze_due(profile, moment) == local(11, 9, tz=berlin)
    assert profile.morning(date(2022, 3, 27)).utcoffset() is not None  # a DST day still resolves


def test_rate_limiter_spacing_window_chat_and_group() -> None:
    limiter = RateLimiter(30.0, margin=0.0)
    now = 1000.0
    sent = []
    for chat in range(100):
        wait = limiter.global_wait(now)
        now += wait
        limiter.record(chat, False, now)
        sent.append(now)
    assert all(b - a >= 1 / 30 - 1e-9 for a, b in itertools.pairwise(sent))
    assert all(sent[i + 30] - sent[i] >= 1.0 - 1e-9 for i in range(len(sent) - 30))
    assert limiter.chat_ready_at(5, False) == sent[5] + 1.0
    group = RateLimiter(1000.0, margin=0.0)
    for index in range(20):
        group.record(-7, True, 2000.0 + index)
    assert group.chat_ready_at(-7, True) == 2060.0
    group.pause(2100.0)
    assert group.global_wait(2050.0) == 50.0
    unlimited = RateLimiter(0)
    unlimited.record(1, False, 5.0)
    assert unlimited.global_wait(5.0) == 0.0


def test_a_nightly_window_is_announced_before_its_first_night() -> None:
    """A closure open only 1:30–5:30 each night starts before the morning: its "starts" reminder
    comes the lead time before the first window opens, not at 8:00 after it."""
    window = PeriodView(
        id=7,
        all_day=True,
        start_date=date(2022, 5, 12),
        end_date=date(2022, 5, 14),
        daily=(time(1, 30), time(5, 30)),
    )
    notice = NoticeView(id=1, title="封路", category=Category.ROAD_CLOSURE, periods=(window,))
    plan = schedule(notice, Profile(SHANGHAI), now=local(10, 9), tz=SHANGHAI)
    starts = [p.due_at for p in plan if p.event == Event.STARTS]
    assert starts == [local(11, 23, 30)]
    all_day = PeriodView(id=7, all_day=True, start_date=date(2022, 5, 12), end_date=date(2022, 5, 14))
    plan = schedule(replace(notice, periods=(all_day,)), Profile(SHANGHAI), now=local(10, 9), tz=SHANGHAI)
    assert [p.due_at for p in plan if p.event == Event.STARTS] == [local(12, 8)]
