"""Gemini Live call screen figures, against the project's fake Live server.

1. Median time in Chromium (fake microphone playing a 440 Hz tone) from a click on
   `start-interview` to the first microphone chunk sent on the Live socket, over 10 calls:
   the click is stamped in the page (capture-phase listener) and the component marks
   `gemini-live-first-audio-chunk` when it sends its first chunk, so both times come from
   the page's own clock.
2. Bytes of JavaScript the call screen adds: the component (assets/gemini_live.jsx) minified
   by bun with React left external, plus the AudioWorklet file, raw and gzipped.

Run: `.venv/bin/python benchmarks/bench_gemini_live_start.py`.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from sqlmodel import Session

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_gemini_live import FakeGeminiLive, running_fake_gemini_live
from interview_app.services.accounts.users import set_plan
from interview_app.services.jobs.job_infos import create_job_info
from tests.e2e.conftest import sign_up_at
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, app_server, free_port

ROOT = Path(__file__).resolve().parent.parent
RUNS = 10
API_KEY = "bench-key"

STAMP_CLICK = """() => {
  window.__startClickedAt = null;
  document.addEventListener("click", (event) => {
    if (event.target.closest('[data-testid="start-interview"]')) {
      window.__startClickedAt = performance.now();
    }
  }, { capture: true, once: true });
  performance.clearMarks("gemini-live-first-audio-chunk");
}"""
FIRST_CHUNK = "() => performance.getEntriesByName('gemini-live-first-audio-chunk').length > 0"
ELAPSED = """() => performance.getEntriesByName('gemini-live-first-audio-chunk')[0].startTime
  - window.__startClickedAt"""


def javascript_bytes() -> list[tuple[str, int, int]]:
    bun = shutil.which("bun", path=str(Path(sys.executable).parent)) or "bun"
    out = Path(tempfile.mkdtemp()) / "gemini_live.min.js"
    options = ["--minify", "--external=react", "--target=browser", f"--outfile={out}"]
    subprocess.run(
        [bun, "build", *options, str(ROOT / "assets/gemini_live.jsx")],
        check=True,
        capture_output=True,
    )
    files = [
        ("gemini_live.jsx (minified)", out.read_bytes()),
        ("gemini_capture_worklet.js", (ROOT / "assets/gemini_capture_worklet.js").read_bytes()),
    ]
    return [(name, len(data), len(gzip.compress(data, 9))) for name, data in files]


def start_times() -> list[float]:
    tone = Path(tempfile.mkdtemp()) / "tone.wav"
    sine = ["synth", "60", "sine", "440", "vol", "0.5"]
    subprocess.run(
        ["sox", "-n", "-r", "48000", "-c", "1", "-b", "16", str(tone), *sine], check=True
    )
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    fake = FakeGeminiLive(api_key=API_KEY)
    env = {"GEMINI_API_KEY": API_KEY, "VOICE_PROVIDER": "gemini", "RATE_LIMIT_CAPACITY": "100"}
    times: list[float] = []
    with (
        running_fake_gemini_live(fake, free_port()) as fake_url,
        app_server(database_url, extra_env={**env, "GEMINI_BASE_URL": fake_url}) as base_url,
        sync_playwright() as playwright,
    ):
        args = [
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={tone}",
        ]
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=args)
        context = browser.new_context(permissions=["microphone"])
        page = context.new_page()
        email = sign_up_at(page, base_url)
        with Session(engine) as session:
            user = set_plan(session=session, email=email, plan="pro")
            job = create_job_info(
                session=session,
                user_id=user.id,
                name="Bench",
                title="Engineer",
                description="Benchmarks.",
                experience_level="senior",
            )
            job_id = job.id
        for _ in range(RUNS):
            page.goto(f"{base_url}/app/job-infos/{job_id}/interviews/new")
            page.get_by_test_id("start-interview").wait_for()
            page.evaluate(STAMP_CLICK)
            page.get_by_test_id("start-interview").click()
            page.wait_for_function(FIRST_CHUNK, polling="raf", timeout=30_000)
            times.append(page.evaluate(ELAPSED))
            page.get_by_test_id("end-call").click()
            page.wait_for_url("**/interviews/*-*")
        browser.close()
    engine.dispose()
    return times


def main() -> None:
    total_raw = total_gzip = 0
    print("JavaScript the Gemini Live call screen adds:")
    for name, raw, zipped in javascript_bytes():
        total_raw, total_gzip = total_raw + raw, total_gzip + zipped
        print(f"  {name}: {raw:,} bytes ({zipped:,} gzipped)")
    print(f"  total: {total_raw:,} bytes ({total_gzip:,} gzipped)")
    times = sorted(start_times())
    print(f"click 'start-interview' -> first microphone chunk sent, {RUNS} runs against the fake:")
    print(f"  median {statistics.median(times):.0f} ms (min {times[0]:.0f}, max {times[-1]:.0f})")


if __name__ == "__main__":
    main()
