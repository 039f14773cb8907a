"""The dashboard of a user with 500 job infos, and an interview opened after it, in Chromium.

Starts the production app on loopback with a fresh SQLite database, signs up, stores 500 job
infos with 3,000-character descriptions and one finished 14-message interview, then 5
times: opens the dashboard in a fresh tab (no cache) and times until its cards are on
screen, counting the bytes received on the event socket; then, in the same tab, opens the
interview's page and times until its transcript and metrics are on screen, again with the
socket's bytes. The issue measured, before the dashboard paginated and cards carried an
excerpt: 1,576 kB for the dashboard and 1.6 MB for the interview opened after it (33 kB on
its own).

Also prints, for the interview opened after the dashboard and for the same interview opened
in a fresh tab, the bytes each state's vars took in the socket's updates (the largest first),
which shows what the tab carried over from the dashboard.

Run: `.venv/bin/python benchmarks/bench_dashboard_carry_over.py`.
"""

from __future__ import annotations

import json
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
from tests.e2e.conftest import sign_up_at
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


def _received(page: Page, frames: list[str] | None = None) -> list[int]:
    sizes: list[int] = []

    def on_frame(frame: str | bytes) -> None:
        sizes.append(len(frame))
        if frames is not None and isinstance(frame, str):
            frames.append(frame)

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    return sizes


def _bytes_per_state(frames: list[str]) -> dict[str, int]:
    """Sum, per state, the JSON bytes of its vars in the socket's updates."""
    per_state: dict[str, int] = {}
    for frame in frames:
        # Socket.IO event frames: `42["event", {"delta": {state: {var: value}}, ...}]`.
        start = frame.find("[")
        if start < 0:
            continue
        try:
            message = json.loads(frame[start:])
        except ValueError:
            continue
        for part in message[1:] if isinstance(message, list) else []:
            delta = part.get("delta") if isinstance(part, dict) else None
            for state, variables in (delta or {}).items():
                size = len(json.dumps(variables, separators=(",", ":")))
                per_state[state] = per_state.get(state, 0) + size
    return per_state


def _print_states(label: str, per_state: dict[str, int]) -> None:
    print(f"{label}: bytes per state in the updates (largest first)")
    for state, size in sorted(per_state.items(), key=lambda item: -item[1])[:8]:
        print(f"  {size / 1000:8.1f} kB  {state.rsplit('.', 1)[-1]}")


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
        # What the updates carried, after the dashboard and in a fresh tab.
        per_state = {}
        for label, after_dashboard in (("after the dashboard", True), ("fresh tab", False)):
            context = browser.new_context()
            context.add_cookies(cookies)
            page = context.new_page()
            page.set_default_timeout(60_000)
            if after_dashboard:
                page.goto(f"{base_url}/app")
                page.get_by_test_id("job-info-card").first.wait_for()
            frames: list[str] = []
            _received(page, frames)
            page.goto(interview_url)
            page.get_by_test_id("transcript-message").nth(MESSAGES - 1).wait_for()
            page.get_by_test_id("answer-metrics").first.wait_for()
            page.wait_for_timeout(300)
            per_state[label] = _bytes_per_state(frames)
            context.close()
        browser.close()
    print(f"dashboard, {JOB_INFOS} job infos, cold tab: cards on screen in "
          f"{statistics.median(dashboard_ms):.0f} ms, "
          f"{statistics.median(dashboard_kb):.0f} kB on the event socket")  # fmt: skip
    print(f"a {MESSAGES}-message interview opened after it in the same tab: whole in "
          f"{statistics.median(interview_ms):.0f} ms, "
          f"{statistics.median(interview_kb):.0f} kB on the event socket")  # fmt: skip
    for label, states in per_state.items():
        _print_states(f"the interview, {label}", states)
    print(f"(medians of {RUNS}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
