"""Retry one question of a finished interview and compare the attempts with the original.

A retry is not an interview: it spends no plan allowance and no rate-limit token. Its answer
is stored beside the interview (`AnswerAttempt`) and reviewed by the same generator as the
interview's feedback (`Generator.review_answer`); a review that calls a model counts against
the user's daily model calls (`MODEL_CALLS_PER_USER_PER_DAY`) and is refused past it with a
message saying so. Each question's card compares every attempt with the original answer:
score, STAR parts, length, fillers, job key terms and the reviewer's one-line verdict.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from interview_app.config import Settings, get_settings
from interview_app.db import open_session, run_in_session
from interview_app.models import AnswerAttempt, Interview, JobInfo
from interview_app.services.calls.practice import parse_practice_answer
from interview_app.services.delivery.metrics import count_fillers, count_words
from interview_app.services.delivery.spoken import spoken_delivery
from interview_app.services.errors import (
    FeedbackError,
    InvalidInputError,
    ModelBudgetError,
    NotCompletedError,
    NotFoundError,
)
from interview_app.services.feedback.answers import AnswerInputs
from interview_app.services.feedback.generators import select_generator
from interview_app.services.feedback.report import AnswerReview, stored_report
from interview_app.services.ids import parse_id
from interview_app.services.interviews.lifecycle import get_interview
from interview_app.services.interviews.model_budget import take_model_call
from interview_app.services.jobs.job_infos import job_key_terms
from interview_app.services.jobs.key_terms import mentioned_terms
from interview_app.services.resumes.store import resume_for_job_info
from interview_app.services.speech.recordings import (
    answer_recordings,
    kept_audio,
    recording_of_interview,
)
from interview_app.services.transcript_entry import (
    RecognisedWord,
    TranscriptEntry,
    words_from_json,
    words_to_json,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS_PER_QUESTION = 5
REVIEW_FAILED_MESSAGE = "This attempt could not be reviewed. Try again later."
NO_REVIEW_MESSAGE = "Generate the interview's feedback first: each answer's card comes with it."


@dataclass(frozen=True, slots=True)
class AnswerFigures:
    """What an answer's card compares across attempts."""

    score: int | None
    star: list[str]
    words: int
    fillers: int | None
    key_terms: list[str]
    verdict: str
    # A retry spoken and recognised here: its pace and pauses, from its words' times.
    words_per_minute: float | None = None
    pauses_over_1s: int | None = None


@dataclass(frozen=True, slots=True)
class AttemptView:
    """One retry of a question.

    Attributes:
        id: The attempt's id.
        number: 1 for the first retry, 2 for the next, ...
        answer: The answer given.
        status: `reviewing`, `done` or `failed`.
        error: Why the review failed (safe to show), or "".
        review: The review, once written.
        figures: The compared figures, once reviewed.
        changes: What changed from the original answer, one short line each.
    """

    id: str
    number: int
    answer: str
    status: str
    error: str
    review: AnswerReview | None
    figures: AnswerFigures | None
    changes: list[str]
    spoken: bool = False


@dataclass(frozen=True, slots=True)
class AnswerCardView:
    """One question of an interview: its review, and its retries."""

    review: AnswerReview
    figures: AnswerFigures
    attempts: list[AttemptView]
    # The answer's recording, when it was spoken and its audio kept (`KEEP_ANSWER_AUDIO`).
    audio_recording_id: str | None = None


def answer_figures(
    review: AnswerReview,
    answer: str,
    job_terms: Sequence[str],
    spoken_words: Sequence[RecognisedWord] = (),
) -> AnswerFigures:
    """The figures of one answer that a card compares.

    Args:
        review: The answer's review.
        answer: The answer's text.
        job_terms: The job's key terms.
        spoken_words: Its recognised words with their times, when it was spoken and
            recognised here: then its fillers are the ones said, with its pace and pauses.

    Returns:
        Its score, STAR parts, words, fillers, key terms named and verdict.
    """
    # Words and fillers are counted in the language the answer was given (and reviewed) in.
    language = review.language
    delivery = spoken_delivery(spoken_words, language) if spoken_words else None
    return AnswerFigures(
        score=review.score,
        star=list(review.star),
        words=count_words(answer, language),
        fillers=delivery.fillers if delivery else count_fillers(answer, language),
        key_terms=mentioned_terms(job_terms, answer),
        verdict=review.verdict,
        words_per_minute=delivery.words_per_minute if delivery else None,
        pauses_over_1s=delivery.pauses_over_1s if delivery else None,
    )


def _signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


