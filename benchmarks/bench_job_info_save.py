"""Median time from a click on "save job info" to the saved job info on screen, in Chromium.

Starts the production app on a loopback port with a fresh SQLite database, signs up once,
then 20 times: opens the new-job-info form, fills it, clicks save, and stops the clock when
the new job info's hub page shows its name. It then opens the dashboard and times the card
list with all saved job infos. Run: `.venv/bin/python benchmarks/bench_job_info_save.py`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect, sync_playwright

from interview_app.db import make_engine, migrate
from tests.e2e.conftest import sign_up_at
from tests.support import CHROMIUM_ARGS, app_server

RUNS = 20


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    migrate(make_engine(database_url))
    with app_server(database_url) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        sign_up_at(page, base_url)

        save_times = []
        for run in range(RUNS):
            page.goto(f"{base_url}/app/job-infos/new")
            name = f"Benchmark job {run}"
            page.get_by_test_id("job-info-name").fill(name)
            page.get_by_test_id("job-info-experience-level").select_option("senior")
            page.get_by_test_id("job-info-description").fill("Measure me. " * 50)
            started = time.perf_counter()
            page.get_by_test_id("job-info-submit").click()
            # wait_for polls in the page on every frame; expect() would add retry intervals.
            page.get_by_role("heading", name=name).wait_for(state="visible")
            save_times.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        page.goto(f"{base_url}/app")
        expect(page.get_by_test_id("job-info-card")).to_have_count(RUNS)
        dashboard_ms = (time.perf_counter() - started) * 1000
        browser.close()

    save_times.sort()
    print(f"runs: {RUNS}")
    median = statistics.median(save_times)
    print(f"click 'save job info' -> saved job info shown, median: {median:.0f} ms")
    print(f"  min {save_times[0]:.0f} ms, max {save_times[-1]:.0f} ms")
    print(f"dashboard load -> all {RUNS} cards shown: {dashboard_ms:.0f} ms")


if __name__ == "__main__":
    main()
