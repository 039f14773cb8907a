"""Practice follow-ups written by an OpenAI-compatible model, and the rule-based fallback.

Against the fake chat-completions server, on SQLite and PostgreSQL. The answer is saved
first without its follow-up (as the practice screen does when a model is set up), then
`write_follow_up` asks the model and stores the question.
"""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import Session, select

from interview_app.config import get_settings
from interview_app.devtools.fake_openai import FakeOpenAI
from interview_app.models import Interview, ModelCallCount, User
from interview_app.services.calls.follow_ups import write_follow_up
from interview_app.services.calls.practice import (
    PracticeView,
    add_follow_up,
    open_practice,
    save_practice_answer,
)
from interview_app.services.interviews.model_budget import take_model_call
from interview_app.services.voice.practice_plan import follow_up_question
from tests.integration.test_practice import answer, practice

__all__ = ["practice"]  # the practice fixture of test_practice.py, shared

WE_ANSWER = (
    "We had a slow API, so we profiled it and we moved the hot path to a cache, and our "
    "team shipped it and we were happy with how we did it in the end."
)
RULE_QUESTION = follow_up_question(WE_ANSWER)


def save_role_answer(
    session: Session, user: User, interview: Interview, text: str = WE_ANSWER
) -> int:
    """Save the answer to the first job question without its follow-up; its position."""
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    role = next(turn for turn in view.turns if turn.kind == "role")
    view = save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=role.position,
        answer=answer(text, 20_000),
        add_follow_up=False,
    )
    assert all(turn.kind != "follow_up" for turn in view.turns)
    return role.position


def follow_up_after(view: PracticeView, position: int) -> str | None:
    positions = [turn.position for turn in view.turns]
    following = view.turns[positions.index(position) + 1]
    return following.question if following.kind == "follow_up" else None


def model_calls(session: Session, user: User) -> int:
    session.expire_all()
    counts = session.exec(select(ModelCallCount).where(ModelCallCount.user_id == user.id))
    return sum(count.calls for count in counts)


async def test_the_model_writes_a_follow_up_that_picks_up_the_answer(
    llm: FakeOpenAI, session: Session, practice
) -> None:
    user, _, interview = practice
    position = save_role_answer(session, user, interview)

    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)

    assert follow_up_after(view, position) == (
        'You said "We had a slow API". What exactly did you do yourself, and why?'
    )
    [request] = llm.completion_requests()
    assert request.body["response_format"]["json_schema"]["name"] == "follow_up_question"
    assert request.schema()["required"] == ["question"]
    assert request.body["max_tokens"] == 160
    assert "Ask ONE follow-up question" in request.message("system")
    prompt = request.message("user")
    assert "## The candidate's answer\nWe had a slow API" in prompt
    assert "Description:\nBuild APIs in Python on Kubernetes." in prompt
    assert model_calls(session, user) == 1

    # Written once: asking again (a second tab) adds nothing and asks no model.
    again = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)
    assert [turn.question for turn in again.turns] == [turn.question for turn in view.turns]
    assert len(llm.completion_requests()) == 1


@pytest.mark.parametrize(
    "failure",
    [
        {"errors": [503, 503, 503]},
        {"text": "Sure! Happy to help."},
        {"text": '{"question": ""}'},
        {"refuse": True},
        {"text": "REPEATED"},
    ],
    ids=["5xx-every-time", "no-question", "empty-question", "refusal", "repeated-question"],
)
async def test_any_failure_of_the_model_asks_the_rule_based_follow_up(
    llm: FakeOpenAI, session: Session, practice, failure: dict
) -> None:
    user, _, interview = practice
    position = save_role_answer(session, user, interview)
    if failure.get("text") == "REPEATED":
        view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
        asked = next(turn.question for turn in view.turns if turn.position == position)
        failure = {"text": json.dumps({"question": asked.upper()})}
    llm.configure(**failure)

    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)

    assert follow_up_after(view, position) == RULE_QUESTION
    assert llm.completion_requests()


async def test_a_slow_model_is_not_waited_for_past_the_follow_up_timeout(
    llm: FakeOpenAI, session: Session, practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLM_FOLLOW_UP_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    user, _, interview = practice
    position = save_role_answer(session, user, interview)
    llm.configure(delay_seconds=5)

    started = time.monotonic()
    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)

    assert time.monotonic() - started < 4
    assert follow_up_after(view, position) == RULE_QUESTION


async def test_past_the_days_model_calls_the_follow_up_is_rule_based_and_asks_no_model(
    llm: FakeOpenAI, session: Session, practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_CALLS_PER_USER_PER_DAY", "1")
    get_settings.cache_clear()
    user, _, interview = practice
    assert take_model_call(session=session, user_id=user.id)
    position = save_role_answer(session, user, interview)

    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)

    assert follow_up_after(view, position) == RULE_QUESTION
    assert llm.completion_requests() == []


async def test_without_a_model_the_follow_up_is_rule_based(session: Session, practice) -> None:
    assert get_settings().llm_base_url is None
    user, _, interview = practice
    position = save_role_answer(session, user, interview)

    view = await write_follow_up(user_id=user.id, interview_id=interview.id, position=position)

    assert follow_up_after(view, position) == RULE_QUESTION
    assert model_calls(session, user) == 0


async def test_an_answer_that_calls_for_no_follow_up_asks_no_model(
    llm: FakeOpenAI, session: Session, practice
) -> None:
    user, _, interview = practice
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    opener = view.turns[0]
    assert opener.kind == "opener"
    save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=opener.position,
        answer=answer("I build APIs.", 1_000),
        add_follow_up=False,
    )

    view = await write_follow_up(
        user_id=user.id, interview_id=interview.id, position=opener.position
    )

    assert all(turn.kind != "follow_up" for turn in view.turns)
    assert llm.completion_requests() == []


def test_a_follow_up_written_after_the_candidate_moved_on_is_not_added(
    session: Session, practice
) -> None:
    user, _, interview = practice
    position = save_role_answer(session, user, interview)
    view = open_practice(session=session, user_id=user.id, interview_id=interview.id)
    later = next(turn for turn in view.turns if turn.position > position)
    save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=later.position,
        answer=answer("Another answer.", 40_000),
        add_follow_up=False,
    )

    view = add_follow_up(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=position,
        question="What did you do yourself?",
    )

    assert all(turn.kind != "follow_up" for turn in view.turns)
