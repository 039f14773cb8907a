"""Feedback on a finished interview (SPEC §3 `generate_interview_feedback`, §7).

A generation is claimed in the database with ONE conditional `UPDATE` (status `queued`,
the claim's time), so two clicks, two tabs or two workers never run two generations for
one interview: the loser waits for the winner's result instead. A claim older than
`FEEDBACK_CLAIM_TIMEOUT_SECONDS` belongs to a worker that died and may be taken over: by
the user's next click, or by any worker's sweep (`resume_abandoned_feedback`), which
resumes it without anyone asking, at most `RESUME_MAX_ATTEMPTS` claims in all. A worker
that stops mid-generation hands its claim back at once.
The claim's time is the generation's fence: only the generation that holds the claim
may store its result or its failure, and a failure never touches stored feedback.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col

from interview_app.config import Settings, get_settings
from interview_app.db import open_session, run_in_session
from interview_app.models import Interview, JobInfo, User, utcnow
from interview_app.services.delivery.metrics import delivery_facts
from interview_app.services.errors import (
    DomainError,
    FeedbackError,
    ModelBudgetError,
    NotCompletedError,
    NotFoundError,
    PermissionDeniedError,
)
from interview_app.services.feedback.generators import Generator, select_generator
from interview_app.services.feedback.prompt import FeedbackInputs
from interview_app.services.feedback.report import FeedbackReport, render_markdown, stored_report
from interview_app.services.ids import parse_id
from interview_app.services.interviews.claims import Lease, resume_each
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.interviews.model_budget import take_model_call
from interview_app.services.resumes.store import resume_for_job_info
from interview_app.services.transcripts.store import stored_transcript
from interview_app.services.transcripts.sync import sync_transcript
from interview_app.services.voice.registry import keeps_history

logger = logging.getLogger(__name__)

IN_FLIGHT = ("queued", "running")
NO_TRANSCRIPT_MESSAGE = (
    "This interview has no stored transcript yet, so there is nothing to give feedback on. "
    "Please try again in a moment."
)
INTERRUPTED_MESSAGE = "The feedback generation was interrupted. Please try again."
_WAIT_POLL_SECONDS = 0.5

FEEDBACK_LEASE = Lease(
    claimed_at=Interview.feedback_claimed_at,
    attempts=Interview.feedback_attempts,
    stale_after=lambda settings: timedelta(seconds=settings.feedback_claim_timeout_seconds),
)


class TranscriptMissingError(FeedbackError):
    """The interview is completed but its transcript is not stored (yet)."""

    default_message = NO_TRANSCRIPT_MESSAGE


@dataclasses.dataclass(frozen=True, slots=True)
class FeedbackView:
    """An interview's feedback as a page shows it.

    Attributes:
        status: `idle`, `queued`, `running`, `done` or `failed`; an in-flight claim older
            than the timeout (its worker died) reads as `queued` while a sweep will resume
            it, and as `failed` once it has been claimed `RESUME_MAX_ATTEMPTS` times.
        markdown: The newest successful feedback, or "" (kept while a new one runs).
        report: Its structure, when stored.
        error: Why the last generation failed (safe to show), or "".
        completed: Whether the interview has a chat id (feedback can be asked for).
    """

    status: str
    markdown: str
    report: FeedbackReport | None
    error: str
    completed: bool


def _owned_completed_interview(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> Interview:
    try:
        interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    except NotFoundError as error:
        # SPEC §3 words this refusal as a permission error, missing and foreign alike.
        raise PermissionDeniedError() from error
    if not interview.hume_chat_id:
        raise NotCompletedError()
    return interview


def _inputs(session: Session, interview: Interview) -> FeedbackInputs:
    transcript = stored_transcript(session=session, interview_id=interview.id)
    if not transcript:
        raise TranscriptMissingError()
    job_info = session.get(JobInfo, interview.job_info_id)
    user = session.get(User, job_info.user_id) if job_info is not None else None
    if job_info is None or user is None:
        raise PermissionDeniedError()
    resume = resume_for_job_info(session=session, job_info=job_info)
    return FeedbackInputs(
        candidate_name=user.name,
        job_title=job_info.title or "",
        job_name=job_info.name,
        job_description=job_info.description,
        experience_level=job_info.experience_level,
        transcript=transcript,
        facts=delivery_facts(
            transcript=transcript,
            job_description=job_info.description,
            language=job_info.interview_language,
        ),
        language=job_info.interview_language,
        resume_text=resume.text if resume is not None else "",
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Claim:
    won: bool
    user_id: uuid.UUID
    interview_id: uuid.UUID
    claimed_at: datetime
    inputs: FeedbackInputs


def _resumable(settings: Settings, now: datetime) -> ColumnElement[bool]:
    return and_(
        col(Interview.feedback_status).in_(IN_FLIGHT), FEEDBACK_LEASE.resumable(settings, now)
    )


def _claim(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    resume: bool = False,
) -> _Claim:
    settings = get_settings()
    interview = _owned_completed_interview(session, user_id, interview_id)
    inputs = _inputs(session, interview)
    now = utcnow()
    # A resumption only takes over an abandoned generation that has attempts left; a
    # click takes any generation nobody is running.
    condition = (
        _resumable(settings, now)
        if resume
        else or_(
            col(Interview.feedback_status).not_in(IN_FLIGHT),
            FEEDBACK_LEASE.unclaimed(settings, now),
        )
    )
    won = FEEDBACK_LEASE.claim(
        session=session,
        interview_id=interview.id,
        condition=condition,
        now=now,
        resume=resume,
        feedback_status="queued",
        feedback_error=None,
        updated_at=now,
    )
    return _Claim(
        won=won,
        user_id=parse_id(user_id),
        interview_id=interview.id,
        claimed_at=now,
        inputs=inputs,
    )


def _settle(
    *, session: Session, interview_id: uuid.UUID, claimed_at: datetime, **values: object
) -> bool:
    # Only the holder of the claim may move it on; a generation whose claim was taken over
    # as stale changes nothing.
    result = session.exec(  # type: ignore[call-overload]
        update(Interview)
        .where(
            col(Interview.id) == interview_id,
            col(Interview.feedback_claimed_at) == claimed_at,
            col(Interview.feedback_status).in_(IN_FLIGHT),
        )
        .values(updated_at=utcnow(), **values)
    )
    session.commit()
    return result.rowcount == 1


def _read_view(interview: Interview, settings: Settings) -> FeedbackView:
    status = interview.feedback_status
    error = interview.feedback_error or ""
    claimed_at = interview.feedback_claimed_at
    if status in IN_FLIGHT and (
        claimed_at is None or claimed_at < FEEDBACK_LEASE.stale_before(settings, utcnow())
    ):
        # Abandoned by its worker: a sweep resumes it while it has attempts left.
        if interview.feedback_attempts < settings.resume_max_attempts:
            status, error = "queued", ""
        else:
            status, error = "failed", INTERRUPTED_MESSAGE
    report = stored_report(interview.feedback_json)
    if interview.feedback_json and report is None:
        logger.warning("Stored feedback structure of interview %s is invalid", interview.id)
    return FeedbackView(
        status=status,
        markdown=interview.feedback or "",
        report=report,
        error=error,
        completed=bool(interview.hume_chat_id),
    )


def get_feedback_view(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> FeedbackView:
    """Return the feedback of one of the user's interviews and where its generation is.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The view.

    Raises:
        NotFoundError: The interview does not exist or is someone else's.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    return _read_view(interview, get_settings())


