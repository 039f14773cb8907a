"""Feedback in Chromium: generate, watch the status, read the result; failures and reloads.

The app runs with a Gemini key pointed at the fake Gemini server, which runs in this
process so each test sets how it answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from interview_app.db import make_engine, migrate
from interview_app.devtools.fake_gemini import FakeGemini, running_fake_gemini
from interview_app.models import Interview
from tests.e2e.conftest import RunningApp, sign_up
from tests.support import app_server
from tests.support_feedback import add_finished_interview, user_by_email

GENERATION_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def gemini_fake() -> Iterator[FakeGemini]:
    with running_fake_gemini() as (fake, base_url):
        fake.base_url = base_url  # type: ignore[attr-defined]
        yield fake


@pytest.fixture(scope="module")
def gemini_app(
    tmp_path_factory: pytest.TempPathFactory, gemini_fake: FakeGemini, module_app_port: int
) -> Iterator[RunningApp]:
    """The app with feedback configured: a Gemini key and the fake's URL."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e-feedback') / 'app.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    with app_server(
        database_url,
        extra_env={
            "GEMINI_API_KEY": "fake-e2e-key",
            "GEMINI_BASE_URL": gemini_fake.base_url,  # type: ignore[attr-defined]
            "GEMINI_RETRY_ATTEMPTS": "2",
            "GEMINI_RETRY_INITIAL_DELAY_SECONDS": "0.05",
        },
        port=module_app_port,
    ) as base_url:
        yield RunningApp(base_url=base_url, engine=engine, oidc_issuer="")
    engine.dispose()


@pytest.fixture
def fake(gemini_fake: FakeGemini) -> FakeGemini:
    gemini_fake.reset()
    return gemini_fake


def open_finished_interview(page: Page, app: RunningApp) -> Interview:
    email = sign_up(page, app)
    with app.session() as session:
        interview = add_finished_interview(session, user_by_email(session, email).id)
    page.goto(app.url(f"/app/job-infos/{interview.job_info_id}/interviews/{interview.id}"))
    return interview


def stored(app: RunningApp, interview: Interview) -> Interview:
    with app.session() as session:
        row = session.get(Interview, interview.id)
        assert row is not None
        return row


def test_feedback_is_generated_and_rendered_with_scores(
    page: Page, gemini_app: RunningApp, fake: FakeGemini
) -> None:
    fake.configure(delay_seconds=1.5)
    interview = open_finished_interview(page, gemini_app)
    status = page.get_by_test_id("feedback-status")
    expect(status).to_have_text("No feedback yet")
    expect(page.get_by_test_id("feedback-content")).to_have_count(0)

    page.get_by_test_id("generate-feedback").click()

    expect(status).to_have_attribute("data-status", "running")
    expect(page.get_by_test_id("generate-feedback")).to_be_disabled()
    expect(status).to_have_text("Feedback ready", timeout=GENERATION_TIMEOUT_MS)
    content = page.get_by_test_id("feedback-content")
    expect(page.get_by_test_id("feedback-overall-score")).to_contain_text("7/10")
    expect(content.get_by_text("Communication Clarity: 8/10").first).to_be_visible()
    expect(content.get_by_role("heading", name="Overall Rating: 7/10")).to_be_visible()
    expect(content.get_by_role("heading", name="Role Fit & Alignment: 5/10")).to_be_visible()
    expect(content.locator("li strong").first).to_be_visible()  # lists and emphasis render
    expect(content).not_to_contain_text("## ")
    expect(page.get_by_test_id("generate-feedback")).to_have_text("Regenerate feedback")
    row = stored(gemini_app, interview)
    assert row.feedback_status == "done"
    assert row.feedback is not None and row.feedback.startswith("## Overall Rating: 7/10")
    assert len(fake.generate_requests()) == 1


