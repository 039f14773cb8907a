"""Copying a finished chat's transcript from the provider that keeps it (SPEC §6, §11).

Providers that keep chat histories (`services.voice.registry.keeps_history`) give us the
transcript only after the call, read with our key. The copy is claimed on the interview
(`services.interviews.claims`), so a call's end, a click on retry and every worker's sweep
never copy one transcript twice at once, and a copy whose worker died is resumed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, and_
from sqlmodel import Session, col

from interview_app.config import Settings, get_settings
from interview_app.db import run_in_session
from interview_app.models import Interview, utcnow
from interview_app.services.errors import (
    DomainError,
    NotCompletedError,
    TranscriptSyncInProgressError,
    VoiceChatNotFoundError,
    VoiceProviderError,
)
from interview_app.services.interviews.claims import Lease, resume_each
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.transcript_entry import TranscriptEntry
from interview_app.services.transcripts.store import replace_transcript, stored_count
from interview_app.services.voice.registry import HISTORY_PROVIDERS, history_adapter, keeps_history

# A sync claimed longer ago than this was abandoned (a restart mid-sync) and may be retaken.
SYNC_CLAIM_STALE_AFTER = timedelta(minutes=2)
SYNC_ERROR_MAX = 500
SYNC_LEASE = Lease(
    claimed_at=Interview.transcript_sync_claimed_at,
    attempts=Interview.transcript_sync_attempts,
    stale_after=lambda _settings: SYNC_CLAIM_STALE_AFTER,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")


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
    return interview, stored_count(session, interview.id)


def _sync_resumable(settings: Settings, now: datetime) -> ColumnElement[bool]:
    # A sync is owed when a history provider's chat is set and no sync has ended yet (with
    # the transcript or with an error shown on the page), and nobody is running it: its
    # worker died, or the call's end never started it. The chat must have been set a while
    # ago, so that the sync the call's end starts is not raced.
    return and_(
        col(Interview.voice_provider).in_(HISTORY_PROVIDERS),
        col(Interview.hume_chat_id).is_not(None),
        col(Interview.transcript_synced_at).is_(None),
        col(Interview.transcript_sync_error).is_(None),
        col(Interview.updated_at) < now - SYNC_CLAIM_STALE_AFTER,
        SYNC_LEASE.resumable(settings, now),
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
    settings, now = get_settings(), utcnow()
    # Of two syncs racing (the call's end, a click on retry, the sweeps of several
    # workers), one wins.
    condition = _sync_resumable(settings, now) if resume else SYNC_LEASE.unclaimed(settings, now)
    if not SYNC_LEASE.claim(
        session=session, interview_id=interview.id, condition=condition, now=now, resume=resume
    ):
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
    stored = stored_count(session, interview_id)
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
    interview, stored = await run_in_session(_completed, user_id=user_id, interview_id=interview_id)
    if not keeps_history(interview.voice_provider):
        return stored  # the browser reported this transcript; there is nothing to fetch
    target = await run_in_session(
        _claim_sync, user_id=user_id, interview_id=interview_id, resume=resume
    )
    if target is None:
        raise TranscriptSyncInProgressError()
    # From here on every failure hands the claim back with its reason, storing included:
    # a claim left held would show "pending" until it went stale. (A cancelled task is not
    # a failure: its claim goes stale and a sweep resumes it.)
    try:
        return await _fetch_and_store(target, stored=stored)
    except DomainError as error:
        await run_in_session(_release_claim, interview_id=target.interview_id, error=str(error))
        raise
    except Exception as error:
        # The type only: a driver's message may quote the transcript or the database URL.
        logger.error(
            "Transcript sync of interview %s failed unexpectedly: %s",
            target.interview_id,
            type(error).__name__,
        )
        failure = VoiceProviderError()
        await run_in_session(_release_claim, interview_id=target.interview_id, error=str(failure))
        # Unchained, so that no traceback logged further up quotes the original message.
        raise failure from None


async def _fetch_and_store(target: _SyncTarget, *, stored: int) -> int:
    adapter = history_adapter(target.provider)
    try:
        entries = (
            await adapter.fetch_transcript(target.chat_id, not_before=target.created_at)
            if adapter
            else []
        )
    except VoiceChatNotFoundError:
        if not stored:
            raise
        entries = None  # the provider forgot the chat; the stored copy is kept
    return await run_in_session(
        _finish_sync, interview_id=target.interview_id, entries=entries, error=None
    )


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
    return await resume_each(
        lambda: _sync_resumable(get_settings(), utcnow()), _resume_sync, limit=limit
    )
