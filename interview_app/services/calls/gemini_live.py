"""Gemini Live calls of an interview: whose they are, when they start, what they leave (SPEC §6).

The token minting itself is the provider's (`services.voice.gemini_live`); here each step
is checked against the acting user's own Gemini interview and recorded on it, ending with
the transcript the browser reports.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.models import Interview, JobInfo, User, utcnow
from interview_app.services.errors import InvalidInputError, ModelBudgetError, PermissionDeniedError
from interview_app.services.interviews.lifecycle import DURATION_PATTERN, get_interview
from interview_app.services.interviews.model_budget import take_live_session, take_model_call
from interview_app.services.resumes.facts import resume_summary
from interview_app.services.resumes.store import resume_for_job_info
from interview_app.services.transcripts.browser import parse_reported_transcript
from interview_app.services.transcripts.store import replace_transcript
from interview_app.services.voice.base import VoiceProvider
from interview_app.services.voice.gemini_live import (
    RESUME_SUMMARY_MAX_CHARACTERS,
    LiveSession,
    LiveSessionError,
    open_live_session,
)

CHAT_ID_PREFIX = "gemini-live-"


class LiveSessionLimitError(LiveSessionError):
    """The interview minted all the connections it may (`GEMINI_LIVE_SESSIONS_PER_INTERVIEW`)."""

    default_message = (
        "This interview has used all its voice connections. Please start a new interview."
    )


@dataclass(frozen=True, slots=True)
class _InterviewFacts:
    interview_id: uuid.UUID
    user_id: uuid.UUID
    candidate_name: str
    job_title: str
    experience_level: str
    description: str
    created_at: datetime
    language: str
    resume_summary: str


def _interview_facts(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> _InterviewFacts:
    try:
        interview: Interview = get_interview(
            session=session, user_id=user_id, interview_id=interview_id
        )
    except PermissionDeniedError as error:
        raise PermissionDeniedError() from error
    if interview.voice_provider != VoiceProvider.GEMINI.value or interview.transcript_source:
        # Another provider's interview, or a call that already ended with its transcript.
        raise PermissionDeniedError()
    job_info = session.get(JobInfo, interview.job_info_id)
    user = session.get(User, job_info.user_id) if job_info else None
    if job_info is None or user is None:
        raise PermissionDeniedError()
    resume = resume_for_job_info(session=session, job_info=job_info)
    return _InterviewFacts(
        interview_id=interview.id,
        user_id=user.id,
        candidate_name=user.name,
        job_title=job_info.title,
        experience_level=job_info.experience_level,
        description=job_info.description,
        created_at=interview.created_at,
        language=job_info.interview_language,
        resume_summary=(
            resume_summary(resume.text, max_chars=RESUME_SUMMARY_MAX_CHARACTERS)
            if resume is not None
            else ""
        ),
    )


def _facts_for_a_new_connection(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> _InterviewFacts:
    with open_session() as session:
        facts = _interview_facts(session=session, user_id=user_id, interview_id=interview_id)
        # Counted before minting: a token that then fails still spent a try, as a loop would.
        if not take_live_session(session=session, interview_id=facts.interview_id):
            raise LiveSessionLimitError()
        if not take_model_call(session=session, user_id=facts.user_id):
            raise ModelBudgetError()
        return facts


async def start_live_session(
    *,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    resumption_handle: str | None = None,
) -> LiveSession:
    """Mint a token for one Live connection of the user's own Gemini interview.

    The interviewer speaks the job info's interview language and is told about its linked
    résumé (a summary), if any.

    Args:
        user_id: The acting user.
        interview_id: The interview; it must be the user's and held with Gemini.
        resumption_handle: The session to resume, or None for the first connection.

    Returns:
        The token, the socket URL and the setup message the browser sends.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview (nothing is minted).
        LiveSessionLimitError: The interview used all its connections.
        ModelBudgetError: The user used today's model calls.
        InterviewTimeUpError: The interview's length cap has passed.
        LiveSessionError: Gemini is not configured or refused, or did not answer.
    """
    facts = await asyncio.to_thread(_facts_for_a_new_connection, user_id, interview_id)
    return await open_live_session(
        settings=get_settings(),
        candidate_name=facts.candidate_name,
        job_title=facts.job_title,
        experience_level=facts.experience_level,
        description=facts.description,
        interview_created_at=facts.created_at,
        resumption_handle=resumption_handle,
        language=facts.language,
        resume_summary=facts.resume_summary,
    )


async def mint_session_token(
    *, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Mint a single-use, fully locked ephemeral token for the user's own interview.

    Args:
        user_id: The acting user.
        interview_id: The interview; it must be the user's and held with Gemini.

    Returns:
        The token's name (`auth_tokens/...`).

    Raises:
        PermissionDeniedError: Not the user's Gemini interview (nothing is minted).
        LiveSessionError: Gemini is not configured, refused, or did not answer.
    """
    live = await start_live_session(user_id=user_id, interview_id=interview_id)
    return live.token


