"""Reading OpenAI-compatible chat completions leniently, and the requests' pure parts."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from interview_app.config import Settings
from interview_app.services.calls.follow_ups import build_follow_up_prompt, parse_follow_up
from interview_app.services.calls.practice import FollowUpDraft
from interview_app.services.feedback.prompt import GeminiFeedback
from interview_app.services.llm.chat import (
    ModelCallError,
    answer_text,
    chat_completions_url,
    llm_configured,
    parse_json_object,
    strict_json_schema,
)


@pytest.mark.parametrize(
    "base",
    [
        "http://127.0.0.1:11434",
        "http://127.0.0.1:11434/",
        "http://127.0.0.1:11434/v1",
        "http://127.0.0.1:11434/v1/",
        " http://127.0.0.1:11434/v1 ",
    ],
)
def test_the_endpoint_is_the_same_with_or_without_v1(base: str) -> None:
    assert chat_completions_url(base) == "http://127.0.0.1:11434/v1/chat/completions"


def test_a_hosted_base_url_keeps_its_path() -> None:
    assert (
        chat_completions_url("https://example.org/openai/v1")
        == "https://example.org/openai/v1/chat/completions"
    )


def test_the_model_counts_as_set_up_only_with_both_url_and_model() -> None:
    assert not llm_configured(Settings(llm_base_url="http://x", llm_model=None))
    assert not llm_configured(Settings(llm_base_url=" ", llm_model="m"))
    assert llm_configured(Settings(llm_base_url="http://x", llm_model="m"))


class _Inner(BaseModel):
    title: str
    description: str | None


class _Outer(BaseModel):
    """Docstrings are not instructions to the model."""

    items: list[_Inner]
    count: int = 3


def test_the_schema_is_self_contained_and_strict() -> None:
    schema = strict_json_schema(_Outer)
    text = json.dumps(schema)
    assert "$ref" not in text
    assert "$defs" not in text
    assert "Docstrings" not in text
    assert schema["required"] == ["items", "count"]
    assert schema["additionalProperties"] is False
    inner = schema["properties"]["items"]["items"]
    # Properties named like schema keywords are kept.
    assert list(inner["properties"]) == ["title", "description"]
    assert inner["required"] == ["title", "description"]
    assert inner["additionalProperties"] is False


def test_the_feedback_schema_keeps_its_enums_and_bounds() -> None:
    schema = strict_json_schema(GeminiFeedback)
    category = schema["properties"]["categories"]["items"]
    assert "Role Fit & Alignment" in category["properties"]["name"]["enum"]
    assert schema["properties"]["overall_score"] == {"maximum": 10, "minimum": 0, "type": "integer"}


def _payload(message: dict, **choice: object) -> dict:
    return {"choices": [{"index": 0, "message": message, "finish_reason": "stop", **choice}]}


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        (_payload({"role": "assistant", "content": ' {"a": 1} '}), '{"a": 1}'),
        (
            _payload(
                {"content": [{"type": "text", "text": '{"a":'}, {"type": "text", "text": "1}"}]}
            ),
            '{"a":1}',
        ),
        (_payload({"content": "<think>\nLet me see.\n</think>\n{}"}), "{}"),
        ({"choices": [{"text": "plain completion"}]}, "plain completion"),
    ],
    ids=["string", "text-parts", "think-block", "completions-style"],
)
def test_the_answer_text_is_read_leniently(payload: dict, text: str) -> None:
    assert answer_text(payload) == text


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"choices": []},
        ["not", "an", "object"],
        _payload({"content": None, "refusal": "I can't help with that."}),
        _payload({"content": "   "}, finish_reason="length"),
        _payload({"content": "<think>only thinking</think>"}),
    ],
    ids=["no-choices", "empty-choices", "list", "refusal", "blank", "only-thinking"],
)
def test_an_answer_without_text_is_a_failure(payload: object) -> None:
    with pytest.raises(ModelCallError):
        answer_text(payload)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',
        '```json\n{"a": 1}\n```',
        'Here it is:\n```JSON\n{"a": 1}\n```\nAnything else?',
        'The answer is {"a": 1}, as asked.',
    ],
)
def test_json_is_found_wherever_the_model_put_it(text: str) -> None:
    assert parse_json_object(text) == {"a": 1}


@pytest.mark.parametrize("text", [None, "", "no json here", "[1, 2]", "{broken"])
def test_text_without_a_json_object_is_refused(text: str | None) -> None:
    with pytest.raises(ValueError):
        parse_json_object(text)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ('{"question": "What did you decide yourself?"}', "What did you decide yourself?"),
        ('```json\n{"follow_up": "And the result?  How  much?"}\n```', "And the result? How much?"),
        ("**What would you change next time?**", "What would you change next time?"),
        ('"Why did you pick a cache?"', "Why did you pick a cache?"),
    ],
)
def test_the_follow_up_is_read_leniently(text: str, question: str) -> None:
    assert parse_follow_up(text) == question


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        '{"question": "Why?"}',
        "Great answer, well done.",
        '{"question": 3, "note": "a", "other": "b"}',
        '{"question": "' + "Why " * 100 + '?"}',
    ],
    ids=["none", "empty", "too-short", "not-a-question", "no-text", "too-long"],
)
def test_an_unusable_follow_up_is_none(text: str | None) -> None:
    assert parse_follow_up(text) is None


def test_the_follow_up_prompt_holds_the_job_question_and_answer() -> None:
    draft = FollowUpDraft(
        position=20,
        rule_question="How did that turn out?",
        question="Tell me about   a project.",
        answer="We built\na cache.",
        job_title="",
        job_description="x" * 5_000,
        experience_level="senior",
    )
    prompt = build_follow_up_prompt(draft)
    assert "Title: not given\nExperience level: senior" in prompt
    assert "## Your question\nTell me about a project.\n" in prompt
    assert prompt.endswith("## The candidate's answer\nWe built a cache.\n")
    assert "x" * 3_000 in prompt
    assert "x" * 3_001 not in prompt
