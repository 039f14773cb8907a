"""A candidate's own story and language, end to end (issue 21's "done when").

A PDF résumé naming a project and an employer is uploaded and linked to a job info; the
practice asks about that project. The same with a German job info gives German questions
and German automatic feedback.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from interview_app.models import Interview, PracticeTurn
from tests.e2e.conftest import RunningApp, fill_job_info, path_pattern, sign_up
from tests.support_resume_files import RESUME_LINES, text_pdf

SERVER_WAIT_MS = 20_000
PROJECT = "Ledgerlite"
HUB_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/?$")
INTERVIEW_URL = re.compile(r"/app/job-infos/([0-9a-f-]{36})/interviews/([0-9a-f-]{36})/?$")
DESCRIPTION = (
    "We are hiring a backend engineer for our payments platform. You build Python services "
    "with Django and PostgreSQL, run them on Kubernetes and care about reliability."
)
GERMAN_ANSWER = (
    "In meinem letzten Projekt bei Ridgeline Payments war die Situation, dass der "
    "Abrechnungsdienst zu langsam war. Meine Aufgabe war es, ihn auf Kubernetes zu "
    "migrieren. Ich habe die Migration geplant und umgesetzt, und das Ergebnis war, dass "
    "die Latenz um 40 Prozent gesunken ist."
)
# Words a German interviewer says and an English one does not.
GERMAN_MARKERS = re.compile(r"\b(Sie|Ihr|Ihre|Ihnen|und|Erzählen|Welche|Wie|Was)\b")


def _upload_resume(page: Page, app: RunningApp) -> None:
    page.goto(app.url("/app/resumes"))
    page.get_by_test_id("resume-upload").set_input_files(
        files=[{"name": "Jordan Ellis CV.pdf", "mimeType": "application/pdf", "buffer": text_pdf()}]
    )
    expect(page.get_by_test_id("resume-text")).to_have_value(
        re.compile(PROJECT), timeout=SERVER_WAIT_MS
    )


def _create_job(page: Page, app: RunningApp, *, name: str, language: str) -> str:
    page.goto(app.url("/app/job-infos/new"))
    page.get_by_test_id("job-info-name").wait_for()
    fill_job_info(
        page, name=name, title="Backend Engineer", level="senior", description=DESCRIPTION
    )
    page.get_by_test_id("job-info-resume").select_option(label="Jordan Ellis CV")
    page.get_by_test_id("job-info-language").select_option(label=language)
    page.get_by_test_id("job-info-submit").click()
    expect(page).to_have_url(HUB_URL, timeout=SERVER_WAIT_MS)
    match = HUB_URL.search(page.url)
    assert match is not None
    return match.group(1)


def _practice(page: Page, app: RunningApp, job_id: str, answer: str) -> tuple[list[str], str]:
    """Answer every question of a practice; returns the questions asked and the interview id."""
    page.goto(app.url(f"/app/job-infos/{job_id}/interviews/new"))
    page.get_by_test_id("start-practice").click()
    question = page.get_by_test_id("practice-question")
    expect(question).to_be_visible(timeout=SERVER_WAIT_MS)
    asked: list[str] = []
    for number in range(1, 13):
        expect(page.get_by_test_id("practice-progress")).to_have_text(
            re.compile(rf"^Question {number} of \d+$"), timeout=SERVER_WAIT_MS
        )
        asked.append(question.inner_text())
        page.get_by_test_id("practice-answer").fill(answer)
        submit = page.get_by_test_id("practice-submit-answer")
        last = submit.inner_text() == "Submit and finish"
        submit.click()
        if last:
            break
    else:
        raise AssertionError("the practice never reached its last question")
    expect(page).to_have_url(INTERVIEW_URL, timeout=SERVER_WAIT_MS)
    match = INTERVIEW_URL.search(page.url)
    assert match is not None
    return asked, match.group(2)


def _stored_questions(app: RunningApp, interview_id: str) -> list[str]:
    with app.session() as session:
        turns = session.exec(
            select(PracticeTurn)
            .where(PracticeTurn.interview_id == uuid.UUID(interview_id))
            .order_by(col(PracticeTurn.position))
        ).all()
        return [turn.question for turn in turns]


def test_a_resume_shapes_the_questions_and_german_runs_through_to_the_feedback(
    page: Page, running_app: RunningApp
) -> None:
    assert any(PROJECT in line for line in RESUME_LINES)
    sign_up(page, running_app)
    _upload_resume(page, running_app)

    english_job = _create_job(page, running_app, name="Payments (English)", language="English")
    asked, interview_id = _practice(
        page,
        running_app,
        english_job,
        "At Ridgeline Payments I migrated the settlement service to Kubernetes; as a result "
        "latency fell by 40 percent.",
    )
    assert any(PROJECT in question for question in asked), asked
    assert any(PROJECT in question for question in _stored_questions(running_app, interview_id))

    german_job = _create_job(page, running_app, name="Zahlungen (Deutsch)", language="German")
    asked, interview_id = _practice(page, running_app, german_job, GERMAN_ANSWER)
    assert all(GERMAN_MARKERS.search(question) for question in asked), asked
    assert any(PROJECT in question for question in asked), asked
    assert _stored_questions(running_app, interview_id) == asked

    page.get_by_test_id("generate-feedback").click()
    content = page.get_by_test_id("feedback-content")
    expect(content).to_contain_text("Gesamtbewertung", timeout=SERVER_WAIT_MS)
    expect(content).to_contain_text("Automatisches Feedback")
    expect(content).not_to_contain_text("Overall Rating")
    with running_app.session() as session:
        interview = session.get(Interview, uuid.UUID(interview_id))
        assert interview is not None and interview.feedback_json
        assert '"generator":"automatic"' in interview.feedback_json
    expect(page).to_have_url(path_pattern(f"/app/job-infos/{german_job}/interviews/{interview_id}"))