def compare_figures(original: AnswerFigures, attempt: AnswerFigures) -> list[str]:
    """Say what changed from the original answer to an attempt.

    Args:
        original: The original answer's figures.
        attempt: The attempt's figures.

    Returns:
        Short lines: score, STAR parts gained or lost, length, fillers, key terms.
    """
    changes: list[str] = []
    if original.score is not None and attempt.score is not None:
        delta = attempt.score - original.score
        changes.append(
            f"Score {original.score} → {attempt.score} ({_signed(delta)})"
            if delta
            else f"Score unchanged at {attempt.score}"
        )
    gained = [part for part in attempt.star if part not in original.star]
    lost = [part for part in original.star if part not in attempt.star]
    if gained:
        changes.append("STAR: now tells the " + ", ".join(gained))
    if lost:
        changes.append("STAR: no longer tells the " + ", ".join(lost))
    if not gained and not lost:
        changes.append("STAR: same parts (" + (", ".join(attempt.star) or "none") + ")")
    changes.append(f"Length {original.words} → {attempt.words} words")
    if original.fillers != attempt.fillers:
        changes.append(f"Fillers {original.fillers} → {attempt.fillers}")
    added = [term for term in attempt.key_terms if term not in original.key_terms]
    dropped = [term for term in original.key_terms if term not in attempt.key_terms]
    if added:
        changes.append("Key terms added: " + ", ".join(added))
    if dropped:
        changes.append("Key terms left out: " + ", ".join(dropped))
    return changes


