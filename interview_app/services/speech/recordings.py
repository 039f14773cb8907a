"""Recognised answers stored per interview, owner-checked, until the answer is saved.

The browser sends a spoken answer once, when it ends; the server recognises it and stores
what it heard here, then the browser saves the answer naming the recording, and the words
come from this row, not from the browser. When the operator keeps audio
(`KEEP_ANSWER_AUDIO`) the recording is played back to its owner from here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from interview_app.models import AnswerRecording, JobInfo, PracticeTurn
from interview_app.services.errors import InvalidInputError, NotFoundError
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.languages import language_for
from interview_app.services.speech.recognizer import Transcription
from interview_app.services.speech.words import RecognisedWord, words_from_json, words_to_json


def check_recording_allowed(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Check, before any recognition work, that the interview is the user's.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview the answer belongs to.

    Returns:
        The interview's language (its job info's code), which the answer is spoken in.

    Raises:
        NotFoundError: Not the user's interview.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    job_info = session.get(JobInfo, interview.job_info_id)
    return language_for(job_info.interview_language if job_info else None).code


def store_recording(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    transcription: Transcription,
    audio: bytes | None,
) -> AnswerRecording:
    """Store what was recognised in one spoken answer of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview the answer belongs to.
        transcription: What the recogniser heard.
        audio: The WAV recording to keep (`KEEP_ANSWER_AUDIO`), or None to drop it.

    Returns:
        The stored recording.

    Raises:
        NotFoundError: Not the user's interview.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    recording = AnswerRecording(
        interview_id=interview.id,
        language=transcription.language[:16],
        duration_ms=transcription.duration_ms,
        text=transcription.text,
        words=words_to_json(transcription.words),
        audio=audio,
    )
    session.add(recording)
    session.commit()
    session.refresh(recording)
    return recording


def recording_of_interview(
    *, session: Session, interview_id: uuid.UUID, recording_id: object
) -> tuple[uuid.UUID, list[RecognisedWord]]:
    """Find a recording of an interview the caller has already checked is the user's.

    Args:
        session: Open database session.
        interview_id: The interview, owner-checked by the caller.
        recording_id: The recording's id as the browser sent it.

    Returns:
        The recording's id and its words.

    Raises:
        InvalidInputError: No such recording of this interview (under the key `answer`).
    """
    refused = InvalidInputError({"answer": "That recording is not part of this interview."})
    if not isinstance(recording_id, str):
        raise refused
    try:
        wanted = uuid.UUID(recording_id)
    except ValueError as error:
        raise refused from error
    recording = session.exec(
        select(AnswerRecording).where(
            AnswerRecording.id == wanted, AnswerRecording.interview_id == interview_id
        )
    ).first()
    if recording is None:
        raise refused
    return recording.id, words_from_json(recording.words)


def recording_audio(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    recording_id: uuid.UUID | str,
) -> bytes:
    """Return the kept audio of one spoken answer of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview the answer belongs to.
        recording_id: The recording.

    Returns:
        The WAV file as recorded.

    Raises:
        NotFoundError: Not the user's interview, no such recording of it, or its audio was
            not kept.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    try:
        wanted = recording_id if isinstance(recording_id, uuid.UUID) else uuid.UUID(recording_id)
    except ValueError as error:
        raise NotFoundError() from error
    audio = session.exec(
        select(AnswerRecording.audio).where(
            AnswerRecording.id == wanted, AnswerRecording.interview_id == interview.id
        )
    ).first()
    if audio is None:
        raise NotFoundError()
    return audio


def kept_audio(*, session: Session, recording_ids: Sequence[uuid.UUID | None]) -> set[uuid.UUID]:
    """Tell which of some recordings (of an interview checked by the caller) kept audio.

    Args:
        session: Open database session.
        recording_ids: Recordings, None for answers that were not spoken.

    Returns:
        The ids of those whose audio was kept.
    """
    wanted = {recording_id for recording_id in recording_ids if recording_id is not None}
    if not wanted:
        return set()
    return set(
        session.exec(
            select(AnswerRecording.id).where(
                col(AnswerRecording.id).in_(wanted), col(AnswerRecording.audio).is_not(None)
            )
        ).all()
    )


def answer_recordings(*, session: Session, interview_id: uuid.UUID) -> list[uuid.UUID | None]:
    """The recording of each answer of a finished practice, in the order of its questions.

    The order is that of its stored transcript (each answered question once, by position),
    so the n-th item is the recording of the answer to the n-th question of its review.

    Args:
        session: Open database session.
        interview_id: The interview, owner-checked by the caller.

    Returns:
        One item per answered question: its recording, or None for a typed answer (or an
        interview that was not a practice: no items).
    """
    return list(
        session.exec(
            select(PracticeTurn.recording_id)
            .where(PracticeTurn.interview_id == interview_id, col(PracticeTurn.answer).is_not(None))
            .order_by(col(PracticeTurn.position))
        ).all()
    )
