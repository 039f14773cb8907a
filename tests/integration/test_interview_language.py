"""Practice questions and the Gemini Live interviewer in the job's language, with its résumé."""

from __future__ import annotations

import json
import random
import uuid

import pytest
from sqlmodel import Session, col, select
from websockets.asyncio.client import connect

from interview_app.devtools.fake_gemini_live import FakeGeminiLive
from interview_app.devtools.fake_hume import FakeHume
from interview_app.models import JobInfo, PracticeTurn, Resume, User
from interview_app.services.calls import gemini_live
from interview_app.services.calls.practice import (
    follow_up_draft,
    open_practice,
    save_practice_answer,
    swap_practice_question,
)
from interview_app.services.calls.start import start_browser_call
from interview_app.services.errors import VoiceNotConfiguredError
from interview_app.services.interviews.lifecycle import create_interview
from interview_app.services.jobs.job_infos import create_job_info
from interview_app.services.voice.practice_bank import BANKS
from tests.integration.test_gemini_live import fake_live, gemini
from tests.integration.test_transcripts import fake, fake_server

# The fakes of Gemini Live (test_gemini_live.py) and Hume EVI (test_transcripts.py), shared.
__all__ = ["fake", "fake_live", "fake_server", "gemini"]

DESCRIPTION = (
    "We build payment APIs in Python and Go on Kubernetes. Experience with Terraform, "
    "PostgreSQL and observability."
)
RESUME_TEXT = """Ada Lovelace

Experience
Senior Backend Engineer, Acme GmbH (2019-2024)
- Built the settlement service in Python and PostgreSQL.

Projects
Orbit Ledger: a double-entry ledger for 2 million accounts.

Skills
Python, PostgreSQL, Docker
"""


def _candidate(
    session: Session, *, language: str, with_resume: bool, plan: str = "pro"
) -> tuple[User, JobInfo]:
    user = User(email=f"{uuid.uuid4()}@example.com", name="Ada Lovelace", plan=plan)
    session.add(user)
    session.commit()
    job = create_job_info(
        session=session,
        user_id=user.id,
        name="Payments",
        title="Backend Engineer",
        description=DESCRIPTION,
        experience_level="mid-level",
    )
    job.interview_language = language
    if with_resume:
        resume = Resume(
            user_id=user.id,
            name="My CV",
            filename="cv.txt",
            source_format="text",
            text=RESUME_TEXT,
        )
        session.add(resume)
        session.flush()
        job.resume_id = resume.id
    session.add(job)
    session.commit()
    return user, job


def _stored(session: Session, interview_id: uuid.UUID) -> list[PracticeTurn]:
    return list(
        session.exec(
            select(PracticeTurn)
            .where(PracticeTurn.interview_id == interview_id)
            .order_by(col(PracticeTurn.position))
        )
    )


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_practice_asks_about_the_linked_resume_in_the_jobs_language(
    session: Session, language: str
) -> None:
    user, job = _candidate(session, language=language, with_resume=True)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )

    view = open_practice(
        session=session, user_id=user.id, interview_id=interview.id, rng=random.Random(5)
    )

    assert view.language == ("en-US" if language == "en" else "de-DE")
    turns = _stored(session, interview.id)
    assert [turn.question for turn in turns] == [turn.question for turn in view.turns]
    assert turns[0].kind == "opener" and turns[1].kind == "resume"
    on_resume = [turn.question for turn in turns if turn.kind == "resume"]
    assert len(on_resume) == 2
    facts = ("Orbit Ledger", "Acme GmbH", "Python", "PostgreSQL", "Docker", "Kubernetes")
    assert all(any(fact in question for fact in facts) for question in on_resume)
    bank = BANKS[language]
    openers = {
        text.format(role=bank.role_named.format(title="Backend Engineer")) for text in bank.openers
    }
    assert turns[0].question in openers
    assert turns[-1].question in bank.closes

    # A résumé question is swapped for another résumé question, in the same language.
    first_resume_question = turns[1].question
    swapped = swap_practice_question(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=turns[1].position,
        rng=random.Random(1),
    )
    new_question = next(t.question for t in swapped.turns if t.position == turns[1].position)
    assert new_question != first_resume_question
    assert any(fact in new_question for fact in facts)


