"""Several workers and instances on PostgreSQL + Redis, one build, behind a load balancer.

Everything runs on loopback: a PostgreSQL database of the test server, a private Redis, the
frontend built once for the balancer's URL, and instances of `interview-app run` serving it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import re
import signal
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import psutil
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from interview_app.db import make_engine
from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.models import Interview, JobInfo, User
from interview_app.services.accounts.sessions import start_session
from interview_app.services.accounts.users import create_local_user
from tests.integration.conftest import Cluster, fresh_database
from tests.reflex_socket import ReflexSocket, signed_in_user
from tests.support import (
    AppProcess,
    start_app,
)
from tests.support_feedback import add_finished_interview, user_by_email

PASSWORD = "correct horse battery"
T = TypeVar("T")


def _session_cookie(database_url: str) -> tuple[str, str]:
    email = f"user-{uuid.uuid4().hex[:10]}@example.com"
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        user = create_local_user(
            session=session, email=email, password=PASSWORD, name="Ada", plan=None
        )
        token = start_session(session=session, user_id=user.id, next_path="/app").token
    engine.dispose()
    return email, token


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    # Playwright's sync API keeps an event loop on this thread once a browser is used.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _get(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", f"interview_session={cookie}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _workers(app: AppProcess) -> list[psutil.Process]:
    return [child for child in psutil.Process(app.process.pid).children() if child.is_running()]


def _job_info_names(database_url: str, email: str) -> set[str]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        names = set(session.exec(select(JobInfo.name).where(JobInfo.user_id == user.id)).all())
    engine.dispose()
    return names


def test_several_workers_serve_parallel_requests_and_survive_a_dying_worker(
    cluster: Cluster,
) -> None:
    # A fresh instance: the first requests after start are the ones that used to fail.
    email, cookie = _session_cookie(cluster.database_url)
    env = cluster.env()
    with start_app(
        cluster.database_url, workers=2, extra_env=env, extra_args=("--no-build",), wait=False
    ) as app:
        deadline = time.monotonic() + 120
        while _get(f"{app.base_url}/health") != 200:
            assert app.process.poll() is None, app.log()[-3000:]
            assert time.monotonic() < deadline, app.log()[-3000:]
            time.sleep(0.1)
        urls = [f"{app.base_url}/app/", f"{app.base_url}/health"] * 20
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(lambda url: _get(url, cookie), urls))
        assert statuses == [200] * len(urls), app.log()[-3000:]
        assert "Traceback" not in app.log()

        workers = _workers(app)
        assert len(workers) == 2
        workers[0].kill()
        workers[0].wait(timeout=10)
        # The other worker keeps serving while the dead one is replaced.
        deadline = time.monotonic() + 30
        while {w.pid for w in _workers(app)} & {workers[0].pid} or len(_workers(app)) < 2:
            assert app.process.poll() is None, app.log()[-3000:]
            assert time.monotonic() < deadline, app.log()[-3000:]
            assert _get(f"{app.base_url}/health") == 200
            time.sleep(0.2)
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(lambda url: _get(url, cookie), urls))
        assert statuses == [200] * len(urls), app.log()[-3000:]

        async def save() -> str:
            socket = ReflexSocket(app.base_url, cookie)
            await socket.open("/app/job-infos/new")
            try:
                return await socket.save_job_info(name="After respawn", description="Still here.")
            finally:
                await socket.close()

        _run(save())
    assert _job_info_names(cluster.database_url, email) == {"After respawn"}


def _page_and_socket_address(base_url: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{base_url}/sign-in/", timeout=30) as response:
        html = response.read().decode()
    env_chunk = re.search(r"/assets/reflex-env-[\w-]+\.js", html)
    assert env_chunk, html[:2000]
    with urllib.request.urlopen(f"{base_url}{env_chunk.group(0)}", timeout=30) as response:
        script = response.read().decode()
    event_url = re.search(r'"?EVENT"?:\s*[`"]([^`"]+)[`"]', script)
    assert event_url, script[:2000]
    return html, event_url.group(1)


def test_both_instances_serve_one_build_that_talks_to_the_public_url(cluster: Cluster) -> None:
    page_a, socket_a = _page_and_socket_address(cluster.a.base_url)
    page_b, socket_b = _page_and_socket_address(cluster.b.base_url)
    assert page_a == page_b
    assert socket_a == socket_b == f"ws://127.0.0.1:{cluster.balancer.port}/_event"


def test_a_sign_in_on_one_instance_is_valid_on_the_other(cluster: Cluster) -> None:
    email, cookie = _session_cookie(cluster.database_url)

    async def act() -> tuple[str, str, str]:
        on_a = ReflexSocket(cluster.a.base_url, cookie)
        on_b = ReflexSocket(cluster.b.base_url, cookie)
        seen_on_a = signed_in_user(await on_a.open("/app"))
        seen_on_b = signed_in_user(await on_b.open("/app/job-infos/new"))
        saved = await on_b.save_job_info(name="Saved on B", description="Acme platform team.")
        await on_a.close()
        await on_b.close()
        return seen_on_a, seen_on_b, saved

    seen_on_a, seen_on_b, saved_id = _run(act())
    assert seen_on_a == seen_on_b == email
    assert _get(f"{cluster.a.base_url}/app/job-infos/{saved_id}", cookie) == 200
    assert _job_info_names(cluster.database_url, email) == {"Saved on B"}


def test_the_browser_carries_on_through_b_when_a_is_killed(
    cluster: Cluster, browser: Browser
) -> None:
    context = browser.new_context()
    context.set_default_timeout(20_000)
    page = context.new_page()
    email = f"lb-{uuid.uuid4().hex[:10]}@example.com"
    page.goto(f"{cluster.balancer.url}/sign-up")
    page.get_by_test_id("name-input").fill("Grace")
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(PASSWORD)
    page.get_by_test_id("sign-up-submit").click()
    expect(page).to_have_url(re.compile(r".*/app/?$"), timeout=30_000)

    def save(name: str) -> None:
        page.goto(f"{cluster.balancer.url}/app/job-infos/new")
        page.get_by_test_id("job-info-name").fill(name)
        page.get_by_test_id("job-info-experience-level").select_option("senior")
        page.get_by_test_id("job-info-description").fill("Pipelines and people.")
        page.get_by_test_id("job-info-submit").click()
        expect(page.get_by_role("heading", name=name)).to_be_visible(timeout=30_000)

    save("Before A stops")
    # No stickiness: the balancer spread this one browser's connections over both instances.
    counts = cluster.balancer.connections_per_backend
    assert all(count > 0 for count in counts.values()), counts

    os.killpg(cluster.a.process.pid, signal.SIGKILL)
    cluster.a.process.wait(timeout=10)
    save("After A stopped")
    context.close()
    assert _job_info_names(cluster.database_url, email) == {"Before A stops", "After A stopped"}


def _gemini_env(base_url: str) -> dict[str, str]:
    return {"GEMINI_API_KEY": "fake-key-for-worker-tests", "GEMINI_BASE_URL": base_url}


def _finished_interview(database_url: str) -> tuple[str, str, str]:
    """A signed-in user's finished interview: (session cookie, job info id, interview id)."""
    email, cookie = _session_cookie(database_url)
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        interview = add_finished_interview(session, user_by_email(session, email).id)
    engine.dispose()
    return cookie, str(interview.job_info_id), str(interview.id)


