"""A stopping worker's sweep: it may not eat the time the worker has to stop."""

from __future__ import annotations

import asyncio

import pytest

from interview_app import work_sweeper
from interview_app.server import EVENT_DRAIN_SECONDS, GRACEFUL_SHUTDOWN_SECONDS, SWEEP_STOP_SECONDS
from interview_app.services.work.resumption import ResumedWork


def test_the_parts_of_a_stop_fit_in_the_time_before_the_worker_is_killed() -> None:
    # Drain, then the sweep, then the state flush run one after another.
    assert EVENT_DRAIN_SECONDS + SWEEP_STOP_SECONDS <= GRACEFUL_SHUTDOWN_SECONDS - 3


def test_a_sweep_still_running_at_shutdown_is_cancelled_after_its_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = asyncio.Event()
    cancelled: list[bool] = []

    async def stuck_sweep() -> ResumedWork:
        started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise
        return ResumedWork(syncs=0, generations=0)

    monkeypatch.setattr(work_sweeper, "resume_abandoned_work", stuck_sweep)
    monkeypatch.setattr(work_sweeper, "_FIRST_SWEEP_MAX_DELAY_SECONDS", 0.0)
    monkeypatch.setattr(work_sweeper, "SWEEP_STOP_SECONDS", 0.2)

    async def serve_then_stop() -> None:
        async with work_sweeper.resume_abandoned_work_periodically():
            await asyncio.wait_for(started.wait(), timeout=30)
        # Leaving the block is the worker's shutdown: it returned, and the sweep was stopped.

    asyncio.run(asyncio.wait_for(serve_then_stop(), timeout=30))
    assert cancelled == [True]
