"""Transcripts we own: one normalised form for every voice provider (SPEC §6).

Pages, delivery metrics and feedback read only `TranscriptEntry` rows from our database,
never a provider, so a finished interview stays readable when its provider forgets it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlmodel import Session, col, delete, select

from interview_app.config import get_settings
from interview_app.db import open_session
from interview_app.models import Interview, TranscriptMessage, utcnow
from interview_app.services.errors import (
    DomainError,
    NotCompletedError,
    TranscriptSyncInProgressError,
    VoiceChatNotFoundError,
    VoiceProviderError,
)
from interview_app.services.interviews import get_interview, interviews_and_owners
from interview_app.services.job_infos import get_job_info
from interview_app.services.voice_providers import history_adapter

Speaker = Literal["interviewer", "interviewee"]
SPEAKERS: tuple[Speaker, ...] = ("interviewer", "interviewee")
TOP_EMOTIONS_KEPT = 3
# A sync claimed longer ago than this was abandoned (a restart mid-sync) and may be retaken.
SYNC_CLAIM_STALE_AFTER = timedelta(minutes=2)
SYNC_ERROR_MAX = 500
# Providers whose transcripts we read from their chat history with our key.
HISTORY_PROVIDERS: tuple[str, ...] = ("hume",)

logger = logging.getLogger(__name__)
T = TypeVar("T")


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
    # Plain columns, not ORM objects: a long interview has thousands of messages.
    rows = session.exec(
        select(
            TranscriptMessage.speaker,
            TranscriptMessage.text,
            TranscriptMessage.start_ms,
            TranscriptMessage.end_ms,
            TranscriptMessage.emotions,
            TranscriptMessage.spoken,
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
        )
        for speaker, text, start_ms, end_ms, emotions, spoken in rows
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
    """

    state: Literal["none", "pending", "stored", "failed"]
    error: str
    messages: int


def _stored_count(session: Session, interview_id: uuid.UUID) -> int:
    return session.exec(
        select(func.count())
        .select_from(TranscriptMessage)
        .where(TranscriptMessage.interview_id == interview_id)
    ).one()


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
    count = _stored_count(session, interview.id)
    if interview.transcript_sync_error and interview.transcript_sync_claimed_at is None:
        return TranscriptStatus("failed", interview.transcript_sync_error, count)
    if count or interview.transcript_synced_at is not None:
        return TranscriptStatus("stored", "", count)
    if interview.hume_chat_id is None:
        return TranscriptStatus("none", "", 0)
    if history_adapter_needed(interview.voice_provider):
        return TranscriptStatus("pending", "", 0)
    return TranscriptStatus("stored", "", 0)


def history_adapter_needed(provider: str) -> bool:
    """Whether a provider's transcripts are read from its chat history (not reported).

    Args:
        provider: The provider that held the interview.

    Returns:
        True for providers that keep histories (Hume).
    """
    return provider in HISTORY_PROVIDERS


@dataclass(frozen=True, slots=True)
class _SyncTarget:
    interview_id: uuid.UUID
    provider: str
    chat_id: str
    created_at: datetime