def _feedback_of(database_url: str, interview_id: str) -> Interview:
    engine = make_engine(database_url)
    with Session(engine) as session:
        interview = session.get(Interview, uuid.UUID(interview_id))
        assert interview is not None
    engine.dispose()
    return interview


def _wait_for_feedback_status(
    database_url: str, interview_id: str, status: str, app: AppProcess, timeout: float
) -> Interview:
    deadline = time.monotonic() + timeout
    while (interview := _feedback_of(database_url, interview_id)).feedback_status != status:
        assert time.monotonic() < deadline, (interview.feedback_status, app.log()[-3000:])
        time.sleep(0.2)
    return interview


async def _stop_while_generating(
    app: AppProcess,
    database_url: str,
    cookie: str,
    interview: tuple[str, str],
    stop: Callable[[], None],
) -> None:
    """Click "generate feedback", then `stop` the instance while the model is answering."""
    job_info_id, interview_id = interview
    socket = ReflexSocket(app.base_url, cookie)
    params = {"job_info_id": job_info_id, "interview_id": interview_id}
    await socket.open(f"/app/job-infos/{job_info_id}/interviews/{interview_id}", params)
    try:
        await socket.generate_feedback(job_info_id, interview_id)
        await asyncio.to_thread(
            _wait_for_feedback_status, database_url, interview_id, "running", app, 30
        )
        await asyncio.to_thread(stop)
    finally:
        with contextlib.suppress(Exception):
            await socket.close()


