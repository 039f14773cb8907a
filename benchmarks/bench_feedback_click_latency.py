"""Does a feedback generation keep the app responsive? Click round trips in another tab.

Starts the fake Gemini server with a 5 s delay and the production app pointed at it,
signs up, and opens one finished interview in two tabs. Tab A starts a generation (and a
new one whenever the last has finished); meanwhile tab B goes back and forth between the
interview list and the interview, timing each click until the page it asked for shows its
data (each one an event round trip to the backend). It prints the median and p95 of those
clicks made while a generation was running (checked in the database), and the same with
no generation as a baseline. Goal: median under 300 ms.
Run: `.venv/bin/python benchmarks/bench_feedback_click_latency.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_gemini import FakeGemini, FakeGeminiConfig, running_fake_gemini
from interview_app.models import Interview
from tests.e2e.conftest import sign_up_at
from tests.support import CHROMIUM_ARGS, app_server
from tests.support_feedback import add_finished_interview, user_by_email

ROUNDS = 4
CLICKS_PER_ROUND = 10
GENERATION_SECONDS = 5.0


def generation_in_flight(engine: Engine, interview: Interview) -> bool:
    with Session(engine) as session:
        row = session.get(Interview, interview.id)
        return row is not None and row.feedback_status in ("queued", "running")


def timed_clicks(
    page: Page, count: int, busy: tuple[Page, Engine, Interview] | None = None
) -> list[float]:
    """Time clicks in `page`; with `busy`, only those made while a generation runs."""
    times = []
    while len(times) < count:
        if busy is not None and not generation_in_flight(busy[1], busy[2]):
            busy[0].get_by_test_id("generate-feedback").click()
            while not generation_in_flight(busy[1], busy[2]):
                time.sleep(0.05)
        for click, shown in (
            (
                page.get_by_role("navigation", name="Breadcrumb").get_by_role(
                    "link", name="Interviews"
                ),
                page.get_by_test_id("interview-card"),
            ),
            (page.get_by_test_id("interview-card"), page.get_by_test_id("feedback-status")),
        ):
            started = time.perf_counter()
            click.click()
            shown.wait_for(state="visible")
            elapsed = (time.perf_counter() - started) * 1000
            if busy is None or generation_in_flight(busy[1], busy[2]):
                times.append(elapsed)
    return times


def summary(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms over {len(times)} clicks"


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    fake = FakeGemini(FakeGeminiConfig(delay_seconds=GENERATION_SECONDS))
    with (
        running_fake_gemini(fake) as (_, fake_url),
        app_server(
            database_url,
            extra_env={"GEMINI_API_KEY": "fake-bench-key", "GEMINI_BASE_URL": fake_url},
        ) as base_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context()
        tab_a = context.new_page()
        email = sign_up_at(tab_a, base_url)
        with Session(engine, expire_on_commit=False) as session:
            interview = add_finished_interview(session, user_by_email(session, email).id)
        interview_url = (
            f"{base_url}/app/job-infos/{interview.job_info_id}/interviews/{interview.id}"
        )
        tab_a.goto(interview_url)
        tab_b = context.new_page()
        tab_b.goto(interview_url)
        tab_a.get_by_test_id("feedback-status").wait_for(state="visible")
        tab_b.get_by_test_id("feedback-status").wait_for(state="visible")

        timed_clicks(tab_b, 4)  # warm-up
        # Interleaved rounds, so that a change in the machine's load hits both alike.
        baseline: list[float] = []
        during: list[float] = []
        busy_seconds = 0.0
        for _ in range(ROUNDS):
            baseline += timed_clicks(tab_b, CLICKS_PER_ROUND)
            busy_started = time.perf_counter()
            during += timed_clicks(tab_b, CLICKS_PER_ROUND, (tab_a, engine, interview))
            busy_seconds += time.perf_counter() - busy_started
            while generation_in_flight(engine, interview):
                time.sleep(0.1)
        generations = len(fake.generate_requests())
        browser.close()
    print(f"no generation running:            {summary(baseline)}")
    print(f"while a {GENERATION_SECONDS:.0f} s generation runs (tab A): {summary(during)}")
    print(
        f"generations: {generations} in {busy_seconds:.1f} s of clicking "
        "(goal: median under 300 ms)"
    )


if __name__ == "__main__":
    main()
