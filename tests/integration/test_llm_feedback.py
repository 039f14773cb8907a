"""Feedback from an OpenAI-compatible model, against the fake chat-completions server.

Runs on SQLite and on PostgreSQL; the fake runs in this process, follows the OpenAI
chat-completions protocol and records what the app sent.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlmodel import Session

from interview_app.cli import main
from interview_app.config import get_settings
from interview_app.devtools.fake_gemini import FakeGemini, sample_feedback
from interview_app.devtools.fake_openai import FakeOpenAI
from interview_app.models import Interview
from interview_app.services.errors import FeedbackError, ModelBudgetError
from interview_app.services.feedback.answers import AnswerInputs
from interview_app.services.feedback.generation import generate_interview_feedback
from interview_app.services.feedback.generators import LlmGenerator, select_generator
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES, FeedbackReport
from interview_app.services.transcript_entry import TranscriptEntry
from tests.integration.conftest import LLM_API_KEY
from tests.integration.test_review_command import DESCRIPTION, MESSAGES
from tests.support_feedback import add_finished_interview, add_user


def stored(engine: Engine, interview: Interview) -> Interview:
    with Session(engine) as fresh:
        row = fresh.get(Interview, interview.id)
        assert row is not None
        return row


async def test_the_model_writes_the_report_through_chat_completions(
    llm: FakeOpenAI, engine: Engine, session: Session
) -> None:
    user = add_user(session, "ada@example.com", name="Ada Lovelace")
    interview = add_finished_interview(session, user.id)

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert markdown.startswith("## Overall Rating: 7/10")
    row = stored(engine, interview)
    assert (row.feedback, row.feedback_status) == (markdown, "done")
    report = FeedbackReport.model_validate_json(row.feedback_json or "")
    assert report.generator == "llm"
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)
    assert report.answers[0].quotes == ["I designed a payments API that handled a"]
    assert report.quotes_dropped == 0

    [request] = llm.completion_requests()
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {LLM_API_KEY}"
    assert request.body["model"] == "llm-test-model"
    assert request.body["stream"] is False
    # One prompt, two transports: the Gemini generator's system and user messages.
    assert all(name in request.message("system") for name in FEEDBACK_CATEGORIES)
    assert "Name: Ada Lovelace" in request.message("user")
    assert "## Questions\n0. Tell me about a system you designed." in request.message("user")
    response_format = request.body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "interview_feedback"
    assert response_format["json_schema"]["strict"] is True
    schema = request.schema()
    assert "$ref" not in json.dumps(schema)
    assert schema["additionalProperties"] is False
    assert schema["required"] == [
        "overall_score",
        "summary",
        "categories",
        "strengths",
        "improvements",
        "answers",
    ]
    answer_schema = schema["properties"]["answers"]["items"]
    assert answer_schema["additionalProperties"] is False
    assert "stronger_version" in answer_schema["required"]


async def test_the_model_comes_before_gemini_when_both_are_set(
    llm: FakeOpenAI, gemini: FakeGemini, session: Session
) -> None:
    assert select_generator(get_settings()).name == "llm"
    user = add_user(session, "both@example.com")
    interview = add_finished_interview(session, user.id)

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert len(llm.completion_requests()) == 1
    assert gemini.generate_requests() == []


@pytest.mark.parametrize("base_suffix", ["/v1", "/v1/", "/"])
async def test_a_base_url_with_or_without_v1_reaches_the_same_endpoint(
    llm: FakeOpenAI, session: Session, monkeypatch: pytest.MonkeyPatch, base_suffix: str
) -> None:
    monkeypatch.setenv("LLM_BASE_URL", get_settings().llm_base_url + base_suffix)
    get_settings.cache_clear()
    user = add_user(session, "suffix@example.com")
    interview = add_finished_interview(session, user.id)

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert [r.path for r in llm.completion_requests()] == ["/v1/chat/completions"]


@pytest.mark.parametrize(
    "around",
    [
        "```json\n{json}\n```",
        "Here is the feedback you asked for:\n\n```\n{json}\n```\nGood luck!",
        "<think>The candidate was calm. Seven out of ten.</think>\n{json}",
        "Sure. {json} I hope this helps.",
    ],
    ids=["fence", "prose-and-fence", "think-block", "prose-around-object"],
)
async def test_answers_wrapped_as_models_wrap_them_are_read(
    llm: FakeOpenAI, engine: Engine, session: Session, around: str
) -> None:
    user = add_user(session, "wrapped@example.com")
    interview = add_finished_interview(session, user.id)
    llm.configure(around=around)

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    report = FeedbackReport.model_validate_json(stored(engine, interview).feedback_json or "")
    assert (report.generator, report.overall_score) == ("llm", 7)


async def test_content_given_as_text_parts_and_loose_names_is_read(
    llm: FakeOpenAI, engine: Engine, session: Session
) -> None:
    user = add_user(session, "parts@example.com")
    interview = add_finished_interview(session, user.id)
    feedback = sample_feedback(6)
    # Category names as a model might spell them, out of order; no answers reviewed.
    feedback["categories"] = [
        {**category, "name": category["name"].upper().replace("&", "and")}
        for category in reversed(feedback["categories"])
    ]
    llm.configure(text=json.dumps(feedback))

    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    report = FeedbackReport.model_validate_json(stored(engine, interview).feedback_json or "")
    assert [c.name for c in report.categories] == list(FEEDBACK_CATEGORIES)
    # The questions the model skipped get the automatic review.
    assert len(report.answers) == 2


async def test_5xx_and_timeouts_are_retried_and_then_succeed(
    llm: FakeOpenAI, engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLM_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    user = add_user(session, "retry@example.com")
    interview = add_finished_interview(session, user.id)
    llm.configure(errors=[503], delays=[0.0, 2.0])

    markdown = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert stored(engine, interview).feedback == markdown
    # 503, then a request that outlived the client's timeout, then success. The fake
    # records a request when it answers: the slow one comes last, 2 s after it arrived.
    deadline = time.monotonic() + 10
    while len(llm.completion_requests()) < 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert [r.status for r in llm.completion_requests()] == [503, 200, 200]


@pytest.mark.parametrize(
    "failure",
    [
        {"errors": [503, 502, 500]},
        {"refuse": True},
        {"text": "I am sorry, I cannot write feedback on this interview."},
        {"text": '{"overall_score": 7}'},
    ],
    ids=["5xx-every-time", "refusal", "no-json", "wrong-structure"],
)
async def test_a_failure_says_so_clearly_and_keeps_stored_feedback(
    llm: FakeOpenAI, engine: Engine, session: Session, failure: dict
) -> None:
    user = add_user(session, "fail@example.com")
    interview = add_finished_interview(session, user.id)
    first = await generate_interview_feedback(user_id=user.id, interview_id=interview.id)
    llm.configure(**failure)

    with pytest.raises(FeedbackError) as failed:
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert str(failed.value) == "Failed to generate feedback"
    row = stored(engine, interview)
    assert (row.feedback, row.feedback_status) == (first, "failed")
    assert row.feedback_error == "Failed to generate feedback"
    # Three attempts in all for 5xx; a refusal or a bad answer is not asked again.
    expected = 3 if "errors" in failure else 1
    assert len(llm.completion_requests()) == 1 + expected


async def test_a_wrong_key_is_not_retried(llm: FakeOpenAI, session: Session) -> None:
    user = add_user(session, "key@example.com")
    interview = add_finished_interview(session, user.id)
    llm.configure(api_key="another-key")

    with pytest.raises(FeedbackError):
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert [r.status for r in llm.completion_requests()] == [401]


async def test_feedback_past_the_days_allowance_asks_no_model(
    llm: FakeOpenAI, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODEL_CALLS_PER_USER_PER_DAY", "1")
    get_settings.cache_clear()
    user = add_user(session, "budget@example.com")
    interview = add_finished_interview(session, user.id)
    await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    with pytest.raises(FeedbackError) as refused:
        await generate_interview_feedback(user_id=user.id, interview_id=interview.id)

    assert str(refused.value) == ModelBudgetError.default_message
    assert len(llm.completion_requests()) == 1


async def test_the_model_reviews_one_retried_answer_and_its_quotes_are_checked(
    llm: FakeOpenAI,
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
    llm.configure(invented_quote="I never lost a single payment in ten years")

    review = await LlmGenerator().review_answer(inputs, get_settings())

    [request] = llm.completion_requests()
    assert request.body["response_format"]["json_schema"]["name"] == "answer_review"
    assert "stronger_version" in request.schema()["required"]
    assert "never invent an achievement" in request.message("system")
    assert "## Question (question_index 1)" in request.message("user")
    assert (review.question_index, review.question) == (1, "How did you keep it reliable?")
    # The invented quote is not in the answer: dropped.
    assert review.quotes == ["Idempotency keys and retries. Alerts on every failed"]


def test_the_review_command_takes_the_model(
    llm: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    transcript = tmp_path / "interview.json"
    transcript.write_text(json.dumps({"messages": MESSAGES}))
    job = tmp_path / "job.txt"
    job.write_text(DESCRIPTION)

    result = CliRunner().invoke(
        main, ["review", str(transcript), "--job-description", str(job), "--generator", "llm"]
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["generator"] == "llm"
    assert len(llm.completion_requests()) == 1

    monkeypatch.delenv("LLM_MODEL")
    get_settings.cache_clear()
    result = CliRunner().invoke(
        main, ["review", str(transcript), "--job-description", str(job), "--generator", "llm"]
    )
    assert result.exit_code == 2
    assert "--generator llm needs LLM_BASE_URL and LLM_MODEL to be set." in result.stderr
    assert "Traceback" not in result.output
