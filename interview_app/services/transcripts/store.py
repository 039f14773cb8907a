"""Transcripts we own: storing, reading and the status of an interview's transcript (SPEC §6).

Pages, delivery metrics and feedback read only `TranscriptEntry` rows from our database,
never a provider, so a finished interview stays readable when its provider forgets it.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, delete, func, select

from interview_app.models import Interview, JobInfo, TranscriptMessage
from interview_app.services.delivery.metrics import InterviewMetrics
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.jobs.job_infos import job_key_terms
from interview_app.services.transcript_entry import (
    MAX_MESSAGE_CHARS,
    MAX_MESSAGES,
    MAX_TOTAL_CHARS,
    TranscriptEntry,
    fit_transcript,
    words_from_json,
    words_to_json,
)
from interview_app.services.transcripts.figures import (
    interview_language,
    keep_metrics,
    kept_metrics,
)
from interview_app.services.voice.registry import keeps_history

logger = logging.getLogger(__name__)


def replace_transcript(
    *,
    session: Session,
    interview: Interview,
    entries: Sequence[TranscriptEntry],
    source: Literal["provider", "browser"],
) -> int:
    """Store an interview's whole transcript, replacing what was stored, in one transaction.

    Storing the same transcript twice leaves exactly one copy. Every transcript, whichever
    provider it came from, is cut to the caps first (`fit_transcript`): the first
    `MAX_MESSAGES` messages, text cut at the character budget. The caller has checked that
    the interview is the acting user's.

    Args:
        session: Open database session.
        interview: The interview, already checked for ownership.
        entries: The messages, in order.
        source: `provider` (read from the provider with our key) or `browser` (reported).

    Returns:
        The number of messages stored.
    """
    fitted = fit_transcript(entries)
    if fitted.cut:
        # The page says so from what is stored (`TranscriptStatus.at_cap`); no text logged.
        logger.warning(
            "The transcript of interview %s was cut to the caps: %s of %s messages kept",
            interview.id,
            len(fitted.entries),
            len(entries),
        )
    session.exec(
        delete(TranscriptMessage).where(col(TranscriptMessage.interview_id) == interview.id)
    )
    for position, entry in enumerate(fitted.entries):
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
                words=words_to_json(entry.words) if entry.words else None,
            )
        )
    interview.transcript_source = source
    # Computed now, with the transcript, so that no page recomputes them on every view.
    keep_metrics(session=session, interview=interview, entries=fitted.entries)
    session.commit()
    return len(fitted.entries)


def delivery_metrics(
    *, session: Session, interview: Interview, job_info: JobInfo
) -> InterviewMetrics:
    """Return an interview's delivery metrics, as kept when its transcript was stored.

    Metrics that are missing (interviews stored before metrics were kept) or out of date (a
    newer algorithm, changed key terms) are computed from the stored transcript and kept,
    once.

    Args:
        session: Open database session.
        interview: The interview, already checked for ownership.
        job_info: Its job info.

    Returns:
        The metrics (no answers when no transcript is stored).
    """
    key_terms = job_key_terms(session=session, job_info=job_info)
    metrics = kept_metrics(interview, key_terms, interview_language(job_info))
    if metrics is None:
        entries = stored_transcript(session=session, interview_id=interview.id)
        metrics = keep_metrics(session=session, interview=interview, entries=entries)
    if session.dirty:
        session.commit()  # what was found again, kept for the next view
    return metrics


def stored_transcript(*, session: Session, interview_id: uuid.UUID) -> list[TranscriptEntry]:
    """Return the stored transcript of an interview, in order (no ownership check).

    Args:
        session: Open database session.
        interview_id: The interview, already checked for ownership.

    Returns:
        The messages; empty when none are stored.
    """
    # Plain columns, not ORM objects: a long interview has thousands of messages.
    rows = session.exec(
        select(
            TranscriptMessage.speaker,
            TranscriptMessage.text,
            TranscriptMessage.start_ms,
            TranscriptMessage.end_ms,
            TranscriptMessage.emotions,
            TranscriptMessage.spoken,
            TranscriptMessage.words,
        )
        .where(TranscriptMessage.interview_id == interview_id)
        .order_by(col(TranscriptMessage.position))
    ).all()
    return [
        TranscriptEntry(
            speaker="interviewer" if speaker == "interviewer" else "interviewee",
            text=text,
            start_ms=start_ms,
            end_ms=end_ms,
            emotions=json.loads(emotions) if emotions else None,
            spoken=spoken,
            # Transcripts stored before words were kept have none: measured from the text.
            words=tuple(words_from_json(words)) or None,
        )
        for speaker, text, start_ms, end_ms, emotions, spoken, words in rows
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


@dataclass(frozen=True, slots=True)
class TranscriptStatus:
    """Where an interview's transcript stands, for its page.

    Attributes:
        state: `none` (no call yet), `pending` (a sync is due or running), `stored`, or
            `failed` (the last sync failed; `error` says why, and a retry is offered).
        error: The user-facing reason of the last failure.
        messages: How many messages are stored.
        at_cap: The stored transcript reached a size cap (`MAX_MESSAGES` messages,
            `MAX_TOTAL_CHARS` characters, or a message of `MAX_MESSAGE_CHARS`), so later
            messages or text may have been left out; the page should say so.
    """

    state: Literal["none", "pending", "stored", "failed"]
    error: str
    messages: int
    at_cap: bool = False


def stored_count(session: Session, interview_id: uuid.UUID) -> int:
    """Return how many messages of an interview are stored (no ownership check).

    Args:
        session: Open database session.
        interview_id: The interview, already checked for ownership.

    Returns:
        The count.
    """
    return session.exec(
        select(func.count())
        .select_from(TranscriptMessage)
        .where(TranscriptMessage.interview_id == interview_id)
    ).one()


def _at_cap(session: Session, interview_id: uuid.UUID) -> tuple[int, bool]:
    # Derived from the stored rows, so that no column records the cut: a transcript cut by
    # `fit_transcript` always ends at one of the caps, and one that merely reaches a cap
    # is at it too.
    count, chars, longest = session.exec(
        select(
            func.count(),
            func.coalesce(func.sum(func.length(TranscriptMessage.text)), 0),
            func.coalesce(func.max(func.length(TranscriptMessage.text)), 0),
        ).where(TranscriptMessage.interview_id == interview_id)
    ).one()
    at_cap = count >= MAX_MESSAGES or chars >= MAX_TOTAL_CHARS or longest >= MAX_MESSAGE_CHARS
    return count, at_cap


def transcript_status(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> TranscriptStatus:
    """Say where the transcript of one of the user's interviews stands.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The status.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    count, at_cap = _at_cap(session, interview.id)
    if interview.transcript_sync_error and interview.transcript_sync_claimed_at is None:
        return TranscriptStatus("failed", interview.transcript_sync_error, count, at_cap)
    if count or interview.transcript_synced_at is not None:
        return TranscriptStatus("stored", "", count, at_cap)
    if interview.hume_chat_id is None:
        return TranscriptStatus("none", "", 0)
    if keeps_history(interview.voice_provider):
        return TranscriptStatus("pending", "", 0)
    return TranscriptStatus("stored", "", 0)
