"""The interview lifecycle (SPEC §3). Every read and write joins through job_infos.user_id."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from interview_app.models import Interview, JobInfo, User, utcnow
from interview_app.services.errors import (
    ChatIdRefusedError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    PlanLimitError,
    RateLimitError,
    VoiceNotConfiguredError,
)
from interview_app.services.ids import parse_id
from interview_app.services.interviews.plans import can_create_interview
from interview_app.services.interviews.rate_limit import take_token
from interview_app.services.jobs.job_infos import get_job_info
from interview_app.services.voice.base import VoiceProvider
from interview_app.services.voice.registry import available_providers, parse_provider

INITIAL_DURATION = "00:00:00"
DURATION_PATTERN = re.compile(r"^\d{2}:[0-5]\d:[0-5]\d$")
HUME_CHAT_ID_MAX = 255


def _signed_in_user_id(session: Session, user_id: uuid.UUID | str | None) -> uuid.UUID:
    if user_id is None:
        raise PermissionDeniedError()
    try:
        user_uuid = parse_id(user_id)
    except NotFoundError as error:
        raise PermissionDeniedError() from error
    if session.exec(select(User.id).where(User.id == user_uuid)).first() is None:
        raise PermissionDeniedError()
    return user_uuid


def _owned_interview(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str | None
) -> Interview | None:
    if user_id is None:
        return None
    try:
        user_uuid, interview_uuid = parse_id(user_id), parse_id(interview_id)
    except NotFoundError:
        return None
    return session.exec(
        select(Interview)
        .join(JobInfo, col(Interview.job_info_id) == col(JobInfo.id))
        .where(Interview.id == interview_uuid, JobInfo.user_id == user_uuid)
        # Another session may have changed the row since this one cached it.
        .execution_options(populate_existing=True)
    ).first()


def _runnable_provider(voice_provider: VoiceProvider | str | None) -> VoiceProvider:
    available = available_providers()
    if voice_provider is None:
        return available[0]
    provider = parse_provider(voice_provider)
    if provider is None or provider not in available:
        raise VoiceNotConfiguredError()
    return provider


def create_interview(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    job_info_id: uuid.UUID | str,
    voice_provider: VoiceProvider | str | None = None,
) -> Interview:
    """Start a new interview for one of the user's job infos.

    Checks, in this order, stopping at the first failure: signed in; the provider can run
    on this installation; the plan allows another interview; the rate limit (this spends
    a token, committed at once); the user owns the job info. Then inserts the interview
    with duration `00:00:00` and commits.

    Args:
        session: Open database session, without uncommitted changes.
        user_id: The acting user; None when nobody is signed in.
        job_info_id: The job info to interview for.
        voice_provider: Who holds the interview; the installation's voice provider (or
            `practice` when it has none) when omitted.

    Returns:
        The new interview.

    Raises:
        PermissionDeniedError: Not signed in, or the job info is not the user's.
        VoiceNotConfiguredError: The provider cannot run here (nothing is spent).
        PlanLimitError: The plan allows no more interviews (no token is spent).
        RateLimitError: The user's rate limit bucket is empty.
    """
    user_uuid = _signed_in_user_id(session, user_id)
    provider = _runnable_provider(voice_provider)
    if not can_create_interview(session=session, user_id=user_uuid):
        raise PlanLimitError()
    # Ends this session's read transaction, so its connection goes back to the pool while
    # the take uses one of its own (one connection per caller at a time, never two).
    session.commit()
    if not take_token(session=session, user_id=user_uuid):
        raise RateLimitError()
    try:
        job_info = get_job_info(session=session, user_id=user_uuid, job_info_id=job_info_id)
    except NotFoundError as error:
        # SPEC §3 words this refusal as a permission error, missing and foreign alike.
        raise PermissionDeniedError() from error
    interview = Interview(
        job_info_id=job_info.id, duration=INITIAL_DURATION, voice_provider=provider.value
    )
    session.add(interview)
    session.commit()
    session.refresh(interview)
    return interview


def _validate_update(hume_chat_id: object, duration: object) -> None:
    errors: dict[str, str] = {}
    if hume_chat_id is not None and (
        not isinstance(hume_chat_id, str)
        or not hume_chat_id.strip()
        or len(hume_chat_id) > HUME_CHAT_ID_MAX
    ):
        errors["hume_chat_id"] = f"The chat id must be 1 to {HUME_CHAT_ID_MAX} characters of text."
    if duration is not None and (
        not isinstance(duration, str) or not DURATION_PATTERN.fullmatch(duration)
    ):
        errors["duration"] = "The duration must be HH:MM:SS."
    if errors:
        raise InvalidInputError(errors)


def update_interview(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    hume_chat_id: str | None = None,
    duration: str | None = None,
) -> Interview:
    """Save the voice chat id and/or the duration of one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.
        hume_chat_id: The voice provider's chat id, set once (the same id again is a
            no-op); unchanged when None.
        duration: `HH:MM:SS`; unchanged when None.

    Returns:
        The updated interview.

    Raises:
        PermissionDeniedError: The interview does not exist or is not the user's.
        InvalidInputError: The chat id or the duration is malformed; nothing is saved.
        ChatIdRefusedError: The interview already has another chat id, or another
            interview has this one; nothing is saved.
    """
    interview = _owned_interview(session, user_id, interview_id)
    if interview is None:
        raise PermissionDeniedError()
    _validate_update(hume_chat_id, duration)
    if hume_chat_id is not None:
        _check_chat_id(session, interview, hume_chat_id)
    if hume_chat_id is None and duration is None:
        return interview
    if hume_chat_id is not None:
        interview.hume_chat_id = hume_chat_id
    if duration is not None:
        interview.duration = duration
    interview.updated_at = utcnow()
    session.add(interview)
    try:
        session.commit()
    except IntegrityError as error:
        # Another interview took the same chat id between the check and the commit.
        session.rollback()
        raise ChatIdRefusedError() from error
    session.refresh(interview)
    return interview


def _check_chat_id(session: Session, interview: Interview, chat_id: str) -> None:
    # The browser reports the chat id and the server later reads that chat with the
    # installation's key, so an id is set once and never shared: a borrowed id would
    # otherwise hand over someone else's transcript.
    if interview.hume_chat_id is not None:
        if interview.hume_chat_id != chat_id:
            raise ChatIdRefusedError()
        return
    taken = session.exec(
        select(Interview.id).where(Interview.hume_chat_id == chat_id, Interview.id != interview.id)
    ).first()
    if taken is not None:
        raise ChatIdRefusedError()


def get_interview(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> Interview:
    """Return one of the user's interviews.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The interview.

    Raises:
        NotFoundError: It does not exist or is someone else's.
    """
    interview = _owned_interview(session, user_id, interview_id)
    if interview is None:
        raise NotFoundError()
    return interview


def list_completed_interviews(
    *,
    session: Session,
    user_id: uuid.UUID | str,
    job_info_id: uuid.UUID | str,
    limit: int | None = None,
    offset: int = 0,
) -> list[Interview]:
    """Return the completed interviews (with a chat id) of one of the user's job infos.

    Args:
        session: Open database session.
        user_id: The acting user.
        job_info_id: The job info.
        limit: At most this many (all when None): a page lists them a screenful at a time.
        offset: Skip this many first.

    Returns:
        The interviews, newest first.

    Raises:
        NotFoundError: The job info does not exist or is someone else's.
    """
    job_info = get_job_info(session=session, user_id=user_id, job_info_id=job_info_id)
    return list(
        session.exec(
            select(Interview)
            .where(
                Interview.job_info_id == job_info.id,
                col(Interview.hume_chat_id).is_not(None),
            )
            .order_by(col(Interview.created_at).desc(), col(Interview.id).desc())
            .offset(offset)
            .limit(limit)
        ).all()
    )


def interviews_and_owners(
    *, session: Session, condition: ColumnElement[bool], limit: int
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """Return (interview id, owner id) of the interviews matching a condition, oldest first.

    For work the system does on its users' behalf (resuming abandoned work), which then
    acts as the owner through the usual, ownership-checked services.

    Args:
        session: Open database session.
        condition: A condition on `Interview` columns.
        limit: At most this many.

    Returns:
        The pairs, least recently updated first.
    """
    rows = session.exec(  # type: ignore[call-overload]
        select(col(Interview.id), col(JobInfo.user_id))
        .join(JobInfo, col(JobInfo.id) == col(Interview.job_info_id))
        .where(condition)
        .order_by(col(Interview.updated_at))
        .limit(limit)
    ).all()
    return [(interview_id, user_id) for interview_id, user_id in rows]
