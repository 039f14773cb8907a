"""Helpers for feedback tests: a finished interview with a stored transcript."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlmodel import Session, select

from interview_app.models import Interview, JobInfo, User
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript

TRANSCRIPT = [
    TranscriptEntry(
        speaker="interviewer",
        text="Tell me about a system you designed.",
        start_ms=2_000,
        end_ms=5_000,
    ),
    TranscriptEntry(
        speaker="interviewee",
        text="I designed a payments API that handled a million requests a day.",
        start_ms=8_500,
        end_ms=20_000,
        emotions={"Calmness": 0.61, "Interest": 0.44, "Determination": 0.30},
    ),
    TranscriptEntry(
        speaker="interviewer",
        text="How did you keep it reliable?",
        start_ms=21_000,
        end_ms=23_000,
    ),
    TranscriptEntry(
        speaker="interviewee",
        text="Idempotency keys, retries with backoff, and good alerts.",
        start_ms=75_000,
        end_ms=90_000,
        emotions={"Concentration": 0.52, "Doubt": 0.20},
    ),
]


def add_finished_interview(
    session: Session,
    user_id: uuid.UUID,
    *,
    completed: bool = True,
    with_transcript: bool = True,
    typed: bool = False,
) -> Interview:
    """A job info and an interview of the user, held (chat id) and transcribed.

    With `typed`, the candidate typed their answers instead of speaking them.
    """
    job_info = create_job_info(
        session=session,
        user_id=user_id,
        name="Payments team",
        title="Senior Python Developer",
        description="Design and run payment APIs in Python; mentor two engineers.",
        experience_level="senior",
    )
    interview = Interview(
        job_info_id=job_info.id,
        duration="00:01:30",
        hume_chat_id=f"chat-{uuid.uuid4()}" if completed else None,
    )
    session.add(interview)
    session.commit()
    if with_transcript:
        entries = [
            replace(entry, spoken=False) if typed and entry.speaker == "interviewee" else entry
            for entry in TRANSCRIPT
        ]
        replace_transcript(session=session, interview=interview, entries=entries, source="provider")
    session.refresh(interview)
    return interview


def add_user(session: Session, email: str, name: str = "Ada Lovelace") -> User:
    """A user inserted directly (password hashing is beside the point)."""
    user = User(email=email, name=name, plan="pro")
    session.add(user)
    session.commit()
    return user


def user_by_email(session: Session, email: str) -> User:
    """The user with this email."""
    return session.exec(select(User).where(User.email == email)).one()


def job_info_of(session: Session, interview: Interview) -> JobInfo:
    """The interview's job info."""
    job_info = session.get(JobInfo, interview.job_info_id)
    assert job_info is not None
    return job_info
