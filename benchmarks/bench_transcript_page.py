"""Time to show a finished interview with a 1,500-message transcript, in Chromium.

Starts the production app on loopback with a fresh SQLite database, signs up, stores an
interview whose transcript has 1,500 messages (as a finished sync leaves it), then 5 times
opens the interview's page and stops the clock when the last message is on screen. The
page reads only our database (no provider is configured at all). Prints the median.
Run: `.venv/bin/python benchmarks/bench_transcript_page.py`.
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

from playwright.sync_api import sync_playwright
from sqlmodel import Session, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from interview_app.services.transcripts import TranscriptEntry, replace_transcript
from tests.e2e.conftest import PASSWORD, unique_email
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server

RUNS = 5
MESSAGES = 1500
# Records, from the navigation's start, when the interview itself and the last transcript
# message first appear, to tell the page's own load from the transcript's share.
MARKS_SCRIPT = """
window.__marks = {};
new MutationObserver(() => {
  const marks = window.__marks;
  if (!marks.page && document.querySelector('[data-testid=interview-duration]')) {
    marks.page = performance.now();
  }
  const count = document.querySelectorAll('[data-testid=transcript-message]').length;
  if (!marks.transcript && count >= window.__expected) marks.transcript = performance.now();
}).observe(document, {childList: true, subtree: true});
"""


def store_interview(engine, email: str, messages: int = MESSAGES) -> tuple[uuid.UUID, uuid.UUID]:
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        job = JobInfo(
            name="Benchmark job", description="Long interview.", experience_level="senior",
            user_id=user.id,
        )  # fmt: skip
        session.add(job)
        session.commit()
        interview = Interview(
            job_info_id=job.id,
            duration="02:05:00",
            hume_chat_id=f"bench-{uuid.uuid4()}",
            voice_provider="hume",
        )
        session.add(interview)
        session.commit()
        entries = [
            TranscriptEntry(
                speaker="interviewee" if n % 2 else "interviewer",
                text=f"Message {n}: " + "words spoken in the interview " * 4,
                start_ms=n * 5000,
                emotions={"Determination": 0.7, "Interest": 0.6, "Calmness": 0.5}
                if n % 2
                else None,
            )
            for n in range(messages)
        ]
        replace_transcript(session=session, interview=interview, entries=entries, source="provider")
        interview.transcript_synced_at = interview.created_at
        session.add(interview)
        session.commit()
        return job.id, interview.id


def main() -> None:
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(database_url) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.add_init_script(MARKS_SCRIPT)
        email = unique_email("bench")
        page.goto(f"{base_url}/sign-up")
        page.get_by_test_id("name-input").fill("Bench")
        page.get_by_test_id("email-input").fill(email)
        page.get_by_test_id("password-input").fill(PASSWORD)
        page.get_by_test_id("sign-up-submit").click()
        page.wait_for_url("**/app/")
        job_id, interview_id = store_interview(engine, email)
        url = f"{base_url}/app/job-infos/{job_id}/interviews/{interview_id}"

        short_job_id, short_id = store_interview(engine, email, messages=2)
        short_url = f"{base_url}/app/job-infos/{short_job_id}/interviews/{short_id}"

        def time_to_show(target: str, count: int) -> float:
            page.goto(f"{base_url}/app")
            page.get_by_test_id("job-info-card").first.wait_for(state="visible")
            page.evaluate(f"window.__expected = {count}")
            started = time.perf_counter()
            page.goto(target)
            page.evaluate(f"window.__expected = {count}")
            messages = page.locator("[data-testid=transcript-message]")
            messages.nth(count - 1).wait_for(state="attached")
            messages.first.wait_for(state="visible")
            elapsed = (time.perf_counter() - started) * 1000
            assert messages.count() == count
            marks = page.evaluate("window.__marks")
            if count == MESSAGES and marks.get("page") and marks.get("transcript"):
                shares.append(marks["transcript"] - marks["page"])
            return elapsed

        times, baseline, shares = [], [], []
        for _ in range(RUNS):
            times.append(time_to_show(url, MESSAGES))
            baseline.append(time_to_show(short_url, 2))
        browser.close()
    print(f"interview page with {MESSAGES} stored transcript messages, in Chromium:")
    print(f"  median {statistics.median(times):.0f} ms to show (of {RUNS}: "
          f"{', '.join(f'{t:.0f}' for t in times)} ms)")  # fmt: skip
    if shares:
        share = statistics.median(shares)
        print(f"  of which after the interview's own details were on screen: {share:.0f} ms")
    print(f"  same page, 2-message transcript: median {statistics.median(baseline):.0f} ms")
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")


if __name__ == "__main__":
    main()
