"""Run one call at the same moment from several processes, each with several threads."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

from interview_app import db
from interview_app.config import get_settings

# What a caller returned, or the name of the exception it raised.
Outcome = tuple[str, Any]


def _worker(
    call: Callable[[int], Any],
    first_index: int,
    threads: int,
    barrier: Any,
    results: Any,
) -> None:
    # A forked child must not share the parent's pooled connections.
    db.get_engine().dispose(close=False)
    db.get_engine.cache_clear()
    get_settings.cache_clear()

    def caller(index: int) -> None:
        barrier.wait(timeout=60)
        try:
            results.put(("returned", call(index)))
        except Exception as error:  # reported to the test, not swallowed
            results.put(("raised", type(error).__name__))

    workers = [
        threading.Thread(target=caller, args=(first_index + offset,)) for offset in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)


def run_in_processes(
    call: Callable[[int], Any], *, processes: int = 4, threads: int = 10
) -> list[Outcome]:
    """Run `call(index)` in processes x threads callers released at once.

    Args:
        call: The function each caller runs; it gets the caller's index and must return
            something picklable.
        processes: How many forked processes.
        threads: Callers per process.

    Returns:
        Each caller's outcome: ("returned", value) or ("raised", exception class name).
    """
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes * threads)
    results = context.Queue()
    children = [
        context.Process(target=_worker, args=(call, index * threads, threads, barrier, results))
        for index in range(processes)
    ]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=180) for _ in range(processes * threads)]
    for child in children:
        child.join(timeout=60)
    return outcomes