def test_a_german_practice_follows_up_in_german(session: Session) -> None:
    user, job = _candidate(session, language="de", with_resume=False)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="practice"
    )
    view = open_practice(
        session=session, user_id=user.id, interview_id=interview.id, rng=random.Random(2)
    )
    assert all(turn.kind != "resume" for turn in view.turns)
    role = next(turn for turn in view.turns if turn.kind == "role")
    for turn in view.turns:
        if turn.position >= role.position:
            break
        save_practice_answer(
            session=session,
            user_id=user.id,
            interview_id=interview.id,
            position=turn.position,
            answer={"text": "Ich bin Entwicklerin.", "start_ms": 0, "end_ms": 1_000},
        )
    view = save_practice_answer(
        session=session,
        user_id=user.id,
        interview_id=interview.id,
        position=role.position,
        answer={"text": "Mit Python.", "start_ms": 2_000, "end_ms": 3_000},
        add_follow_up=False,
    )
    draft = follow_up_draft(
        session=session, user_id=user.id, interview_id=interview.id, position=role.position
    )
    assert draft is not None and draft.language == "de"
    assert draft.rule_question == BANKS["de"].follow_ups.short


async def test_the_live_setup_carries_the_resume_summary_and_the_speech_language(
    gemini: FakeGeminiLive, session: Session
) -> None:
    user, job = _candidate(session, language="de", with_resume=True)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="gemini"
    )

    live = await gemini_live.start_live_session(user_id=user.id, interview_id=interview.id)

    # What the token locks, as the fake received it.
    locked = gemini.tokens[live.token].setup
    assert locked["generationConfig"]["speechConfig"] == {"languageCode": "de-DE"}
    instruction = locked["systemInstruction"]["parts"][0]["text"]
    assert "Hold the whole interview in German (Deutsch)" in instruction
    summary = instruction.split("Candidate's résumé (a summary):\n")[1].split("\n\n")[0]
    assert "Acme GmbH" in summary and "Orbit Ledger" in summary
    assert len(summary) <= gemini_live.RESUME_SUMMARY_MAX_CHARACTERS
    assert "Ask at least two questions about the résumé" in instruction

    # The browser's setup is the one the token locks: the fake accepts it and records it.
    async with connect(f"{live.socket_url}?access_token={live.token}") as socket:
        await socket.send(json.dumps({"setup": live.setup}))
        assert json.loads(await socket.recv()) == {"setupComplete": {}}
    received = gemini.connections[-1].setup
    assert received is not None
    assert received["generationConfig"]["speechConfig"] == {"languageCode": "de-DE"}
    assert summary in received["systemInstruction"]["parts"][0]["text"]


async def test_an_english_live_setup_without_a_resume_is_as_before(
    gemini: FakeGeminiLive, session: Session
) -> None:
    user, job = _candidate(session, language="en", with_resume=False)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="gemini"
    )
    live = await gemini_live.start_live_session(user_id=user.id, interview_id=interview.id)
    locked = gemini.tokens[live.token].setup
    assert locked["generationConfig"] == {"responseModalities": ["AUDIO"]}
    assert "résumé" not in locked["systemInstruction"]["parts"][0]["text"]


async def test_hume_mints_no_call_for_a_job_in_another_language(
    fake: FakeHume, session: Session
) -> None:
    user, job = _candidate(session, language="fr", with_resume=False)
    interview = create_interview(
        session=session, user_id=user.id, job_info_id=job.id, voice_provider="hume"
    )
    requests_before = len(fake.token_requests)

    with pytest.raises(VoiceNotConfiguredError, match=r"English only.*French"):
        await start_browser_call(user_id=user.id, interview_id=interview.id)

    assert len(fake.token_requests) == requests_before
    job.interview_language = "en"
    session.add(job)
    session.commit()
    call = await start_browser_call(user_id=user.id, interview_id=interview.id)
    assert call.access_token in fake.tokens
