"""The scheduler holds two repeating jobs that read the outbox, never a job per reminder."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram.ext import ApplicationBuilder

from jobs.clock import FixedClock
from jobs.dispatcher import Dispatcher
from jobs.scheduler import DISPATCH_JOB, SWEEP_JOB, attach
from tests.test_jobs_support import (
    SHANGHAI,
    ClockedSender,
    Sessions,
    add_chat,
    add_notice,
    local,
    road_closure,
)


async def test_jobs_on_an_apscheduler_dispatch_and_sweep(sessions: Sessions) -> None:
    clock = FixedClock(local(10, 8))
    sender = ClockedSender(clock)
    dispatcher = Dispatcher(sessions, sender, clock, tz=SHANGHAI, sleep=clock.sleep)
    scheduler = AsyncIOScheduler(timezone=SHANGHAI)
    scheduler.start(paused=True)  # jobs are stored, but only this test runs them
    jobs = attach(scheduler, dispatcher, sessions=sessions, clock=clock, tz=SHANGHAI, dispatch_every=2)
    assert [job.id for job in scheduler.get_jobs()] == [SWEEP_JOB, DISPATCH_JOB]  # the sweep runs first
    assert jobs[0].trigger.interval == timedelta(seconds=2)
    assert all(job.max_instances == 1 and job.coalesce for job in jobs)
    # A notice stored by another path (the ingest command) is planned by the sweep and sent by dispatch.
    await add_chat(sessions, 1, [("category", "road_closure")])
    await add_notice(sessions, road_closure())
    dispatch, sweep = (job.func for job in jobs)
    await dispatch()
    assert sender.log == []
    await sweep()
    await dispatch()
    assert [d.text.split("\n")[0] for d in sender.log] == ["🆕 <b>道路封闭</b>｜封路公告"]
    # Ten dispatch ticks later nothing is sent twice, and adding the jobs again replaces them.
    for _ in range(10):
        await dispatch()
    assert len(sender.log) == 1
    attach(scheduler, dispatcher, sessions=sessions, clock=clock, tz=SHANGHAI)
    assert len(scheduler.get_jobs()) == 2
    scheduler.shutdown(wait=False)


async def test_jobs_on_the_bot_job_queue(sessions: Sessions) -> None:
    clock = FixedClock(local(10, 8))
    dispatcher = Dispatcher(sessions, ClockedSender(clock), clock, tz=SHANGHAI, sleep=clock.sleep)
    application = ApplicationBuilder().token("123:TEST").build()
    assert application.job_queue is not None
    attach(application.job_queue, dispatcher, sessions=sessions, clock=clock, tz=SHANGHAI, sweep_every=30)
    jobs = {job.name: job for job in application.job_queue.jobs()}
    assert set(jobs) == {DISPATCH_JOB, SWEEP_JOB}
    assert jobs[SWEEP_JOB].job.trigger.interval == timedelta(seconds=30)
    assert jobs[DISPATCH_JOB].job.max_instances == 1
    await jobs[DISPATCH_JOB].callback(None)  # type: ignore[arg-type]  # the callback ignores PTB's context and runs a dispatch