def test_sigterm_lets_a_running_feedback_generation_finish(
    cluster: Cluster, postgres_url: str, gemini_server: tuple[FakeGemini, str]
) -> None:
    fake, base_url = gemini_server
    fake.reset()
    fake.configure(delay_seconds=4.0)
    database_url = fresh_database(postgres_url)
    cookie, job_info_id, interview_id = _finished_interview(database_url)
    env = {**cluster.env(), **_gemini_env(base_url)}
    with start_app(database_url, workers=1, extra_env=env, extra_args=("--no-build",)) as app:
        # The model is answering (an await on the network) when the worker is told to stop.
        _run(
            _stop_while_generating(
                app,
                database_url,
                cookie,
                (job_info_id, interview_id),
                lambda: app.process.send_signal(signal.SIGTERM),
            )
        )
        assert app.process.wait(timeout=40) == 0, app.log()[-3000:]

    saved = _feedback_of(database_url, interview_id)
    assert (saved.feedback_status, saved.feedback_attempts) == ("done", 1)
    assert (saved.feedback or "").startswith("## Overall Rating: 7/10")
    assert len(fake.generate_requests()) == 1


def test_a_generation_whose_instance_died_is_finished_by_another_without_a_click(
    cluster: Cluster, postgres_url: str, gemini_server: tuple[FakeGemini, str]
) -> None:
    fake, base_url = gemini_server
    fake.reset()
    fake.configure(delay_seconds=30.0)
    database_url = fresh_database(postgres_url)
    cookie, job_info_id, interview_id = _finished_interview(database_url)
    env = {
        **cluster.env(),
        **_gemini_env(base_url),
        "FEEDBACK_CLAIM_TIMEOUT_SECONDS": "10",
        "RESUME_INTERVAL_SECONDS": "1",
    }
    with start_app(database_url, workers=1, extra_env=env, extra_args=("--no-build",)) as first:
        _run(
            _stop_while_generating(
                first,
                database_url,
                cookie,
                (job_info_id, interview_id),
                lambda: os.killpg(first.process.pid, signal.SIGKILL),
            )
        )
        first.process.wait(timeout=10)
    fake.configure(delay_seconds=0.0)

    with start_app(database_url, workers=1, extra_env=env, extra_args=("--no-build",)) as second:
        # Nobody clicks: the second instance's sweep finds the claim gone stale and resumes.
        saved = _wait_for_feedback_status(database_url, interview_id, "done", second, timeout=60)

    assert (saved.feedback or "").startswith("## Overall Rating: 7/10")
    # One claim by the click, one by the sweep that resumed it: resumed once, not per worker
    # or per sweep (tests/integration/test_resumption.py races several sweeps).
    assert saved.feedback_attempts == 2
