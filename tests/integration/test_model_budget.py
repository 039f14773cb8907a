"""Bounded spend on the operator's keys: model calls per user per day, Live connections per call.

On real SQLite and PostgreSQL; the counting is one atomic statement, so concurrent takes
from several threads never exceed the allowance.
"""

from __future__ import annotations

import concurrent.futures
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.devtools.fake_gemini_live import FakeGeminiLive
from interview_app.models import Interview
from interview_app.services.calls.gemini_live import LiveSessionLimitError, start_live_session
from interview_app.services.errors import FeedbackError, ModelBudgetError
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.interviews.model_budget import take_model_call
from tests.integration.test_gemini_live import API_KEY as GEMINI_API_KEY
from tests.integration.test_gemini_live import _candidate, _owner, fake_live
from tests.support_feedback import add_finished_interview, add_user

__all__ = ["fake_live"]  # the fake Gemini Live server of test_gemini_live.py, shared


@pytest.fixture
def live(
    fake_live: tuple[FakeGeminiLive, str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> FakeGeminiLive:
    fake, base_url = fake_live
    monkeypatch.setenv("GEMINI_API_KEY", GEMINI_API_KEY)
    monkeypatch.setenv("GEMINI_BASE_URL", base_url)
    get_settings.cache_clear()
    return fake


def _allow(monkeypatch: pytest.MonkeyPatch, **settings: int) -> None:
    for name, value in settings.items():
        monkeypatch.setenv(name.upper(), str(value))
    get_settings.cache_clear()


def test_concurrent_takes_never_exceed_the_days_allowance(
    engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _allow(monkeypatch, model_calls_per_user_per_day=5)
    user = add_user(session, "ada@example.com", name="Ada")
    noon = datetime(2026, 12, 3, 12, tzinfo=UTC)

    def take(_: int) -> bool:
        with Session(engine) as own:
            return take_model_call(session=own, user_id=user.id, now=noon)

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        taken = list(pool.map(take, range(12)))
    assert taken.count(True) == 5
    # A new UTC day brings a new allowance; another user has their own.
    assert take_model_call(session=session, user_id=user.id, now=noon + timedelta(days=1))
    other = add_user(session, "bob@example.com", name="Bob")
    assert take_model_call(session=session, user_id=other.id, now=noon)


async def test_feedback_past_the_days_allowance_is_refused_and_keeps_what_was_stored(
    gemini: FakeGemini,
    engine: Engine,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _allow(monkeypatch, model_calls_per_user_per_day=1)
    user = add_user(session, "ada@example.com", name="Ada Lovelace")
    interview = add_finished_interview(session, user.id)
    first = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    with pytest.raises(FeedbackError) as refused:
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert str(refused.value) == ModelBudgetError.default_message
    assert len(gemini.generate_requests()) == 1
    with Session(engine) as fresh:
        row = fresh.get(Interview, interview.id)
        assert row is not None
        assert (row.feedback, row.feedback_status) == (first, "failed")
        assert row.feedback_error == ModelBudgetError.default_message


async def test_one_interview_mints_a_bounded_number_of_live_connections(
    live: FakeGeminiLive, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _allow(monkeypatch, gemini_live_sessions_per_interview=2)
    interview = _candidate(session)
    owner = _owner(session, interview)
    minted_before = len(live.tokens)
    for _ in range(2):
        await start_live_session(user_id=owner, interview_id=interview.id)

    with pytest.raises(LiveSessionLimitError):
        await start_live_session(user_id=owner, interview_id=interview.id)

    assert len(live.tokens) - minted_before == 2
    # Another interview of the same user starts afresh.
    second = _candidate(session)
    await start_live_session(user_id=_owner(session, second), interview_id=second.id)


async def test_live_connections_count_against_the_days_allowance(
    live: FakeGeminiLive, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _allow(monkeypatch, model_calls_per_user_per_day=1)
    interview = _candidate(session)
    owner = _owner(session, interview)
    await start_live_session(user_id=owner, interview_id=interview.id)
    with pytest.raises(ModelBudgetError):
        await start_live_session(user_id=owner, interview_id=interview.id)
