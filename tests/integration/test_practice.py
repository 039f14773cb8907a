"""Practice saved answer by answer, automatic feedback and progress, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
import threading

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from interview_app.models import Interview, PracticeTurn
from interview_app.services.calls.practice import (
    PracticeView,
    find_unfinished_practice,
    finish_practice,
    open_practice,
    save_practice_answer,
    swap_practice_question,
)
from interview_app.services.errors import (
    InvalidInputError,
    NotCompletedError,
    NotFoundError,
    PermissionDeniedError,
)
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.interviews.plans import count_completed_interviews
from interview_app.services.progress.job_progress import interview_metrics, job_progress
from interview_app.services.transcripts.store import get_transcript
from tests.integration.test_interviews import add_job_info, add_user

DESCRIPTION = "Build APIs in Python on Kubernetes. Experience with Terraform."
STRONG_ANSWER = (
    "In my last role our deploys failed twice a week. I owned the pipeline, so I rewrote it "
    "in Python with Terraform plans checked on every merge. As a result failed deploys "
    "dropped from eight a month to one, and I documented it for the team."
)


def answer(text: str, at: int, *, spoken: bool = False) -> dict:
    return {
        "text": text,
        "asked_ms": at,
        "question_end_ms": at + 2_000,
        "start_ms": at + 3_000,
        "end_ms": at + 13_000,
        "spoken": spoken,
    }


def answer_in_order(session, user, interview, *texts: str) -> PracticeView:
    """Answer the next unanswered questions in order, 15 s apart, as the browser does."""
    view = open_practice(
        session=session, user_id=user.id, interview_id=interview.id, rng=random.Random(7)
    )
    for text in texts:
        turn = next(turn for turn in view.turns if not turn.answered)
        view = save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=turn.position,
            answer=answer(text, view.resume_at_ms),
        )
    return view


def new_practice(session, user, job) -> Interview:
    return create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )


@pytest.fixture
def practice(session: Session):
    user = add_user(session, "candidate@example.com", plan="pro")
    job = add_job_info(session, user)
    job.description = DESCRIPTION
    session.add(job)
    session.commit()
    return user, job, new_practice(session, user, job)


def test_each_answer_is_stored_as_submitted_and_survives_a_reload(session, practice, engine):
    user, job, interview = practice
    answer_in_order(session, user, interview, "I used Python daily.")
    # A reload: a fresh session opens the same practice where it stopped.
    with Session(engine) as fresh:
        view = open_practice(session=fresh, user_id=user.id, interview_id=interview.id)
        assert [turn.answer for turn in view.turns if turn.answered] == ["I used Python daily."]
        assert view.resume_at_ms >= 13_000
        unfinished = find_unfinished_practice(session=fresh, user_id=user.id, job_info_id=job.id)
    assert unfinished is not None
    assert (unfinished.interview_id, unfinished.answered) == (str(interview.id), 1)
    assert unfinished.questions == len(view.turns)


def test_saving_the_same_answer_twice_keeps_one_copy(session, practice):
    user, _, interview = practice
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    first = view.turns[0].position
    for text in ("Draft answer.", "Final answer after a retry."):
        view = save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=first,
            answer=answer(text, 0),
        )
    assert [turn.answer for turn in view.turns if turn.answered] == ["Final answer after a retry."]


def test_finish_stores_the_transcript_from_saved_answers_and_is_safe_to_retry(session, practice):
    user, _, interview = practice
    view = answer_in_order(session, user, interview, "I used Python daily.", STRONG_ANSWER)
    done = finish_practice(
        session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
    )
    assert done.hume_chat_id and done.hume_chat_id.startswith("practice-")
    assert done.transcript_source == "browser"
    stored = get_transcript(session=session, user_id=user.id, interview_id=interview.id)
    asked = [turn.question for turn in view.turns if turn.answered]
    assert [e.text for e in stored] == [asked[0], "I used Python daily.", asked[1], STRONG_ANSWER]
    starts = [e.start_ms for e in stored]
    assert starts == sorted(starts)
    assert done.duration == f"00:00:{stored[-1].end_ms // 1000:02d}"
    # A retried finish (its reply lost) returns the same interview and changes nothing.
    again = finish_practice(
        session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
    )
    assert again.hume_chat_id == done.hume_chat_id
    assert len(get_transcript(session=session, user_id=user.id, interview_id=interview.id)) == 4
    metrics = interview_metrics(session=session, user_id=user.id, interview_id=interview.id)
    assert "Python" in metrics.key_terms_covered
    with pytest.raises(PermissionDeniedError):
        save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=view.turns[-1].position,
            answer=answer("Too late.", 90_000),
        )


def test_concurrent_finishes_complete_the_interview_once(session, practice, engine: Engine):
    user, _, interview = practice
    answer_in_order(session, user, interview, "Only answer.")
    chat_ids: list[str] = []

    def finish() -> None:
        with Session(engine, expire_on_commit=False) as own:
            done = finish_practice(
                session=own, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
            )
            chat_ids.append(done.hume_chat_id or "")

    threads = [threading.Thread(target=finish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(chat_ids) == 4
    assert len(set(chat_ids)) == 1
    with Session(engine) as fresh:
        texts = [
            e.text
            for e in get_transcript(session=fresh, user_id=user.id, interview_id=interview.id)
        ]
    assert texts[1:] == ["Only answer."]


@pytest.mark.parametrize(
    ("sent", "fragment"),
    [
        (None, "missing"),
        ({"text": "  ", "start_ms": 0, "end_ms": 0}, "before submitting"),
        ({"text": "x" * 10_001, "start_ms": 0, "end_ms": 0}, "10,000"),
        ({"text": "x", "start_ms": -1, "end_ms": 0}, "outside"),
        ({"text": "x", "start_ms": 0, "end_ms": 10**9}, "outside"),
        ({"text": "x", "start_ms": 5, "end_ms": 4}, "ends before"),
        ({"text": "x", "start_ms": "5", "end_ms": 6}, "start_ms"),
        ({"text": "x", "start_ms": float("nan"), "end_ms": 6}, "start_ms"),
        ({"text": "x", "start_ms": 0, "end_ms": 1, "spoken": "yes"}, "spoken"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(session, practice, sent, fragment):
    user, _, interview = practice
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    with pytest.raises(InvalidInputError) as refused:
        save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=view.turns[0].position,
            answer=sent,
        )
    assert fragment in refused.value.field_errors["answer"]
    stored = session.exec(
        select(PracticeTurn).where(
            col(PracticeTurn.answer).is_not(None), PracticeTurn.interview_id == interview.id
        )
    ).all()
    assert stored == []


def test_a_question_not_in_the_practice_is_refused(session, practice):
    user, _, interview = practice
    open_practice(session=session, user_id=user.id, interview_id=interview.id)
    for position in (3, "10", True, None, 10**6):
        with pytest.raises(InvalidInputError):
            save_practice_answer(
                session=session,
                user_id=user.id,
                interview_id=interview.id,
                position=position,
                answer=answer("x", 0),
            )


def test_finishing_before_any_answer_is_refused_and_loses_nothing(session, practice):
    user, _, interview = practice
    open_practice(session=session, user_id=user.id, interview_id=interview.id)
    with pytest.raises(InvalidInputError):
        finish_practice(
            session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
        )
    session.refresh(interview)
    assert interview.hume_chat_id is None


def test_only_the_owner_may_use_a_practice_and_only_a_practice_interview(session, practice):
    user, job, interview = practice
    intruder = add_user(session, "intruder@example.com", plan="pro")
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    position = view.turns[0].position
    calls = [
        lambda who, iid: open_practice(session=session, user_id=who, interview_id=iid),
        lambda who, iid: save_practice_answer(
            session=session, user_id=who, interview_id=iid, position=position, answer=answer("x", 0)
        ),
        lambda who, iid: swap_practice_question(
            session=session, user_id=who, interview_id=iid, position=position
        ),
        lambda who, iid: finish_practice(
            session=session, user_id=who, interview_id=iid, feedback_uses_model=False
        ),
    ]
    voice = Interview(job_info_id=job.id, voice_provider="hume")
    session.add(voice)
    session.commit()
    for call in calls:
        with pytest.raises(NotFoundError):
            call(intruder.id, interview.id)
        with pytest.raises(PermissionDeniedError):
            call(user.id, voice.id)
    with pytest.raises(NotFoundError):
        find_unfinished_practice(session=session, user_id=intruder.id, job_info_id=job.id)


def test_two_practices_in_a_row_never_ask_the_same_set(session, practice):
    user, job, interview = practice
    previous = None
    for round_number in range(6):
        view = answer_in_order(session, user, interview, "An answer.")
        asked = {turn.question for turn in view.turns if turn.kind != "follow_up"}
        assert asked != previous, f"practice {round_number + 1} repeated the one before"
        finish_practice(
            session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
        )
        previous = asked
        interview = new_practice(session, user, job)


def test_an_unanswered_question_can_be_swapped_for_another_of_its_kind(session, practice):
    user, _, interview = practice
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    behavioural = next(turn for turn in view.turns if turn.kind == "behavioural")
    swapped = swap_practice_question(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=behavioural.position,
        rng=random.Random(3),
    )
    after = next(turn for turn in swapped.turns if turn.position == behavioural.position)
    assert after.kind == "behavioural"
    assert after.question != behavioural.question
    assert after.question not in {turn.question for turn in view.turns}
    answered = answer_in_order(session, user, interview, "My answer.")
    first = next(turn for turn in answered.turns if turn.answered)
    with pytest.raises(InvalidInputError):
        swap_practice_question(
            session=session, user_id=user.id, interview_id=interview.id, position=first.position
        )


def test_a_follow_up_reacts_to_the_first_job_answer(session, practice):
    user, _, interview = practice
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    role = next(turn for turn in view.turns if turn.kind == "role")
    we_answer = (
        "We had a slow API, so we profiled it and we moved the hot path to a cache, and our "
        "team shipped it and we were happy with how we did it in the end."
    )
    view = save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=role.position,
        answer=answer(we_answer, 20_000),
    )
    positions = [turn.position for turn in view.turns]
    follow = view.turns[positions.index(role.position) + 1]
    assert follow.kind == "follow_up"
    assert "own part" in follow.question


def test_keyless_practice_and_unfinished_practice_spend_no_allowance(session, practice):
    user, job, interview = practice
    answer_in_order(session, user, interview, "One.", "Two.", "Three.", "Four.", "Five.")
    done = finish_practice(
        session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
    )
    assert (done.unfinished, done.plan_counted) == (False, False)
    assert count_completed_interviews(session=session, user_id=user.id) == 0

    short = new_practice(session, user, job)
    answer_in_order(session, user, short, "Only one.")
    done = finish_practice(
        session=session, user_id=user.id, interview_id=short.id, feedback_uses_model=True
    )
    assert (done.unfinished, done.plan_counted) == (True, False)
    assert count_completed_interviews(session=session, user_id=user.id) == 0

    modelled = new_practice(session, user, job)
    answer_in_order(session, user, modelled, "One.", "Two.", "Three.", "Four.", "Five.")
    done = finish_practice(
        session=session, user_id=user.id, interview_id=modelled.id, feedback_uses_model=True
    )
    assert (done.unfinished, done.plan_counted) == (False, True)
    assert count_completed_interviews(session=session, user_id=user.id) == 1


async def test_without_a_gemini_key_feedback_is_automatic_stored_and_charted(session, practice):
    user, job, interview = practice
    with pytest.raises(NotCompletedError):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    answer_in_order(
        session, user, interview, "In my last role I decided to use Python. As a result we shipped."
    )
    finish_practice(
        session=session, user_id=user.id, interview_id=interview.id, feedback_uses_model=False
    )
    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    assert markdown.startswith("## Overall Rating: ")
    assert "Automatic feedback" in markdown
    assert "In my last role I decided to use Python" in markdown
    session.refresh(interview)
    assert interview.feedback == markdown
    assert json.loads(interview.feedback_json or "")["generator"] == "automatic"
    assert interview.feedback_status == "done"

    (point,) = job_progress(session=session, user_id=user.id, job_info_id=job.id)
    assert 0 <= point.key_term_coverage <= 100
    assert 0 <= point.overall_score <= 10
    intruder = add_user(session, "other@example.com")
    with pytest.raises(NotFoundError):
        job_progress(session=session, user_id=intruder.id, job_info_id=job.id)
    with pytest.raises(PermissionDeniedError):
        await generate_interview_feedback(user_id=intruder.id, interview_id=interview.id)
