"""Feedback through the real google-genai client against the fake Gemini server.

Runs on SQLite and on PostgreSQL; the fake runs in this process and records what the app
sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini, sample_feedback
from interview_app.devtools.fake_hume import FakeHume, FakeHumeServer
from interview_app.models import Interview, utcnow
from interview_app.services.errors import (
    PERMISSION_DENIED_MESSAGE,
    FeedbackError,
    NotCompletedError,
    PermissionDeniedError,
)
from interview_app.services.feedback.answers import AnswerInputs
from interview_app.services.feedback.generation import (
    NO_TRANSCRIPT_MESSAGE,
    generate_interview_feedback,
    get_feedback_view,
)
from interview_app.services.feedback.generators import GeminiGenerator
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES, FeedbackReport
from interview_app.services.transcript_entry import TranscriptEntry
from tests.integration.conftest import GEMINI_API_KEY as API_KEY
from tests.support_feedback import add_finished_interview, add_user


def stored(engine: Engine, interview: Interview) -> Interview:
    with Session(engine) as fresh:
        row = fresh.get(Interview, interview.id)
        assert row is not None
        return row


def with_old_feedback(session: Session, interview: Interview) -> Interview:
    interview.feedback = "## Overall Rating: 3/10\n\nOld feedback.\n"
    interview.feedback_status = "done"
    session.add(interview)
    session.commit()
    return interview


async def test_feedback_is_generated_stored_and_scored(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "ada@example.com", name="Ada Lovelace")
    interview = add_finished_interview(session, user.id)

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=str(interview.id))

    assert markdown.startswith("## Overall Rating: 7/10")
    assert "## Communication Clarity: 8/10" in markdown
    row = stored(engine, interview)
    assert row.feedback == markdown
    assert row.feedback_status == "done"
    report = FeedbackReport.model_validate_json(row.feedback_json or "")
    assert report.overall_score == 7
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)
    assert report.generator == "gemini"

    [request] = gemini.generate_requests()
    assert request.path == "/v1/models/gemini-test-model:generateContent"
    assert request.headers["x-goog-api-key"] == API_KEY
    assert API_KEY not in request.raw_body
    system = request.system_prompt()
    assert all(name in system for name in FEEDBACK_CATEGORIES)
    assert '"you"' in system
    prompt = request.user_prompt()
    assert "Name: Ada Lovelace" in prompt
    assert "Title: Senior Python Developer" in prompt
    assert "Experience level: Senior" in prompt
    assert "mentor two engineers" in prompt
    assert (
        "[00:08 | 3.5 s pause; expressed: Calmness 0.61, Interest 0.44, Determination 0.30] "
        "interviewee: I designed a payments API" in prompt
    )
    assert "[01:15 | 52.0 s pause; expressed: Concentration 0.52, Doubt 0.20]" in prompt
    assert "[00:21 | 1.0 s pause] interviewer: How did you keep it reliable?" in prompt
    config = request.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseSchema"]["required"] == [
        "overall_score",
        "summary",
        "categories",
        "strengths",
        "improvements",
        "answers",
    ]
    # Each question is reviewed, with the transcript's question and answer and the model's
    # judgement; the quotes are the candidate's words.
    assert "## Questions\n0. Tell me about a system you designed.\n1. How did you keep" in prompt
    assert [review.question for review in report.answers] == [
        "Tell me about a system you designed.",
        "How did you keep it reliable?",
    ]
    assert report.answers[1].answer == "Idempotency keys, retries with backoff, and good alerts."
    assert report.answers[0].quotes == ["I designed a payments API that handled a"]
    assert report.answers[0].stronger_version.startswith("I designed a payments API")
    assert report.quotes_dropped == 0


async def test_a_503_is_retried_and_then_succeeds(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "retry@example.com")
    interview = add_finished_interview(session, user.id)
    gemini.configure(errors=[503])

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert [r.status for r in gemini.generate_requests()] == [503, 200]
    assert stored(engine, interview).feedback == markdown


async def test_persistent_failure_keeps_the_old_feedback(
    gemini: FakeGemini, engine: Engine, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = add_user(session, "down@example.com")
    interview = with_old_feedback(session, add_finished_interview(session, user.id))
    gemini.configure(errors=[503, 429, 500, 503])

    with pytest.raises(FeedbackError, match=r"^Failed to generate feedback$"):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert len(gemini.generate_requests()) == 3  # GEMINI_RETRY_ATTEMPTS
    row = stored(engine, interview)
    assert row.feedback == "## Overall Rating: 3/10\n\nOld feedback.\n"
    assert row.feedback_status == "failed"
    assert row.feedback_error == "Failed to generate feedback"
    assert "HTTP 500 INTERNAL" in caplog.text
    assert API_KEY not in caplog.text


async def test_timeouts_are_retried_then_fail_cleanly(
    gemini: FakeGemini, engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_TIMEOUT_SECONDS", "0.3")
    monkeypatch.setenv("GEMINI_RETRY_ATTEMPTS", "2")
    get_settings.cache_clear()
    user = add_user(session, "slow@example.com")
    interview = with_old_feedback(session, add_finished_interview(session, user.id))
    gemini.configure(delay_seconds=1.0)

    with pytest.raises(FeedbackError, match=r"^Failed to generate feedback$"):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    row = stored(engine, interview)
    assert (row.feedback_status, row.feedback) == (
        "failed",
        "## Overall Rating: 3/10\n\nOld feedback.\n",
    )
    await asyncio.sleep(1.2)  # the fake records a request when it answers
    assert len(gemini.generate_requests()) == 2


@pytest.mark.parametrize(
    "answer",
    [
        {"refuse": True},
        {"text": ""},
        {"text": "Sorry, I cannot help with that."},
        {"text": json.dumps({**sample_feedback(), "categories": []})},
        {"text": json.dumps({**sample_feedback(), "overall_score": 11})},
    ],
    ids=["refusal", "empty", "prose", "no-categories", "score-out-of-range"],
)
async def test_unusable_answers_fail_cleanly_and_lose_nothing(
    gemini: FakeGemini, engine: Engine, session: Session, answer: dict[str, object]
) -> None:
    user = add_user(session, "odd@example.com")
    interview = with_old_feedback(session, add_finished_interview(session, user.id))
    gemini.configure(**answer)

    with pytest.raises(FeedbackError, match=r"^Failed to generate feedback$"):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert len(gemini.generate_requests()) == 1  # not retried: asking again would not help
    row = stored(engine, interview)
    assert row.feedback == "## Overall Rating: 3/10\n\nOld feedback.\n"
    assert row.feedback_status == "failed"


async def test_a_fenced_answer_with_shuffled_categories_is_accepted(
    gemini: FakeGemini, session: Session
) -> None:
    user = add_user(session, "lenient@example.com")
    interview = add_finished_interview(session, user.id)
    answer = sample_feedback(5)
    answer["categories"] = [
        {**c, "name": c["name"].upper()} for c in reversed(answer["categories"])
    ]
    gemini.configure(text="```json\n" + json.dumps(answer) + "\n```")

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert markdown.index("## Communication Clarity") < markdown.index("## Role Fit & Alignment")


async def test_another_users_interview_is_refused(gemini: FakeGemini, session: Session) -> None:
    owner = add_user(session, "owner@example.com")
    intruder = add_user(session, "intruder@example.com")
    interview = add_finished_interview(session, owner.id)

    with pytest.raises(PermissionDeniedError) as refused:
        await generate_interview_feedback(user_id=intruder.id, interview_id=interview.id)

    assert str(refused.value) == PERMISSION_DENIED_MESSAGE
    assert gemini.generate_requests() == []


async def test_an_interview_without_a_chat_id_is_refused(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "early@example.com")
    interview = add_finished_interview(session, user.id, completed=False)

    with pytest.raises(NotCompletedError) as refused:
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert str(refused.value) == "Interview has not been completed yet"
    assert gemini.generate_requests() == []
    assert stored(engine, interview).feedback_status == "idle"


async def test_an_interview_without_a_stored_transcript_is_refused(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "silent@example.com")
    interview = add_finished_interview(session, user.id, with_transcript=False)

    with pytest.raises(FeedbackError) as refused:
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert str(refused.value) == NO_TRANSCRIPT_MESSAGE
    assert gemini.generate_requests() == []
    assert stored(engine, interview).feedback_status == "idle"


async def test_a_hume_transcript_not_stored_yet_is_fetched_first(
    gemini: FakeGemini, engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    hume = FakeHumeServer(FakeHume())
    hume.start()
    try:
        monkeypatch.setenv("HUME_API_KEY", hume.fake.api_key)
        monkeypatch.setenv("HUME_SECRET_KEY", hume.fake.secret_key)
        monkeypatch.setenv("HUME_BASE_URL", hume.base_url)
        get_settings.cache_clear()
        user = add_user(session, "held@example.com")
        interview = add_finished_interview(session, user.id, with_transcript=False)
        chat = hume.fake.add_chat([("AGENT", "Why payments?"), ("USER", "I like ledgers.")])
        interview.voice_provider, interview.hume_chat_id = "hume", chat.id
        session.add(interview)
        session.commit()

        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    finally:
        hume.stop()

    [request] = gemini.generate_requests()
    assert "interviewee: I like ledgers." in request.user_prompt()
    assert stored(engine, interview).feedback_status == "done"


async def test_without_a_key_the_feedback_is_automatic_and_no_model_is_asked(
    gemini: FakeGemini, engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GEMINI_API_KEY")
    get_settings.cache_clear()
    user = add_user(session, "nokey@example.com")
    interview = add_finished_interview(session, user.id)

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert "Automatic feedback" in markdown
    assert gemini.generate_requests() == []
    saved = stored(engine, interview)
    assert (saved.feedback_status, saved.feedback) == ("done", markdown)
    assert json.loads(saved.feedback_json or "")["generator"] == "automatic"


async def test_a_stale_running_claim_is_taken_over(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "stale@example.com")
    interview = add_finished_interview(session, user.id)
    interview.feedback_status = "running"
    interview.feedback_claimed_at = utcnow() - timedelta(hours=1)
    session.add(interview)
    session.commit()
    view = get_feedback_view(session=session, user_id=user.id, interview_id=interview.id)
    # Its worker died; a sweep will resume it, and a click does not have to wait for that.
    assert (view.status, view.error) == ("queued", "")

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert len(gemini.generate_requests()) == 1
    assert stored(engine, interview).feedback_status == "done"


_WORKER = """
import asyncio, sys
from interview_app.services.feedback.generation import generate_interview_feedback
print("ready", flush=True)
sys.stdin.readline()
print(asyncio.run(generate_interview_feedback(user_id=sys.argv[1], interview_id=sys.argv[2])))
"""


def test_two_processes_make_exactly_one_model_call(
    gemini: FakeGemini, database_url: str, engine: Engine, session: Session
) -> None:
    user = add_user(session, "twice@example.com")
    interview = add_finished_interview(session, user.id)
    gemini.configure(delay_seconds=1.5)
    env = {**os.environ, "DATABASE_URL": database_url}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(user.id), str(interview.id)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # Both have imported everything before either is told to go.
    assert [worker.stdout.readline() for worker in workers] == ["ready\n", "ready\n"]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=60) for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], outputs
    assert len(gemini.generate_requests()) == 1
    assert outputs[0][0] == outputs[1][0]
    assert outputs[0][0].startswith("## Overall Rating: 7/10")
    assert stored(engine, interview).feedback_status == "done"


async def test_quotes_the_candidate_never_said_are_dropped_and_counted(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "quotes@example.com")
    interview = add_finished_interview(session, user.id)
    answer = sample_feedback()
    answer["categories"][0]["markdown"] = (
        'At 00:08 you said "I designed a payments API". At 01:15 you said "I rewrote it '
        'all in Rust over a weekend". Try "I led the design" next time.'
    )
    gemini.configure(invented_quote="I single-handedly saved the company")
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    gemini.configure(text=None)

    report = FeedbackReport.model_validate_json(stored(engine, interview).feedback_json or "")
    assert all("saved the company" not in quote for r in report.answers for quote in r.quotes)
    assert report.quotes_dropped == 2  # one invented quote in each answer's review

    gemini.configure(invented_quote=None, text=json.dumps({**answer, "answers": []}))
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    report = FeedbackReport.model_validate_json(stored(engine, interview).feedback_json or "")
    clarity = report.categories[0].markdown
    assert '"I designed a payments API"' in clarity
    assert "Rust" not in clarity and "quote left out" in clarity
    assert '"I led the design"' in clarity  # suggested wording, not shown as theirs
    assert report.quotes_dropped == 1
    # The model reviewed no answer: each question still has one, written automatically.
    assert [r.question_index for r in report.answers] == [0, 1]
    assert all(r.stronger_version for r in report.answers)


async def test_typed_interviews_have_no_pacing_score_whoever_writes_the_feedback(
    gemini: FakeGemini, engine: Engine, session: Session
) -> None:
    user = add_user(session, "typed@example.com")
    interview = add_finished_interview(session, user.id, typed=True)

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert "## Pacing and Timing: not measured" in markdown
    report = FeedbackReport.model_validate_json(stored(engine, interview).feedback_json or "")
    assert report.categories[3].score is None


async def test_gemini_reviews_one_retried_answer_and_its_quotes_are_checked(
    gemini: FakeGemini,
) -> None:
    inputs = AnswerInputs(
        question="How did you keep it reliable?",
        answer=[
            TranscriptEntry(
                speaker="interviewee",
                text="Idempotency keys and retries. Alerts on every failed payment.",
                start_ms=0,
                spoken=False,
            )
        ],
        job_description="Design and run payment APIs in Python.",
        job_title=None,
        experience_level="senior",
        question_index=1,
    )
    gemini.configure(invented_quote="I never lost a single payment in ten years")

    review = await GeminiGenerator().review_answer(inputs, get_settings())

    [request] = gemini.generate_requests()
    assert "stronger_version" in request.body["generationConfig"]["responseSchema"]["properties"]
    assert "never invent an achievement" in request.system_prompt()
    assert "## Question (question_index 1)" in request.user_prompt()
    assert (review.question_index, review.question) == (1, "How did you keep it reliable?")
    assert review.answer == "Idempotency keys and retries. Alerts on every failed payment."
    assert review.quotes == ["Idempotency keys and retries. Alerts on every failed"]
    assert review.stronger_version.startswith("Idempotency keys and retries.")
