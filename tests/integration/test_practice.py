"""Practice transcripts, automatic feedback and progress, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.models import Interview
from interview_app.services.calls.practice import complete_practice_interview
from interview_app.services.errors import (
    InvalidInputError,
    NotCompletedError,
    NotFoundError,
    PermissionDeniedError,
)
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.progress.job_progress import interview_metrics, job_progress
from interview_app.services.transcripts.store import get_transcript
from tests.integration.test_interviews import add_job_info, add_user

DESCRIPTION = "Build APIs in Python on Kubernetes. Experience with Terraform."


def report(*answers: str) -> list[dict]:
    messages, clock = [], 0
    for number, text in enumerate(answers):
        messages.append(
            {
                "speaker": "interviewer",
                "text": f"Question {number + 1}?",
                "start_ms": clock,
                "end_ms": clock + 2_000,
                "spoken": False,
            }
        )
        messages.append(
            {
                "speaker": "interviewee",
                "text": text,
                "start_ms": clock + 3_000,
                "end_ms": clock + 13_000,
                "spoken": True,
            }
        )
        clock += 15_000
    return messages


@pytest.fixture
def practice(session: Session):
    user = add_user(session, "candidate@example.com", plan="pro")
    job = add_job_info(session, user)
    job.description = DESCRIPTION
    session.add(job)
    session.commit()
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )
    return user, job, interview


def test_the_reported_transcript_is_stored_and_completes_the_interview(session, practice):
    user, _, interview = practice
    done = complete_practice_interview(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        messages=report("I used Python daily.", "  I led the Terraform migration.  "),
    )
    assert done.hume_chat_id and done.hume_chat_id.startswith("practice-")
    assert done.duration == "00:00:28"
    assert done.transcript_source == "browser"
    stored = get_transcript(session=session, user_id=user.id, interview_id=interview.id)
    assert [(e.speaker, e.text, e.start_ms, e.end_ms) for e in stored][2:] == [
        ("interviewer", "Question 2?", 15_000, 17_000),
        ("interviewee", "I led the Terraform migration.", 18_000, 28_000),
    ]
    metrics = interview_metrics(session=session, user_id=user.id, interview_id=interview.id)
    assert sorted(metrics.key_terms_covered) == ["Python", "Terraform"]
    assert metrics.answers[0].words_per_minute == 24.0


def test_a_second_report_is_refused_and_changes_nothing(session, practice, engine: Engine):
    user, _, interview = practice
    complete_practice_interview(
        session=session, user_id=user.id, interview_id=interview.id, messages=report("First.")
    )
    with pytest.raises(PermissionDeniedError):
        complete_practice_interview(
            session=session, user_id=user.id, interview_id=interview.id, messages=report("Two.")
        )
    with Session(engine) as fresh:
        texts = [
            e.text
            for e in get_transcript(session=fresh, user_id=user.id, interview_id=interview.id)
        ]
    assert texts == ["Question 1?", "First."]


def test_concurrent_reports_complete_the_interview_once(session, practice, engine: Engine):
    user, _, interview = practice
    outcomes: list[str] = []

    def finish(text: str) -> None:
        with Session(engine, expire_on_commit=False) as own:
            try:
                complete_practice_interview(
                    session=own, user_id=user.id, interview_id=interview.id, messages=report(text)
                )
                outcomes.append(text)
            except PermissionDeniedError:
                outcomes.append("refused")

    threads = [threading.Thread(target=finish, args=(f"Answer {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes).count("refused") == 3
    (winner,) = [o for o in outcomes if o != "refused"]
    with Session(engine) as fresh:
        texts = [
            e.text
            for e in get_transcript(session=fresh, user_id=user.id, interview_id=interview.id)
        ]
    assert texts == ["Question 1?", winner]


@pytest.mark.parametrize(
    ("messages", "fragment"),
    [
        ([], "no messages"),
        ("not a list", "no messages"),
        ([{"speaker": "narrator", "text": "x", "start_ms": 0}], "speaker"),
        ([{"speaker": "interviewee", "text": "x", "start_ms": -1}], "outside"),
        ([{"speaker": "interviewee", "text": "x", "start_ms": 10**9}], "outside"),
        ([{"speaker": "interviewee", "text": "x", "start_ms": 5, "end_ms": 4}], "ends before"),
        ([{"speaker": "interviewee", "text": "x", "start_ms": "5"}], "start time"),
        ([{"speaker": "interviewee", "text": "x" * 10_001, "start_ms": 0}], "10,000"),
        ([{"speaker": "interviewer", "text": "Q", "start_ms": 0}], "Answer at least one"),
        (report("a", "b")[::-1], "out of order"),
        (report("a") * 31, "At most 60"),
        ([{"speaker": "interviewee", "text": "x", "start_ms": 0, "spoken": "yes"}], "spoken"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_stored(session, practice, messages, fragment):
    user, _, interview = practice
    with pytest.raises(InvalidInputError) as refused:
        complete_practice_interview(
            session=session, user_id=user.id, interview_id=interview.id, messages=messages
        )
    assert fragment in refused.value.field_errors["messages"]
    session.refresh(interview)
    assert interview.hume_chat_id is None
    assert get_transcript(session=session, user_id=user.id, interview_id=interview.id) == []


def test_only_the_owner_may_report_and_only_for_a_practice_interview(session, practice):
    user, job, interview = practice
    intruder = add_user(session, "intruder@example.com", plan="pro")
    with pytest.raises(NotFoundError):
        complete_practice_interview(
            session=session, user_id=intruder.id, interview_id=interview.id, messages=report("x")
        )
    voice = Interview(job_info_id=job.id, voice_provider="hume")
    session.add(voice)
    session.commit()
    with pytest.raises(PermissionDeniedError):
        complete_practice_interview(
            session=session, user_id=user.id, interview_id=voice.id, messages=report("x")
        )


async def test_without_a_gemini_key_feedback_is_automatic_stored_and_charted(session, practice):
    user, job, interview = practice
    with pytest.raises(NotCompletedError):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    complete_practice_interview(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        messages=report("In my last role I decided to use Python. As a result we shipped."),
    )
    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    assert markdown.startswith("## Overall Rating: ")
    assert "Automatic feedback" in markdown
    assert "In my last role I decided to use Python" in markdown
    session.refresh(interview)
    assert interview.feedback == markdown
    assert json.loads(interview.feedback_json or "")["generator"] == "automatic"
    assert interview.feedback_status == "done"

    (point,) = job_progress(session=session, user_id=user.id, job_info_id=job.id)
    assert point.key_term_coverage == 25  # Python of Terraform, APIs, Python, Kubernetes
    assert 0 <= point.overall_score <= 10
    intruder = add_user(session, "other@example.com")
    with pytest.raises(NotFoundError):
        job_progress(session=session, user_id=intruder.id, job_info_id=job.id)
    with pytest.raises(PermissionDeniedError):
        await generate_interview_feedback(user_id=intruder.id, interview_id=interview.id)
