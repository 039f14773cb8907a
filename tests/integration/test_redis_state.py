"""Page state in Redis with the default settings: held by a worker between events, never lost.

With `REDIS_URL` set, a worker keeps a tab's state between its events (Reflex's opportunistic
lock, `REDIS_STATE_HOLD_SECONDS`) instead of reading and writing it in Redis for each event.
These tests check what that must not break: a tab whose events alternate between instances
sees its own latest state, and a worker stopped mid-event finishes the event, stores it and
exits cleanly. They reuse the two-instance cluster of `test_several_instances.py` (PostgreSQL,
Redis and one build on loopback).
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any

import redis
from sqlalchemy import text

from interview_app.db import make_engine
from tests.integration.conftest import Cluster
from tests.integration.test_several_instances import _job_info_names, _run, _session_cookie
from tests.reflex_socket import JOB_INFO_STATE, ReflexSocket
from tests.support import start_app

NEW_FORM = "/app/job-infos/new"


def _shown_job_info_name(updates: list[dict[str, Any]]) -> str | None:
    name = None
    for update in updates:
        job_info = update.get("delta", {}).get(JOB_INFO_STATE, {}).get("job_info_rx_state_")
        if job_info is not None:
            name = job_info["name"]
    return name


def _state_writes(redis_url: str) -> int:
    # Every write of a tab's state under its lock is one call of Reflex's fenced-save script.
    stats = redis.Redis.from_url(redis_url).info("commandstats")
    return int(stats.get("cmdstat_eval", {}).get("calls", 0))


def test_a_tab_alternating_between_instances_sees_its_latest_state(cluster: Cluster) -> None:
    _email, cookie = _session_cookie(cluster.database_url)
    instances = [cluster.a, cluster.b, cluster.a, cluster.b, cluster.a]
    token = ReflexSocket(cluster.a.base_url).token

    async def alternate() -> list[str | None]:
        shown = []
        page, params = NEW_FORM, None
        for round_number, instance in enumerate(instances):
            # One tab (one token) reconnecting through the balancer to the other instance,
            # straight after its last event, while that instance still holds its state: it
            # opens the job info it saved last. Only the hydrate counts, which sends the
            # state as the last event left it (the page's loader reads the database after).
            socket = ReflexSocket(instance.base_url, cookie, token=token)
            updates = await socket.open(page, params)
            shown.append(_shown_job_info_name(updates[:1]))
            saved = await socket.save_job_info(name=f"Round {round_number}", description="Alt.")
            await socket.close()
            page, params = f"/app/job-infos/{saved}", {"job_info_id": saved}
        return shown

    shown = _run(alternate())
    assert shown[1:] == [f"Round {number}" for number in range(len(instances) - 1)]


def test_a_burst_of_events_is_written_to_redis_once_not_per_event(cluster: Cluster) -> None:
    _email, cookie = _session_cookie(cluster.database_url)
    events = 8

    async def burst() -> int:
        socket = ReflexSocket(cluster.b.base_url, cookie)
        await socket.open(NEW_FORM)
        await asyncio.sleep(2)  # let the page load's own writes happen first
        before = _state_writes(cluster.redis_url)
        for _ in range(events):
            await socket.send(f"{JOB_INFO_STATE}.load_new_form", {}, NEW_FORM)
            await socket.until(lambda update: JOB_INFO_STATE in update.get("delta", {}))
        writes = _state_writes(cluster.redis_url) - before
        await socket.close()
        return writes

    # Without holding, each event writes the tab's state back (8 writes); held, the burst is
    # written once per hold time (1 s), and the burst takes well under 4 s even under load.
    assert _run(burst()) <= events // 2


def test_sigterm_with_held_state_finishes_events_and_exits_cleanly(cluster: Cluster) -> None:
    email, cookie = _session_cookie(cluster.database_url)
    engine = make_engine(cluster.database_url)
    tabs = 3
    with start_app(
        cluster.database_url, workers=2, extra_env=cluster.env(), extra_args=("--no-build",)
    ) as app:

        async def save_while_stopping() -> None:
            sockets = [ReflexSocket(app.base_url, cookie) for _ in range(tabs)]
            for socket in sockets:
                await socket.open(NEW_FORM)
            # Hold the table so every save is still running when SIGTERM arrives.
            blocker = engine.connect()
            transaction = blocker.begin()
            blocker.execute(text("LOCK TABLE job_infos IN EXCLUSIVE MODE"))
            saving = [
                asyncio.create_task(
                    socket.save_job_info(name=f"In flight {index}", description="Finish me.")
                )
                for index, socket in enumerate(sockets)
            ]
            await asyncio.sleep(1.0)
            app.process.send_signal(signal.SIGTERM)
            await asyncio.sleep(1.5)
            alive = app.process.poll() is None
            await asyncio.to_thread(lambda: (transaction.commit(), blocker.close()))
            # The sockets close with the workers; browsers reconnect through the balancer.
            await asyncio.gather(*saving, return_exceptions=True)
            for socket in sockets:
                await socket.close()
            assert alive, f"the instance stopped before its events finished:\n{app.log()[-3000:]}"

        _run(save_while_stopping())
        assert app.process.wait(timeout=40) == 0, app.log()[-3000:]
        log = app.log()
    engine.dispose()
    assert "panicked" not in log, log[-3000:]
    assert "refused to gracefully stop" not in log, log[-3000:]
    assert _job_info_names(cluster.database_url, email) == {
        f"In flight {index}" for index in range(tabs)
    }