async def _wait_for_other_generation(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str, settings: Settings
) -> FeedbackView:
    deadline = time.monotonic() + settings.feedback_claim_timeout_seconds + 5
    while True:
        await asyncio.sleep(_WAIT_POLL_SECONDS)
        view = await asyncio.to_thread(_view_in_new_session, user_id, interview_id)
        if view.status not in IN_FLIGHT or time.monotonic() > deadline:
            return view


def _view_in_new_session(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> FeedbackView:
    with open_session() as session:
        return get_feedback_view(session=session, user_id=user_id, interview_id=interview_id)


def _settle_in_new_session(interview_id: uuid.UUID, claimed_at: datetime, **values: object) -> bool:
    with open_session() as session:
        return _settle(session=session, interview_id=interview_id, claimed_at=claimed_at, **values)


def _claim_in_new_session(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str, *, resume: bool = False
) -> _Claim:
    with open_session() as session:
        return _claim(session=session, user_id=user_id, interview_id=interview_id, resume=resume)


def _transcript_to_fetch(user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str) -> bool:
    with open_session() as session:
        interview = _owned_completed_interview(session, user_id, interview_id)
        return keeps_history(interview.voice_provider) and not stored_transcript(
            session=session, interview_id=interview.id
        )


async def _fetch_missing_transcript(
    user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> None:
    # The call's end normally stores the transcript; if that did not happen (the tab was
    # closed, the provider was slow), fetch it now. Still none afterwards: refused below.
    if not await asyncio.to_thread(_transcript_to_fetch, user_id, interview_id):
        return
    try:
        await sync_transcript(user_id=user_id, interview_id=interview_id)
    except DomainError as error:
        logger.info("No transcript for feedback on interview %s: %s", interview_id, error)


async def _generate_claimed(claim: _Claim, generator: Generator, settings: Settings) -> str:
    interview_id = claim.interview_id
    await asyncio.to_thread(
        _settle_in_new_session, interview_id, claim.claimed_at, feedback_status="running"
    )
    failure = FeedbackError()
    try:
        if generator.uses_model and not await run_in_session(
            take_model_call, user_id=claim.user_id
        ):
            raise FeedbackError(ModelBudgetError.default_message)
        async with asyncio.timeout(settings.feedback_claim_timeout_seconds):
            report = await generator.generate(claim.inputs, settings)
    except FeedbackError as error:
        failure = error
    except asyncio.CancelledError:
        # The worker is stopping: hand the claim back so that another worker's sweep (or
        # this installation's next start) resumes the generation now rather than after
        # the claim has timed out.
        await asyncio.shield(
            asyncio.to_thread(
                _settle_in_new_session,
                interview_id,
                claim.claimed_at,
                feedback_status="queued",
                feedback_claimed_at=None,
            )
        )
        raise
    except Exception as error:
        # Only the kind: messages of transport errors may carry URLs and headers.
        logger.error("Feedback generation failed unexpectedly (%s)", type(error).__name__)
    else:
        markdown = render_markdown(report)
        stored = await asyncio.to_thread(
            _settle_in_new_session,
            interview_id,
            claim.claimed_at,
            feedback=markdown,
            feedback_json=report.model_dump_json(),
            feedback_status="done",
            feedback_error=None,
            feedback_claimed_at=None,
        )
        if not stored:
            logger.warning(
                "Feedback for interview %s finished after its claim was taken over", interview_id
            )
        return markdown
    await asyncio.to_thread(
        _settle_in_new_session,
        interview_id,
        claim.claimed_at,
        feedback_status="failed",
        feedback_error=str(failure)[:500],
        feedback_claimed_at=None,
    )
    raise failure


async def generate_interview_feedback(
    *, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> str:
    """Generate, store and return feedback on one of the user's completed interviews.

    Checks, in order: the user owns the interview; it has a chat id; this installation
    can generate feedback; its transcript is stored (fetched from the voice provider first
    when it keeps chat histories and nothing is stored yet). Then claims the generation; when
    another caller (click, tab, worker) holds a live claim, waits for its result instead
    of starting a second generation. On success the markdown and its structure replace
    the stored feedback; on failure the stored feedback stays as it was.

    Args:
        user_id: The acting user.
        interview_id: The interview.

    Returns:
        The feedback markdown.

    Raises:
        PermissionDeniedError: The interview does not exist or is not the user's.
        NotCompletedError: The interview has no chat id yet.
        FeedbackError: No transcript is stored, or the generation failed ("Failed to
            generate feedback").
    """
    settings = get_settings()
    generator = select_generator(settings)
    await _fetch_missing_transcript(user_id, interview_id)
    while True:
        claim = await asyncio.to_thread(_claim_in_new_session, user_id, interview_id)
        if claim.won:
            return await _generate_claimed(claim, generator, settings)
        view = await _wait_for_other_generation(user_id, interview_id, settings)
        if view.status == "done":
            return view.markdown
        if view.status == "failed" and view.error != INTERRUPTED_MESSAGE:
            raise FeedbackError(view.error or None)
        # The other generation died or was stopped: claim it again.


def _give_up_in_new_session(interview_id: uuid.UUID, error: str) -> None:
    # The generation cannot run at all any more (its transcript is gone): say so instead of
    # sweeping it again and again.
    settings = get_settings()
    with open_session() as session:
        session.exec(  # type: ignore[call-overload]
            update(Interview)
            .where(col(Interview.id) == interview_id, _resumable(settings, utcnow()))
            .values(
                feedback_status="failed",
                feedback_error=error[:500],
                feedback_claimed_at=None,
                updated_at=utcnow(),
            )
        )
        session.commit()


async def _resume_generation(
    user_id: uuid.UUID, interview_id: uuid.UUID, generator: Generator, settings: Settings
) -> bool:
    try:
        claim = await asyncio.to_thread(_claim_in_new_session, user_id, interview_id, resume=True)
    except DomainError as error:
        await asyncio.to_thread(_give_up_in_new_session, interview_id, str(error))
        return False
    if not claim.won:
        return False  # another worker's sweep or a click took it first
    logger.info("Resuming the abandoned feedback generation of interview %s", interview_id)
    # A failure is recorded on the interview, whose page offers a retry.
    with contextlib.suppress(FeedbackError):
        await _generate_claimed(claim, generator, settings)
    return True


async def resume_abandoned_feedback(*, limit: int = 10) -> int:
    """Resume feedback generations whose worker died or stopped before finishing.

    A generation is abandoned when it is queued or running and its claim is gone (its
    worker stopped and handed it back) or older than `FEEDBACK_CLAIM_TIMEOUT_SECONDS` (its
    worker died). Each one is claimed again atomically, so of several workers sweeping at
    once exactly one resumes it, and it is run to its end as a click would run it. One
    generation is claimed at most `RESUME_MAX_ATTEMPTS` times in all, so a generation that
    keeps killing its worker ends as failed instead of looping.

    Args:
        limit: At most this many generations are resumed by one call.

    Returns:
        How many generations this call resumed (finished or failed).
    """
    settings = get_settings()
    generator = select_generator(settings)

    async def resume(user_id: uuid.UUID, interview_id: uuid.UUID) -> bool:
        return await _resume_generation(user_id, interview_id, generator, settings)

    return await resume_each(lambda: _resumable(settings, utcnow()), resume, limit=limit)
