"""Work that outlives its worker: abandoned feedback generations and transcript syncs are
resumed by a sweep, once, without anyone asking (issue 13). SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini
from interview_app.devtools.fake_hume import FakeHume, FakeHumeServer
from interview_app.models import Interview, User, utcnow
from interview_app.services.feedback.generation import (
    INTERRUPTED_MESSAGE,
    generate_interview_feedback,
    get_feedback_view,
)
from interview_app.services.transcripts.store import get_transcript
from interview_app.services.work.resumption import ResumedWork, resume_abandoned_work
from tests.support_feedback import add_finished_interview, add_user

LONG_AGO = timedelta(hours=1)


def _reloaded(engine: Engine, interview: Interview) -> Interview:
    with Session(engine) as fresh:
        row = fresh.get(Interview, interview.id)
        assert row is not None
        return row


def _abandon(
    session: Session,
    interview: Interview,
    *,
    status: str,
    claimed_ago: timedelta | None,
    attempts: int,
) -> None:
    interview.feedback_status = status
    interview.feedback_claimed_at = None if claimed_ago is None else utcnow() - claimed_ago
    interview.feedback_attempts = attempts
    session.add(interview)
    session.commit()


async def test_a_generation_whose_worker_died_is_resumed_and_stored(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "died@example.com")
    interview = add_finished_interview(session, user.id)
    _abandon(session, interview, status="running", claimed_ago=LONG_AGO, attempts=1)
    view = get_feedback_view(session=session, user_id=user.id, interview_id=interview.id)
    assert (view.status, view.error) == ("queued", "")

    assert await resume_abandoned_work() == ResumedWork(syncs=0, generations=1)

    assert len(gemini.generate_requests()) == 1
    saved = _reloaded(engine, interview)
    assert (saved.feedback_status, saved.feedback_attempts) == ("done", 2)
    assert (saved.feedback or "").startswith("## Overall Rating: 7/10")


async def test_a_generation_handed_back_by_a_stopping_worker_is_resumed_at_once(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "stopped@example.com")
    interview = add_finished_interview(session, user.id)
    _abandon(session, interview, status="queued", claimed_ago=None, attempts=1)

    assert (await resume_abandoned_work()).generations == 1
    assert _reloaded(engine, interview).feedback_status == "done"


async def test_a_live_generation_is_left_alone(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "alive@example.com")
    interview = add_finished_interview(session, user.id)
    _abandon(session, interview, status="running", claimed_ago=timedelta(seconds=5), attempts=1)

    assert await resume_abandoned_work() == ResumedWork(syncs=0, generations=0)
    assert gemini.generate_requests() == []
    assert _reloaded(engine, interview).feedback_status == "running"


async def test_a_generation_out_of_attempts_fails_and_a_click_still_runs_it(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "poison@example.com")
    interview = add_finished_interview(session, user.id)
    _abandon(session, interview, status="running", claimed_ago=LONG_AGO, attempts=3)

    assert (await resume_abandoned_work()).generations == 0
    assert gemini.generate_requests() == []
    view = get_feedback_view(session=session, user_id=user.id, interview_id=interview.id)
    assert (view.status, view.error) == ("failed", INTERRUPTED_MESSAGE)

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    saved = _reloaded(engine, interview)
    assert (saved.feedback_status, saved.feedback_attempts) == ("done", 1)


async def test_workers_sweeping_at_once_resume_a_generation_exactly_once(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "crowd@example.com")
    interview = add_finished_interview(session, user.id)
    _abandon(session, interview, status="running", claimed_ago=LONG_AGO, attempts=1)
    gemini.configure(delay_seconds=1.0)

    sweeps = await asyncio.gather(*(resume_abandoned_work() for _ in range(4)))

    assert sum(sweep.generations for sweep in sweeps) == 1
    assert len(gemini.generate_requests()) == 1
    assert _reloaded(engine, interview).feedback_attempts == 2


async def test_a_generation_whose_transcript_is_gone_fails_instead_of_looping(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "empty@example.com")
    interview = add_finished_interview(session, user.id, with_transcript=False)
    _abandon(session, interview, status="running", claimed_ago=LONG_AGO, attempts=1)

    await resume_abandoned_work()

    saved = _reloaded(engine, interview)
    assert saved.feedback_status == "failed"
    assert "no stored transcript" in (saved.feedback_error or "")
    assert (await resume_abandoned_work()).generations == 0


@pytest.fixture
def hume(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHume]:
    server = FakeHumeServer(FakeHume())
    server.start()
    monkeypatch.setenv("HUME_API_KEY", server.fake.api_key)
    monkeypatch.setenv("HUME_SECRET_KEY", server.fake.secret_key)
    monkeypatch.setenv("HUME_BASE_URL", server.base_url)
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    get_settings.cache_clear()
    yield server.fake
    server.stop()


def _hume_call_ended(
    session: Session, hume: FakeHume, *, ended_ago: timedelta, sync_claimed_ago: timedelta | None
) -> tuple[Interview, User]:
    user = add_user(session, f"call-{utcnow().timestamp()}@example.com")
    interview = add_finished_interview(session, user.id, with_transcript=False)
    chat = hume.add_chat([("AGENT", "Why payments?"), ("USER", "I like ledgers.")])
    interview.voice_provider, interview.hume_chat_id = "hume", chat.id
    interview.updated_at = utcnow() - ended_ago
    interview.transcript_sync_claimed_at = (
        None if sync_claimed_ago is None else utcnow() - sync_claimed_ago
    )
    session.add(interview)
    session.commit()
    return interview, user


async def test_a_transcript_sync_whose_worker_died_is_resumed(
    hume: FakeHume, engine: Engine, session: Session
) -> None:
    interview, user = _hume_call_ended(session, hume, ended_ago=LONG_AGO, sync_claimed_ago=LONG_AGO)

    assert (await resume_abandoned_work()).syncs == 1

    transcript = get_transcript(session=session, user_id=user.id, interview_id=interview.id)
    assert [entry.text for entry in transcript] == ["Why payments?", "I like ledgers."]
    saved = _reloaded(engine, interview)
    assert saved.transcript_synced_at is not None
    assert saved.transcript_sync_attempts == 1
    assert (await resume_abandoned_work()).syncs == 0


async def test_a_call_that_just_ended_is_left_to_its_own_sync(
    hume: FakeHume, session: Session
) -> None:
    _hume_call_ended(session, hume, ended_ago=timedelta(seconds=3), sync_claimed_ago=None)
    _hume_call_ended(session, hume, ended_ago=LONG_AGO, sync_claimed_ago=timedelta(seconds=3))

    assert (await resume_abandoned_work()).syncs == 0
