"""Retrying one question of a finished interview: stored, reviewed, compared, bounded."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.models import AnswerAttempt, Interview
from interview_app.services.errors import InvalidInputError, ModelBudgetError, NotFoundError
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.interviews.plans import count_completed_interviews
from interview_app.services.retries.attempts import (
    MAX_ATTEMPTS_PER_QUESTION,
    answer_cards,
    record_attempt,
    review_attempt,
)
from tests.support_feedback import add_finished_interview, add_user

BETTER_ANSWER = (
    "In my last role our payment API timed out during sales peaks. I owned the fix: I "
    "profiled it in Python, moved card checks to a queue and mentored two engineers on the "
    "change. As a result timeouts dropped from 4 percent to 0.1 percent within a month."
)


def typed(text: str) -> dict:
    return {"text": text, "start_ms": 0, "end_ms": 30_000, "spoken": False}


def retry(session: Session, user_id, interview, question_index: object, text: str) -> str:
    """Record a typed retry of one question, as the answer box sends it."""
    return record_attempt(
        session=session,
        user_id=user_id,
        interview_id=interview.id,
        question_index=question_index,
        answer=typed(text),
    )


@pytest.fixture
async def reviewed(session: Session, monkeypatch: pytest.MonkeyPatch):
    """A held interview with automatic feedback (no model key)."""
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    get_settings.cache_clear()
    user = add_user(session, "ada@example.com")
    interview = add_finished_interview(session, user.id)
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    return user, interview


async def test_a_retry_is_stored_beside_the_original_reviewed_and_compared(
    session: Session, reviewed
) -> None:
    user, interview = reviewed
    cards = answer_cards(session=session, user_id=user.id, interview_id=interview.id)
    assert cards, "the automatic feedback reviews every answer"
    first = cards[0].review
    attempt_id = retry(session, user.id, interview, first.question_index, BETTER_ANSWER)
    (pending,) = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[
        0
    ].attempts
    assert (pending.status, pending.answer) == ("reviewing", BETTER_ANSWER)

    await review_attempt(user_id=user.id, attempt_id=attempt_id)

    card = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[0]
    (done,) = card.attempts
    assert done.status == "done" and done.review is not None
    assert done.review.question == first.question
    assert done.figures is not None and done.figures.words > card.figures.words
    assert "result" in done.figures.star
    assert any(line.startswith("Score ") for line in done.changes)
    assert any(line.startswith("Length ") for line in done.changes)
    # A retry is not an interview: nothing of the plan is spent.
    assert count_completed_interviews(session=session, user_id=user.id) == 1
    assert len(session.exec(select(Interview)).all()) == 1


async def test_retries_are_bounded_per_question_and_checked(session: Session, reviewed) -> None:
    user, interview = reviewed
    index = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[
        0
    ].review.question_index
    for _ in range(MAX_ATTEMPTS_PER_QUESTION):
        retry(session, user.id, interview, index, "Another try.")
    with pytest.raises(InvalidInputError):
        retry(session, user.id, interview, index, "One too many.")
    for bad_index in (99, -1, "0", True, None):
        with pytest.raises(InvalidInputError):
            retry(session, user.id, interview, bad_index, "x")
    with pytest.raises(InvalidInputError):
        retry(session, user.id, interview, index, "   ")


async def test_only_the_owner_may_retry_or_review(session: Session, reviewed) -> None:
    user, interview = reviewed
    intruder = add_user(session, "mallory@example.com")
    index = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[
        0
    ].review.question_index
    with pytest.raises(NotFoundError):
        retry(session, intruder.id, interview, index, "x")
    with pytest.raises(NotFoundError):
        answer_cards(session=session, user_id=intruder.id, interview_id=interview.id)
    attempt_id = retry(session, user.id, interview, index, "Mine.")
    with pytest.raises(NotFoundError):
        await review_attempt(user_id=intruder.id, attempt_id=attempt_id)
    stored = session.get(AnswerAttempt, uuid.UUID(attempt_id))
    assert stored is not None and stored.review_json is None


async def test_a_model_review_counts_against_the_days_model_calls(
    gemini: FakeGemini,
    engine: Engine,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MODEL_CALLS_PER_USER_PER_DAY", "2")
    get_settings.cache_clear()
    user = add_user(session, "ada@example.com")
    interview = add_finished_interview(session, user.id)
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    card = answer_cards(session=session, user_id=user.id, interview_id=interview.id)[0]
    ids = [
        retry(session, user.id, interview, card.review.question_index, BETTER_ANSWER)
        for _ in range(2)
    ]
    for attempt_id in ids:
        await review_attempt(user_id=user.id, attempt_id=attempt_id)

    with Session(engine) as fresh:
        cards = answer_cards(session=fresh, user_id=user.id, interview_id=interview.id)
    reviewed_by_model, refused = cards[0].attempts
    assert reviewed_by_model.status == "done"
    assert refused.status == "failed"
    assert refused.error == ModelBudgetError.default_message
