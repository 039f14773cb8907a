"""Each worker's sweep, as a lifespan task: abandoned work resumed, expired interviews deleted."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator

from interview_app.config import get_settings
from interview_app.server import SWEEP_STOP_SECONDS
from interview_app.services.work.resumption import resume_abandoned_work
from interview_app.services.work.retention import delete_all_expired_interviews

logger = logging.getLogger(__name__)
# The first sweep comes soon after start: work abandoned while the installation was down
# (or by the worker this one replaces) should not wait a whole interval.
_FIRST_SWEEP_MAX_DELAY_SECONDS = 2.0


async def _sweep_until(stopping: asyncio.Event, interval: float) -> None:
    delay = random.uniform(0, min(interval, _FIRST_SWEEP_MAX_DELAY_SECONDS))
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=delay)
        if stopping.is_set():
            return
        try:
            resumed = await resume_abandoned_work()
        except Exception as error:
            # Only the kind: a database or provider error's message may carry addresses.
            logger.error("Sweep for abandoned work failed (%s)", type(error).__name__)
        else:
            if resumed.syncs or resumed.generations:
                logger.info(
                    "Resumed %d transcript sync(s) and %d feedback generation(s)",
                    resumed.syncs,
                    resumed.generations,
                )
        try:
            expired = await asyncio.to_thread(delete_all_expired_interviews)
        except Exception as error:
            logger.error("Deleting expired interviews failed (%s)", type(error).__name__)
        else:
            if expired:
                logger.info("Deleted %d interview(s) past the retention period", expired)
        # Jitter keeps the workers of an installation from sweeping in step.
        delay = interval * random.uniform(0.75, 1.25)


@contextlib.asynccontextmanager
async def resume_abandoned_work_periodically() -> AsyncIterator[None]:
    """Lifespan task: every `RESUME_INTERVAL_SECONDS`, resume abandoned work.

    On shutdown no new sweep starts, and work a sweep resumed may finish within
    `SWEEP_STOP_SECONDS` (the running events have drained by then); work still running after
    that hands its claim back, for the next sweep of any worker.

    Yields:
        None while the worker serves.
    """
    stopping = asyncio.Event()
    sweeping = asyncio.create_task(_sweep_until(stopping, get_settings().resume_interval_seconds))
    try:
        yield
    finally:
        stopping.set()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(sweeping, timeout=SWEEP_STOP_SECONDS)