def _owned_completed(
    session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> tuple[Interview, JobInfo]:
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    if interview.hume_chat_id is None:
        raise NotCompletedError()
    job_info = session.get(JobInfo, interview.job_info_id)
    if job_info is None:
        raise NotFoundError()
    return interview, job_info


def _attempt_view(
    attempt: AnswerAttempt, number: int, original: AnswerFigures, job_terms: Sequence[str]
) -> AttemptView:
    review = None
    if attempt.review_json:
        try:
            review = AnswerReview.model_validate_json(attempt.review_json)
        except ValueError:
            logger.warning("Stored review of attempt %s is invalid", attempt.id)
    spoken_words = words_from_json(attempt.words)
    figures = answer_figures(review, attempt.answer, job_terms, spoken_words) if review else None
    status = "done" if review else "failed" if attempt.review_error else "reviewing"
    return AttemptView(
        id=str(attempt.id),
        number=number,
        answer=attempt.answer,
        status=status,
        error=attempt.review_error or "",
        review=review,
        figures=figures,
        changes=compare_figures(original, figures) if figures else [],
        spoken=attempt.spoken,
    )


def answer_cards(
    *, session: Session, user_id: uuid.UUID | str | None, interview_id: uuid.UUID | str
) -> list[AnswerCardView]:
    """Every question of an interview with its review and its retries, in order.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's interviews.

    Returns:
        One card per reviewed question; none before the interview has feedback.

    Raises:
        NotFoundError: Not the user's interview.
    """
    interview = get_interview(session=session, user_id=user_id, interview_id=interview_id)
    report = stored_report(interview.feedback_json)
    if report is None or not report.answers:
        return []
    job_info = session.get(JobInfo, interview.job_info_id)
    job_terms = job_key_terms(session=session, job_info=job_info) if job_info else []
    attempts = session.exec(
        select(AnswerAttempt)
        .where(AnswerAttempt.interview_id == interview.id)
        .order_by(col(AnswerAttempt.created_at), col(AnswerAttempt.id))
    ).all()
    recordings = answer_recordings(session=session, interview_id=interview.id)
    with_audio = kept_audio(session=session, recording_ids=recordings)
    cards = []
    for review in report.answers:
        original = answer_figures(review, review.answer, job_terms)
        mine = [attempt for attempt in attempts if attempt.question_index == review.question_index]
        cards.append(
            AnswerCardView(
                review=review,
                figures=original,
                attempts=[
                    _attempt_view(attempt, number, original, job_terms)
                    for number, attempt in enumerate(mine, start=1)
                ],
                audio_recording_id=_audio_of(recordings, with_audio, review.question_index),
            )
        )
    return cards


def _audio_of(
    recordings: Sequence[uuid.UUID | None], with_audio: set[uuid.UUID], index: int
) -> str | None:
    recording = recordings[index] if 0 <= index < len(recordings) else None
    return str(recording) if recording in with_audio else None


def record_attempt(
    *,
    session: Session,
    user_id: uuid.UUID | str | None,
    interview_id: uuid.UUID | str,
    question_index: object,
    answer: object,
) -> str:
    """Store a new attempt at one question of a finished interview, to be reviewed.

    Args:
        session: Open database session.
        user_id: The acting user.
        interview_id: One of the user's completed interviews, with feedback.
        question_index: The question's `question_index` in the interview's review.
        answer: The answer as the browser sent it (`parse_practice_answer`).

    Returns:
        The attempt's id (`review_attempt` reviews it).

    Raises:
        NotFoundError: Not the user's interview.
        NotCompletedError: The interview was not held.
        InvalidInputError: No such question, no feedback yet, too many attempts, or a
            malformed answer (under the key `answer`); nothing is stored.
    """
    interview, _ = _owned_completed(session, user_id, interview_id)
    report = stored_report(interview.feedback_json)
    if report is None or not report.answers:
        raise InvalidInputError({"answer": NO_REVIEW_MESSAGE})
    review = next(
        (
            review
            for review in report.answers
            if not isinstance(question_index, bool) and review.question_index == question_index
        ),
        None,
    )
    if review is None:
        raise InvalidInputError({"answer": "That question is not part of this interview."})
    parsed = parse_practice_answer(answer)
    made = session.exec(
        select(func.count())
        .select_from(AnswerAttempt)
        .where(
            AnswerAttempt.interview_id == interview.id,
            AnswerAttempt.question_index == review.question_index,
        )
    ).one()
    if made >= MAX_ATTEMPTS_PER_QUESTION:
        raise InvalidInputError(
            {"answer": f"A question can be tried again {MAX_ATTEMPTS_PER_QUESTION} times."}
        )
    attempt = AnswerAttempt(
        interview_id=interview.id,
        question_index=review.question_index,
        question=review.question,
        answer=parsed.text,
        start_ms=parsed.start_ms,
        end_ms=parsed.end_ms,
        spoken=parsed.spoken,
    )
    if parsed.recording_id is not None:
        # As for a practice answer: the words come from what the server recognised.
        attempt.recording_id, words = recording_of_interview(
            session=session, interview_id=interview.id, recording_id=parsed.recording_id
        )
        attempt.words, attempt.spoken = words_to_json(words), True
    session.add(attempt)
    session.commit()
    return str(attempt.id)


@dataclass(frozen=True, slots=True)
class _PendingReview:
    attempt_id: uuid.UUID
    user_id: uuid.UUID
    inputs: AnswerInputs


def _pending(user_id: uuid.UUID | str | None, attempt_id: uuid.UUID | str) -> _PendingReview | None:
    with open_session() as session:
        attempt = session.get(AnswerAttempt, parse_id(attempt_id))
        if attempt is None:
            raise NotFoundError()
        _, job_info = _owned_completed(session, user_id, attempt.interview_id)
        if attempt.review_json:
            return None
        words = words_from_json(attempt.words)
        # The browser starts a spoken answer at its first recognised word.
        shift = attempt.start_ms - min((word.start_ms for word in words), default=0)
        resume = resume_for_job_info(session=session, job_info=job_info)
        entry = TranscriptEntry(
            speaker="interviewee",
            text=attempt.answer,
            start_ms=attempt.start_ms,
            end_ms=attempt.end_ms,
            spoken=attempt.spoken,
            words=tuple(RecognisedWord(w.word, w.start_ms + shift, w.end_ms + shift) for w in words)
            or None,
        )
        return _PendingReview(
            attempt_id=attempt.id,
            user_id=job_info.user_id,
            inputs=AnswerInputs(
                question=attempt.question,
                answer=[entry],
                job_description=job_info.description,
                job_title=job_info.title,
                experience_level=job_info.experience_level,
                question_index=attempt.question_index,
                language=job_info.interview_language,
                resume_text=resume.text if resume is not None else "",
            ),
        )


def _store_review(
    attempt_id: uuid.UUID, review: AnswerReview | None = None, error: str = ""
) -> None:
    with open_session() as session:
        attempt = session.get(AnswerAttempt, attempt_id)
        if attempt is None:
            return
        attempt.review_json = review.model_dump_json() if review else None
        attempt.review_error = error[:500] or None
        session.add(attempt)
        session.commit()


async def review_attempt(
    *,
    user_id: uuid.UUID | str | None,
    attempt_id: uuid.UUID | str,
    settings: Settings | None = None,
) -> None:
    """Review an attempt with the installation's generator, and store the review.

    The slow part runs outside any database session. A failure is stored as a message
    that is safe to show; reviewing again (a retried click) writes the review then.

    Args:
        user_id: The acting user.
        attempt_id: One of the user's attempts.
        settings: The settings (the process's when omitted).

    Raises:
        NotFoundError: Not the user's attempt.
    """
    settings = settings or get_settings()
    pending = await asyncio.to_thread(_pending, user_id, attempt_id)
    if pending is None:
        return
    generator = select_generator(settings)
    if generator.uses_model and not await run_in_session(take_model_call, user_id=pending.user_id):
        await asyncio.to_thread(
            _store_review, pending.attempt_id, error=ModelBudgetError.default_message
        )
        return
    try:
        async with asyncio.timeout(settings.feedback_claim_timeout_seconds):
            review = await generator.review_answer(pending.inputs, settings)
    except FeedbackError as error:
        await asyncio.to_thread(_store_review, pending.attempt_id, error=str(error))
        return
    except Exception:
        logger.exception("Reviewing attempt %s failed unexpectedly", pending.attempt_id)
        await asyncio.to_thread(_store_review, pending.attempt_id, error=REVIEW_FAILED_MESSAGE)
        return
    await asyncio.to_thread(_store_review, pending.attempt_id, review)
