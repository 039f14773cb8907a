"""German automatic feedback in Chromium, with notes on the linked résumé (issue 21)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from interview_app.models import Interview
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.resumes.store import create_resume_from_text
from interview_app.services.transcripts.store import replace_transcript
from tests.e2e.conftest import RunningApp, sign_up
from tests.integration.test_feedback_languages import DESCRIPTION, RESUME, TRANSCRIPT
from tests.support_feedback import user_by_email

REVIEW_TIMEOUT_MS = 30_000


def test_a_german_interview_gets_german_feedback_and_resume_notes(
    page: Page, running_app: RunningApp
) -> None:
    email = sign_up(page, running_app)
    with running_app.session() as session:
        user = user_by_email(session, email)
        resume = create_resume_from_text(session=session, user_id=user.id, name="CV", text=RESUME)
        job_info = create_job_info(
            session=session,
            user_id=user.id,
            name="Zahlungen",
            title="Backend-Entwicklerin",
            description=DESCRIPTION,
            experience_level="senior",
            resume_id=resume.id,
            interview_language="de",
        )
        interview = Interview(job_info_id=job_info.id, duration="00:01:00", hume_chat_id="chat-de")
        session.add(interview)
        session.commit()
        replace_transcript(
            session=session, interview=interview, entries=TRANSCRIPT, source="browser"
        )
        path = f"/app/job-infos/{job_info.id}/interviews/{interview.id}"

    page.goto(running_app.url(path))
    page.get_by_test_id("generate-feedback").click()
    expect(page.get_by_test_id("feedback-status")).to_have_attribute(
        "data-status", "done", timeout=REVIEW_TIMEOUT_MS
    )

    content = page.get_by_test_id("feedback-content")
    expect(content).to_contain_text("Automatisches Feedback")
    expect(content).to_contain_text("Ihre Antworten erreichten im Schnitt")
    card = page.get_by_test_id("answer-review").first
    expect(card).to_contain_text("Alle vier STAR-Teile")
    expect(card.get_by_test_id("answer-stronger-version")).to_contain_text("Ergebnis:")
    notes = card.get_by_test_id("answer-resume-note")
    expect(notes.first).to_contain_text("Ihr Lebenslauf nennt Kafka")
    expect(card).to_contain_text("Kubernetes")
