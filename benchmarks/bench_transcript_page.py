"""Time to show a finished interview with a 1,000-message (the cap) transcript, in Chromium.

Starts the production app on loopback with a fresh SQLite database, signs up, stores an
interview whose transcript has 1,000 messages (the cap, as a long sync leaves it), then 5 times
opens the interview's page and stops the clock when the whole page is on screen: every
transcript message, the delivery metrics and the feedback status. The same for an interview
with a 2-message transcript. The page reads only our database (no provider is configured at
all). Prints the medians, with when the last update arrived on the event socket, how long the
browser then took to draw, and the bytes received.
Run: `.venv/bin/python benchmarks/bench_transcript_page.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from sqlmodel import Session, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from interview_app.services.transcript_entry import MAX_MESSAGES, TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from tests.e2e.conftest import sign_up_at
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server

RUNS = 5
# The most one interview holds (a longer provider history is cut to it when stored).
MESSAGES = MAX_MESSAGES
# Records, from the navigation's start (Performance API clock), when the page's data arrives
# on the event socket and when the page is whole on screen: the interview's details, every
# transcript message, the delivery metrics and the feedback status. The socket's messages are
# timed as the page's script receives them, so the split is: until the last update arrived
# (page start, socket, server work, transfer) and after it (parsing, React, layout).
MARKS_SCRIPT = """
window.__marks = {updates: []};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      const marks = window.__marks;
      if (!marks.done) marks.updates.push([performance.now(), String(event.data).length]);
    });
  }
};
new MutationObserver(() => {
  const marks = window.__marks;
  if (marks.done) return;
  // Exact counts: what the previous page left in the state may show first. The metrics
  // table lists every answer, or its first rows and a "show all" button.
  const expected = Number(sessionStorage.getItem('expectedMessages'));
  const count = document.querySelectorAll('[data-testid=transcript-message]').length;
  const rows = document.querySelectorAll('[data-testid=answer-metrics]').length;
  const answers = expected / 2;
  if (count === expected
      && (rows === answers
          || (rows > 0 && rows < answers
              && document.querySelector('[data-testid=show-all-answers]')))
      && document.querySelector('[data-testid=feedback-status]')) {
    marks.done = performance.now();
  }
}).observe(document, {childList: true, subtree: true});
"""


@dataclass
class Load:
    """One measured page load."""

    wall_ms: float
    on_screen_ms: float
    last_update_ms: float
    socket_bytes: int


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
        email = sign_up_at(page, base_url)
        job_id, interview_id = store_interview(engine, email)
        url = f"{base_url}/app/job-infos/{job_id}/interviews/{interview_id}"

        short_job_id, short_id = store_interview(engine, email, messages=2)
        short_url = f"{base_url}/app/job-infos/{short_job_id}/interviews/{short_id}"

        def time_to_show(target: str, count: int) -> Load:
            page.goto(f"{base_url}/app")
            page.get_by_test_id("job-info-card").first.wait_for(state="visible")
            page.evaluate(f"sessionStorage.setItem('expectedMessages', '{count}')")
            started = time.perf_counter()
            page.goto(target)
            page.wait_for_function("window.__marks.done !== undefined")
            elapsed = (time.perf_counter() - started) * 1000
            assert page.get_by_test_id("transcript-message").count() == count
            marks = page.evaluate("window.__marks")
            updates = [(at, size) for at, size in marks["updates"] if at <= marks["done"]]
            return Load(
                wall_ms=elapsed,
                on_screen_ms=marks["done"],
                last_update_ms=max(at for at, _ in updates),
                socket_bytes=sum(size for _, size in updates),
            )

        long_loads, short_loads = [], []
        for _ in range(RUNS):
            long_loads.append(time_to_show(url, MESSAGES))
            short_loads.append(time_to_show(short_url, 2))
        browser.close()
    for label, loads in ((f"{MESSAGES} stored transcript messages", long_loads),
                         ("a 2-message transcript", short_loads)):  # fmt: skip
        report(label, loads)
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores after measuring)")


def report(label: str, loads: list[Load]) -> None:
    """Print the medians of some page loads."""
    walls = [load.wall_ms for load in loads]
    print(f"interview page with {label}, in Chromium, whole page on screen:")
    print(f"  median {statistics.median(walls):.0f} ms (of {len(walls)}: "
          f"{', '.join(f'{wall:.0f}' for wall in walls)} ms)")  # fmt: skip
    on_screen = statistics.median(load.on_screen_ms for load in loads)
    last_update = statistics.median(load.last_update_ms for load in loads)
    drawing = statistics.median(load.on_screen_ms - load.last_update_ms for load in loads)
    received = statistics.median(load.socket_bytes for load in loads)
    print(f"  from the navigation's start: last update received {last_update:.0f} ms, "
          f"all on screen {on_screen:.0f} ms (drawing after the last update {drawing:.0f} ms); "
          f"{received / 1000:.0f} kB received on the event socket")  # fmt: skip


if __name__ == "__main__":
    main()