def _own_gemini_interview(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> Interview:
    try:
        interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    except PermissionDeniedError as error:
        raise PermissionDeniedError() from error
    if interview.voice_provider != VoiceProvider.GEMINI.value:
        raise PermissionDeniedError()
    return interview


def _checked_duration(duration: object) -> str:
    if not isinstance(duration, str) or not DURATION_PATTERN.fullmatch(duration):
        raise InvalidInputError({"duration": "The duration must be HH:MM:SS."})
    return duration


def mark_session_started(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Give the interview its chat id (ours) once its first Live session is set up.

    Reconnects keep the id already given, so a call is one interview with one chat id.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.

    Returns:
        The interview's chat id.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    if interview.hume_chat_id is None:
        interview.hume_chat_id = f"{CHAT_ID_PREFIX}{uuid.uuid4()}"
        interview.updated_at = utcnow()
        session.add(interview)
        session.commit()
    return interview.hume_chat_id


def save_call_duration(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    duration: object,
) -> None:
    """Save how long the call has lasted so far (`HH:MM:SS`).

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.
        duration: The call timer's value.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
        InvalidInputError: The duration is not `HH:MM:SS`.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    interview.duration = _checked_duration(duration)
    interview.updated_at = utcnow()
    session.add(interview)
    session.commit()


def finish_call(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    transcript: object,
    duration: object,
) -> int:
    """Store the transcript the browser reports at the end of the call, and the duration.

    An empty transcript leaves the interview incomplete (no chat id), as if never held.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.
        transcript: The messages as the browser sent them (see `parse_reported_transcript`).
        duration: The call's length, `HH:MM:SS`.

    Returns:
        The number of messages stored.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
        InvalidInputError: The transcript or the duration is malformed; nothing is stored.
    """
    entries = parse_reported_transcript(transcript)
    checked_duration = _checked_duration(duration)
    interview = _own_gemini_interview(session, user_id, interview_id)
    interview.duration = checked_duration
    interview.updated_at = utcnow()
    if not entries:
        if interview.transcript_source is None:
            interview.hume_chat_id = None
        session.add(interview)
        session.commit()
        return 0
    if interview.hume_chat_id is None:
        interview.hume_chat_id = f"{CHAT_ID_PREFIX}{uuid.uuid4()}"
    return replace_transcript(
        session=session, interview=interview, entries=entries, source="browser"
    )


def abandon_call(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> None:
    """After a failed call without a stored transcript, leave the interview incomplete.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The user's Gemini interview.

    Raises:
        PermissionDeniedError: Not the user's Gemini interview.
    """
    interview = _own_gemini_interview(session, user_id, interview_id)
    if interview.transcript_source is None and interview.hume_chat_id is not None:
        interview.hume_chat_id = None
        interview.updated_at = utcnow()
        session.add(interview)
        session.commit()
