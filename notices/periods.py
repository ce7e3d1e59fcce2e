"""A notice's periods: extract every dated expression first, then decide.

Every dated expression in a notice is a candidate; what surrounds it decides whether a
subscriber must be told of it (notices.evidence: page metadata, datelines, dates the notice
replaces, what is over), what kind of period it is (notices.period_shapes: deadline, opening,
reopening), and how the notice's periods stand together (notices.reconcile: windows, extensions,
restatements; notices.summaries: a span over its items).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from notices.as_usual import back_to_usual
from notices.closure_within import closures_within_work
from notices.coarse_copy import drop_coarse_copies
from notices.dates import find_periods
from notices.dates.undated import hours_of_today, hours_on
from notices.event_relative import drop_event_relative_days
from notices.evidence import _as_date, _drop_reason
from notices.impossible import find_impossible
from notices.in_force import drop_in_force
from notices.labels import labelled
from notices.lone_reopening import closed_until_reopening
from notices.lost_hour import end_of_lost_start
from notices.merged_cells import merged_day_rows
from notices.model import Period
from notices.normalize import normalize
from notices.open_daily import fold_open_daily
from notices.open_starts import drop_spanned_openings
from notices.opening_hours import fold_opening_hours, timed_openings
from notices.period_shapes import _as_deadline, _launched, _reopening
from notices.prior_steps import drop_prior_steps
from notices.reconcile import (
    _closed_by_reopening,
    _drop_eve_deadlines,
    _drop_extended,
    _drop_shadowed,
    _paired,
)
from notices.rest_of_span import hours_of_the_rest
from notices.restated import _drop_restated
from notices.restated_days import drop_days_restated_by_hours
from notices.resumed import fold_resumptions
from notices.schedule_openings import drop_schedule_openings
from notices.span_end_deadline import drop_deadlines_at_span_end
from notices.stages import fold_stages, stop_then_return
from notices.summaries import _drop_summaries
from notices.superseded import moved_to
from notices.told_apart import join_told_apart
from notices.weekday_rows import drop_weekday_rows
from notices.works_day import drop_works_days

#: How a warning about a date no calendar has begins.
IMPOSSIBLE = "impossible date left out"
#: How the warning begins when a notice has no date to resolve its own against.
UNRESOLVED = "dates not resolved"


def kept_periods(
    body: str,
    *,
    base: date | None,
    published: date | None,
    tz: ZoneInfo,
    warnings: list[str],
    undated_day: date | Callable[[], date | None] | None = None,
) -> list[Period]:
    """Periods in the body, labelled; spans wholly before publication are history, not plans.
    ``undated_day``: the day hours fall on in a body that names no day (its publication date), or
    how to find it, asked only of a body that names none (most bodies name their days)."""
    if base is None or not body.strip():
        if base is None and body.strip():
            warnings.append(f"{UNRESOLVED}: no reference date for this notice")
        return []
    norm = normalize(body)
    impossible = find_impossible(norm)
    for item in impossible:
        warnings.append(f"{IMPOSSIBLE}: {item.text.strip()} ({item.reason})")
    try:
        found = merged_day_rows(norm, find_periods(body, base=base, tz=tz, norm=norm), tz)
        found = drop_weekday_rows(norm, found, tz)  # 9月18日至11月30日 ⏎ 周四上午8:30-11:00: every Thursday
    except Exception as exc:  # a date-grammar bug must not cost the whole page
        warnings.append(f"dates could not be read: {type(exc).__name__}")
        return []
    if not found and not impossible and (undated_day is not None or published is not None):
        # 9时至17时实施交通管制, no day anywhere; a cut under way (于16:00停水…恢复供水时间…) is the
        # notice's own day's, its signature's too. A day no calendar has (2月29日8时至17时) is still a
        # day the body names: its hours are not moved to another.
        day = undated_day() if callable(undated_day) else undated_day
        found = hours_on(body, norm, day=day, cut_day=day or published, tz=tz)
    elif found and not impossible:
        found = hours_of_today(body, norm, found, tz=tz) or found  # 今天是…；17时至22时期间…禁止通行
    if published is not None:
        found = join_told_apart(norm, found, before=published)  # (a start gone by, an end ahead)
    found = fold_open_daily(norm, found)  # 10月28日起每日0:00—5:00: the start's window, no day apart
    found = end_of_lost_start(norm, found, tz)  # 28日…将于? 时30分至11时: the end kept
    candidates: list[Period] = []
    usual: list[Period] = []  # days said to go on as usual: no periods, but items of a summary
    withdrawn: list[Period] = []  # dates the notice replaces: the steps told before them are over
    for period in found:
        reason = _drop_reason(norm, period, published, tz, base)
        moved = moved_to(norm, period) if reason == "superseded" else None
        if moved is not None:
            period, reason = moved, None  # postponed from 13 May to 27 May: held on the 27th
        if reason == "superseded":
            # "原定于4月16日举办…推迟": the date the notice withdraws is no plan
            warnings.append(f"superseded date left out: {period.text}")
            withdrawn.append(period)
        if reason == "as usual":
            usual.append(labelled(body, period))
        if reason is not None:
            continue
        if published is not None and period.end is not None and _as_date(period.end, tz) < published:
            continue
        if (
            published is not None
            and period.end is None
            and period.start is not None
            and (published - _as_date(period.start, tz)).days > _BACKGROUND_DAYS
        ):
            continue  # "自今年七月起分阶段展开…": begun long before the notice, background
        candidates.append(period)
    out: list[Period] = []
    # the stop and the return are one window before restatements are weighed (已从4日开始停水，
    # 预计至5日12时恢复 beside another village's 4日14时至5日12时)
    timed = timed_openings(norm, usual, candidates, tz)  # 正常开放 ⏎ 初一开馆时间为10:00…: its hours
    if timed:
        usual = [p for p in usual if p not in timed]
        candidates = _in_text_order(candidates, timed)
    candidates = back_to_usual(norm, drop_prior_steps(norm, candidates, withdrawn, tz), usual)
    candidates = stop_then_return(norm, candidates, tz)
    for period in _closed_by_reopening(norm, join_told_apart(norm, candidates), tz):
        period = _reopening(body, period, tz) or labelled(body, period)
        out.append(_launched(norm, _as_deadline(norm, period)))
    shadowed = closures_within_work(norm, _drop_shadowed(_paired(norm, out), tz, norm), tz)
    # 其中5月1日9:00-17:00，其余日期8:30-18:00: the rest of the span's days, before the span is
    # weighed as their summary
    shadowed = fold_opening_hours(norm, shadowed, tz)  # 22日至27日正常开放 ⏎ 初一开馆时间为10:00…
    summed = _summaries_dropped(norm, hours_of_the_rest(norm, shadowed, tz), usual, tz)
    restated = _drop_restated(norm, drop_schedule_openings(norm, summed, tz), tz)
    restated = drop_spanned_openings(norm, restated, tz)  # closed from 22 Sept … (22 Sept to 24 Nov)
    kept = drop_days_restated_by_hours(_drop_extended(norm, restated), tz)
    kept = drop_works_days(norm, drop_in_force(norm, _drop_eve_deadlines(kept), tz), tz)
    kept = drop_deadlines_at_span_end(norm, drop_coarse_copies(norm, kept, tz), tz)
    kept = drop_event_relative_days(norm, kept, tz)  # 11月11日演唱会结束前10分钟
    # 1月16日起恢复开放 after a closure to the 15th: its end, no period of its own
    kept = fold_stages(norm, fold_resumptions(norm, kept, tz), tz)
    return closed_until_reopening(norm, kept, published, tz)  # 暂停开放。预计明日6时30分重开


def _summaries_dropped(norm: str, periods: list[Period], usual: list[Period], tz: ZoneInfo) -> list[Period]:
    """``_drop_summaries`` with the days said to go on as usual counted among a span's items (2月16日
    至21日的安排：16日至18日开放时间调整…；19日至21日正常开放): the span sums up changed and
    unchanged days, and only the changed ones are periods."""
    if not usual:
        return _drop_summaries(periods, tz, norm)
    extra = {id(p) for p in usual}
    merged = _in_text_order(periods, usual)
    return [p for p in _drop_summaries(merged, tz, norm) if id(p) not in extra]


def _in_text_order(periods: list[Period], more: list[Period]) -> list[Period]:
    """``periods`` with ``more`` each put at its place in the text, the others' order left as it is."""
    merged = list(periods)
    for day in more:
        assert day.span is not None
        at = next(
            (i for i, p in enumerate(merged) if p.span is not None and p.span[0] > day.span[0]), len(merged)
        )
        merged.insert(at, day)
    return merged


#: An open period that began this many days before publication is background, not a plan.
_BACKGROUND_DAYS = 14
