"""A job's hub page with 1, 50 and 500 completed interviews, whole on screen, in Chromium.

Starts the production app on loopback with a fresh SQLite database, signs up, and stores
three jobs with 1, 50 and 500 completed 14-message interviews, each with structured
feedback. Then, 5 times per job, a fresh browser context (cold cache, no state) opens the
hub and the clock stops when the job's heading and (from two interviews on) the progress
chart are on screen. Prints the medians.

Run it on two commits to compare, e.g. before and after the figures were kept:
`.venv/bin/python benchmarks/bench_job_hub_page.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from sqlmodel import Session, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from interview_app.services.feedback.report import (
    FEEDBACK_CATEGORIES,
    CategoryFeedback,
    FeedbackReport,
)
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from tests.e2e.conftest import sign_up_at
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server

RUNS = 5
SIZES = (1, 50, 500)
MESSAGES = 14
DESCRIPTION = (
    "Build Python services with FastAPI and asyncio on PostgreSQL and Redis, shipped with "
    "Docker on Kubernetes. Experience with OpenTelemetry and the outbox pattern. "
) * 6
ANSWER = (
    "In my last role I was responsible for the payments API. I decided to move reports to "
    "a queue and wrote the workers in Python. As a result we cut latency by 40 percent."
)


def _store(engine, email: str, interviews: int) -> uuid.UUID:
    categories = [
        CategoryFeedback(name=name, score=6, markdown="Text.") for name in FEEDBACK_CATEGORIES
    ]
    entries = [
        TranscriptEntry(
            "interviewee" if n % 2 else "interviewer",
            ANSWER if n % 2 else "Tell me about a hard problem.",
            n * 20_000,
            n * 20_000 + 15_000,
        )
        for n in range(MESSAGES)
    ]
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        job = JobInfo(
            name=f"Job with {interviews}", description=DESCRIPTION, experience_level="senior",
            user_id=user.id,
        )  # fmt: skip
        session.add(job)
        session.commit()
        start = datetime(2026, 1, 1, tzinfo=UTC)
        for number in range(interviews):
            report = FeedbackReport(
                overall_score=number % 11, summary="Summary.", categories=categories
            )
            interview = Interview(
                job_info_id=job.id,
                duration="00:05:00",
                hume_chat_id=f"bench-{uuid.uuid4()}",
                feedback="## Overall Rating",
                feedback_json=report.model_dump_json(),
                feedback_status="done",
                created_at=start + timedelta(hours=number),
            )
            session.add(interview)
            session.commit()
            replace_transcript(
                session=session, interview=interview, entries=entries, source="browser"
            )
        return job.id


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(database_url) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        email = sign_up_at(page, base_url)
        cookies = context.cookies()
        context.close()
        jobs = {size: _store(engine, email, size) for size in SIZES}
        results = {}
        for size, job_id in jobs.items():
            times = []
            for _ in range(RUNS):
                context = browser.new_context()
                context.add_cookies(cookies)
                page = context.new_page()
                page.set_default_timeout(120_000)
                started = time.perf_counter()
                page.goto(f"{base_url}/app/job-infos/{job_id}")
                page.get_by_test_id("job-info-heading").wait_for()
                if size >= 2:
                    page.get_by_test_id("progress-chart").wait_for()
                times.append((time.perf_counter() - started) * 1000)
                context.close()
            results[size] = statistics.median(times)
        browser.close()
    for size, median in results.items():
        print(f"job hub with {size} interviews, cold, whole on screen: {median:.0f} ms")
    print(f"(medians of {RUNS}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
