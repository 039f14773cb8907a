"""The dashboard of a user with 500 job infos, and an interview opened after it, in Chromium.

Starts the production app on loopback with a fresh SQLite database, signs up, stores 500 job
infos with 3,000-character descriptions and one finished 14-message interview, then 5
times: opens the dashboard in a fresh tab (no cache) and times until its cards are on
screen, counting the bytes received on the event socket; then, in the same tab, opens the
interview's page and times until its transcript and metrics are on screen, again with the
socket's bytes. The issue measured, before the dashboard paginated and cards carried an
excerpt: 1,576 kB for the dashboard and 1.6 MB for the interview opened after it (33 kB on
its own).

Run: `.venv/bin/python benchmarks/bench_dashboard_carry_over.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright
from sqlalchemy import insert
from sqlmodel import Session, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User, utcnow
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from tests.e2e.conftest import PASSWORD, unique_email
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server

RUNS = 5
JOB_INFOS = 500
DESCRIPTION = ("Build and run Python services on PostgreSQL; mentor engineers. " * 50)[:3000]
MESSAGES = 14


def _store(engine, email: str) -> tuple[uuid.UUID, uuid.UUID]:
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        now = utcnow()
        rows = [
            {
                "id": uuid.uuid4(),
                "name": f"Job {number}",
                "title": "Engineer",
                "description": DESCRIPTION,
                "experience_level": "senior",
                "user_id": user.id,
                "created_at": now,
                "updated_at": now,
            }
            for number in range(JOB_INFOS)
        ]
        session.exec(insert(JobInfo), params=rows)
        session.commit()
        interview = Interview(
            job_info_id=rows[0]["id"], duration="00:07:00", hume_chat_id=f"bench-{uuid.uuid4()}"
        )
        session.add(interview)
        session.commit()
        entries = [
            TranscriptEntry(
                "interviewee" if n % 2 else "interviewer",
                f"Message {n}: words said in the interview " * 3,
                n * 20_000,
                n * 20_000 + 15_000,
            )
            for n in range(MESSAGES)
        ]
        replace_transcript(session=session, interview=interview, entries=entries, source="browser")
        return rows[0]["id"], interview.id


def _received(page: Page) -> list[int]:
    sizes: list[int] = []
    page.on(
        "websocket",
        lambda socket: socket.on("framereceived", lambda frame: sizes.append(len(frame))),
    )
    return sizes


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(database_url) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        email = unique_email("bench")
        page.goto(f"{base_url}/sign-up")
        page.get_by_test_id("name-input").fill("Bench")
        page.get_by_test_id("email-input").fill(email)
        page.get_by_test_id("password-input").fill(PASSWORD)
        page.get_by_test_id("sign-up-submit").click()
        page.wait_for_url("**/app/")
        cookies = context.cookies()
        context.close()
        job_id, interview_id = _store(engine, email)
        interview_url = f"{base_url}/app/job-infos/{job_id}/interviews/{interview_id}"

        dashboard_ms, dashboard_kb, interview_ms, interview_kb = [], [], [], []
        for _ in range(RUNS):
            context = browser.new_context()
            context.add_cookies(cookies)
            page = context.new_page()
            page.set_default_timeout(60_000)
            sizes = _received(page)
            started = time.perf_counter()
            page.goto(f"{base_url}/app")
            page.get_by_test_id("job-info-card").first.wait_for()
            dashboard_ms.append((time.perf_counter() - started) * 1000)
            page.wait_for_timeout(300)  # let the socket settle before counting
            dashboard_kb.append(sum(sizes) / 1000)
            sizes.clear()
            started = time.perf_counter()
            page.goto(interview_url)
            page.get_by_test_id("transcript-message").nth(MESSAGES - 1).wait_for()
            page.get_by_test_id("answer-metrics").first.wait_for()
            interview_ms.append((time.perf_counter() - started) * 1000)
            page.wait_for_timeout(300)
            interview_kb.append(sum(sizes) / 1000)
            context.close()
        browser.close()
    print(f"dashboard, {JOB_INFOS} job infos, cold tab: cards on screen in "
          f"{statistics.median(dashboard_ms):.0f} ms, "
          f"{statistics.median(dashboard_kb):.0f} kB on the event socket")  # fmt: skip
    print(f"a {MESSAGES}-message interview opened after it in the same tab: whole in "
          f"{statistics.median(interview_ms):.0f} ms, "
          f"{statistics.median(interview_kb):.0f} kB on the event socket")  # fmt: skip
    print(f"(medians of {RUNS}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
