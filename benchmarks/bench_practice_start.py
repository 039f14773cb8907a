"""Time from a click on "Start practice" to the first question on screen, in Chromium.

Starts the production app on a loopback port with a fresh SQLite database and no keys at
all, signs up, saves a job info with a 3,000-character description, then 15 times: opens
the new-interview page, clicks `start-practice`, and stops the clock when
`practice-question` is visible (the interview is created, the plan and rate limit are
checked, the question plan is built, and the practice screen renders).
Run: `.venv/bin/python benchmarks/bench_practice_start.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from interview_app.db import make_engine, migrate
from tests.e2e.conftest import fill_job_info, sign_up_at
from tests.support import CHROMIUM_ARGS, app_server

RUNS = 15
DESCRIPTION = (
    "We are hiring a Data Engineer to build pipelines in Python and Airflow on AWS. "
    "Requirements: experience with dbt, data modelling and Snowflake; knowledge of Kafka. "
) * 18


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    migrate(make_engine(database_url))
    # Each start takes a rate-limit token; the benchmark needs more than a day's worth.
    extra_env = {"RATE_LIMIT_CAPACITY": "100", "DEFAULT_PLAN": "pro"}
    with app_server(database_url, extra_env) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.set_default_timeout(30_000)
        sign_up_at(page, base_url)
        fill_job_info(
            page, name="Data role", title="Data Engineer", level="senior", description=DESCRIPTION
        )
        page.get_by_test_id("job-info-submit").click()
        page.get_by_test_id("job-info-heading").wait_for()
        job_id = page.url.rstrip("/").rsplit("/", 1)[-1]

        times = []
        for _ in range(RUNS):
            page.goto(f"{base_url}/app/job-infos/{job_id}/interviews/new")
            button = page.get_by_test_id("start-practice")
            button.wait_for(state="visible")
            started = time.perf_counter()
            button.click()
            # wait_for polls in the page on every frame; expect() would add retry intervals.
            page.get_by_test_id("practice-question").wait_for(state="visible")
            times.append((time.perf_counter() - started) * 1000)
        browser.close()

    times.sort()
    print(f"runs: {RUNS}")
    print(
        f"click 'start-practice' -> first question shown, median: {statistics.median(times):.0f} ms"
    )
    print(f"  min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
    print(f"load average over the last minute: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
