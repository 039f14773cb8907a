"""A first and a repeat visit of four pages in Chromium, against the same page served statically.

Starts the production app on loopback with a fresh SQLite database, signs up, and stores
three job infos, one of them with 5 completed 14-message interviews with feedback. Then,
RUNS times and page after page (sign-in, dashboard, job hub, interview page):

- cold: a fresh browser context (empty cache, the session cookie) opens the page; one clock
  stops when what the page is for is on screen (the sign-in button; the job-info cards; the
  job's heading and progress chart; the transcript's last message and the metrics table),
  another when the page has also loaded (its load event: every script run, as the issue
  measured). The requests the page made are counted;
- warm: a second tab of the same context (assets in the HTTP cache) opens it again;
- static: the same page's HTML as drawn (scripts removed, its stylesheets copied), served by
  a plain file server on loopback, opened in a fresh context until the same elements show.

Prints per page, for both clocks, the medians and the ratio of cold to static (the issue's
goal: at most 2x).
With `--before SRC` it also starts the app from another source tree (e.g. a `git archive`
of the previous commit; its migrations must be the same or older) and measures both in
turns, so background load hits them alike:

    .venv/bin/python benchmarks/bench_first_visit.py --before /tmp/previous-commit

JS and CSS bytes per page come from `bench_page_weight.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_job_hub_page import _store as store_job_with_interviews
from playwright.sync_api import Browser, Page, sync_playwright
from sqlmodel import Session, select

from interview_app.db import make_engine, migrate
from interview_app.models import Interview, JobInfo, User
from tests.e2e.conftest import PASSWORD, sign_up_at
from tests.support import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, start_app

RUNS = 5
INTERVIEWS = 5
MESSAGES = 14
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
_PRELOAD = re.compile(r'<link\b[^>]*rel="modulepreload"[^>]*>', re.IGNORECASE)
_STYLESHEET_HREF = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', re.IGNORECASE)
_STYLESHEET_HREF_FIRST = re.compile(r'<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"', re.I)


def _ready_sign_in(page: Page) -> None:
    page.get_by_test_id("sign-in-submit").wait_for()


def _ready_dashboard(page: Page) -> None:
    page.get_by_test_id("job-info-card").first.wait_for()


def _ready_hub(page: Page) -> None:
    page.get_by_test_id("job-info-heading").wait_for()
    page.get_by_test_id("progress-chart").wait_for()


def _ready_interview(page: Page) -> None:
    page.get_by_test_id("transcript-message").nth(MESSAGES - 1).wait_for()
    page.get_by_test_id("answer-metrics").first.wait_for()


def _seed(engine, email: str) -> dict[str, tuple[str, Callable[[Page], None], bool]]:
    job_id = store_job_with_interviews(engine, email, INTERVIEWS)
    with Session(engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        for number in range(2):
            session.add(
                JobInfo(
                    name=f"Other job {number}",
                    description="Plan the releases of a payments platform. " * 20,
                    experience_level="mid-level",
                    user_id=user.id,
                )
            )
        session.commit()
        interview = session.exec(
            select(Interview).where(Interview.job_info_id == job_id).limit(1)
        ).one()
    return {
        "sign-in": ("/sign-in", _ready_sign_in, False),
        "dashboard": ("/app", _ready_dashboard, True),
        "job hub": (f"/app/job-infos/{job_id}", _ready_hub, True),
        "interview page": (
            f"/app/job-infos/{job_id}/interviews/{interview.id}",
            _ready_interview,
            True,
        ),
    }


def _sign_up(browser: Browser, base_url: str) -> tuple[str, list]:
    context = browser.new_context()
    page = context.new_page()
    email = sign_up_at(page, base_url)
    cookies = context.cookies()
    context.close()
    return email, cookies


def _sign_in(browser: Browser, base_url: str, email: str) -> list:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/sign-in")
    page.get_by_test_id("email-input").fill(email)
    page.get_by_test_id("password-input").fill(PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    page.wait_for_url("**/app/")
    cookies = context.cookies()
    context.close()
    return cookies


def _timed(page: Page, url: str, ready: Callable[[Page], None]) -> tuple[float, float, int]:
    """Open `url`; return when its elements were on screen, when it was also loaded, requests.

    "On screen" stops the clock when what the page is for is there, whatever scripts are
    still running; "loaded" also waits for the load event (every script run), as the
    issue's figures did.
    """
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    ready(page)
    on_screen = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("load")
    loaded = (time.perf_counter() - started) * 1000
    return on_screen, loaded, len(requests)


class _StaticSite:
    """A plain file server on loopback for the pages' HTML as drawn."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="bench-static-"))
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, name: str, html: str, base_url: str) -> str:
        html = _PRELOAD.sub("", _SCRIPT.sub("", html))
        for href in {*_STYLESHEET_HREF.findall(html), *_STYLESHEET_HREF_FIRST.findall(html)}:
            if not href.startswith("/"):
                continue
            target = self.root / href.lstrip("/")
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                with urllib.request.urlopen(f"{base_url}{href}") as response:
                    target.write_bytes(response.read())
        (self.root / f"{name}.html").write_text(f"<!DOCTYPE html>{html}")
        return f"{self.url}/{name}.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _app(database_url: str, source: Path | None) -> Iterator[str]:
    extra_env = {"PYTHONPATH": str(source)} if source is not None else None
    with start_app(database_url, extra_env=extra_env) as app:
        yield app.base_url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, help="source tree of the build to compare with")
    parser.add_argument("--runs", type=int, default=RUNS)
    arguments = parser.parse_args()
    database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with contextlib.ExitStack() as stack, sync_playwright() as playwright:
        builds = {"now": stack.enter_context(_app(database_url, None))}
        if arguments.before is not None:
            builds = {"before": stack.enter_context(_app(database_url, arguments.before)), **builds}
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        email, now_cookies = _sign_up(browser, builds["now"])
        cookies = {"now": now_cookies}
        if "before" in builds:
            cookies["before"] = _sign_in(browser, builds["before"], email)
        pages = _seed(engine, email)
        static = _StaticSite()
        static_urls: dict[str, str] = {}
        figures: dict[tuple[str, str, str], list[float]] = {}
        for _ in range(arguments.runs):
            for page_name, (path, ready, signed_in) in pages.items():
                for build, base_url in builds.items():
                    context = browser.new_context()
                    if signed_in:
                        context.add_cookies(cookies[build])
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    cold, cold_loaded, requests = _timed(page, f"{base_url}{path}", ready)
                    if page_name not in static_urls and build == "now":
                        static_urls[page_name] = static.add(
                            page_name.replace(" ", "-"), page.content(), base_url
                        )
                    warm, warm_loaded, _ = _timed(context.new_page(), f"{base_url}{path}", ready)
                    context.close()
                    figures.setdefault((page_name, build, "cold"), []).append(cold)
                    figures.setdefault((page_name, build, "warm"), []).append(warm)
                    figures.setdefault((page_name, build, "cold loaded"), []).append(cold_loaded)
                    figures.setdefault((page_name, build, "warm loaded"), []).append(warm_loaded)
                    figures.setdefault((page_name, build, "requests"), []).append(requests)
                context = browser.new_context()
                page = context.new_page()
                page.set_default_timeout(120_000)
                elapsed, elapsed_loaded, _ = _timed(page, static_urls[page_name], ready)
                context.close()
                figures.setdefault((page_name, "static", "cold"), []).append(elapsed)
                figures.setdefault((page_name, "static", "cold loaded"), []).append(elapsed_loaded)
        browser.close()
        static.server.shutdown()
    for clock in ("on screen", "loaded"):
        suffix = "" if clock == "on screen" else " loaded"
        print(f"-- {clock}")
        print(
            f"{'page':<16}{'build':<8}{'requests':>9}{'cold':>9}{'warm':>9}{'static':>9}"
            f"{'ratio':>7}"
        )
        for page_name in pages:
            static_ms = statistics.median(figures[page_name, "static", f"cold{suffix}"])
            for build in builds:
                cold = statistics.median(figures[page_name, build, f"cold{suffix}"])
                warm = statistics.median(figures[page_name, build, f"warm{suffix}"])
                requests = statistics.median(figures[page_name, build, "requests"])
                print(
                    f"{page_name:<16}{build:<8}{requests:>9.0f}{cold:>7.0f}ms{warm:>7.0f}ms"
                    f"{static_ms:>7.0f}ms{cold / static_ms:>6.1f}x"
                )
    print(
        f"(medians of {arguments.runs}; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
