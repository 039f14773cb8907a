"""Feedback in the job's interview language, with its linked résumé (issue 21).

The model generators (fake Gemini, fake chat-completions server) are told the language
and given a bounded résumé excerpt; the automatic generator writes German feedback for a
German job info and notes the résumé on each answer; a retried answer is reviewed the
same way.
"""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.devtools.fake_openai import FakeOpenAI
from interview_app.models import Interview
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.feedback.prompt import RESUME_EXCERPT_CHARS
from interview_app.services.feedback.report import FeedbackReport
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.resumes.store import create_resume_from_text
from interview_app.services.retries.attempts import answer_cards, record_attempt, review_attempt
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript
from tests.support_feedback import add_user

RESUME = (
    "Lena Fischer\nBackend-Entwicklerin\n\nBerufserfahrung\n"
    "Senior Backend Engineer, Acme GmbH (2019 - 2024)\n"
    "- Atlas: Abrechnungsplattform in Python und PostgreSQL neu gebaut\n\n"
    "Projekte\nAtlas: Abrechnungsplattform\n\nKenntnisse\nPython, PostgreSQL, Kafka, Docker\n"
    # A long tail: the prompt carries a bounded excerpt, never all of it.
    + "Weitere Erfahrung mit vielen Werkzeugen und Projekten. "
    * 80
)
DESCRIPTION = (
    "Backend-Entwickler (m/w/d): Sie entwickeln Microservices mit Python und Kafka und "
    "betreiben PostgreSQL. Erfahrung mit Kubernetes ist ein Plus."
)
TRANSCRIPT = [
    TranscriptEntry(
        speaker="interviewer",
        text="Erzählen Sie von einer Situation, in der Sie Kafka eingesetzt haben.",
        start_ms=0,
        end_ms=3_000,
    ),
    TranscriptEntry(
        speaker="interviewee",
        text=(
            "Als ich bei meinem letzten Arbeitgeber war, gingen Zahlungsereignisse verloren. "
            "Meine Aufgabe war es, das zu beheben. Ich habe Wiederholungen und eine "
            "Dead-Letter-Queue eingeführt. Dadurch sank der Verlust um 90 Prozent. Ich habe "
            "zwölf Jahre Erfahrung mit Kubernetes."
        ),
        start_ms=4_000,
        end_ms=40_000,
        spoken=False,
    ),
]


def german_interview(session: Session, email: str) -> tuple[str, Interview]:
    user = add_user(session, email, name="Lena Fischer")
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
    interview = Interview(
        job_info_id=job_info.id, duration="00:01:00", hume_chat_id=f"chat-{email}"
    )
    session.add(interview)
    session.commit()
    replace_transcript(session=session, interview=interview, entries=TRANSCRIPT, source="browser")
    session.refresh(interview)
    return str(user.id), interview


def _stored_report(session: Session, interview: Interview) -> FeedbackReport:
    session.expire_all()
    row = session.get(Interview, interview.id)
    assert row is not None
    return FeedbackReport.model_validate_json(row.feedback_json or "")


async def test_the_chat_model_is_told_the_language_and_given_the_resume(
    llm: FakeOpenAI, session: Session
) -> None:
    user_id, interview = german_interview(session, "llm-de@example.com")

    await generate_interview_feedback(user_id=user_id, interview_id=interview.id)

    [request] = llm.completion_requests()
    user, system = request.message("user"), request.message("system")
    assert "## Interview language\nGerman (Deutsch, de). Write every text field in German" in user
    assert "keep the JSON keys, category names and STAR part names in English" in user
    assert "interview's language" in system and "resume_notes" in system
    assert "## Résumé" in user and "Acme GmbH" in user and "Atlas" in user
    excerpt = next(line for line in user.splitlines() if line.startswith("Excerpt: "))
    assert len(excerpt) <= len("Excerpt: ") + RESUME_EXCERPT_CHARS
    assert "resume_notes" in request.schema()["properties"]["answers"]["items"]["required"]
    report = _stored_report(session, interview)
    assert report.language == "de"


async def test_gemini_is_told_the_language_and_given_the_resume(
    gemini: FakeGemini, session: Session
) -> None:
    user_id, interview = german_interview(session, "gemini-de@example.com")

    await generate_interview_feedback(user_id=user_id, interview_id=interview.id)

    [request] = gemini.generate_requests()
    assert "Write every text field in German" in request.user_prompt()
    assert "Summary: " in request.user_prompt() and "Acme GmbH" in request.user_prompt()
    assert "## Interview language" in request.system_prompt()


async def test_without_a_model_the_feedback_is_german_and_notes_the_resume(
    gemini: FakeGemini, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GEMINI_API_KEY")
    get_settings.cache_clear()
    user_id, interview = german_interview(session, "auto-de@example.com")

    markdown = await generate_interview_feedback(user_id=user_id, interview_id=interview.id)

    assert "*Automatisches Feedback" in markdown
    report = _stored_report(session, interview)
    assert (report.generator, report.language) == ("automatic", "de")
    [review] = report.answers
    assert review.star == ["situation", "task", "action", "result"]
    assert review.language == "de"
    notes = " ".join(review.resume_notes)
    # Kafka is on the résumé and asked for, but unsaid; twelve years and Kubernetes are not on it.
    assert "Ihr Lebenslauf nennt Kafka" in notes
    assert "Kubernetes" in notes

    # A retried answer is reviewed in German too, with the résumé.
    attempt_id = record_attempt(
        session=session,
        user_id=user_id,
        interview_id=interview.id,
        question_index=0,
        answer={
            "text": "Ich habe Kafka mit Wiederholungen eingesetzt und bei Globex gearbeitet.",
            "start_ms": 0,
            "end_ms": 9_000,
        },
    )
    await review_attempt(user_id=user_id, attempt_id=attempt_id)
    session.expire_all()
    [card] = answer_cards(session=session, user_id=user_id, interview_id=interview.id)
    [attempt] = card.attempts
    assert attempt.review is not None
    assert attempt.review.language == "de"
    assert any("Globex" in note for note in attempt.review.resume_notes)
    assert json.loads(attempt.review.model_dump_json())["resume_notes"]