def test_a_failure_offers_a_retry_that_works(
    page: Page, gemini_app: RunningApp, fake: FakeGemini
) -> None:
    fake.configure(errors=[503, 503])
    interview = open_finished_interview(page, gemini_app)
    status = page.get_by_test_id("feedback-status")

    page.get_by_test_id("generate-feedback").click()

    expect(status).to_have_text("Failed to generate feedback", timeout=GENERATION_TIMEOUT_MS)
    retry = page.get_by_test_id("generate-feedback")
    expect(retry).to_have_text("Retry")
    expect(page.get_by_test_id("feedback-content")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("503")
    assert stored(gemini_app, interview).feedback_status == "failed"

    retry.click()

    expect(status).to_have_text("Feedback ready", timeout=GENERATION_TIMEOUT_MS)
    expect(page.get_by_test_id("feedback-content")).to_be_visible()
    first = stored(gemini_app, interview)
    assert first.feedback_status == "done"
    assert [r.status for r in fake.generate_requests()] == [503, 503, 200]

    # A failed regeneration keeps the feedback that is there.
    fake.configure(errors=[500, 500])
    page.get_by_test_id("generate-feedback").click()
    expect(status).to_have_text("Failed to generate feedback", timeout=GENERATION_TIMEOUT_MS)
    expect(page.get_by_test_id("feedback-overall-score")).to_contain_text("7/10")
    assert stored(gemini_app, interview).feedback == first.feedback


def test_a_reload_during_generation_shows_running_then_the_result(
    page: Page, gemini_app: RunningApp, fake: FakeGemini
) -> None:
    fake.configure(delay_seconds=5)
    interview = open_finished_interview(page, gemini_app)
    status = page.get_by_test_id("feedback-status")
    page.get_by_test_id("generate-feedback").click()
    expect(status).to_have_attribute("data-status", "running")

    page.reload()

    expect(status).to_have_attribute("data-status", "running")
    assert stored(gemini_app, interview).feedback_status == "running"
    page.get_by_test_id("generate-feedback").click(force=True)  # disabled: starts nothing
    expect(status).to_have_text("Feedback ready", timeout=GENERATION_TIMEOUT_MS)
    expect(page.get_by_test_id("feedback-content")).to_be_visible()
    assert len(fake.generate_requests()) == 1
    assert stored(gemini_app, interview).feedback_status == "done"


def test_without_a_key_the_button_writes_automatic_feedback(
    page: Page, running_app: RunningApp
) -> None:
    interview = open_finished_interview(page, running_app)
    status = page.get_by_test_id("feedback-status")
    expect(status).to_have_text("No feedback yet")

    page.get_by_test_id("generate-feedback").click()

    expect(status).to_have_text("Feedback ready", timeout=GENERATION_TIMEOUT_MS)
    expect(page.get_by_test_id("feedback-content")).to_contain_text("Automatic feedback")
    expect(page.get_by_test_id("feedback-overall-score")).to_contain_text("/10")
    saved = stored(running_app, interview)
    assert saved.feedback_status == "done"
    assert json.loads(saved.feedback_json or "")["generator"] == "automatic"


HOSTILE_FEEDBACK = """## Overall Rating: 6/10

Plain **markdown** still renders.

<iframe srcdoc="<script>parent.__xss_frame = 1</script>"></iframe>
<img src="x" onerror="window.__xss_img = 1">
<form action="https://attacker.invalid/"><button>Claim</button></form>
<object data="x"></object>
<base href="https://attacker.invalid/">
<style>body { display: none }</style>
"""


def test_html_in_feedback_is_shown_as_text_and_never_runs(
    page: Page, gemini_app: RunningApp
) -> None:
    email = sign_up(page, gemini_app)
    with gemini_app.session() as session:
        interview = add_finished_interview(session, user_by_email(session, email).id)
        row = session.get(Interview, interview.id)
        assert row is not None
        row.feedback, row.feedback_status = HOSTILE_FEEDBACK, "done"
        session.add(row)
        session.commit()
    response = page.goto(
        gemini_app.url(f"/app/job-infos/{interview.job_info_id}/interviews/{interview.id}")
    )

    assert response is not None
    policy = response.headers["content-security-policy"]
    for directive in ("frame-src 'none'", "object-src 'none'", "base-uri 'self'"):
        assert directive in policy
    for directive in ("form-action 'self'", "script-src-attr 'none'"):
        assert directive in policy
    content = page.get_by_test_id("feedback-content")
    expect(content.locator("strong", has_text="markdown")).to_be_visible()
    for tag in ("iframe", "img", "form", "object", "base", "style"):
        expect(page.locator(f"[data-testid=feedback-content] {tag}")).to_have_count(0)
    expect(page.locator("base")).to_have_count(0)
    assert page.evaluate("[window.__xss_frame, window.__xss_img]") == [None, None]
    expect(page.locator("body")).to_be_visible()
