"""Browsers keep a build's hashed files for good and revalidate the pages (issue 22)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Response

from interview_app import routes
from interview_app.web.app import CACHE_IMMUTABLE, CACHE_REVALIDATE, HASHED_ASSETS_PREFIX
from tests.e2e.conftest import RunningApp


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
