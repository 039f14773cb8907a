"""First visits: hashed files kept for good, pages revalidated, code named up front (issue 22)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, Response, expect
from sqlmodel import select

from interview_app import routes
from interview_app.models import JobInfo, User
from interview_app.web.app import CACHE_IMMUTABLE, CACHE_REVALIDATE, HASHED_ASSETS_PREFIX
from tests.e2e.conftest import RunningApp, sign_up


def test_hashed_assets_are_immutable_and_pages_are_revalidated(
    page: Page, running_app: RunningApp
) -> None:
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    document = page.goto(running_app.url(routes.SIGN_IN))
    page.get_by_test_id("sign-in-submit").wait_for()
    assert document is not None and document.ok

    assets = [r for r in responses if urlsplit(r.url).path.startswith(HASHED_ASSETS_PREFIX)]
    assert len(assets) >= 5, "the page loads its code from the build's hashed files"
    assert {r.headers.get("cache-control") for r in assets if r.ok} == {CACHE_IMMUTABLE}
    assert document.headers["cache-control"] == CACHE_REVALIDATE

    # Revalidating an unchanged page costs a 304 and no body.
    validator = document.headers.get("etag")
    assert validator, "the page carries an ETag to revalidate against"
    again = page.request.get(document.url, headers={"If-None-Match": validator}, max_redirects=0)
    assert again.status == 304

    # A file of another build is an error, and errors are not kept.
    missing = page.request.get(running_app.url(f"{HASHED_ASSETS_PREFIX}gone-0000.js"))
    assert missing.headers.get("cache-control") != CACHE_IMMUTABLE


def _named_scripts(html: str) -> set[str]:
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)
    imports = re.findall(r'import(?:\s+\*\s+as\s+\w+\s+from)?\s*\(?\s*"(/assets/[^"]+)"', html)
    return {*preloads, *imports}


def test_a_page_with_an_id_names_all_its_code_and_paints_a_frame_before_it_runs(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    with running_app.session() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        job = JobInfo(
            name="Platform role",
            description="Run the payments platform.",
            experience_level="senior",
            user_id=user.id,
        )
        session.add(job)
        session.commit()
        job_id = job.id
    hub = running_app.url(f"/app/job-infos/{job_id}")

    # As sent, before any script runs: the top bar and a spinner, not a blank page.
    document = page.request.get(hub)
    assert document.ok
    html = document.text()
    assert "Interview Coach" in html
    assert "Loading the page…" in html

    scripts: list[str] = []
    page.on(
        "request",
        lambda request: (
            scripts.append(urlsplit(request.url).path)
            if request.resource_type == "script"
            else None
        ),
    )
    page.goto(hub)
    expect(page.get_by_test_id("job-info-heading")).to_have_text("Platform role")
    # Every file of code the page ran was named by its document, so the browser fetched
    # them all at once instead of discovering them one level at a time.
    assert scripts, "the page loads its code"
    assert set(scripts) <= _named_scripts(html), set(scripts) - _named_scripts(html)