def _completed(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> tuple[Interview, int]:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    return interview, _stored_count(session, interview.id)


def _no_live_sync(now: datetime) -> ColumnElement[bool]:
    return or_(
        col(Interview.transcript_sync_claimed_at).is_(None),
        col(Interview.transcript_sync_claimed_at) < now - SYNC_CLAIM_STALE_AFTER,
    )


def _sync_resumable(now: datetime, max_attempts: int) -> ColumnElement[bool]:
    # A sync is owed when a history provider's chat is set and no sync has ended yet (with
    # the transcript or with an error shown on the page), and nobody is running it: its
    # worker died, or the call's end never started it. The chat must have been set a while
    # ago, so that the sync the call's end starts is not raced.
    return and_(
        col(Interview.voice_provider).in_(HISTORY_PROVIDERS),
        col(Interview.hume_chat_id).is_not(None),
        col(Interview.transcript_synced_at).is_(None),
        col(Interview.transcript_sync_error).is_(None),
        col(Interview.transcript_sync_attempts) < max_attempts,
        col(Interview.updated_at) < now - SYNC_CLAIM_STALE_AFTER,
        _no_live_sync(now),
    )


def _claim_sync(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    resume: bool = False,
) -> _SyncTarget | None:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    now = utcnow()
    # One statement: of two syncs racing (the call's end, a click on retry, the sweeps of
    # several workers), one wins.
    condition = (
        _sync_resumable(now, get_settings().resume_max_attempts) if resume else _no_live_sync(now)
    )
    claimed = session.exec(  # type: ignore[call-overload]
        update(Interview)
        .where(col(Interview.id) == interview.id, condition)
        .values(
            transcript_sync_claimed_at=now,
            transcript_sync_attempts=(col(Interview.transcript_sync_attempts) + 1 if resume else 1),
        )
    )
    session.commit()
    if claimed.rowcount != 1:
        return None
    return _SyncTarget(
        interview.id, interview.voice_provider, interview.hume_chat_id, interview.created_at
    )


def _finish_sync(
    *,
    session: Session,
    interview_id: uuid.UUID,
    entries: Sequence[TranscriptEntry] | None,
    error: str | None,
) -> int:
    interview = session.get(Interview, interview_id, populate_existing=True)
    if interview is None:
        return 0
    stored = _stored_count(session, interview_id)
    if entries and error is None:
        stored = replace_transcript(
            session=session, interview=interview, entries=entries, source="provider"
        )
    interview.transcript_sync_claimed_at = None
    interview.transcript_sync_error = error[:SYNC_ERROR_MAX] if error else None
    if error is None:
        interview.transcript_synced_at = utcnow()
    session.add(interview)
    session.commit()
    return stored


def _release_claim(*, session: Session, interview_id: uuid.UUID, error: str) -> None:
    _finish_sync(session=session, interview_id=interview_id, entries=None, error=error)


async def _run(function: Callable[..., T], /, **kwargs: Any) -> T:
    def call() -> T:
        with open_session() as session:
            return function(session=session, **kwargs)

    return await asyncio.to_thread(call)


async def sync_transcript(*, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str) -> int:
    """Copy a finished chat's transcript from its provider into our database (SPEC §6, §11).

    Idempotent: a second sync replaces the stored copy, never adds to it. When the
    provider no longer has the chat, or returns nothing, what is stored is kept. A failure
    is recorded on the interview (its page offers a retry) and leaves the rest as it was.
    No database session is held while the provider is asked.

    Args:
        user_id: The acting user.
        interview_id: One of the user's interviews.

    Returns:
        The number of messages stored.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
        NotCompletedError: The interview has no chat yet.
        TranscriptSyncInProgressError: Another sync of this transcript is running.
        ChatIdRefusedError: The chat is not one of this installation's.
        VoiceProviderError: The provider failed or no longer has the chat.
        VoiceNotConfiguredError: The provider's keys are not set any more.
    """
    return await _sync(user_id=user_id, interview_id=interview_id, resume=False)


async def _sync(
    *, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str, resume: bool
) -> int:
    interview, stored = await _run(_completed, user_id=user_id, interview_id=interview_id)
    if not history_adapter_needed(interview.voice_provider):
        return stored  # the browser reported this transcript; there is nothing to fetch
    target = await _run(_claim_sync, user_id=user_id, interview_id=interview_id, resume=resume)
    if target is None:
        raise TranscriptSyncInProgressError()
    try:
        adapter = history_adapter(target.provider)
        entries = (
            await adapter.fetch_transcript(target.chat_id, not_before=target.created_at)
            if adapter
            else []
        )
    except VoiceChatNotFoundError as error:
        if stored:
            return await _run(
                _finish_sync, interview_id=target.interview_id, entries=None, error=None
            )
        await _run(_release_claim, interview_id=target.interview_id, error=str(error))
        raise
    except DomainError as error:
        await _run(_release_claim, interview_id=target.interview_id, error=str(error))
        raise
    except Exception as error:
        logger.exception("Transcript sync of interview %s failed unexpectedly", target.interview_id)
        failure = VoiceProviderError()
        await _run(_release_claim, interview_id=target.interview_id, error=str(failure))
        raise failure from error
    return await _run(_finish_sync, interview_id=target.interview_id, entries=entries, error=None)


def _abandoned_syncs(limit: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
    condition = _sync_resumable(utcnow(), get_settings().resume_max_attempts)
    with open_session() as session:
        return interviews_and_owners(session=session, condition=condition, limit=limit)


async def _resume_sync(user_id: uuid.UUID, interview_id: uuid.UUID) -> bool:
    try:
        await _sync(user_id=user_id, interview_id=interview_id, resume=True)
    except TranscriptSyncInProgressError:
        return False  # another worker's sweep or a click took it first
    except DomainError as error:
        # Recorded on the interview, whose page offers a retry.
        logger.info("Resumed transcript sync of interview %s failed: %s", interview_id, error)
    return True


async def resume_abandoned_syncs(*, limit: int = 10) -> int:
    """Copy the transcripts that a call's end should have copied but did not.

    That happens when the worker running the sync died or stopped, or died before the
    sync began. Each is claimed again atomically (one worker of several resumes it) and at
    most `RESUME_MAX_ATTEMPTS` times in all; its outcome is recorded as a click's would be.

    Args:
        limit: At most this many syncs are resumed by one call.

    Returns:
        How many syncs this call resumed (stored or failed).
    """
    abandoned = await asyncio.to_thread(_abandoned_syncs, limit)
    resumed = await asyncio.gather(
        *(_resume_sync(user_id, interview_id) for interview_id, user_id in abandoned)
    )
    return sum(resumed)


def group_consecutive(entries: Sequence[TranscriptEntry]) -> list[list[TranscriptEntry]]:
    """Group consecutive messages of one speaker, for display (SPEC §6).

    Args:
        entries: The messages in order.

    Returns:
        Runs of messages, each run from one speaker.
    """
    groups: list[list[TranscriptEntry]] = []
    for entry in entries:
        if groups and groups[-1][0].speaker == entry.speaker:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def format_offset(milliseconds: int) -> str:
    """Format an offset from the call's start as `MM:SS` (or `H:MM:SS` past an hour).

    Args:
        milliseconds: The offset.

    Returns:
        The formatted offset.
    """
    seconds = max(0, milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


@dataclass(frozen=True, slots=True)
class TranscriptExport:
    """A downloadable transcript file."""

    filename: str
    media_type: str
    body: str


SPEAKER_NAMES = {"interviewer": "Interviewer", "interviewee": "You"}


def export_transcript(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    file_format: Literal["md", "json"],
) -> TranscriptExport:
    """Render the stored transcript of one of the user's finished interviews as a file.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.
        file_format: `md` (Markdown) or `json`.

    Returns:
        The file.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
        NotCompletedError: It has no chat yet.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=interview.job_info_id)
    entries = stored_transcript(session=session, interview_id=interview.id)
    stem = f"interview-{interview.created_at:%Y-%m-%d}-{str(interview.id)[:8]}"
    if file_format == "json":
        document = {
            "interview_id": str(interview.id),
            "job": {
                "name": job_info.name,
                "title": job_info.title,
                "experience_level": job_info.experience_level,
            },
            "created_at": interview.created_at.isoformat(),
            "duration": interview.duration,
            "voice_provider": interview.voice_provider,
            "messages": [
                {
                    "speaker": entry.speaker,
                    "text": entry.text,
                    "start_ms": entry.start_ms,
                    "end_ms": entry.end_ms,
                    "emotions": dict(entry.emotions) if entry.emotions else None,
                }
                for entry in entries
            ],
        }
        return TranscriptExport(
            f"{stem}.json", "application/json", json.dumps(document, indent=2, ensure_ascii=False)
        )
    lines = [
        f"# Interview for {job_info.name}",
        "",
        f"- Date: {interview.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Duration: {interview.duration}",
    ]
    if job_info.title:
        lines.append(f"- Job title: {job_info.title}")
    for group in group_consecutive(entries):
        first = group[0]
        lines += ["", f"**{SPEAKER_NAMES[first.speaker]}** ({format_offset(first.start_ms)})", ""]
        for entry in group:
            lines.append(entry.text)
            if entry.emotions:
                shown = ", ".join(f"{name} {score:.0%}" for name, score in entry.emotions.items())
                lines.append(f"_Expressed: {shown}_")
            lines.append("")
        lines.pop()
    return TranscriptExport(f"{stem}.md", "text/markdown; charset=utf-8", "\n".join(lines) + "\n")
