"""Transcripts we own: one normalised form for every voice provider (SPEC §6).

Pages, delivery metrics and feedback read only `TranscriptEntry` rows from our database,
never a provider, so a finished interview stays readable when its provider forgets it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, delete, select

from interview_app.models import Interview, TranscriptMessage
from interview_app.services.interviews import get_interview

Speaker = Literal["interviewer", "interviewee"]
SPEAKERS: tuple[Speaker, ...] = ("interviewer", "interviewee")
TOP_EMOTIONS_KEPT = 3


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One message of a transcript, whichever provider held the interview.

    Attributes:
        speaker: `interviewer` or `interviewee`.
        text: What was said (or typed).
        start_ms: When it started, in milliseconds since the call started.
        end_ms: When it ended, when the provider knows it.
        emotions: The interviewee's strongest expressed emotions (name -> score), or None.
        spoken: False for an answer that was typed rather than spoken.
    """

    speaker: Speaker
    text: str
    start_ms: int
    end_ms: int | None = None
    emotions: Mapping[str, float] | None = None
    spoken: bool = True


def top_emotions(
    scores: Mapping[str, float] | None, limit: int = TOP_EMOTIONS_KEPT
) -> dict[str, float] | None:
    """Keep the strongest expressed emotions of a message, strongest first.

    Args:
        scores: Emotion name -> score (e.g. Hume's 48 prosody scores), or None.
        limit: How many to keep.

    Returns:
        The `limit` highest scores, or None when there were none.
    """
    if not scores:
        return None
    strongest = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
    return dict(strongest)


def replace_transcript(
    *,
    session: Session,
    interview: Interview,
    entries: Sequence[TranscriptEntry],
    source: Literal["provider", "browser"],
) -> int:
    """Store an interview's whole transcript, replacing what was stored, in one transaction.

    Storing the same transcript twice leaves exactly one copy. The caller has checked that
    the interview is the acting user's.

    Args:
        session: Open database session.
        interview: The interview, already checked for ownership.
        entries: The messages, in order.
        source: `provider` (read from the provider with our key) or `browser` (reported).

    Returns:
        The number of messages stored.
    """
    session.exec(
        delete(TranscriptMessage).where(col(TranscriptMessage.interview_id) == interview.id)
    )
    for position, entry in enumerate(entries):
        session.add(
            TranscriptMessage(
                interview_id=interview.id,
                position=position,
                speaker=entry.speaker,
                text=entry.text,
                start_ms=entry.start_ms,
                end_ms=entry.end_ms,
                emotions=json.dumps(dict(entry.emotions)) if entry.emotions else None,
                spoken=entry.spoken,
            )
        )
    interview.transcript_source = source
    session.add(interview)
    session.commit()
    return len(entries)


def stored_transcript(*, session: Session, interview_id: uuid.UUID) -> list[TranscriptEntry]:
    """Return the stored transcript of an interview, in order (no ownership check).

    Args:
        session: Open database session.
        interview_id: The interview, already checked for ownership.

    Returns:
        The messages; empty when none are stored.
    """
    rows = session.exec(
        select(TranscriptMessage)
        .where(TranscriptMessage.interview_id == interview_id)
        .order_by(col(TranscriptMessage.position))
    ).all()
    return [
        TranscriptEntry(
            speaker="interviewer" if row.speaker == "interviewer" else "interviewee",
            text=row.text,
            start_ms=row.start_ms,
            end_ms=row.end_ms,
            emotions=json.loads(row.emotions) if row.emotions else None,
            spoken=row.spoken,
        )
        for row in rows
    ]


def get_transcript(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> list[TranscriptEntry]:
    """Return the stored transcript of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The messages, in order; empty when none are stored.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    return stored_transcript(session=session, interview_id=interview.id)
