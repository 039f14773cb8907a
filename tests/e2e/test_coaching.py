"""Coaching in Chromium: a verdict and a stronger version per answer, and a retry compared.

Without a key the automatic generator reviews each answer; with one, the fake Gemini does
(the same fixtures as test_feedback.py). Both are checked at phone and desktop widths.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import select

from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.models import AnswerAttempt, Interview
from tests.e2e.conftest import RunningApp
from tests.e2e.test_feedback import fake, gemini_app, gemini_fake, open_finished_interview
from tests.e2e.test_screens import VIEWPORTS, check_screen

__all__ = ["fake", "gemini_app", "gemini_fake"]  # the fake Gemini and its app, shared

REVIEW_TIMEOUT_MS = 30_000
BETTER_ANSWER = (
    "In my last role our payment API timed out during sales peaks. I owned the fix: I "
    "profiled it in Python, moved card checks to a queue and mentored two engineers on the "
    "change. As a result timeouts dropped from 4 percent to 0.1 percent within a month."
)


def _generate_feedback(page: Page) -> None:
    page.get_by_test_id("generate-feedback").click()
    expect(page.get_by_test_id("feedback-status")).to_have_attribute(
        "data-status", "done", timeout=REVIEW_TIMEOUT_MS
    )


def _retry_first_question(page: Page) -> None:
    card = page.get_by_test_id("answer-review").first
    card.get_by_test_id("retry-question").click()
    card.get_by_test_id("practice-answer").fill(BETTER_ANSWER)
    card.get_by_test_id("practice-submit-answer").click()
    attempt = card.get_by_test_id("attempt")
    expect(attempt).to_have_count(1, timeout=REVIEW_TIMEOUT_MS)
    expect(attempt).to_have_attribute("data-status", "done", timeout=REVIEW_TIMEOUT_MS)
    expect(attempt.get_by_test_id("attempt-score")).to_have_text(re.compile(r"^\d+/10$"))
    expect(attempt.get_by_test_id("attempt-changes")).to_contain_text("Score")
    expect(attempt.get_by_test_id("attempt-changes")).to_contain_text("Length")


def _check_widths(page: Page, name: str) -> None:
    for viewport, (size, _) in VIEWPORTS.items():
        page.set_viewport_size(size)
        check_screen(page, f"{viewport}-{name}", under_app=True)


def _stored_attempts(app: RunningApp, interview: Interview) -> list[AnswerAttempt]:
    with app.session() as session:
        return list(
            session.exec(
                select(AnswerAttempt).where(AnswerAttempt.interview_id == interview.id)
            ).all()
        )


def _interviews(app: RunningApp) -> int:
    with app.session() as session:
        return len(session.exec(select(Interview)).all())


def test_without_a_key_each_answer_is_reviewed_and_a_retry_is_compared(
    page: Page, running_app: RunningApp
) -> None:
    interview = open_finished_interview(page, running_app)
    _generate_feedback(page)
    cards = page.get_by_test_id("answer-review")
    expect(cards).to_have_count(2)
    for index in range(2):
        card = cards.nth(index)
        expect(card).to_have_attribute("data-question-index", str(index))
        expect(card.get_by_test_id("answer-score")).to_have_text(re.compile(r"^\d+/10$"))
        expect(card.get_by_test_id("answer-stronger-version")).to_contain_text(re.compile(r"\w"))
    # The per-answer review comes first, above the transcript.
    first = cards.first.bounding_box()
    transcript = page.get_by_test_id("transcript-message").first.bounding_box()
    assert first is not None and transcript is not None and first["y"] < transcript["y"]

    interviews_before = _interviews(running_app)
    _retry_first_question(page)
    (attempt,) = _stored_attempts(running_app, interview)
    assert attempt.answer == BETTER_ANSWER and attempt.review_json
    assert '"question_index":0' in attempt.review_json
    # A retry is not an interview.
    assert _interviews(running_app) == interviews_before
    _check_widths(page, "answer-reviews-automatic")


def test_with_a_model_each_answer_is_reviewed_and_a_retry_is_compared(
    page: Page, gemini_app: RunningApp, fake: FakeGemini
) -> None:
    interview = open_finished_interview(page, gemini_app)
    _generate_feedback(page)
    cards = page.get_by_test_id("answer-review")
    expect(cards).to_have_count(2)
    expect(cards.first.get_by_test_id("answer-stronger-version")).to_contain_text(re.compile(r"\w"))
    requests_before = len(fake.generate_requests())
    _retry_first_question(page)
    # The model reviewed the attempt: one more request, with the retried answer in it.
    requests = fake.generate_requests()
    assert len(requests) == requests_before + 1
    assert "sales peaks" in str(requests[-1])
    (attempt,) = _stored_attempts(gemini_app, interview)
    assert attempt.review_json
    _check_widths(page, "answer-reviews-model")
